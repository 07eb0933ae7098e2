package org.vigil.app;

import java.util.Arrays;
import java.util.Objects;
import org.vigil.data.store.VigilDatabase;

/**
 * The ward-wide PostgreSQL store a station uses instead of its embedded H2 database: {@code --db URL} or the config
 * file's {@code database: {url, user, password}}, the password also from {@value VigilCommand#ENV_DB_PASSWORD}.
 * {@link #toString()} shows the URL without a {@code password=} parameter and never the password;
 * {@link #password()} returns a copy. Immutable; any thread.
 */
public record DatabaseSettings(String url, String user, char[] password) {

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        password = password == null ? null : password.clone();
    }

    /** The URL as logs and messages may show it (see {@link VigilDatabase#redact}). */
    public String shownUrl() {
        return VigilDatabase.redact(url);
    }

    @Override
    public char[] password() {
        return password == null ? null : password.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatabaseSettings d && url.equals(d.url) && Objects.equals(user, d.user)
                && Arrays.equals(password, d.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, user);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + shownUrl() + ", user=" + user + ", password="
                + (password == null ? "none" : "(hidden)") + "]";
    }
}
