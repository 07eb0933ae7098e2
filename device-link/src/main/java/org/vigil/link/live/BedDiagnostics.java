package org.vigil.link.live;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * Transport figures of one bed for the device diagnostics view: messages, lost wave messages (seq gaps), device
 * restarts, late backlog, flood drops and message rates. Counters are written by the MQTT callback thread and read by
 * any thread.
 */
public final class BedDiagnostics {
    private final LongAdder numerics = new LongAdder();
    private final LongAdder waves = new LongAdder();
    private final LongAdder lostWaveMessages = new LongAdder();
    private final LongAdder lostNumericsMessages = new LongAdder();
    private final LongAdder restarts = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final RateMeter numericsRate = new RateMeter();
    private final RateMeter waveRate = new RateMeter();
    private volatile Instant lastMessageAt;

    void numerics(Instant at) {
        numerics.increment();
        numericsRate.tick(at);
        lastMessageAt = at;
    }

    void wave(Instant at) {
        waves.increment();
        waveRate.tick(at);
        lastMessageAt = at;
    }

    void message(Instant at) {
        lastMessageAt = at;
    }

    void lostWaves(long n) {
        lostWaveMessages.add(n);
    }

    void lostNumerics(long n) {
        lostNumericsMessages.add(n);
    }

    void restart() {
        restarts.increment();
    }

    void late() {
        late.increment();
    }

    public long numericsMessages() {
        return numerics.sum();
    }

    public long waveMessages() {
        return waves.sum();
    }

    /** Wave messages lost on the way (seq jumped forward); each is a visible break in the trace. */
    public long lostWaveMessages() {
        return lostWaveMessages.sum();
    }

    public long lostNumericsMessages() {
        return lostNumericsMessages.sum();
    }

    /** Times the device's seq dropped back: it restarted. Not counted as lost messages. */
    public long restarts() {
        return restarts.sum();
    }

    /** Messages that arrived more than 30 s after their device time (backlog): kept, marked late, never alarmed. */
    public long lateMessages() {
        return late.sum();
    }

    public Instant lastMessageAt() {
        return lastMessageAt;
    }

    /** Numerics messages per second over the last 10 s (station time of {@code now}). */
    public double numericsPerSecond(Instant now) {
        return numericsRate.perSecond(now);
    }

    public double wavesPerSecond(Instant now) {
        return waveRate.perSecond(now);
    }

    /** Counts events per second in ten one-second buckets. Writer: one thread; readers: any. */
    static final class RateMeter {
        private final long[] seconds = new long[10];
        private final int[] counts = new int[10];

        synchronized void tick(Instant at) {
            long s = at.getEpochSecond();
            int i = (int) Math.floorMod(s, 10L);
            if (seconds[i] != s) {
                seconds[i] = s;
                counts[i] = 0;
            }
            counts[i]++;
        }

        synchronized double perSecond(Instant now) {
            long s = now.getEpochSecond();
            int total = 0;
            for (int i = 0; i < 10; i++) {
                if (seconds[i] > s - 10 && seconds[i] <= s - 1) {
                    total += counts[i]; // the last 9 complete seconds
                }
            }
            return total / 9.0;
        }
    }
}
