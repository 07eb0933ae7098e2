package org.vigil.alarms.sound;

import java.time.Duration;
import java.util.Objects;
import javax.sound.sampled.AudioFormat;

/**
 * Synthesises alarm pulses and bursts as PCM: 16-bit signed, mono, {@value #SAMPLE_RATE} Hz, little-endian.
 * Pure and stateless; the arrays it returns are new.
 */
public final class AlarmSignalSynth {

    public static final int SAMPLE_RATE = 44_100;
    public static final AudioFormat FORMAT = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);
    /** Full scale of 16-bit signed PCM. */
    public static final int FULL_SCALE = Short.MAX_VALUE;

    private AlarmSignalSynth() {
    }

    /** {@code d} in samples, rounded. */
    public static int samples(Duration d) {
        return (int) Math.round(d.toNanos() * (double) SAMPLE_RATE / 1e9);
    }

    /**
     * One pulse at peak amplitude 1.0 (the largest |sample| is exactly 1), from its envelope onset to its end:
     * the sum of the partials, shaped by a linear rise (0 → 1 over {@code tr / 0.8}, so that 10–90 % takes
     * {@code tr}), a steady part and a linear fall.
     */
    public static float[] unitPulse(PulseShape shape) {
        Objects.requireNonNull(shape, "shape");
        double td = shape.effectiveDuration().toNanos() / 1e9;
        double rampUp = td * shape.riseFraction() / 0.8;
        double rampDown = td * shape.fallFraction() / 0.8;
        double total = td + rampUp / 2 + rampDown / 2;
        int n = (int) Math.round(total * SAMPLE_RATE);
        double[] levels = shape.partialLevels();
        double f0 = shape.fundamentalHz();
        float[] out = new float[n];
        double peak = 0;
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            double t = i / (double) SAMPLE_RATE;
            double v = 0;
            for (int k = 1; k <= levels.length; k++) {
                v += levels[k - 1] * Math.sin(2 * Math.PI * k * f0 * t);
            }
            double env;
            if (t < rampUp) {
                env = t / rampUp;
            } else if (t > total - rampDown) {
                env = Math.max(0, (total - t) / rampDown);
            } else {
                env = 1;
            }
            raw[i] = v * env;
            peak = Math.max(peak, Math.abs(raw[i]));
        }
        for (int i = 0; i < n; i++) {
            out[i] = (float) (raw[i] / peak);
        }
        return out;
    }

    /** A 16-bit sample of {@code unit} (in -1..1) at {@code amplitude} (0..1): never beyond full scale. */
    public static short sample(float unit, double amplitude) {
        long s = Math.round(unit * amplitude * FULL_SCALE);
        return (short) Math.max(-FULL_SCALE, Math.min(FULL_SCALE, s));
    }

    /**
     * The pattern as it is played from its start for {@code span}: the pulses of {@link BurstPattern#schedule},
     * each at {@code amplitude}, silence between them.
     */
    public static short[] render(BurstPattern pattern, Duration span, double amplitude) {
        if (!(amplitude >= 0 && amplitude <= 1)) {
            throw new IllegalArgumentException("amplitude " + amplitude + " outside 0..1");
        }
        short[] out = new short[samples(span)];
        float[] pulse = unitPulse(pattern.pulse());
        for (Duration onset : pattern.schedule(span)) {
            int at = samples(onset);
            for (int i = 0; i < pulse.length && at + i < out.length; i++) {
                out[at + i] = sample(pulse[i], amplitude);
            }
        }
        return out;
    }

    /** Little-endian bytes of {@code pcm[from..from+count)} into {@code out} (which must hold 2 × count). */
    public static void toBytes(short[] pcm, int from, int count, byte[] out) {
        for (int i = 0; i < count; i++) {
            short s = pcm[from + i];
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
    }
}
