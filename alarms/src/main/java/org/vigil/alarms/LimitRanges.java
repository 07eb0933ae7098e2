package org.vigil.alarms;

import java.util.Locale;
import java.util.Map;
import org.vigil.data.model.Limit;
import org.vigil.data.model.MeasurementCode;

/**
 * Plausible ranges for alarm limits: a limit outside them is a typing error (a SpO2 low of 900, a heart rate high
 * of 3), refused with a message that says the range. Checked by the limit editor and again where the change is
 * applied. Codes without a range here (unknown numerics) only need low below high. Any thread.
 */
public final class LimitRanges {
    /** Lowest and highest settable limit per code, in the code's unit. */
    private static final Map<String, double[]> RANGES = Map.of(
            MeasurementCode.HEART_RATE, new double[] {15, 300},
            MeasurementCode.PULSE_RATE, new double[] {15, 300},
            MeasurementCode.SPO2, new double[] {50, 100},
            MeasurementCode.RESP_RATE, new double[] {2, 150},
            MeasurementCode.NIBP_SYS, new double[] {30, 270},
            MeasurementCode.NIBP_DIA, new double[] {10, 245},
            MeasurementCode.NIBP_MEAN, new double[] {20, 255},
            MeasurementCode.TEMP_BODY, new double[] {25, 45});

    private LimitRanges() {
    }

    /** The settable range of a code as {low, high}, or null when any finite value goes. */
    public static double[] range(String code) {
        double[] r = RANGES.get(code);
        return r == null ? null : r.clone();
    }

    /**
     * Checks one parameter's limits. @return null when they are acceptable, else a message naming the parameter,
     * e.g. "SpO2 low 900 is outside 50 to 100"
     */
    public static String check(String code, Limit limit) {
        String label = MeasurementCode.shortLabel(code);
        if (limit == null) {
            return null;
        }
        for (Double v : new Double[] {limit.low(), limit.high()}) {
            if (v != null && (v.isNaN() || v.isInfinite())) {
                return label + ": " + v + " is not a number";
            }
        }
        double[] r = RANGES.get(code);
        if (r != null) {
            if (limit.low() != null && (limit.low() < r[0] || limit.low() > r[1])) {
                return label + " low " + fmt(limit.low()) + " is outside " + fmt(r[0]) + " to " + fmt(r[1]);
            }
            if (limit.high() != null && (limit.high() < r[0] || limit.high() > r[1])) {
                return label + " high " + fmt(limit.high()) + " is outside " + fmt(r[0]) + " to " + fmt(r[1]);
            }
        }
        if (limit.low() != null && limit.high() != null && limit.low() >= limit.high()) {
            return label + ": low " + fmt(limit.low()) + " must be below high " + fmt(limit.high());
        }
        return null;
    }

    /** Checks every limit; null when all are acceptable, else the first problem. */
    public static String check(Map<String, Limit> limits) {
        for (var e : limits.entrySet()) {
            String problem = check(e.getKey(), e.getValue());
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
