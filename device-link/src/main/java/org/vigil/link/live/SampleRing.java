package org.vigil.link.live;

import java.time.Instant;

/**
 * A ring of physical sample values of one channel of one bed. One writer (the MQTT callback thread) appends;
 * any number of readers (the JavaFX animation pulse) read by absolute index without locks. A gap in the data
 * is stored as NaN samples so that the trace shows a break, never a line joining both sides.
 *
 * <p>Readers compare the index they want with {@link #written()}: indices older than {@code written - capacity}
 * have been overwritten and must be skipped.
 */
public final class SampleRing {

    /** Gaps longer than this many seconds are shortened: a break is shown, the sweep does not idle for minutes. */
    private static final double MAX_GAP_SECONDS = 2.0;

    private final String code;
    private final double rate;
    private final String unit;
    private final float[] samples;
    private final int mask;
    private volatile long written;
    /** Device time (epoch µs) just after the last written sample; writer thread only. */
    private long expectedNextMicros = Long.MIN_VALUE;
    /** A message was lost: the next block must not join the last one even if its time says it could. */
    private boolean lostBefore;

    public SampleRing(String code, double rate, String unit, double seconds) {
        this.code = code;
        this.rate = rate;
        this.unit = unit;
        int capacity = Integer.highestOneBit((int) Math.max(64, Math.ceil(rate * seconds)) - 1) << 1;
        this.samples = new float[capacity];
        this.mask = capacity - 1;
    }

    public String code() {
        return code;
    }

    public double rate() {
        return rate;
    }

    public String unit() {
        return unit;
    }

    public int capacity() {
        return samples.length;
    }

    /** Total samples ever written (gap markers included). Volatile read: pairs with the writer's publication. */
    public long written() {
        return written;
    }

    /** The sample at an absolute index; NaN for a gap. Valid while {@code index >= written() - capacity()}. */
    public float get(long index) {
        return samples[(int) (index & mask)];
    }

    /**
     * Appends a block that starts at device time {@code t0}. A block that starts later than the previous one
     * ended (by more than one and a half sample periods) is preceded by a gap. Writer thread only.
     */
    public void append(Instant t0, double offset, double scale, int[] raw) {
        long startMicros = t0.getEpochSecond() * 1_000_000L + t0.getNano() / 1_000;
        long w = written;
        int gap = 0;
        if (expectedNextMicros != Long.MIN_VALUE) {
            double lateSeconds = (startMicros - expectedNextMicros) / 1e6;
            if (lateSeconds > 1.5 / rate) {
                gap = (int) Math.min(Math.round(lateSeconds * rate), Math.round(MAX_GAP_SECONDS * rate));
            }
        }
        if (lostBefore && gap == 0) {
            gap = 1;
        }
        lostBefore = false;
        for (int i = 0; i < gap; i++) {
            samples[(int) (w++ & mask)] = Float.NaN;
        }
        for (int s : raw) {
            samples[(int) (w++ & mask)] = (float) (offset + scale * s);
        }
        expectedNextMicros = startMicros + Math.round(raw.length * 1e6 / rate);
        written = w; // publish: readers see every sample written before this volatile store
    }

    /** A message was lost (seq jumped): the next block starts after a break, however its time fits. Writer only. */
    public void markLost() {
        lostBefore = true;
    }

    /** Marks a break (device restart, lost connection) so the next block never joins the last one. */
    public void breakTrace() {
        long w = written;
        samples[(int) (w++ & mask)] = Float.NaN;
        expectedNextMicros = Long.MIN_VALUE;
        written = w;
    }
}
