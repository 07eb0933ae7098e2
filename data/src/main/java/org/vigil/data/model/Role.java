package org.vigil.data.model;

import java.util.Locale;

/**
 * A user's role at the station, lowest first; each role may do everything the roles below it may (see
 * {@link Permission} for the matrix). Wire and database names are lower case: {@code nurse}, {@code charge_nurse},
 * {@code admin} (the {@code app_user.role} CHECK).
 */
public enum Role {
    NURSE("Nurse"), CHARGE_NURSE("Charge nurse"), ADMIN("Administrator");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    /** A human-readable name for screens and messages, e.g. "Charge nurse". */
    public String label() {
        return label;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return true when this role ranks at or above {@code other} (an admin is at least a charge nurse) */
    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** @return true when this role may do {@code p}; see the matrix on {@link Permission} */
    public boolean may(Permission p) {
        return atLeast(p.minimumRole());
    }

    /** @throws IllegalArgumentException naming the value when it is not a role */
    public static Role fromWire(String s) {
        for (Role r : values()) {
            if (r.wireName().equals(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + s + "' (nurse, charge_nurse, admin)");
    }
}
