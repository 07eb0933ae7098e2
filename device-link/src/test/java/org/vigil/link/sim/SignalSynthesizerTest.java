package org.vigil.link.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigil.link.sim.SignalSynthesizer.Drive;
import org.vigil.link.sim.SignalSynthesizer.Signal;

class SignalSynthesizerTest {

    /** Pulls {@code seconds} of one signal in 250 ms ticks, as the simulator does. */
    static double[] record(SignalSynthesizer s, Signal signal, double rate, double seconds) {
        int total = (int) Math.floor(seconds * rate);
        double[] all = new double[total];
        long sent = 0;
        for (int tick = 1; sent < total; tick++) {
            long due = Math.min(total, (long) Math.floor(tick * 0.25 * rate)) - sent;
            double[] chunk = new double[(int) due];
            s.samples(signal, rate, sent, chunk);
            System.arraycopy(chunk, 0, all, (int) sent, chunk.length);
            sent += due;
        }
        return all;
    }

    /** Local maxima above {@code threshold}, at least {@code refractory} seconds apart; times in seconds. */
    static List<Double> peaks(double[] x, double rate, double threshold, double refractory) {
        List<Double> peaks = new ArrayList<>();
        double last = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < x.length - 1; i++) {
            if (x[i] > threshold && x[i] >= x[i - 1] && x[i] > x[i + 1] && i / rate - last > refractory) {
                peaks.add(i / rate);
                last = i / rate;
            }
        }
        return peaks;
    }

    @Test
    void sixtySecondsAtHeartRate75HaveAbout75BeatsWithVaryingIntervals() {
        SignalSynthesizer s = new SignalSynthesizer(7, Drive.constant(75, 15));
        double[] ecg = record(s, Signal.ECG, 250, 60);

        List<Double> r = peaks(ecg, 250, 0.6, 0.25);

        assertThat(r).hasSizeBetween(73, 77);
        Set<Long> intervalsMs = new HashSet<>();
        double sum = 0;
        for (int i = 1; i < r.size(); i++) {
            double rr = r.get(i) - r.get(i - 1);
            assertThat(rr).isBetween(0.6, 1.0);
            intervalsMs.add(Math.round(rr * 1000));
            sum += rr;
        }
        assertThat(intervalsMs).as("RR intervals vary (sinus arrhythmia and jitter)").hasSizeGreaterThan(10);
        assertThat(60 / (sum / (r.size() - 1))).isCloseTo(75, within(2.0));
    }

    @Test
    void detectedBeatsAreTheSynthesizedOnesAndTheMeasuredRateMatches() {
        SignalSynthesizer s = new SignalSynthesizer(11, Drive.constant(120, 20));
        double[] ecg = record(s, Signal.ECG, 250, 30);
        List<Double> r = peaks(ecg, 250, 0.6, 0.2);

        assertThat(r).hasSizeBetween(58, 62);
        double[] beats = s.recentBeats(30);
        for (double b : beats) {
            if (b > 0.1 && b < 29.9) {
                assertThat(r).anySatisfy(p -> assertThat(p).isCloseTo(b, within(0.006)));
            }
        }
        assertThat(s.measuredHeartRate(8)).isCloseTo(120, within(6.0));
    }

    @Test
    void rAmplitudeIsAboutOnePointTwoMillivolts() {
        SignalSynthesizer s = new SignalSynthesizer(3, Drive.constant(70, 14));
        double[] ecg = record(s, Signal.ECG, 250, 20);
        List<Double> r = peaks(ecg, 250, 0.6, 0.25);
        for (double t : r) {
            assertThat(ecg[(int) Math.round(t * 250)]).isBetween(0.9, 1.6);
        }
        double min = 0;
        for (double v : ecg) {
            min = Math.min(min, v);
        }
        assertThat(min).as("S wave").isBetween(-0.6, -0.1);
    }

    @Test
    void plethPeaksFollowRPeaksByAboutTwoHundredMilliseconds() {
        SignalSynthesizer s = new SignalSynthesizer(5, Drive.constant(80, 16));
        double[] ecg = record(new SignalSynthesizer(5, Drive.constant(80, 16)), Signal.ECG, 250, 60);
        double[] pleth = record(s, Signal.PLETH, 125, 60);
        List<Double> r = peaks(ecg, 250, 0.6, 0.25);
        double max = 0;
        for (double v : pleth) {
            max = Math.max(max, v);
        }
        List<Double> p = peaks(pleth, 125, 0.6 * max, 0.35);

        assertThat(p.size()).isCloseTo(r.size(), within(1));
        for (double peak : p) {
            double before = r.stream().filter(x -> x < peak).reduce((a, b) -> b).orElseThrow();
            assertThat(peak - before).as("pleth peak at %.3f s after R at %.3f s", peak, before).isBetween(0.15, 0.30);
        }
    }

    @Test
    void plethHasADicroticNotch() {
        SignalSynthesizer s = new SignalSynthesizer(9, Drive.constant(70, 14));
        double[] pleth = record(s, Signal.PLETH, 125, 10);
        double[] beats = s.recentBeats(10);
        double r = beats[beats.length - 3];
        int from = (int) Math.round((r + 0.22) * 125); // systolic peak
        int to = (int) Math.round((r + 0.6) * 125);
        // after the systolic peak the pulse falls, then rises again (the dicrotic wave): a local minimum between
        boolean notch = false;
        for (int i = from + 1; i < to - 1; i++) {
            if (pleth[i] < pleth[i - 1] && pleth[i] <= pleth[i + 1]) {
                notch = true;
            }
        }
        assertThat(notch).isTrue();
    }

    @Test
    void respirationBreathesAtTheRespirationRate() {
        SignalSynthesizer s = new SignalSynthesizer(13, Drive.constant(72, 15));
        double[] resp = record(s, Signal.RESP, 62.5, 60);
        int upward = 0;
        for (int i = 1; i < resp.length; i++) {
            if (resp[i - 1] < 0 && resp[i] >= 0) {
                upward++;
            }
        }
        // noise near zero may add a crossing or two; a breath is 4 s long
        List<Double> tops = peaks(resp, 62.5, 0.2, 2.0);
        assertThat(tops).hasSizeBetween(14, 16);
        assertThat(upward).isBetween(14, 20);
    }

    @Test
    void deterministicForASeedWhateverTheChunking() {
        SignalSynthesizer a = new SignalSynthesizer(99, Drive.constant(90, 18));
        SignalSynthesizer b = new SignalSynthesizer(99, Drive.constant(90, 18));
        double[] whole = new double[250 * 5];
        a.samples(Signal.ECG, 250, 0, whole);
        double[] pieces = new double[250 * 5];
        for (int i = 0; i < pieces.length; i += 50) {
            double[] chunk = new double[50];
            b.samples(Signal.ECG, 250, i, chunk);
            System.arraycopy(chunk, 0, pieces, i, 50);
        }
        assertThat(pieces).containsExactly(whole);

        double[] other = new double[250 * 5];
        new SignalSynthesizer(100, Drive.constant(90, 18)).samples(Signal.ECG, 250, 0, other);
        assertThat(other).isNotEqualTo(whole);
    }

    @Test
    void heartRateFollowsAChangingDrive() {
        Drive rising = new Drive() {
            @Override
            public double heartRate(double t) {
                return t < 30 ? 70 : 130;
            }

            @Override
            public double respRate(double t) {
                return 16;
            }
        };
        SignalSynthesizer s = new SignalSynthesizer(21, rising);
        s.advanceTo(25);
        assertThat(s.measuredHeartRate(8)).isCloseTo(70, within(4.0));
        s.advanceTo(60);
        assertThat(s.measuredHeartRate(8)).isCloseTo(130, within(7.0));
    }

    @Test
    void aFarJumpAheadRestartsWithoutComputingTheGap() {
        SignalSynthesizer s = new SignalSynthesizer(1, Drive.constant(75, 15));
        s.advanceTo(1);
        long t0 = System.nanoTime();
        s.advanceTo(365 * 24 * 3600.0); // a year later
        assertThat(System.nanoTime() - t0).isLessThan(2_000_000_000L);
        assertThat(s.computedUntil()).isCloseTo(365 * 24 * 3600.0, within(0.1));
        double[] ecg = new double[250 * 12];
        s.samples(Signal.ECG, 250, (long) (365 * 24 * 3600.0 * 250), ecg);
        assertThat(peaks(ecg, 250, 0.6, 0.25)).hasSizeBetween(13, 17);
    }
}
