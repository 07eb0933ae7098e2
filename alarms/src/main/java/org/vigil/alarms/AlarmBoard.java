package org.vigil.alarms;

import java.util.List;
import java.util.Map;

/** An immutable snapshot of the active alarms: the whole ward sorted for the alarm bar, and per bed. Any thread. */
public record AlarmBoard(List<Alarm> active, Map<String, List<Alarm>> byBed) {
    public static final AlarmBoard EMPTY = new AlarmBoard(List.of(), Map.of());

    public AlarmBoard {
        active = List.copyOf(active);
        byBed = Map.copyOf(byBed);
    }

    /** The bed's alarms, highest priority first; empty when none. */
    public List<Alarm> forBed(String bed) {
        return byBed.getOrDefault(bed, List.of());
    }
}
