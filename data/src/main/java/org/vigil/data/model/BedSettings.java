package org.vigil.data.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Limits, alarm-off switches and category of a bed, shared between stations (retained, later updatedAt wins). */
public record BedSettings(String bed, PatientCategory category, Map<String, Limit> limits, List<String> alarmOff,
                          String changedBy, String station, Instant updatedAt) {
    public BedSettings {
        // keep the sender's order: shown and re-published as given
        limits = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(limits));
        alarmOff = List.copyOf(alarmOff);
    }
}
