package org.vigil.ui.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.store.AlarmLogEntry;

/**
 * Where an alarm began, on the device's clock (the alarm log's source time; when the log has none, the time it was
 * logged), with what the alarm bar said. Immutable, any thread.
 */
public record AlarmMarker(String alarmId, String bed, Instant onset, AlarmPriority priority, String condition,
                          String text) {
    public AlarmMarker {
        Objects.requireNonNull(alarmId, "alarmId");
        Objects.requireNonNull(bed, "bed");
        Objects.requireNonNull(onset, "onset");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(text, "text");
    }

    /** The alarm of a log entry (any of its changes: its onset is the same in all). */
    public static AlarmMarker of(AlarmLogEntry e) {
        return new AlarmMarker(e.alarmId(), e.bedId(), e.sourceTime() != null ? e.sourceTime() : e.loggedAt(),
                e.priority(), e.conditionCode(), e.text());
    }

    /**
     * One marker per alarm of the log entries (which hold every change: raised, acknowledged, ended...), for those
     * whose onset is in {@code [from, to)}, oldest first. Late-data notes are not alarms and are left out.
     */
    public static List<AlarmMarker> onsets(List<AlarmLogEntry> entries, Instant from, Instant to) {
        Map<String, AlarmMarker> byAlarm = new LinkedHashMap<>();
        for (AlarmLogEntry e : entries) {
            if ("late".equals(e.state())) {
                continue;
            }
            AlarmMarker m = of(e);
            if (m.onset().isBefore(from) || !m.onset().isBefore(to)) {
                continue;
            }
            byAlarm.putIfAbsent(e.alarmId(), m);
        }
        List<AlarmMarker> out = new ArrayList<>(byAlarm.values());
        out.sort(Comparator.comparing(AlarmMarker::onset));
        return out;
    }

    /** "*** HR 182 > 150" style: the priority marker and the alarm's text. */
    public String label() {
        return priority.marker() + " " + text;
    }
}
