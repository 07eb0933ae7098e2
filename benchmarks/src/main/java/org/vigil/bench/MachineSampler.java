package org.vigil.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * The whole machine's CPU use in each second of a period (percent of one core, every process), sampled from
 * /proc/stat by a daemon thread: to tell the seconds when something else ran on the machine from the quiet ones.
 */
final class MachineSampler {
    private final long start;
    private final double[] percent;
    private final Thread thread;

    /** Samples {@code seconds} one-second slots from {@code startNanos} ({@link System#nanoTime()} time). */
    MachineSampler(long startNanos, int seconds) {
        this.start = startNanos;
        this.percent = new double[seconds];
        java.util.Arrays.fill(percent, Double.NaN);
        this.thread = Thread.ofPlatform().daemon().name("bench-machine-sampler").start(this::run);
    }

    private void run() {
        int cores = Runtime.getRuntime().availableProcessors();
        long[] previous = null;
        for (int slot = -1; slot < percent.length; slot++) {
            long at = start + (slot + 1) * 1_000_000_000L;
            long wait;
            while ((wait = at - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long[] now = CpuMeter.machineJiffies();
            if (slot >= 0 && previous != null && now != null && now[1] > previous[1]) {
                synchronized (this) {
                    percent[slot] = 100.0 * (now[0] - previous[0]) / (now[1] - previous[1]) * cores;
                }
            }
            previous = now;
        }
    }

    /** The slot of a {@link System#nanoTime()} time, clamped to the period. */
    int slot(long nanoTime) {
        return Math.clamp((nanoTime - start) / 1_000_000_000L, 0, percent.length - 1);
    }

    /** Percent of one core the machine used in each slot (NaN where unknown); call after {@link #await()}. */
    synchronized double[] percents() {
        return percent.clone();
    }

    /** Waits (3 s at most) until the last slot is sampled. */
    void await() throws InterruptedException {
        thread.join(3_000);
    }
}
