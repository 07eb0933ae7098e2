package org.vigil.alarms.sound;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures synthesised PCM the way a test engineer would measure a recorded alarm signal: pulses by their
 * envelope, times at the 10/50/90 % points, and the spectrum by an FFT. Definitions as in {@link PulseShape}:
 * rise 10→90 %, fall 90→10 %, effective duration 50 % → 50 %.
 */
final class PcmAnalysis {
    static final int RATE = AlarmSignalSynth.SAMPLE_RATE;
    /** Longest period of an allowed fundamental (150 Hz), in samples. */
    static final int MAX_PERIOD = (int) Math.ceil(RATE / 150.0);

    private PcmAnalysis() {
    }

    /** A detected pulse: first and last sample whose |value| reaches half the signal's peak. */
    record Pulse(int start, int end) {
        double startMs() {
            return start * 1000.0 / RATE;
        }

        double endMs() {
            return end * 1000.0 / RATE;
        }
    }

    static int peak(short[] pcm, int from, int to) {
        int peak = 0;
        for (int i = from; i < to; i++) {
            peak = Math.max(peak, Math.abs(pcm[i]));
        }
        return peak;
    }

    static int peak(short[] pcm) {
        return peak(pcm, 0, pcm.length);
    }

    /**
     * Pulses by envelope: runs of samples at or above half the peak, merging gaps shorter than one period of the
     * lowest allowed fundamental (within a pulse the carrier dips below half its peak every cycle).
     */
    static List<Pulse> pulses(short[] pcm) {
        int threshold = peak(pcm) / 2;
        List<Pulse> out = new ArrayList<>();
        if (threshold == 0) {
            return out;
        }
        int start = -1;
        int last = -1;
        for (int i = 0; i < pcm.length; i++) {
            if (Math.abs(pcm[i]) >= threshold) {
                if (start >= 0 && i - last > MAX_PERIOD + 1) {
                    out.add(new Pulse(start, last));
                    start = -1;
                }
                if (start < 0) {
                    start = i;
                }
                last = i;
            }
        }
        if (start >= 0) {
            out.add(new Pulse(start, last));
        }
        return out;
    }

    /** Groups pulses into bursts: a silence longer than {@code gapSamples} starts a new burst. */
    static List<List<Pulse>> bursts(List<Pulse> pulses, int gapSamples) {
        List<List<Pulse>> out = new ArrayList<>();
        List<Pulse> cur = null;
        for (Pulse p : pulses) {
            if (cur == null || p.start() - cur.getLast().end() > gapSamples) {
                cur = new ArrayList<>();
                out.add(cur);
            }
            cur.add(p);
        }
        return out;
    }

    /**
     * Envelope of {@code pcm[from..to)}: the largest |value| within a centred window of one fundamental period,
     * normalised to the segment's maximum.
     */
    static double[] envelope(short[] pcm, int from, int to, int window) {
        double[] env = new double[to - from];
        int half = window / 2;
        double max = 0;
        for (int i = from; i < to; i++) {
            int m = 0;
            for (int j = Math.max(from, i - half); j <= Math.min(to - 1, i + half); j++) {
                m = Math.max(m, Math.abs(pcm[j]));
            }
            env[i - from] = m;
            max = Math.max(max, m);
        }
        for (int i = 0; i < env.length; i++) {
            env[i] /= max;
        }
        return env;
    }

    /** Times (ms from the envelope's start) of the edges of a single pulse's envelope. */
    record Edges(double rise10, double rise50, double rise90, double fall90, double fall50, double fall10) {
        double riseMs() {
            return rise90 - rise10;
        }

        double fallMs() {
            return fall10 - fall90;
        }

        double effectiveMs() {
            return fall50 - rise50;
        }
    }

    static Edges edges(double[] env) {
        return new Edges(firstAtOrAbove(env, 0.1), firstAtOrAbove(env, 0.5), firstAtOrAbove(env, 0.9),
                lastAtOrAbove(env, 0.9), lastAtOrAbove(env, 0.5), lastAtOrAbove(env, 0.1));
    }

    private static double firstAtOrAbove(double[] env, double level) {
        for (int i = 0; i < env.length; i++) {
            if (env[i] >= level) {
                return i * 1000.0 / RATE;
            }
        }
        throw new AssertionError("envelope never reaches " + level);
    }

    private static double lastAtOrAbove(double[] env, double level) {
        for (int i = env.length - 1; i >= 0; i--) {
            if (env[i] >= level) {
                return i * 1000.0 / RATE;
            }
        }
        throw new AssertionError("envelope never reaches " + level);
    }

    /** A spectral peak: interpolated frequency and level in dB relative to the strongest peak. */
    record Peak(double hz, double db) {
    }

    /**
     * Local maxima of the Hann-windowed magnitude spectrum of {@code pcm[from..from+n)} ({@code n} a power of
     * two) no more than {@code -floorDb} dB below the strongest; frequencies
     * by parabolic interpolation on the log magnitude.
     */
    static List<Peak> spectralPeaks(short[] pcm, int from, int n, double floorDb) {
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
            re[i] = pcm[from + i] * w;
        }
        fft(re, im);
        int bins = n / 2;
        double[] db = new double[bins];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < bins; k++) {
            db[k] = 10 * Math.log10(re[k] * re[k] + im[k] * im[k] + 1e-12);
            max = Math.max(max, db[k]);
        }
        List<Peak> peaks = new ArrayList<>();
        for (int k = 1; k < bins - 1; k++) {
            if (db[k] > db[k - 1] && db[k] >= db[k + 1] && db[k] >= max + floorDb) {
                double a = db[k - 1], b = db[k], c = db[k + 1];
                double delta = 0.5 * (a - c) / (a - 2 * b + c);
                double hz = (k + delta) * RATE / n;
                peaks.add(new Peak(hz, b - max));
            }
        }
        return peaks;
    }

    /** In-place iterative radix-2 Cooley–Tukey FFT. */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        if (Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT length " + n + " is not a power of two");
        }
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = -2 * Math.PI / len;
            double wr = Math.cos(ang), wi = Math.sin(ang);
            for (int i = 0; i < n; i += len) {
                double cr = 1, ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k, b = i + k + len / 2;
                    double xr = re[b] * cr - im[b] * ci;
                    double xi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                    double ncr = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = ncr;
                }
            }
        }
    }

    static double ms(int samples) {
        return samples * 1000.0 / RATE;
    }
}
