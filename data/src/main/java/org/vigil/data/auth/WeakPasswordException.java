package org.vigil.data.auth;

/**
 * A password refused by {@link PasswordPolicy}. The message says what is wrong, in words a user can act on, and
 * never contains the password.
 */
public class WeakPasswordException extends IllegalArgumentException {
    public WeakPasswordException(String message) {
        super(message);
    }
}
