package org.vigil.data.store;

import java.time.Instant;
import java.util.Objects;
import org.vigil.data.model.AlarmPriority;

/**
 * One row of the alarm log: a change of an alarm (raised, acknowledged, escalated, ended...), with who, what, when,
 * limits and value. {@code id} is 0 for an entry not yet stored. Nullable: patientId, value, limitLow, limitHigh,
 * unit, sourceTime, username. Immutable, safe on any thread.
 */
public record AlarmLogEntry(long id, Instant loggedAt, String alarmId, String bedId, Long patientId,
                            String conditionCode, String kind, AlarmPriority priority, String state, Double value,
                            Double limitLow, Double limitHigh, String unit, Instant sourceTime, String username,
                            String station, String text) {
    public AlarmLogEntry {
        Objects.requireNonNull(loggedAt, "loggedAt");
        Objects.requireNonNull(alarmId, "alarmId");
        Objects.requireNonNull(bedId, "bedId");
        Objects.requireNonNull(conditionCode, "conditionCode");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(text, "text");
    }
}
