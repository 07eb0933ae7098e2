package org.vigil.alarms;

import java.util.Locale;

/**
 * The states of an alarm after IEC 60601-1-8: ACTIVE (condition present, not acknowledged), ACKNOWLEDGED (condition
 * present, silenced by a user until it ends or the reminder is due), LATCHED (condition over, still awaiting an
 * acknowledgement: latching conditions only) and ENDED.
 */
public enum AlarmState {
    ACTIVE, ACKNOWLEDGED, LATCHED, ENDED;

    /** The contract's state string: {@code active}, {@code acknowledged}, {@code latched}, {@code ended}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the state, or null when {@code s} is not one */
    public static AlarmState fromWire(String s) {
        for (AlarmState a : values()) {
            if (a.wireName().equals(s)) {
                return a;
            }
        }
        return null;
    }
}
