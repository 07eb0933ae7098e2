package org.vigil.data.model;

import java.util.Locale;

/** Patient category, which picks default alarm limits. Wire names are lower case. */
public enum PatientCategory {
    ADULT, PAEDIATRIC, NEONATE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the value when it is not a category */
    public static PatientCategory fromWire(String s) {
        for (PatientCategory c : values()) {
            if (c.wireName().equals(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown patient category '" + s + "' (adult, paediatric, neonate)");
    }
}
