package org.vigil.link.live;

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

    public BedLive accept(String bedId, Wave w, Instant receivedAt) {
        BedLive bed = bedOrUnassigned(bedId);
        for (WaveChannel c : w.channels()) {
            bed.acceptWave(w.device(), c, receivedAt);
        }
        return bed;
    }

    public BedLive accept(String bedId, Numerics n, Instant receivedAt) {
        BedLive bed = bedOrUnassigned(bedId);
        for (NumericValue v : n.values()) {
            bed.acceptNumeric(n.device(), v);
        }
        bed.numericsArrived(receivedAt);
        return bed;
    }

    /** A null status means the retained status was cleared. */
    public BedLive accept(String bedId, DeviceStatus s) {
        BedLive bed = bedOrUnassigned(bedId);
        bed.acceptStatus(s);
        if (s != null && s.state() == DeviceState.OFFLINE) {
            bed.breakTraces();
        }
        return bed;
    }
}
