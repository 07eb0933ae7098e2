package org.vigil.data.recording;

import java.time.Instant;

/** Device times as epoch microseconds (the store's unit) and sample placement within a run. */
final class Micros {
    private Micros() {
    }

    static long of(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    static Instant toInstant(long us) {
        return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000L);
    }

    /** Device time in microseconds (rounded) of sample {@code index} of a run starting at {@code runT0Us}. */
    static long sampleUs(long runT0Us, long index, double rate) {
        return runT0Us + Math.round(index * 1e6 / rate);
    }

    /** Exact (to the nanosecond) device time of sample {@code index} of a run: what the review draws. */
    static Instant sampleInstant(long runT0Us, long index, double rate) {
        long nanos = Math.round(index * 1e9 / rate);
        return toInstant(runT0Us).plusNanos(nanos);
    }
}
