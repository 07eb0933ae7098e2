package org.vigil.link.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.vigil.data.model.DeviceState;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.data.model.WaveChannel;
import org.vigil.link.sim.SignalSynthesizer.Signal;

/**
 * What one simulated bedside monitor measures and would publish, as wire-contract records, given the time:
 * its {@link BedScenario}, its {@link SignalSynthesizer} and the exact sample bookkeeping of its three wave
 * channels. No I/O: {@link SimulatedDevice} publishes what this produces.
 *
 * <p>Times come from the caller (the simulator's injected clock). The simulation starts at {@link #start} (the
 * first call's time, truncated to the millisecond so every channel's {@code t0} is a whole millisecond). If the
 * clock later goes back by more than {@value #CLOCK_BACK_TOLERANCE_SECONDS} s, the start moves back with it so
 * the signals go on; smaller steps back just wait. A clock that jumps ahead leaves a gap in the waves.
 *
 * <p>Not thread-safe: used by the simulator's thread only.
 */
final class BedSimulation {

    static final String LEADS_OFF = "leads-off";
    static final double ECG_RATE = 250;
    static final double PLETH_RATE = 125;
    static final double RESP_RATE = 62.5;
    static final double ECG_SCALE = 0.005;
    static final double PLETH_SCALE = 0.01;
    static final double RESP_SCALE = 0.01;
    static final int CLOCK_BACK_TOLERANCE_SECONDS = 10;
    /** At most this much of a channel goes into one message; older samples are skipped. */
    private static final double MAX_MESSAGE_SECONDS = 5;
    /** When samples are skipped, a channel resumes with this much. */
    private static final double RESUME_SECONDS = 0.25;
    /** Heart rate averaging, in RR intervals, as a monitor's. */
    private static final int HR_INTERVALS = 8;
    private static final int PR_INTERVALS = 10;

    private record Channel(String code, Signal signal, String unit, double scale, SampleCounter counter) {
    }

    private final String device;
    private final BedScenario scenario;
    private final SignalSynthesizer synthesizer;
    private final RandomGenerator random;
    private final double battery0;
    private final List<Channel> channels;

    private Instant start;
    private long maxElapsedNanos;
    private long waveSeq;
    private long numericsSeq;
    private long nextNumericsSecond;

    BedSimulation(String device, BedScenario scenario, long seed) {
        this.device = Objects.requireNonNull(device, "device");
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.synthesizer = new SignalSynthesizer(seed, new SignalSynthesizer.Drive() {
            @Override
            public double heartRate(double t) {
                return scenario.heartRate(t);
            }

            @Override
            public double respRate(double t) {
                return scenario.respRate(t);
            }
        });
        this.random = BedScenario.random(seed * 31 + 7);
        this.battery0 = 0.6 + 0.4 * random.nextDouble();
        this.channels = List.of(
                new Channel(MeasurementCode.ECG_II, Signal.ECG, "mV", ECG_SCALE, new SampleCounter(ECG_RATE)),
                new Channel(MeasurementCode.PLETH, Signal.PLETH, "1", PLETH_SCALE, new SampleCounter(PLETH_RATE)),
                new Channel(MeasurementCode.RESP_WAVE, Signal.RESP, "Ohm", RESP_SCALE, new SampleCounter(RESP_RATE)));
    }

    String device() {
        return device;
    }

    BedScenario scenario() {
        return scenario;
    }

    SignalSynthesizer synthesizer() {
        return synthesizer;
    }

    /** The simulation's start, or null before the first call. */
    Instant start() {
        return start;
    }

    /** Starts the simulation at {@code now} (truncated to the millisecond) unless it has started already. */
    void startAt(Instant now) {
        if (start == null) {
            start = now.truncatedTo(ChronoUnit.MILLIS);
        }
    }

    /** Seconds since the start at {@code now}. */
    double seconds(Instant now) {
        return elapsedNanos(now) / 1e9;
    }

    /** The scenario's state at {@code now}. */
    BedScenario.Vitals vitals(Instant now) {
        return scenario.at(seconds(now));
    }

    /**
     * The wave message due at {@code now}: every sample whose time lies before {@code now} and was not yet
     * returned, each channel with its own {@code t0}; null when no channel has a sample due. While the leads
     * are off, the ECG is a flat line at 0.
     */
    Wave wave(Instant now) {
        long elapsed = elapsedNanos(now);
        double t = elapsed / 1e9;
        synthesizer.advanceTo(t);
        boolean leadsOn = scenario.leadsOn(t);
        List<WaveChannel> out = new ArrayList<>(channels.size());
        for (Channel c : channels) {
            SampleCounter counter = c.counter();
            int max = (int) Math.round(c.counter().rate() * MAX_MESSAGE_SECONDS);
            int keep = (int) Math.round(c.counter().rate() * RESUME_SECONDS);
            int n = counter.due(elapsed, max, keep);
            if (n == 0) {
                continue;
            }
            long first = counter.sent();
            int[] samples = new int[n];
            if (c.signal() != Signal.ECG || leadsOn) {
                double[] values = new double[n];
                synthesizer.samples(c.signal(), counter.rate(), first, values);
                for (int i = 0; i < n; i++) {
                    samples[i] = (int) Math.round(values[i] / c.scale());
                }
            }
            counter.advance(n);
            Instant t0 = start.plusNanos(counter.nanosOf(first));
            out.add(new WaveChannel(c.code(), counter.rate(), c.unit(), c.scale(), 0, samples, t0));
        }
        if (out.isEmpty()) {
            return null;
        }
        return new Wave(device, waveSeq++, out.getFirst().t0(), out);
    }

    /**
     * The numerics message due at {@code now}, one per second of simulation time (none when the previous one
     * was for the same second): HR from the synthesized beats (null with {@code invalid: leads-off} while the
     * leads are off), SpO2 and pulse rate, respiration rate, temperature, and the latest NIBP reading with its
     * own time (cuff measurements every 15 minutes, the first at the start).
     */
    Numerics numerics(Instant now) {
        long elapsed = elapsedNanos(now);
        long second = elapsed / 1_000_000_000L;
        if (second < nextNumericsSecond) {
            return null;
        }
        nextNumericsSecond = second + 1;
        return numericsAt(now);
    }

    /** The numerics at {@code now}, whether due or not. */
    Numerics numericsAt(Instant now) {
        Instant time = now.truncatedTo(ChronoUnit.MILLIS);
        double t = seconds(now);
        synthesizer.advanceTo(t);
        BedScenario.Vitals v = scenario.at(t);
        List<NumericValue> values = new ArrayList<>(8);
        if (v.leadsOn()) {
            values.add(new NumericValue(MeasurementCode.HEART_RATE,
                    (double) Math.round(synthesizer.measuredHeartRate(HR_INTERVALS)), "/min", time, null));
        } else {
            values.add(new NumericValue(MeasurementCode.HEART_RATE, null, "/min", time, LEADS_OFF));
        }
        double spo2 = Math.clamp(v.spo2() + 0.35 * random.nextGaussian(), 50, 100);
        values.add(new NumericValue(MeasurementCode.SPO2, (double) Math.round(spo2), "%", time, null));
        values.add(new NumericValue(MeasurementCode.PULSE_RATE,
                (double) Math.round(synthesizer.measuredHeartRate(PR_INTERVALS)), "/min", time, null));
        double rr = v.respRate() + 0.3 * random.nextGaussian();
        values.add(new NumericValue(MeasurementCode.RESP_RATE, (double) Math.round(rr), "/min", time, null));
        long k = (long) Math.floor(t / BedScenario.NIBP_INTERVAL);
        Instant measured = start.plusSeconds(k * (long) BedScenario.NIBP_INTERVAL);
        BedScenario.BloodPressure bp = scenario.bloodPressure(k);
        values.add(new NumericValue(MeasurementCode.NIBP_SYS, (double) bp.systolic(), "mm[Hg]", measured, null));
        values.add(new NumericValue(MeasurementCode.NIBP_DIA, (double) bp.diastolic(), "mm[Hg]", measured, null));
        values.add(new NumericValue(MeasurementCode.NIBP_MEAN, (double) bp.mean(), "mm[Hg]", measured, null));
        values.add(new NumericValue(MeasurementCode.TEMP_BODY, Math.round(v.temperature() * 10) / 10.0, "Cel", time, null));
        return new Numerics(device, time, numericsSeq++, values);
    }

    /** The device's {@code online} status at {@code now}: battery, ECG leads and SpO2 probe. */
    DeviceStatus status(Instant now) {
        double t = seconds(now);
        Map<String, String> leads = Map.of("ECG", scenario.leadsOn(t) ? "on" : "off");
        return new DeviceStatus(device, DeviceState.ONLINE, now.truncatedTo(ChronoUnit.MILLIS), battery(t), leads,
                Map.of("SPO2", "on"));
    }

    /** Battery charge 0..1: discharges by 60 % over 10 hours, then is back to full (charged at the bedside). */
    double battery(double t) {
        double used = (1 - battery0) / 0.6 + Math.max(0, t) / 36_000;
        double b = 1 - 0.6 * (used - Math.floor(used));
        return Math.round(b * 100) / 100.0;
    }

    private long elapsedNanos(Instant now) {
        startAt(now);
        long elapsed = Duration.between(start, now).toNanos();
        if (elapsed < maxElapsedNanos - CLOCK_BACK_TOLERANCE_SECONDS * 1_000_000_000L) {
            // the clock went back a long way: move the start so the simulation goes on where it was
            start = start.minusNanos(maxElapsedNanos - elapsed).truncatedTo(ChronoUnit.MILLIS);
            elapsed = Duration.between(start, now).toNanos();
        }
        maxElapsedNanos = Math.max(maxElapsedNanos, elapsed);
        return elapsed;
    }
}
