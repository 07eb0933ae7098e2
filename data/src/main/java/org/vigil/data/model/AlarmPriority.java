package org.vigil.data.model;

import java.util.Locale;

/** Alarm priority after IEC 60601-1-8, highest first; the marker is shown beside colour for colour-blind users. */
public enum AlarmPriority {
    HIGH("***"), MEDIUM("**"), LOW("*");

    private final String marker;

    AlarmPriority(String marker) {
        this.marker = marker;
    }

    public String marker() {
        return marker;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the priority, or null when {@code s} is not one */
    public static AlarmPriority fromWire(String s) {
        for (AlarmPriority p : values()) {
            if (p.wireName().equals(s)) {
                return p;
            }
        }
        return null;
    }
}
