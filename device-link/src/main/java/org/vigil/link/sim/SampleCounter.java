package org.vigil.link.sim;

/**
 * Exact sample bookkeeping of one wave channel: how many samples were sent since the channel's start, and how
 * many are due at a given elapsed time, so that a rate that is not a whole number of samples per tick (62.5 Hz
 * in 0.25 s is 15.625) alternates (15, 16, 16, 16, 15...) and never drifts. Sample {@code i} lies at
 * {@code start + i / rate}. Integer arithmetic throughout (rates in milli-hertz, time in nanoseconds), exact
 * for any run time. Not thread-safe.
 */
public final class SampleCounter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MILLIHZ_NANOS = 1_000L * NANOS_PER_SECOND;

    private final double rate;
    private final long milliHz;
    private long sent;

    /** @param rate samples per second (1 to 2000, the wire contract's range), a whole number of milli-hertz */
    public SampleCounter(double rate) {
        if (!(rate >= 1) || rate > 2000) {
            throw new IllegalArgumentException("rate " + rate + " must be 1 to 2000 samples/s");
        }
        this.rate = rate;
        this.milliHz = Math.round(rate * 1000);
        if (Math.abs(milliHz - rate * 1000) > 1e-6) {
            throw new IllegalArgumentException("rate " + rate + " must be a whole number of milli-hertz");
        }
    }

    public double rate() {
        return rate;
    }

    /** Samples sent so far: the index of the next sample. */
    public long sent() {
        return sent;
    }

    /** {@code floor(elapsed * rate)}: the samples whose time lies before {@code elapsedNanos} (0 when negative). */
    public long samplesBefore(long elapsedNanos) {
        if (elapsedNanos <= 0) {
            return 0;
        }
        long seconds = elapsedNanos / NANOS_PER_SECOND;
        long nanos = elapsedNanos % NANOS_PER_SECOND;
        long a = seconds * milliHz; // thousandths of samples in the whole seconds
        return a / 1000 + ((a % 1000) * NANOS_PER_SECOND + nanos * milliHz) / MILLIHZ_NANOS;
    }

    /** The time of sample {@code index} after the start, in nanoseconds (rounded down). */
    public long nanosOf(long index) {
        long whole = index / milliHz;  // whole multiples of milliHz samples: 1000 s each
        long rest = index % milliHz;
        return whole * 1000 * NANOS_PER_SECOND + rest * MILLIHZ_NANOS / milliHz;
    }

    /**
     * The samples due at {@code elapsedNanos}: {@code floor(elapsed * rate) - sent}, at most {@code max}. When
     * more than {@code max} are due (the clock jumped ahead, or nothing was sent for a long time) the oldest are
     * skipped: the channel resumes at the newest {@code keep} samples, leaving a gap in its times.
     */
    public int due(long elapsedNanos, int max, int keep) {
        long total = samplesBefore(elapsedNanos);
        long due = total - sent;
        if (due <= 0) {
            return 0;
        }
        if (due > max) {
            sent = total - Math.min(keep, max);
            return Math.min(keep, max);
        }
        return (int) due;
    }

    /** Records that {@code n} samples from {@link #sent()} on were sent. */
    public void advance(int n) {
        sent += n;
    }
}
