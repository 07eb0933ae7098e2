package org.vigil.data.emr;

/**
 * The EMR could not do what was asked. {@link Unreachable}: the request may succeed later (network error,
 * timeout, 5xx, credentials refused); {@link Refused}: the EMR refused this request for what it contains (4xx)
 * and repeating it will not help.
 */
public abstract sealed class EmrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EmrException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Network error, timeout, a 5xx, or a 401/403 after renewing credentials: try again later. */
    public static final class Unreachable extends EmrException {
        private static final long serialVersionUID = 1L;
        private final boolean credentialsRefused;

        public Unreachable(String message, boolean credentialsRefused, Throwable cause) {
            super(message, cause);
            this.credentialsRefused = credentialsRefused;
        }

        /** True when the EMR answered but refused the station's credentials (401/403). */
        public boolean credentialsRefused() {
            return credentialsRefused;
        }
    }

    /** The EMR refused the request (4xx); the message is the OperationOutcome's diagnostics, as the server wrote them. */
    public static final class Refused extends EmrException {
        private static final long serialVersionUID = 1L;
        private final int httpStatus;

        public Refused(int httpStatus, String outcomeText, Throwable cause) {
            super(outcomeText, cause);
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }
}
