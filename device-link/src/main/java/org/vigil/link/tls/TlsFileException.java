package org.vigil.link.tls;

import java.nio.file.Path;

/**
 * A TLS file the station was given cannot be used: missing, unreadable, not PEM or PKCS#12, a key that does not
 * match its certificate, a wrong or missing password. {@link #item()} says which setting is wrong so that the
 * caller can name its own option; the message names the file and never holds a password.
 */
public final class TlsFileException extends IllegalArgumentException {
    /** Which of the TLS settings is wrong. */
    public enum Item { CA, CERT, KEY, KEY_PASSWORD }

    private final Item item;
    private final transient Path file;

    public TlsFileException(Item item, Path file, String problem) {
        super((file + ": " + problem).replaceAll("\\s*\\R\\s*", " ")); // one line
        this.item = item;
        this.file = file;
    }

    public Item item() {
        return item;
    }

    public Path file() {
        return file;
    }
}
