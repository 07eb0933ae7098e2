package org.vigil.data.store;

/** A failure of the store (cannot open, locked, not writable, migration or SQL failure); may be thrown on any thread. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
