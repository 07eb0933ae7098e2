package org.vigil.alarms;

import java.util.Locale;

/** Physiological (the patient) or technical (the equipment or the data path). */
public enum AlarmKind {
    PHYSIOLOGICAL, TECHNICAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
