package org.vigil.alarms;

import java.time.Instant;

/** A state change of an alarm, for the alarm log and the ward's alarm topic. {@code at} is the station clock. */
public record AlarmChange(Alarm alarm, String state, Instant at) {
    public static final String ACTIVE = "active";
    public static final String ENDED = "ended";
}
