package org.vigil.alarms;

import java.time.Instant;
import org.vigil.data.model.AlarmMessage;
import org.vigil.data.model.AlarmPriority;

/**
 * One alarm of one bed, immutable: a snapshot of its state. {@code onset} is the device time of the data that
 * started the condition (for NO_DATA, of the last data received) and makes the ward-wide id; {@code raisedAt} and
 * {@code updatedAt} are this station's clock (updatedAt: of the last change of its shared fields, the contract's
 * "later updatedAt wins"). {@code value}, {@code limit} and {@code unit} are null for technical alarms.
 *
 * @param active           whether the condition is present now (true for ACTIVE and ACKNOWLEDGED)
 * @param state            active, acknowledged, latched or ended
 * @param ackBy            who acknowledged it (this or another station), or null
 * @param ackAt            when, or null
 * @param escalationLevel  0 until unacknowledged for the first escalation step; 0 again once acknowledged
 * @param audioPausedUntil its sound is paused until then (null: not paused; a past time: pause over)
 * @param reminderDue      acknowledged, still present after the reminder time: it sounds again until re-acknowledged
 */
public record Alarm(String id, String bed, String condition, AlarmKind kind, AlarmPriority priority, boolean active,
                    String text, Double value, Double limit, String unit, Instant onset, Instant raisedAt,
                    AlarmState state, String ackBy, Instant ackAt, int escalationLevel, Instant audioPausedUntil,
                    boolean reminderDue, Instant updatedAt) {

    /** The former shape: ACTIVE or ENDED, never acknowledged. */
    public Alarm(String id, String bed, String condition, AlarmKind kind, AlarmPriority priority, boolean active,
                 String text, Double value, Double limit, String unit, Instant onset, Instant raisedAt) {
        this(id, bed, condition, kind, priority, active, text, value, limit, unit, onset, raisedAt,
                active ? AlarmState.ACTIVE : AlarmState.ENDED, null, null, 0, null, false, raisedAt);
    }

    static Alarm raise(String bed, String condition, AlarmKind kind, AlarmPriority priority, String text,
                       Double value, Double limit, String unit, Instant onset, Instant now) {
        return new Alarm(AlarmMessage.alarmId(bed, condition, onset), bed, condition, kind, priority, true, text,
                value, limit, unit, onset, now);
    }

    /** Acknowledged (now or earlier, here or by another station). */
    public boolean acknowledged() {
        return ackBy != null || ackAt != null;
    }

    /** Whether its sound is paused at {@code now}. */
    public boolean audioPaused(Instant now) {
        return audioPausedUntil != null && now.isBefore(audioPausedUntil);
    }

    /**
     * Whether it calls for sound at {@code now}: active and unacknowledged, latched, or acknowledged with the
     * reminder due; and not under an audio pause.
     */
    public boolean sounding(Instant now) {
        boolean wants = state == AlarmState.ACTIVE || state == AlarmState.LATCHED
                || (state == AlarmState.ACKNOWLEDGED && reminderDue);
        return wants && !audioPaused(now);
    }

    /** The retained message of this alarm for {@code ward/{ward}/alarm/{bed}/{id}}, published by {@code station}. */
    public AlarmMessage toMessage(String ward, String station) {
        return new AlarmMessage(id, ward, bed, condition, kind.wireName(), priority, state.wireName(), text, value,
                limit, unit, onset, raisedAt, ackBy, ackAt, audioPausedUntil, escalationLevel, station, updatedAt);
    }

    /** Highest priority first, then oldest first: the order of the alarm bar. */
    public static int byPriorityThenAge(Alarm a, Alarm b) {
        int p = a.priority.compareTo(b.priority);
        return p != 0 ? p : a.raisedAt.compareTo(b.raisedAt);
    }
}
