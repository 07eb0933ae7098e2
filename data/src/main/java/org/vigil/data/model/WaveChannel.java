package org.vigil.data.model;

import java.time.Instant;

/**
 * One channel of a wave message. The physical value of sample i is {@code offset + scale * samples[i]}; the
 * channel starts at {@code t0} and spans {@code samples.length / rate} seconds. The array is owned by the
 * record: callers must not change it.
 */
public record WaveChannel(String code, double rate, String unit, double scale, double offset, int[] samples, Instant t0) {

    public double physical(int i) {
        return offset + scale * samples[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WaveChannel w && code.equals(w.code) && Double.compare(rate, w.rate) == 0
                && unit.equals(w.unit) && Double.compare(scale, w.scale) == 0 && Double.compare(offset, w.offset) == 0
                && java.util.Arrays.equals(samples, w.samples) && t0.equals(w.t0);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(code, rate, unit, scale, offset, java.util.Arrays.hashCode(samples), t0);
    }

    @Override
    public String toString() {
        return "WaveChannel[" + code + ", " + rate + " Hz, " + samples.length + " samples from " + t0 + "]";
    }
}
