package org.vigil.ui.review;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.vigil.data.recording.WaveSegment;

/**
 * Turns recorded segments into what is drawn: polylines that never bridge a gap, and the gaps themselves. Samples
 * more than half a sample period apart are a gap (a lost message, a silent device) and end the line; segments that
 * merely abut (the same recording fetched in two windows) are joined. Nothing is interpolated. Pure; any thread.
 */
public final class WaveformPlot {
    private WaveformPlot() {
    }

    /** One unbroken line: {@code size} points {@code (x[i], y[i])}. */
    public record Polyline(double[] x, double[] y, int size) {
        public double firstX() {
            return x[0];
        }

        public double lastX() {
            return x[size - 1];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Polyline p && size == p.size && Arrays.equals(x, 0, size, p.x, 0, size)
                    && Arrays.equals(y, 0, size, p.y, 0, size);
        }

        @Override
        public int hashCode() {
            return 31 * size + Arrays.hashCode(Arrays.copyOf(x, size));
        }

        @Override
        public String toString() {
            return "Polyline[" + size + " points, x " + (size == 0 ? "-" : firstX() + ".." + lastX()) + "]";
        }
    }

    /** A span without recorded samples, {@code [from, to)}. */
    public record Gap(Instant from, Instant to) {
        public Duration length() {
            return Duration.between(from, to);
        }
    }

    /**
     * The polylines of one channel's segments (in time order) inside {@code [from, to)}.
     *
     * @param rate           samples per second of the channel
     * @param unitsPerSecond how many x units a second takes (25 mm/s in pixels or points)
     * @param xOffset        x of {@code from}
     * @param resolution     x units per drawn point: when more than two samples fall on one, only the lowest and the
     *                       highest of them are kept (in their order), so spikes stay visible
     * @param yOfSample      y of a raw sample value
     */
    public static List<Polyline> polylines(double rate, List<WaveSegment> segments, Instant from, Instant to,
                                           double unitsPerSecond, double xOffset, double resolution,
                                           IntToDoubleFunction yOfSample) {
        checkRate(rate);
        List<Polyline> out = new ArrayList<>();
        double span = PaperScale.seconds(from, to);
        Builder line = null;
        Instant lastEnd = null;
        for (WaveSegment s : segments) {
            int n = s.samples().length;
            if (n == 0) {
                continue;
            }
            double start = PaperScale.seconds(from, s.t0()); // seconds of sample 0 after from
            // samples inside [from, to), plus one either side so the line reaches the edges
            int first = Math.max(0, (int) Math.floor(-start * rate) - 1);
            int last = Math.min(n - 1, (int) Math.ceil((span - start) * rate));
            if (first > last) {
                lastEnd = end(s, rate);
                continue;
            }
            boolean joined = line != null && lastEnd != null && contiguous(lastEnd, s.t0(), rate);
            if (!joined) {
                if (line != null) {
                    line.finish(out);
                }
                line = new Builder(resolution);
            }
            for (int i = first; i <= last; i++) {
                double x = xOffset + (start + i / rate) * unitsPerSecond;
                line.add(x, yOfSample.applyAsDouble(s.samples()[i]));
            }
            lastEnd = end(s, rate);
        }
        if (line != null) {
            line.finish(out);
        }
        return out;
    }

    /**
     * The gaps of one channel inside {@code [from, to)}: before its first sample, between segments that do not
     * abut, after its last sample. {@code minimum} shorter gaps are left out (one missing sample is not worth a label).
     */
    public static List<Gap> gaps(double rate, List<WaveSegment> segments, Instant from, Instant to, Duration minimum) {
        checkRate(rate);
        List<Gap> out = new ArrayList<>();
        Instant covered = from; // everything before this is recorded or already a gap
        for (WaveSegment s : segments) {
            if (s.samples().length == 0) {
                continue;
            }
            Instant start = s.t0();
            Instant end = end(s, rate);
            if (!end.isAfter(from) || !start.isBefore(to)) {
                if (!end.isAfter(from)) {
                    covered = later(covered, end);
                }
                continue;
            }
            if (start.isAfter(covered) && !contiguous(covered, start, rate)) {
                add(out, covered, start, minimum);
            }
            covered = later(covered, end);
        }
        if (covered.isBefore(to) && !contiguous(covered, to, rate)) {
            add(out, covered, to, minimum);
        }
        return out;
    }

    /** The device time just after the last sample of {@code s}. */
    public static Instant end(WaveSegment s, double rate) {
        return s.t0().plusNanos(Math.round(s.samples().length / rate * 1e9));
    }

    private static boolean contiguous(Instant end, Instant nextStart, double rate) {
        long apart = Duration.between(end, nextStart).toNanos();
        return Math.abs(apart) <= 0.5e9 / rate;
    }

    private static void add(List<Gap> out, Instant from, Instant to, Duration minimum) {
        if (Duration.between(from, to).compareTo(minimum) >= 0) {
            out.add(new Gap(from, to));
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static void checkRate(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("sample rate must be positive: " + rate);
        }
    }

    /** Collects points, keeping the lowest and highest of each {@code resolution}-wide column when crowded. */
    private static final class Builder {
        private final double resolution;
        private double[] x = new double[256];
        private double[] y = new double[256];
        private int size;
        // the current column: its first point, and its lowest and highest points
        private long column = Long.MIN_VALUE;
        private double colX;
        private double lowX;
        private double lowY;
        private double highX;
        private double highY;
        private int colCount;

        Builder(double resolution) {
            this.resolution = resolution > 0 ? resolution : Double.MIN_VALUE;
        }

        void add(double px, double py) {
            long c = (long) Math.floor(px / resolution);
            if (c != column) {
                flush();
                column = c;
                colX = px;
                lowX = highX = px;
                lowY = highY = py;
                colCount = 1;
                return;
            }
            colCount++;
            if (py < lowY) {
                lowY = py;
                lowX = px;
            }
            if (py > highY) {
                highY = py;
                highX = px;
            }
        }

        private void flush() {
            if (colCount == 0) {
                return;
            }
            if (colCount == 1 || lowY == highY) {
                put(colX, lowY);
            } else if (lowX <= highX) {
                put(lowX, lowY);
                put(highX, highY);
            } else {
                put(highX, highY);
                put(lowX, lowY);
            }
            colCount = 0;
        }

        private void put(double px, double py) {
            if (size == x.length) {
                x = Arrays.copyOf(x, size * 2);
                y = Arrays.copyOf(y, size * 2);
            }
            x[size] = px;
            y[size] = py;
            size++;
        }

        void finish(List<Polyline> out) {
            flush();
            if (size > 0) {
                out.add(new Polyline(x, y, size));
            }
        }
    }
}
