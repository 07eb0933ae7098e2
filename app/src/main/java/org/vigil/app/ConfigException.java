package org.vigil.app;

/** A wrong option or configuration value; the message names it and is shown as one line, exit code 2. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
