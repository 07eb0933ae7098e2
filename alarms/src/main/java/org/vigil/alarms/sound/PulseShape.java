package org.vigil.alarms.sound;

import java.time.Duration;
import java.util.Objects;
import org.vigil.data.model.AlarmPriority;

/**
 * One pulse of an alarm burst (IEC 60601-1-8 Table 4): a harmonic tone with a linear rise, a steady part and a
 * linear fall.
 *
 * <p>Definitions used throughout this package (and by its tests):
 * <ul>
 *   <li><b>rise time</b> {@code tr}: from 10 % to 90 % of the pulse's peak envelope on the leading edge;
 *       <b>fall time</b> {@code tf}: from 90 % to 10 % on the trailing edge;
 *   <li><b>effective pulse duration</b> {@code td}: from the 50 % point of the rise to the 50 % point of the
 *       fall (half-amplitude width). The linear ramps are symmetric about their 50 % points, so this is also
 *       the duration of an equivalent rectangular pulse.
 * </ul>
 *
 * <p>Limits enforced (an {@link IllegalArgumentException} names the offending value):
 * <ul>
 *   <li>fundamental frequency 150–1000 Hz;
 *   <li>at least 4 harmonic components (partials {@code k·f0}, the fundamental being the first) between 300 and
 *       4000 Hz; every partial below 5000 Hz (harmonics far above the standard's band add nothing but harshness);
 *   <li>partial amplitudes within 15 dB of the fundamental's;
 *   <li>effective pulse duration 75–200 ms for high priority, 125–250 ms for medium and low
 *       ({@link #checkFor(AlarmPriority)});
 *   <li>rise time and fall time 10–20 % of the effective pulse duration.
 * </ul>
 *
 * @param fundamentalHz   f0
 * @param partialLevels   relative amplitude of partial k+1 (index 0 is the fundamental, 1.0)
 * @param effectiveDuration td
 * @param riseFraction    tr / td
 * @param fallFraction    tf / td
 */
public record PulseShape(double fundamentalHz, double[] partialLevels, Duration effectiveDuration, double riseFraction,
        double fallFraction) {

    public static final double MIN_FUNDAMENTAL_HZ = 150, MAX_FUNDAMENTAL_HZ = 1000;
    public static final double HARMONIC_BAND_LOW_HZ = 300, HARMONIC_BAND_HIGH_HZ = 4000;
    public static final int MIN_HARMONICS_IN_BAND = 4;
    public static final double MAX_PARTIAL_HZ = 5000;
    public static final double MAX_PARTIAL_LEVEL_DIFFERENCE_DB = 15;
    public static final double MIN_RISE_FRACTION = 0.10, MAX_RISE_FRACTION = 0.20;
    public static final Duration HIGH_MIN_DURATION = Duration.ofMillis(75), HIGH_MAX_DURATION = Duration.ofMillis(200);
    public static final Duration OTHER_MIN_DURATION = Duration.ofMillis(125), OTHER_MAX_DURATION = Duration.ofMillis(250);

    /** Relative partial levels of the default tones: 1, -3, -6, -8, -10.5 dB. */
    private static final double[] DEFAULT_PARTIALS = {1.0, 0.7, 0.5, 0.4, 0.3};

    public PulseShape {
        Objects.requireNonNull(partialLevels, "partialLevels");
        Objects.requireNonNull(effectiveDuration, "effectiveDuration");
        partialLevels = partialLevels.clone();
        if (!(fundamentalHz >= MIN_FUNDAMENTAL_HZ && fundamentalHz <= MAX_FUNDAMENTAL_HZ)) {
            throw new IllegalArgumentException("fundamental frequency " + fundamentalHz + " Hz outside "
                    + MIN_FUNDAMENTAL_HZ + "–" + MAX_FUNDAMENTAL_HZ + " Hz (IEC 60601-1-8 Table 4)");
        }
        if (partialLevels.length == 0 || partialLevels[0] != 1.0) {
            throw new IllegalArgumentException("partial levels must start with the fundamental at 1.0");
        }
        double minLevel = Math.pow(10, -MAX_PARTIAL_LEVEL_DIFFERENCE_DB / 20);
        int inBand = 0;
        for (int k = 1; k <= partialLevels.length; k++) {
            double level = partialLevels[k - 1];
            double hz = k * fundamentalHz;
            if (!(level >= minLevel && level <= 1 / minLevel)) {
                throw new IllegalArgumentException("partial level " + level + " of harmonic " + k
                        + " is more than " + MAX_PARTIAL_LEVEL_DIFFERENCE_DB + " dB from the fundamental's");
            }
            if (hz > MAX_PARTIAL_HZ) {
                throw new IllegalArgumentException("harmonic " + k + " at " + hz + " Hz is above " + MAX_PARTIAL_HZ + " Hz");
            }
            if (hz >= HARMONIC_BAND_LOW_HZ && hz <= HARMONIC_BAND_HIGH_HZ) {
                inBand++;
            }
        }
        if (inBand < MIN_HARMONICS_IN_BAND) {
            throw new IllegalArgumentException("harmonic components between " + HARMONIC_BAND_LOW_HZ + " and "
                    + HARMONIC_BAND_HIGH_HZ + " Hz: " + inBand + ", at least " + MIN_HARMONICS_IN_BAND
                    + " required (IEC 60601-1-8 Table 4)");
        }
        if (effectiveDuration.isNegative() || effectiveDuration.isZero()) {
            throw new IllegalArgumentException("effective pulse duration " + effectiveDuration.toMillis() + " ms must be positive");
        }
        checkFraction("rise time", riseFraction);
        checkFraction("fall time", fallFraction);
    }

    private static void checkFraction(String name, double fraction) {
        if (!(fraction >= MIN_RISE_FRACTION - 1e-9 && fraction <= MAX_RISE_FRACTION + 1e-9)) {
            throw new IllegalArgumentException(name + " " + Math.round(fraction * 1000) / 10.0
                    + " % of the effective pulse duration outside " + (int) (MIN_RISE_FRACTION * 100) + "–"
                    + (int) (MAX_RISE_FRACTION * 100) + " % (IEC 60601-1-8 Table 4)");
        }
    }

    /** The default tone of each priority: 5 partials, rise and fall 15 %; high 659 Hz/150 ms, medium 523 Hz/200 ms, low 440 Hz/200 ms. */
    public static PulseShape defaults(AlarmPriority priority) {
        return switch (Objects.requireNonNull(priority, "priority")) {
            case HIGH -> new PulseShape(659.26, DEFAULT_PARTIALS, Duration.ofMillis(150), 0.15, 0.15);
            case MEDIUM -> new PulseShape(523.25, DEFAULT_PARTIALS, Duration.ofMillis(200), 0.15, 0.15);
            case LOW -> new PulseShape(440.0, DEFAULT_PARTIALS, Duration.ofMillis(200), 0.15, 0.15);
        };
    }

    /** @throws IllegalArgumentException when the effective pulse duration is outside the range for {@code priority} */
    public PulseShape checkFor(AlarmPriority priority) {
        Duration min = priority == AlarmPriority.HIGH ? HIGH_MIN_DURATION : OTHER_MIN_DURATION;
        Duration max = priority == AlarmPriority.HIGH ? HIGH_MAX_DURATION : OTHER_MAX_DURATION;
        if (effectiveDuration.compareTo(min) < 0 || effectiveDuration.compareTo(max) > 0) {
            throw new IllegalArgumentException("effective pulse duration " + millis(effectiveDuration) + " ms outside "
                    + millis(min) + "–" + millis(max) + " ms for " + priority + " priority (IEC 60601-1-8 Table 4)");
        }
        return this;
    }

    @Override
    public double[] partialLevels() {
        return partialLevels.clone();
    }

    public PulseShape withFundamental(double hz) {
        return new PulseShape(hz, partialLevels, effectiveDuration, riseFraction, fallFraction);
    }

    public PulseShape withPartialLevels(double... levels) {
        return new PulseShape(fundamentalHz, levels, effectiveDuration, riseFraction, fallFraction);
    }

    public PulseShape withEffectiveDuration(Duration td) {
        return new PulseShape(fundamentalHz, partialLevels, td, riseFraction, fallFraction);
    }

    public PulseShape withRiseAndFall(double rise, double fall) {
        return new PulseShape(fundamentalHz, partialLevels, effectiveDuration, rise, fall);
    }

    /** tr: 10–90 % rise time. */
    public Duration riseTime() {
        return Duration.ofNanos(Math.round(effectiveDuration.toNanos() * riseFraction));
    }

    /** tf: 90–10 % fall time. */
    public Duration fallTime() {
        return Duration.ofNanos(Math.round(effectiveDuration.toNanos() * fallFraction));
    }

    /** The whole envelope, from leaving zero to returning to it (longer than td by half of each linear ramp). */
    public Duration envelopeDuration() {
        return Duration.ofNanos(Math.round(effectiveDuration.toNanos() * (1 + (riseFraction + fallFraction) / 2 / 0.8)));
    }

    static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PulseShape p && p.fundamentalHz == fundamentalHz && java.util.Arrays.equals(p.partialLevels, partialLevels)
                && p.effectiveDuration.equals(effectiveDuration) && p.riseFraction == riseFraction && p.fallFraction == fallFraction;
    }

    @Override
    public int hashCode() {
        return Objects.hash(fundamentalHz, java.util.Arrays.hashCode(partialLevels), effectiveDuration, riseFraction, fallFraction);
    }

    @Override
    public String toString() {
        return "PulseShape[" + fundamentalHz + " Hz, partials " + java.util.Arrays.toString(partialLevels) + ", td "
                + millis(effectiveDuration) + " ms, rise " + riseFraction + ", fall " + fallFraction + "]";
    }
}
