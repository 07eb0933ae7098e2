package org.vigil.link.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.vigil.data.model.Bed;
import org.vigil.data.model.DeviceState;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.data.model.WaveChannel;

/**
 * The live state of every bed of the ward: the configured beds in their configured order, then any bed that
 * publishes without being configured ("unassigned", in the order first heard), which is monitored like any
 * other. Written by the MQTT callback thread; read by any thread without locks.
 */
public final class WardLive {

    private final Map<String, BedLive> beds = new ConcurrentHashMap<>();
    private final List<BedLive> order = new CopyOnWriteArrayList<>();
    private final List<Consumer<BedLive>> newBedListeners = new CopyOnWriteArrayList<>();

    public WardLive(List<Bed> configured) {
        for (Bed b : configured) {
            BedLive live = new BedLive(b.id(), b.label(), true);
            if (beds.putIfAbsent(b.id(), live) == null) {
                order.add(live);
            }
        }
    }

    /** Beds in display order; the list object changes whenever a bed is added, so identity tells of a change. */
    public List<BedLive> beds() {
        return List.copyOf(order);
    }

    public int size() {
        return order.size();
    }

    public BedLive bed(String bedId) {
        return beds.get(bedId);
    }

    /** Called (on the thread that first heard the bed) when an unassigned bed appears. */
    public void onNewBed(Consumer<BedLive> listener) {
        newBedListeners.add(listener);
    }

    /** The bed, created as unassigned when it was not configured. */
    public BedLive bedOrUnassigned(String bedId) {
        BedLive b = beds.get(bedId);
        if (b != null) {
            return b;
        }
        BedLive created = new BedLive(bedId, bedId, false);
        BedLive prior = beds.putIfAbsent(bedId, created);
        if (prior != null) {
            return prior;
        }
        order.add(created);
        newBedListeners.forEach(l -> l.accept(created));
        return created;
    }

    /** Number of beds whose last data is at most {@code silenceSeconds} old at {@code now}. */
    public int bedsWithData(Instant now, long silenceSeconds) {
        int n = 0;
        for (BedLive b : order) {
            Instant last = b.lastDataAt();
            if (last != null && !last.isBefore(now.minusSeconds(silenceSeconds))) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------ writer side (MQTT callback thread)

    /** Backlog that arrives later than this after its (corrected) device time is late, not current. */
    public static final Duration LATE_AFTER = Duration.ofSeconds(30);

    /** What became of a message. */
    public enum Arrival {
        /** In the live buffers: current data. */
        CURRENT,
        /** Backlog older than {@link #LATE_AFTER}: kept for the record, never shown or alarmed as current. */
        LATE,
        /** A second delivery of the last message (QoS 1 may deliver twice): ignored. */
        DUPLICATE
    }

    public Arrival accept(String bedId, Wave w, Instant receivedAt) {
        BedLive bed = bedOrUnassigned(bedId);
        Instant end = w.t0();
        for (WaveChannel c : w.channels()) {
            Instant e = c.t0().plusNanos(Math.round(c.samples().length * 1e9 / c.rate()));
            end = e.isAfter(end) ? e : end;
        }
        Arrival a = arrival(bed, bed.waveSeq(), w.device(), w.seq(), end, receivedAt, true);
        if (a == Arrival.CURRENT) {
            for (WaveChannel c : w.channels()) {
                bed.acceptWave(w.device(), c, receivedAt);
            }
            bed.diagnostics().wave(receivedAt);
        }
        return a;
    }

    public Arrival accept(String bedId, Numerics n, Instant receivedAt) {
        BedLive bed = bedOrUnassigned(bedId);
        Arrival a = arrival(bed, bed.numericsSeq(), n.device(), n.seq(), n.time(), receivedAt, false);
        if (a == Arrival.CURRENT) {
            for (NumericValue v : n.values()) {
                bed.acceptNumeric(n.device(), v);
            }
            bed.numericsArrived(receivedAt);
            bed.diagnostics().numerics(receivedAt);
        }
        return a;
    }

    private static Arrival arrival(BedLive bed, SeqTracker seq, String device, long n, Instant deviceTime,
                                   Instant receivedAt, boolean wave) {
        switch (seq.step(device, n)) {
            case DUPLICATE -> {
                return Arrival.DUPLICATE;
            }
            case LOST -> {
                if (wave) {
                    bed.diagnostics().lostWaves(seq.lost());
                    bed.rings().values().forEach(SampleRing::markLost); // a visible break, never a joining line
                } else {
                    bed.diagnostics().lostNumerics(seq.lost());
                }
            }
            case RESTART -> {
                bed.diagnostics().restart();
                bed.deviceClock().reset();
                if (wave) {
                    bed.breakTraces();
                }
            }
            case FIRST, NEXT -> {
            }
        }
        DeviceClock clock = bed.deviceClock();
        boolean late = clock.known()
                && receivedAt.isAfter(clock.toStationTime(deviceTime).plus(LATE_AFTER));
        if (late) {
            bed.diagnostics().late();
            return Arrival.LATE;
        }
        clock.observe(deviceTime, receivedAt);
        return Arrival.CURRENT;
    }

    /** A null status means the retained status was cleared. */
    public BedLive accept(String bedId, DeviceStatus s, Instant receivedAt) {
        BedLive bed = bedOrUnassigned(bedId);
        bed.diagnostics().message(receivedAt);
        bed.acceptStatus(s);
        if (s != null && s.state() == DeviceState.OFFLINE) {
            bed.breakTraces();
        }
        return bed;
    }
}
