package org.vigil.alarms;

import java.time.Instant;

/**
 * A change of an alarm that is not a change of its state but must still be published (the retained alarm message
 * changes) and may be logged: {@link #ESCALATION}, {@link #REMINDER} (an acknowledged condition re-sounds),
 * {@link #REMINDER_ACKNOWLEDGED}, {@link #AUDIO_PAUSE}, {@link #ACKNOWLEDGEMENT} (the ward-wide acknowledgement was
 * replaced by an earlier one from another station), {@link #REMOTE} (another station's later escalation or pause
 * was adopted) and {@link #PRIORITY} (a device changed the priority of its event).
 */
public record AlarmUpdate(Alarm alarm, String what, Instant at) {
    public static final String ESCALATION = "escalation";
    public static final String REMINDER = "reminder";
    public static final String REMINDER_ACKNOWLEDGED = "reminder-acknowledged";
    public static final String AUDIO_PAUSE = "audio-pause";
    public static final String ACKNOWLEDGEMENT = "acknowledgement";
    public static final String REMOTE = "remote";
    public static final String PRIORITY = "priority";
}
