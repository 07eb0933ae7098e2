package org.vigil.link.sim;

import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.vigil.data.model.PatientCategory;

/**
 * The course of one simulated patient's vital signs over time: a pure function of the seconds since the
 * simulation started. Which course a bed follows depends on its index (0 for bed "01"):
 *
 * <ul>
 *   <li>{@link Kind#DETERIORATION} (index {@value #DETERIORATION_INDEX}, bed "03"): a 10-minute cycle. Stable
 *       for 1 min (HR ~88, SpO2 ~95, RR ~18), then over 3 min SpO2 drifts down to ~85, HR up to ~135 and RR
 *       up to ~28 while the blood pressure falls; it stays there 3 min, recovers over 2 min, and stays stable
 *       for the last minute before the cycle repeats.</li>
 *   <li>{@link Kind#LEADS_OFF} (index {@value #LEADS_OFF_INDEX}, bed "05"): stable vitals, but the ECG leads
 *       are off from second 40 to 60 of every 2 minutes.</li>
 *   <li>{@link Kind#DROPOUT} (index {@value #DROPOUT_INDEX}, bed "09"): stable vitals, but the device's link
 *       is down from second 60 to 150 of every 10 minutes.</li>
 *   <li>{@link Kind#STABLE} (every other bed): individually varied, gently wandering vitals within normal
 *       ranges for the category: adults HR 60-100, SpO2 95-99, RR 12-20, temperature 36.5-37.5; the
 *       paediatric and the neonatal patient have their age's normal ranges (HR 85-110 and 125-155, RR 18-24
 *       and 36-50).</li>
 * </ul>
 *
 * Immutable and thread-safe.
 */
public final class BedScenario {

    /** The course a bed follows. */
    public enum Kind { STABLE, DETERIORATION, LEADS_OFF, DROPOUT }

    public static final int DETERIORATION_INDEX = 2;
    public static final int LEADS_OFF_INDEX = 4;
    public static final int DROPOUT_INDEX = 8;

    /** Deterioration cycle, in seconds. */
    static final double DETERIORATION_CYCLE = 600;
    static final double DETERIORATION_ONSET = 60;
    static final double DETERIORATION_RAMP = 180;
    static final double DETERIORATION_HOLD = 180;
    static final double DETERIORATION_RECOVERY = 120;

    static final double LEADS_OFF_CYCLE = 120;
    static final double LEADS_OFF_FROM = 40;
    static final double LEADS_OFF_UNTIL = 60;

    static final double DROPOUT_CYCLE = 600;
    static final double DROPOUT_FROM = 60;
    static final double DROPOUT_UNTIL = 150;

    /** NIBP cuff interval, in seconds. */
    public static final double NIBP_INTERVAL = 15 * 60;

    /**
     * The patient's state at one time. Rates per minute, SpO2 in %, temperature in degrees Celsius, pressures
     * in mm[Hg]. {@code leadsOn}: the ECG leads are attached; {@code linkUp}: the device is connected.
     */
    public record Vitals(double heartRate, double spo2, double respRate, double temperature,
                         double systolic, double diastolic, boolean leadsOn, boolean linkUp) {
    }

    /** A non-invasive blood pressure reading, in mm[Hg]. */
    public record BloodPressure(int systolic, int diastolic, int mean) {
    }

    private final Kind kind;
    private final PatientCategory category;
    private final long seed;
    private final double hr;
    private final double spo2;
    private final double rr;
    private final double temp;
    private final double sys;
    private final double dia;
    private final double[] phases = new double[6];

    private BedScenario(Kind kind, PatientCategory category, long seed) {
        this.kind = kind;
        this.category = category;
        this.seed = seed;
        RandomGenerator g = random(seed);
        for (int i = 0; i < phases.length; i++) {
            phases[i] = 2 * Math.PI * g.nextDouble();
        }
        if (kind == Kind.DETERIORATION) {
            hr = 88;
            spo2 = 95.3;
            rr = 18;
            temp = 37.3;
            sys = 128;
            dia = 78;
            return;
        }
        switch (category) {
            case NEONATE -> {
                hr = between(g, 130, 150);
                spo2 = between(g, 96.5, 98.5);
                rr = between(g, 38, 48);
                temp = between(g, 36.7, 37.2);
                sys = between(g, 62, 72);
                dia = between(g, 36, 44);
            }
            case PAEDIATRIC -> {
                hr = between(g, 88, 106);
                spo2 = between(g, 96.5, 98.5);
                rr = between(g, 19, 23);
                temp = between(g, 36.6, 37.3);
                sys = between(g, 96, 108);
                dia = between(g, 58, 68);
            }
            default -> {
                hr = between(g, 64, 94);
                spo2 = between(g, 95.8, 98.3);
                rr = between(g, 13, 19);
                temp = between(g, 36.6, 37.3);
                sys = between(g, 108, 138);
                dia = between(g, 64, 84);
            }
        }
    }

    /** The scenario of the bed with 0-based {@code index}, its patient's category and its seed. */
    public static BedScenario forBed(int index, PatientCategory category, long seed) {
        Kind kind = switch (index) {
            case DETERIORATION_INDEX -> Kind.DETERIORATION;
            case LEADS_OFF_INDEX -> Kind.LEADS_OFF;
            case DROPOUT_INDEX -> Kind.DROPOUT;
            default -> Kind.STABLE;
        };
        return new BedScenario(kind, Objects.requireNonNull(category, "category"), seed);
    }

    /** A scenario of the given kind (for tests and demonstrations). */
    public static BedScenario of(Kind kind, PatientCategory category, long seed) {
        return new BedScenario(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(category, "category"), seed);
    }

    public Kind kind() {
        return kind;
    }

    public PatientCategory category() {
        return category;
    }

    /** The patient's state {@code t} seconds after the simulation started. */
    public Vitals at(double t) {
        double s = severity(t);
        double h = heartRate(t);
        double sat = spo2 + 0.6 * Math.sin(2 * Math.PI * t / 143 + phases[2]) + s * (85 - spo2);
        double temperature = temp + 0.08 * Math.sin(2 * Math.PI * t / 1800 + phases[4]);
        double systolic = sys + 3 * Math.sin(2 * Math.PI * t / 420 + phases[5]) + s * (104 - sys);
        double diastolic = dia + 2 * Math.sin(2 * Math.PI * t / 420 + phases[5]) + s * (62 - dia);
        return new Vitals(h, Math.min(sat, 99.4), respRate(t), temperature, systolic, diastolic,
                leadsOn(t), linkUp(t));
    }

    /** The heart rate (per minute) that drives the ECG at {@code t} seconds. */
    public double heartRate(double t) {
        double wander = 2.5 * Math.sin(2 * Math.PI * t / 97 + phases[0]) + 1.5 * Math.sin(2 * Math.PI * t / 331 + phases[1]);
        if (category == PatientCategory.ADULT && kind != Kind.DETERIORATION) {
            return Math.clamp(hr + wander, 61, 99);
        }
        return hr + wander + severity(t) * (135 - hr);
    }

    /** The respiration rate (per minute) that drives the breathing at {@code t} seconds. */
    public double respRate(double t) {
        double wander = 0.8 * Math.sin(2 * Math.PI * t / 211 + phases[3]);
        if (category == PatientCategory.ADULT && kind != Kind.DETERIORATION) {
            return Math.clamp(rr + wander, 12.5, 19.5);
        }
        return rr + wander + severity(t) * (28 - rr);
    }

    /** Whether the ECG leads are attached at {@code t} seconds. */
    public boolean leadsOn(double t) {
        if (kind != Kind.LEADS_OFF) {
            return true;
        }
        double u = mod(t, LEADS_OFF_CYCLE);
        return u < LEADS_OFF_FROM || u >= LEADS_OFF_UNTIL;
    }

    /** Whether the device is connected at {@code t} seconds. */
    public boolean linkUp(double t) {
        if (kind != Kind.DROPOUT) {
            return true;
        }
        double u = mod(t, DROPOUT_CYCLE);
        return u < DROPOUT_FROM || u >= DROPOUT_UNTIL;
    }

    /**
     * How far the deterioration has gone at {@code t} seconds: 0 (baseline) to 1 (worst); always 0 for
     * other kinds. Changes smoothly (raised cosine ramps).
     */
    public double severity(double t) {
        if (kind != Kind.DETERIORATION) {
            return 0;
        }
        double u = mod(t, DETERIORATION_CYCLE);
        double rampEnd = DETERIORATION_ONSET + DETERIORATION_RAMP;
        double holdEnd = rampEnd + DETERIORATION_HOLD;
        double recoveryEnd = holdEnd + DETERIORATION_RECOVERY;
        if (u < DETERIORATION_ONSET || u >= recoveryEnd) {
            return 0;
        }
        if (u < rampEnd) {
            return ease((u - DETERIORATION_ONSET) / DETERIORATION_RAMP);
        }
        if (u < holdEnd) {
            return 1;
        }
        return 1 - ease((u - holdEnd) / DETERIORATION_RECOVERY);
    }

    /**
     * The NIBP reading of cuff measurement number {@code k} (taken {@code k * 15} minutes after the start):
     * the course's pressure then, with a few mm[Hg] of measurement scatter, the same for the same k.
     */
    public BloodPressure bloodPressure(long k) {
        Vitals v = at(k * NIBP_INTERVAL);
        RandomGenerator g = random(seed ^ (0x9E3779B97F4A7C15L * (k + 1)));
        int systolic = (int) Math.round(v.systolic() + 3 * g.nextGaussian());
        int diastolic = (int) Math.round(v.diastolic() + 2 * g.nextGaussian());
        int mean = (int) Math.round(diastolic + (systolic - diastolic) / 3.0);
        return new BloodPressure(systolic, diastolic, mean);
    }

    private static double ease(double x) {
        return 0.5 - 0.5 * Math.cos(Math.PI * Math.clamp(x, 0, 1));
    }

    private static double mod(double t, double cycle) {
        double u = t % cycle;
        return u < 0 ? u + cycle : u;
    }

    private static double between(RandomGenerator g, double low, double high) {
        return low + (high - low) * g.nextDouble();
    }

    static RandomGenerator random(long seed) {
        return RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(seed);
    }

    @Override
    public String toString() {
        return "BedScenario[" + kind + ", " + category + ", HR " + Math.round(hr) + ", SpO2 " + Math.round(spo2) + "]";
    }
}
