package org.vigil.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small statistics helpers for the figures. */
public final class Stats {

    private Stats() {
    }

    /** Median, min and max of per-iteration rates, rounded to whole units. */
    public static Map<String, Object> medianMinMax(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", Math.round(median));
        m.put("min", Math.round(s[0]));
        m.put("max", Math.round(s[s.length - 1]));
        return m;
    }

    /** The nearest-rank p-th percentile (0 < p <= 100) of {@code sorted}, which must be sorted and not empty. */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    /** Nanoseconds as milliseconds rounded to 3 decimals (microsecond resolution). */
    public static double ms(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    /** Rounds to {@code decimals} decimals. */
    public static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
