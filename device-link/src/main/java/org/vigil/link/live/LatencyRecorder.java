package org.vigil.link.live;

import java.util.Arrays;

/**
 * Keeps the last 4096 latencies (in µs) for percentiles in the health message. Any thread may record; a
 * snapshot may miss a sample being written, which is fine for a health figure.
 */
public final class LatencyRecorder {
    private static final int SIZE = 4096;
    private final long[] micros = new long[SIZE];
    private long count;

    public synchronized void record(long latencyMicros) {
        micros[(int) (count++ % SIZE)] = latencyMicros;
    }

    /** The p-th percentile (0..100) in milliseconds, or 0 when nothing was recorded. */
    public synchronized double percentileMs(double p) {
        int n = (int) Math.min(count, SIZE);
        if (n == 0) {
            return 0;
        }
        long[] copy = Arrays.copyOf(micros, n);
        Arrays.sort(copy);
        int idx = (int) Math.min(n - 1, Math.ceil(p / 100.0 * n) - 1);
        return copy[Math.max(0, idx)] / 1000.0;
    }
}
