package org.vigil.alarms;

import java.time.Instant;

/**
 * A state change of an alarm, for the alarm log and the ward's alarm topic: exactly one per transition (raised,
 * acknowledged, latched, ended). {@code state} is the contract's state string and equals
 * {@code alarm.state().wireName()}; the alarm carries who acknowledged it and its escalation level. {@code at} is
 * the station clock.
 */
public record AlarmChange(Alarm alarm, String state, Instant at) {
    public static final String ACTIVE = "active";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String LATCHED = "latched";
    public static final String ENDED = "ended";
}
