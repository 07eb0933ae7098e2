package org.vigil.link.live;

import java.time.Duration;
import java.time.Instant;

/**
 * Estimates how far a device's clock is from the station's: the smallest (station arrival - device time) over the
 * last 32 messages, so that transport and queueing delays drop out and only the clock difference remains. Written by
 * the MQTT callback thread; the estimate may be read by any thread.
 */
public final class DeviceClock {
    /** A device clock further off than this is flagged on screen. */
    public static final Duration FLAG_THRESHOLD = Duration.ofSeconds(5);
    private static final int WINDOW = 32;

    private final long[] offsetsMillis = new long[WINDOW];
    private int count;
    private volatile long offsetMillis;
    private volatile boolean known;

    /** Records one message's device time against the station time it arrived at. Writer thread only. */
    void observe(Instant deviceTime, Instant arrived) {
        offsetsMillis[count++ % WINDOW] = arrived.toEpochMilli() - deviceTime.toEpochMilli();
        long min = Long.MAX_VALUE;
        for (int i = 0, n = Math.min(count, WINDOW); i < n; i++) {
            min = Math.min(min, offsetsMillis[i]);
        }
        offsetMillis = min;
        known = true;
    }

    /** Forget the estimate (device restarted or replaced). Writer thread only. */
    void reset() {
        count = 0;
        known = false;
        offsetMillis = 0;
    }

    public boolean known() {
        return known;
    }

    /** Station time minus device time, in ms; positive when the device's clock is behind. 0 until known. */
    public long offsetMillis() {
        return offsetMillis;
    }

    public boolean flagged() {
        return known && Math.abs(offsetMillis) > FLAG_THRESHOLD.toMillis();
    }

    /** A device time placed on the station's time line. */
    public Instant toStationTime(Instant deviceTime) {
        return deviceTime.plusMillis(offsetMillis);
    }
}
