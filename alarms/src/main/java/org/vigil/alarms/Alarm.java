package org.vigil.alarms;

import java.time.Instant;
import org.vigil.data.model.AlarmMessage;
import org.vigil.data.model.AlarmPriority;

/**
 * One alarm condition of one bed, immutable. {@code onset} is the device time of the data that started it (for
 * NO_DATA, of the last data received) and makes the ward-wide id; {@code raisedAt} is this station's clock.
 * {@code value}, {@code limit} and {@code unit} are null for technical alarms.
 */
public record Alarm(String id, String bed, String condition, AlarmKind kind, AlarmPriority priority, boolean active,
                    String text, Double value, Double limit, String unit, Instant onset, Instant raisedAt) {

    static Alarm raise(String bed, String condition, AlarmKind kind, AlarmPriority priority, String text,
                       Double value, Double limit, String unit, Instant onset, Instant now) {
        return new Alarm(AlarmMessage.alarmId(bed, condition, onset), bed, condition, kind, priority, true, text,
                value, limit, unit, onset, now);
    }

    Alarm withValue(String newText, Double newValue) {
        return new Alarm(id, bed, condition, kind, priority, active, newText, newValue, limit, unit, onset, raisedAt);
    }

    Alarm ended() {
        return new Alarm(id, bed, condition, kind, priority, false, text, value, limit, unit, onset, raisedAt);
    }

    /** Highest priority first, then oldest first: the order of the alarm bar. */
    public static int byPriorityThenAge(Alarm a, Alarm b) {
        int p = a.priority.compareTo(b.priority);
        return p != 0 ? p : a.raisedAt.compareTo(b.raisedAt);
    }
}
