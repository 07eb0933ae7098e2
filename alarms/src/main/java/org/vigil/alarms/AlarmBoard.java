package org.vigil.alarms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigil.data.model.AlarmPriority;

/**
 * An immutable snapshot of the alarms: every alarm not ended (active, acknowledged, latched) of the whole ward
 * sorted for the alarm bar, and per bed; the alarm-off switches per bed (a permanent indicator), the audio pauses
 * and the priority that should sound as of the snapshot. Any thread.
 *
 * @param soundingPriority the highest priority that should sound (null: silence), see
 *                         {@link AlarmEvaluator#soundingPriority(Instant)}
 * @param wardPausedUntil  the ward-wide audio pause, or null
 * @param bedPausedUntil   per bed audio pauses (only beds with one)
 * @param settings         per bed the category, limits and alarm-off switches in force (beds the engine knows)
 */
public record AlarmBoard(List<Alarm> active, Map<String, List<Alarm>> byBed, Map<String, Set<String>> alarmOff,
                         AlarmPriority soundingPriority, Instant wardPausedUntil, Map<String, Instant> bedPausedUntil,
                         Map<String, BedAlarmSettings> settings) {
    public static final AlarmBoard EMPTY = new AlarmBoard(List.of(), Map.of());

    public AlarmBoard {
        active = List.copyOf(active);
        byBed = Map.copyOf(byBed);
        alarmOff = Map.copyOf(alarmOff);
        bedPausedUntil = Map.copyOf(bedPausedUntil);
        settings = Map.copyOf(settings);
    }

    public AlarmBoard(List<Alarm> active, Map<String, List<Alarm>> byBed, Map<String, Set<String>> alarmOff,
                      AlarmPriority soundingPriority, Instant wardPausedUntil, Map<String, Instant> bedPausedUntil) {
        this(active, byBed, alarmOff, soundingPriority, wardPausedUntil, bedPausedUntil, Map.of());
    }

    public AlarmBoard(List<Alarm> active, Map<String, List<Alarm>> byBed) {
        this(active, byBed, Map.of(), null, null, Map.of());
    }

    /** The bed's category, limits and alarm-off switches; adult defaults for a bed the engine does not know yet. */
    public BedAlarmSettings settings(String bed) {
        BedAlarmSettings s = settings.get(bed);
        return s != null ? s : BedAlarmSettings.defaults(org.vigil.data.model.PatientCategory.ADULT);
    }

    /** The bed's own audio pause (not the ward's), or null when none runs at {@code now}. */
    public Instant bedPausedUntil(String bed, Instant now) {
        Instant until = bedPausedUntil.get(bed);
        return until == null || !now.isBefore(until) ? null : until;
    }

    /** The bed's alarms, highest priority first; empty when none. */
    public List<Alarm> forBed(String bed) {
        return byBed.getOrDefault(bed, List.of());
    }

    /** The parameters (codes) of the bed whose alarms are switched off; empty when none. */
    public Set<String> alarmOff(String bed) {
        return alarmOff.getOrDefault(bed, Set.of());
    }

    /** The remaining audio pause for the bed (its own or the ward's, whichever lasts longer); zero when none. */
    public Duration audioPauseRemaining(String bed, Instant now) {
        Instant until = wardPausedUntil;
        Instant b = bed == null ? null : bedPausedUntil.get(bed);
        if (b != null && (until == null || b.isAfter(until))) {
            until = b;
        }
        return until == null || !now.isBefore(until) ? Duration.ZERO : Duration.between(now, until);
    }
}
