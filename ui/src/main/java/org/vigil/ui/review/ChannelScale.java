package org.vigil.ui.review;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.recording.WaveSegment;

/**
 * The vertical scale of one channel's row, in millimetres of paper: ECG at the fixed 10 mm/mV (its row centred on
 * the mean of what is shown, so baseline wander does not push it off the row); other channels scaled to a round
 * value per 10 mm that fits their range in the row. Pure; any thread.
 *
 * @param center     the physical value drawn at the row's middle
 * @param valuePerMm physical units per millimetre
 * @param label      the scale as printed: "10 mm/mV", "0.5 Ω/10 mm"
 */
public record ChannelScale(double center, double valuePerMm, String label) {

    /** How a channel's samples become millimetres above its row's middle. */
    public double mm(double physical) {
        return (physical - center) / valuePerMm;
    }

    /**
     * The scale of a channel over {@code [from, to)} for a row {@code rowMm} high.
     *
     * @param scale  physical value per raw sample unit ({@code offset + scale * sample})
     */
    public static ChannelScale of(String code, String unit, double scale, double offset, double rate,
                                  List<WaveSegment> segments, Instant from, Instant to, double rowMm) {
        double[] range = range(scale, offset, rate, segments, from, to);
        double perMv = mvPerUnit(unit);
        if (MeasurementCode.isEcg(code) && perMv > 0) {
            double center = range == null ? 0 : range[2];
            return new ChannelScale(center, 1 / (PaperScale.MM_PER_MV * perMv), fmt(PaperScale.MM_PER_MV) + " mm/mV");
        }
        String shown = TrendParameter.displayUnit(unit);
        shown = "1".equals(shown) ? "" : shown;
        if (range == null) {
            return new ChannelScale(0, 0.1, per10mm(1, shown));
        }
        double usable = Math.max(rowMm - 4, 2) / 10; // in units of 10 mm, 2 mm free at the top and the bottom
        double spread = range[1] - range[0];
        double per10 = nice(spread > 0 ? spread / usable : Math.max(Math.abs(range[0]) * 0.1, 1e-6));
        return new ChannelScale((range[0] + range[1]) / 2, per10 / 10, per10mm(per10, shown));
    }

    /** "2 Ω/10 mm", or "0.5 per 10 mm" for a channel without a unit (pleth). */
    private static String per10mm(double value, String unit) {
        return fmt(value) + (unit.isEmpty() ? " per 10 mm" : " " + unit + "/10 mm");
    }

    /** Millivolts per unit of an ECG unit ({@code mV}, {@code uV}, {@code V}); 0 when it is none of them. */
    static double mvPerUnit(String unit) {
        if (unit == null) {
            return 0;
        }
        return switch (unit) {
            case "mV" -> 1;
            case "uV", "µV" -> 0.001;
            case "V" -> 1000;
            default -> 0;
        };
    }

    /** min, max and mean of the physical values in {@code [from, to)}, or null when there are none. */
    static double[] range(double scale, double offset, double rate, List<WaveSegment> segments, Instant from,
                          Instant to) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long n = 0;
        double span = PaperScale.seconds(from, to);
        for (WaveSegment s : segments) {
            double start = PaperScale.seconds(from, s.t0());
            int first = Math.max(0, (int) Math.ceil(-start * rate));
            int last = Math.min(s.samples().length - 1, (int) Math.floor((span - start) * rate));
            for (int i = first; i <= last; i++) {
                double v = offset + scale * s.samples()[i];
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                n++;
            }
        }
        return n == 0 ? null : new double[] {min, max, sum / n};
    }

    /** The smallest of 1, 2, 5 times a power of ten that is at least {@code v}. */
    static double nice(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v * (1 - 1e-9)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
