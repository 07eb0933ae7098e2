package org.vigil.data.model;

import java.util.Locale;

/** A bedside device's own state as it reports it on its status topic. */
public enum DeviceState {
    ONLINE, STANDBY, OFFLINE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the state, or null when {@code s} is not one */
    public static DeviceState fromWire(String s) {
        for (DeviceState d : values()) {
            if (d.wireName().equals(s)) {
                return d;
            }
        }
        return null;
    }
}
