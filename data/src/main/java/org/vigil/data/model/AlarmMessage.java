package org.vigil.data.model;

import java.time.Instant;

/**
 * The shared state of one alarm, as published retained on {@code ward/{ward}/alarm/{bed}/{alarm}}. Nullable:
 * value, limit, unit, ackBy, ackAt, audioPausedUntil.
 */
public record AlarmMessage(String alarm, String ward, String bed, String condition, String kind,
                           AlarmPriority priority, String state, String text, Double value, Double limit,
                           String unit, Instant sourceTime, Instant raisedAt, String ackBy, Instant ackAt,
                           Instant audioPausedUntil, int escalationLevel, String station, Instant updatedAt) {

    /** The contract's alarm id: {@code {bed}-{CONDITION}-{onset epoch ms}}. */
    public static String alarmId(String bed, String condition, Instant onset) {
        return bed + "-" + condition + "-" + onset.toEpochMilli();
    }
}
