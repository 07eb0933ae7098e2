package org.vigil.data.store;

/** A new user's username is already in use (by an enabled or a disabled user: usernames are never reused). */
public class UsernameTakenException extends IllegalArgumentException {
    private final String username;

    public UsernameTakenException(String username) {
        super("The username '" + username + "' is already taken; choose another.");
        this.username = username;
    }

    public String username() {
        return username;
    }
}
