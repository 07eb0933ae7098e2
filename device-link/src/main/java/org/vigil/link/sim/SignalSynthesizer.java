package org.vigil.link.sim;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Synthesizes one patient's ECG (lead II, mV), pleth (unit 1) and thoracic impedance respiration (Ohm) from a
 * heart rate and a respiration rate that may change over time. Pure and deterministic: the same seed and the
 * same {@link Drive} give the same samples, whatever the order and size of the requests.
 *
 * <p>Time {@code t} is in seconds from the synthesizer's own start. The signals are computed on a master grid
 * of {@link #FRAME_RATE} frames per second (the ECG's rate; the pleth's 125 Hz and the respiration's 62.5 Hz
 * fall on every 2nd and 4th frame) and kept for the last 16 seconds. A request whose
 * start lies more than 10 s beyond what is computed jumps there (the beats restart;
 * nothing is computed for the gap), so a clock that jumps forward costs nothing; a long request from where
 * the signals stand is computed in full.
 *
 * <p>Beats: each RR interval is {@code 60 / HR} at the beat's time, shortened during inspiration and
 * lengthened during expiration (respiratory sinus arrhythmia, coupled to the breathing phase) and varied by
 * a few per cent of random jitter. The pleth's systolic peak follows each R wave by about 220 ms; the
 * respiration is a smooth breathing curve at the current respiration rate, its phase the integral of the
 * rate. Small Gaussian noise is added to every signal; the ECG also carries a slight respiratory baseline
 * wander and R amplitude modulation.
 *
 * <p>Not thread-safe: one thread (the simulator's) uses an instance.
 */
public final class SignalSynthesizer {

    /** What drives the signals: heart rate and respiration rate (per minute) at time {@code t} seconds. */
    public interface Drive {
        double heartRate(double t);

        double respRate(double t);

        /** A drive with fixed rates. */
        static Drive constant(double heartRate, double respRate) {
            return new Drive() {
                @Override
                public double heartRate(double t) {
                    return heartRate;
                }

                @Override
                public double respRate(double t) {
                    return respRate;
                }
            };
        }
    }

    /** The signals this synthesizer makes. */
    public enum Signal {
        /** ECG lead II in mV. */
        ECG,
        /** Photoplethysmogram, unit 1. */
        PLETH,
        /** Thoracic impedance (respiration) in Ohm, around 0. */
        RESP
    }

    /** Frames per second of the master grid (the ECG's sample rate). */
    public static final double FRAME_RATE = 250;
    static final int HISTORY_SECONDS = 16;
    static final int MAX_GAP_SECONDS = 10;
    private static final int CAPACITY = (int) FRAME_RATE * HISTORY_SECONDS;
    private static final int R_HISTORY = 24;

    private final Drive drive;
    private final RandomGenerator random;
    private final double rAmplitude;
    private final double plethAmplitude;
    private final double respAmplitude;
    private final double rsaDepth;
    private final double jitter;

    private final double[] ecg = new double[CAPACITY];
    private final double[] pleth = new double[CAPACITY];
    private final double[] resp = new double[CAPACITY];
    /** Frames computed so far: frame n (at time n / FRAME_RATE) is held when n in [frames - CAPACITY, frames). */
    private long frames;
    /** Breathing phase (in breaths) at frame {@link #frames}. */
    private double respPhase;

    /** Beats that still shape a signal, by R time; the last one may lie ahead of {@link #frames}. */
    private final ArrayDeque<Beat> beats = new ArrayDeque<>();
    /** The R times of the latest beats (up to {@value #R_HISTORY}), for the measured heart rate. */
    private final ArrayDeque<Double> rTimes = new ArrayDeque<>();
    private double nextR;
    private double lastInterval;

    private record Beat(double r, double rrBefore, double amplitude) {
    }

    /**
     * A synthesizer whose patient-specific traits (R amplitude, pleth and respiration amplitude, depth of the
     * sinus arrhythmia) and whose noise are drawn from {@code seed}.
     */
    public SignalSynthesizer(long seed, Drive drive) {
        this.drive = Objects.requireNonNull(drive, "drive");
        this.random = RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(seed);
        this.rAmplitude = 1.2 * (0.85 + 0.3 * random.nextDouble());
        this.plethAmplitude = 2.5 + 1.5 * random.nextDouble();
        this.respAmplitude = 0.8 + 0.6 * random.nextDouble();
        this.rsaDepth = 0.02 + 0.03 * random.nextDouble();
        this.jitter = 0.015 + 0.015 * random.nextDouble();
        restartBeats(0);
    }

    /** Computes the signals up to time {@code t} (seconds), jumping there when it lies far ahead. */
    public void advanceTo(double t) {
        long target = (long) Math.ceil(t * FRAME_RATE) + 2; // one frame beyond, for interpolation
        compute(target - (long) FRAME_RATE, target);
    }

    /** Computes frames up to {@code target}, first jumping to {@code from} if that lies far ahead. */
    private void compute(long from, long target) {
        if (target <= frames) {
            return;
        }
        if (from - frames > MAX_GAP_SECONDS * (long) FRAME_RATE) {
            jumpTo(from);
        }
        while (frames < target) {
            computeFrame();
        }
    }

    /**
     * Writes {@code out.length} samples of {@code signal} at {@code rate} samples per second, the first being
     * sample number {@code first} (at time {@code first / rate}), computing what is not yet computed. Samples
     * older than the kept history are 0.
     */
    public void samples(Signal signal, double rate, long first, double[] out) {
        if (out.length == 0) {
            return;
        }
        double step = FRAME_RATE / rate;
        compute((long) Math.floor(first * step), (long) Math.ceil((first + out.length) * step) + 2);
        double[] frameValues = switch (signal) {
            case ECG -> ecg;
            case PLETH -> pleth;
            case RESP -> resp;
        };
        for (int i = 0; i < out.length; i++) {
            double pos = (first + i) * step;
            long n = (long) Math.floor(pos);
            double frac = pos - n;
            double a = frame(frameValues, n);
            out[i] = frac == 0 ? a : a + frac * (frame(frameValues, n + 1) - a);
        }
    }

    /**
     * The heart rate a monitor would show now (at the last computed frame): 60 over the mean of the last
     * {@code intervals} RR intervals, or the drive's rate before there are two beats.
     */
    public double measuredHeartRate(int intervals) {
        double now = frames / FRAME_RATE;
        double last = Double.NaN;
        double first = Double.NaN;
        int n = 0;
        for (Iterator<Double> it = rTimes.descendingIterator(); it.hasNext(); ) {
            double r = it.next();
            if (r > now) {
                continue;
            }
            if (Double.isNaN(last)) {
                last = r;
            } else {
                first = r;
                n++;
                if (n == intervals) {
                    break;
                }
            }
        }
        if (n == 0) {
            return drive.heartRate(now);
        }
        return 60.0 * n / (last - first);
    }

    /** R wave times (seconds) of the latest beats up to time {@code t}, oldest first; for tests and display. */
    public double[] recentBeats(double t) {
        return rTimes.stream().filter(r -> r <= t).mapToDouble(Double::doubleValue).toArray();
    }

    /** The time up to which the signals are computed, in seconds. */
    public double computedUntil() {
        return frames / FRAME_RATE;
    }

    private double frame(double[] values, long n) {
        if (n < 0 || n < frames - CAPACITY || n >= frames) {
            return 0;
        }
        return values[(int) (n % CAPACITY)];
    }

    private void jumpTo(long frame) {
        frames = frame;
        beats.clear();
        rTimes.clear();
        restartBeats(frame / FRAME_RATE);
        // the frames before the jump are not kept: overwrite them when asked for
        Arrays.fill(ecg, 0);
        Arrays.fill(pleth, 0);
        Arrays.fill(resp, 0);
    }

    private void restartBeats(double t) {
        double interval = 60.0 / clampHr(drive.heartRate(t));
        lastInterval = interval;
        nextR = t + Morphology.ECG_BEFORE_R * 0.5 + random.nextDouble() * interval;
    }

    private void computeFrame() {
        double t = frames / FRAME_RATE;
        double rr = Math.clamp(drive.respRate(t), 1, 150);
        while (nextR <= t + Morphology.ECG_BEFORE_R) {
            scheduleBeat(t, rr);
        }
        while (!beats.isEmpty() && beats.peekFirst().r() < t - Morphology.PLETH_AFTER_R) {
            beats.removeFirst();
        }
        double breath = Morphology.breath(respPhase);
        double e = 0;
        double p = 0;
        for (Beat b : beats) {
            double dt = t - b.r();
            e += Morphology.ecgBeat(dt, b.rrBefore(), b.amplitude());
            p += Morphology.plethPulse(dt, b.rrBefore());
        }
        double respModulation = 1 + 0.06 * (breath - 0.5);
        e += 0.04 * (breath - 0.5) + 0.008 * random.nextGaussian();
        double pl = 0.2 + plethAmplitude * p * respModulation + 0.005 * random.nextGaussian();
        double rs = respAmplitude * (breath - 0.5) + 0.03 * p + 0.004 * random.nextGaussian();
        int i = (int) (frames % CAPACITY);
        ecg[i] = e;
        pleth[i] = pl;
        resp[i] = rs;
        respPhase += rr / 60.0 / FRAME_RATE;
        if (respPhase > 1e6) {
            respPhase -= Math.floor(respPhase);
        }
        frames++;
    }

    private void scheduleBeat(double now, double respRate) {
        double r = nextR;
        // breathing phase at the beat, extrapolated from now at the current rate
        double phase = respPhase + (r - now) * respRate / 60.0;
        double amplitude = rAmplitude * (1 + 0.04 * (Morphology.breath(phase) - 0.5));
        beats.addLast(new Beat(r, lastInterval, amplitude));
        rTimes.addLast(r);
        if (rTimes.size() > R_HISTORY) {
            rTimes.removeFirst();
        }
        double base = 60.0 / clampHr(drive.heartRate(r));
        double factor = 1 - rsaDepth * Math.sin(2 * Math.PI * phase) + jitter * clampedGaussian();
        double interval = Math.clamp(base * factor, 0.2, 3.0);
        lastInterval = interval;
        nextR = r + interval;
    }

    private double clampedGaussian() {
        return Math.clamp(random.nextGaussian(), -3, 3);
    }

    private static double clampHr(double hr) {
        return Math.clamp(hr, 20, 300);
    }
}
