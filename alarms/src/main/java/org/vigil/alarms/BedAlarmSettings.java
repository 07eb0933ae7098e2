package org.vigil.alarms;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.vigil.data.model.Limit;
import org.vigil.data.model.PatientCategory;

/**
 * The alarm settings in force for one bed, as shown on its tile and in the limit editor: the patient category, the
 * limits (the category's defaults overlaid by the bed's own, in the defaults' order) and the parameters (codes)
 * whose alarms are off, and when they were last changed ({@code updatedAt}, null: never; a change must be stamped
 * later, or it loses to these). Immutable; any thread.
 */
public record BedAlarmSettings(PatientCategory category, Map<String, Limit> limits, Set<String> alarmOff,
                               java.time.Instant updatedAt) {

    public BedAlarmSettings {
        limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits)); // keep the defaults' order for display
        alarmOff = Set.copyOf(alarmOff);
    }

    /** Settings never changed (no time stamp). */
    public BedAlarmSettings(PatientCategory category, Map<String, Limit> limits, Set<String> alarmOff) {
        this(category, limits, alarmOff, null);
    }

    /** A bed nobody set anything for: the category's defaults, nothing off. */
    public static BedAlarmSettings defaults(PatientCategory category) {
        return new BedAlarmSettings(category, DefaultLimits.forCategory(category), Set.of());
    }

    /** The limit of a code, or null when it has none. */
    public Limit limit(String code) {
        return limits.get(code);
    }

    public boolean alarmOff(String code) {
        return alarmOff.contains(code);
    }
}
