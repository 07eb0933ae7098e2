package org.vigil.link;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.vigil.data.model.AlarmMessage;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.StationHealth;
import org.vigil.data.model.WardAudioPause;

/**
 * What the ward's stations share through retained topics, merged by the contract's rules: of two versions the later
 * {@code updatedAt} wins; an acknowledgement is never undone by a version without one; an empty retained payload
 * clears. Written by the MQTT callback thread (and by this station's own publishing); read by any thread.
 */
public final class SharedWardState {
    private final Map<String, AlarmMessage> alarms = new ConcurrentHashMap<>();
    private final Map<String, BedSettings> settings = new ConcurrentHashMap<>();
    private final AtomicReference<WardAudioPause> audioPause = new AtomicReference<>();
    private final Map<String, StationHealth> stations = new ConcurrentHashMap<>();

    /** Alarm states by alarm id. */
    public Map<String, AlarmMessage> alarms() {
        return Map.copyOf(alarms);
    }

    public AlarmMessage alarm(String id) {
        return alarms.get(id);
    }

    /** Bed settings by bed id. */
    public Map<String, BedSettings> settings() {
        return Map.copyOf(settings);
    }

    public WardAudioPause audioPause() {
        return audioPause.get();
    }

    /** The last health of each station on the ward, this one included. */
    public Map<String, StationHealth> stations() {
        return Map.copyOf(stations);
    }

    /**
     * Merges a received or published version; null clears.
     *
     * @return the merged state now held (null when cleared)
     */
    public AlarmMessage mergeAlarm(String id, AlarmMessage incoming) {
        if (incoming == null) {
            alarms.remove(id);
            return null;
        }
        return alarms.merge(id, incoming, SharedWardState::mergeAlarm);
    }

    static AlarmMessage mergeAlarm(AlarmMessage held, AlarmMessage incoming) {
        int byTime = incoming.updatedAt().compareTo(held.updatedAt());
        // a tie is broken the same way at every station (by publishing station), so that stations never disagree
        boolean newer = byTime > 0 || (byTime == 0 && incoming.station().compareTo(held.station()) >= 0);
        AlarmMessage winner = newer ? incoming : held;
        AlarmMessage other = newer ? held : incoming;
        if (winner.ackBy() == null && other.ackBy() != null) {
            // acknowledgement is a ward-wide fact: no version without one undoes it
            winner = new AlarmMessage(winner.alarm(), winner.ward(), winner.bed(), winner.condition(), winner.kind(),
                    winner.priority(), winner.state().equals("active") ? "acknowledged" : winner.state(), winner.text(),
                    winner.value(), winner.limit(), winner.unit(), winner.sourceTime(), winner.raisedAt(), other.ackBy(),
                    other.ackAt(), winner.audioPausedUntil(), winner.escalationLevel(), winner.station(),
                    winner.updatedAt());
        }
        return winner;
    }

    public BedSettings mergeSettings(String bed, BedSettings incoming) {
        if (incoming == null) {
            settings.remove(bed);
            return null;
        }
        return settings.merge(bed, incoming, (held, in) -> later(held.updatedAt(), in.updatedAt()) ? in : held);
    }

    public WardAudioPause mergeAudioPause(WardAudioPause incoming) {
        if (incoming == null) {
            audioPause.set(null);
            return null;
        }
        return audioPause.accumulateAndGet(incoming,
                (held, in) -> held == null || later(held.updatedAt(), in.updatedAt()) ? in : held);
    }

    public void putStation(String station, StationHealth health) {
        if (health == null) {
            stations.remove(station);
        } else {
            stations.put(station, health);
        }
    }

    private static boolean later(Instant held, Instant incoming) {
        return !incoming.isBefore(held);
    }
}
