package org.vigil.alarms.sound;

/**
 * The alarm volume: a setting between {@link #FLOOR} and 1 (full scale) and a boost for escalation.
 *
 * <p>An alarm signal can never be turned down to silence: a setting below the floor is raised to it (IEC
 * 60601-1-8 asks that the minimum volume still be audible; 0.25 of full scale is -12 dBFS). Escalation makes
 * the signal louder: level 1 by +3 dB, level 2 and above by +6 dB, capped at full scale. Samples are scaled so
 * that a pulse's peak equals the amplitude, so nothing ever clips.
 */
public final class AlarmVolume {

    /** The lowest amplitude an alarm is ever played at (fraction of full scale). */
    public static final double FLOOR = 0.25;
    /** The default setting: -6 dBFS, leaving room for the escalation boost. */
    public static final double DEFAULT = 0.5;
    private static final double[] BOOST = {1.0, Math.pow(10, 3 / 20.0), Math.pow(10, 6 / 20.0)};

    private AlarmVolume() {
    }

    /**
     * @param setting the user's setting, 0..1 (below {@link #FLOOR} is raised to it, above 1 is lowered to 1)
     * @return the setting actually used
     * @throws IllegalArgumentException for NaN
     */
    public static double effectiveSetting(double setting) {
        if (Double.isNaN(setting)) {
            throw new IllegalArgumentException("volume setting NaN");
        }
        return Math.min(1.0, Math.max(FLOOR, setting));
    }

    /** The gain of escalation level {@code level} (0: none). */
    public static double boost(int escalationLevel) {
        if (escalationLevel < 0) {
            throw new IllegalArgumentException("escalation level " + escalationLevel + " is negative");
        }
        return BOOST[Math.min(escalationLevel, BOOST.length - 1)];
    }

    /** The peak amplitude (fraction of full scale, at most 1) for a setting and an escalation level. */
    public static double amplitude(double setting, int escalationLevel) {
        return Math.min(1.0, effectiveSetting(setting) * boost(escalationLevel));
    }
}
