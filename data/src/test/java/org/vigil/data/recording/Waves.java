package org.vigil.data.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.data.model.WaveChannel;

/** Synthetic messages with known samples for the recorder tests. */
final class Waves {
    static final String ECG = "MDC_ECG_ELEC_POTL_II";
    static final String PLETH = "MDC_PULS_OXIM_PLETH";
    static final String HR = "MDC_ECG_HEART_RATE";
    static final String SPO2 = "MDC_PULS_OXIM_SAT_O2";

    private Waves() {
    }

    /** Sample {@code i} of a channel's known signal: a pseudo-ECG with noise, the same for any given seed and i. */
    static int sample(long seed, long i) {
        long h = (i + seed * 1_000_003L) * 0x9E3779B97F4A7C15L;
        int noise = (int) ((h >>> 40) % 9) - 4;
        return (int) Math.round(200 * Math.sin(i / 7.0) + (i % 200 < 6 ? 900 : 0)) + noise;
    }

    /** Samples {@code [from, from + n)} of the known signal. */
    static int[] samples(long seed, long from, int n) {
        int[] s = new int[n];
        for (int k = 0; k < n; k++) {
            s[k] = sample(seed, from + k);
        }
        return s;
    }

    /** Random samples with extreme values. */
    static int[] random(SplittableRandom r, int n) {
        int[] s = new int[n];
        for (int k = 0; k < n; k++) {
            s[k] = r.nextInt(10) == 0 ? (r.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE) : r.nextInt();
        }
        return s;
    }

    /** One ECG channel message: samples {@code [index, index + n)} of the known signal from {@code start}. */
    static Wave ecg(String device, long seq, Instant start, double rate, long index, int n) {
        Instant t0 = start.plusNanos(Math.round(index * 1e9 / rate)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return new Wave(device, seq, t0, List.of(new WaveChannel(ECG, rate, "mV", 0.005, 0, samples(1, index, n), t0)));
    }

    /** {@code seconds} of 0.25 s ECG messages at 250 Hz from {@code start}, seq from 1. */
    static List<Wave> ecgMessages(String device, Instant start, int seconds) {
        List<Wave> out = new ArrayList<>();
        for (int m = 0; m < seconds * 4; m++) {
            out.add(ecg(device, m + 1, start, 250, m * 62L + (m * 2L) / 4, m % 2 == 0 ? 62 : 63));
        }
        return out;
    }

    static Numerics numerics(String device, long seq, Instant time, Object... codeValue) {
        List<NumericValue> values = new ArrayList<>();
        for (int i = 0; i < codeValue.length; i += 2) {
            Double v = (Double) codeValue[i + 1];
            values.add(new NumericValue((String) codeValue[i], v, "x", time, v == null ? "sensor-off" : null));
        }
        return new Numerics(device, time, seq, values);
    }

    static Instant at(Instant start, Duration d) {
        return start.plus(d);
    }
}
