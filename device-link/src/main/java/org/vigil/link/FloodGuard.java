package org.vigil.link;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Drops a device's messages beyond three times the fastest normal rate of their kind, measured in the device's own
 * time (numerics 1/s, waves 4/s in 0.25 s blocks, events rarely): a token bucket per bed and kind refilled as the
 * messages' device times advance. A flooding device (many messages per device second, or the same time over and
 * over) loses the excess; a backlog delivered all at once after a reconnect keeps its normal spacing in device time
 * and is kept. MQTT callback thread only.
 */
final class FloodGuard {
    enum Kind {
        NUMERICS(3), WAVE(12), EVENT(10);

        final double perDeviceSecond;

        Kind(double perDeviceSecond) {
            this.perDeviceSecond = perDeviceSecond;
        }
    }

    private static final double BURST_SECONDS = 10;

    private static final class Bucket {
        double tokens;
        long lastDeviceMillis = Long.MIN_VALUE;
    }

    private final Map<String, Bucket> buckets = new HashMap<>();

    /** @return false when this message is beyond the device's allowance (drop it and count it) */
    boolean admit(String bed, Kind kind, Instant deviceTime) {
        double capacity = kind.perDeviceSecond * BURST_SECONDS;
        Bucket b = buckets.computeIfAbsent(bed + '/' + kind, k -> {
            Bucket n = new Bucket();
            n.tokens = capacity;
            return n;
        });
        long t = deviceTime.toEpochMilli();
        if (b.lastDeviceMillis != Long.MIN_VALUE && t > b.lastDeviceMillis) {
            b.tokens = Math.min(capacity, b.tokens + (t - b.lastDeviceMillis) / 1000.0 * kind.perDeviceSecond);
        }
        if (b.lastDeviceMillis == Long.MIN_VALUE || t > b.lastDeviceMillis) {
            b.lastDeviceMillis = t;
        } else if (t < b.lastDeviceMillis - 60_000) {
            b.lastDeviceMillis = t; // the device's clock went back (restart): start over
            b.tokens = capacity;
        }
        if (b.tokens < 1) {
            return false;
        }
        b.tokens -= 1;
        return true;
    }

    static String describe(Kind kind) {
        return (int) kind.perDeviceSecond + " " + kind.name().toLowerCase(java.util.Locale.ROOT)
                + " messages per second of device time";
    }
}
