package org.vigil.data.model;

import java.util.Objects;

/**
 * A station user as stored (never with the password or its hash). {@code username} is the login name (lower
 * case, {@code [a-z0-9._-]{2,64}}), {@code displayName} what screens and logs show. Immutable, safe on any thread.
 */
public record User(long id, String username, String displayName, Role role, boolean disabled) {
    public User {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
    }

    /** @return true when this user is enabled and the role holds {@code p} */
    public boolean may(Permission p) {
        return !disabled && role.may(p);
    }
}
