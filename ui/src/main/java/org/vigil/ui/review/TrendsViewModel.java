package org.vigil.ui.review;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.data.recording.MinuteAggregate;
import org.vigil.data.recording.RecordingReader;
import org.vigil.data.recording.TrendPoint;
import org.vigil.data.store.AlarmLogEntry;
import org.vigil.ui.alarms.history.HistoryQuery;

/**
 * The trends of one bed: HR, SpO2, RR, NIBP and temperature over a visible span (1 h to 96 h, zoomed and panned),
 * as every recorded value for short spans and as minute aggregates (median with its min-max band) for long ones,
 * with the alarms that began in the span, and as table rows. Queries run on the review's background executor (the
 * alarm log on its own thread); each load's result is applied once on the JavaFX thread. At most one load is under
 * way; changes meanwhile are folded into one more. A minute picked here is charted through the review's
 * {@link ChartFromTrends} hook, knowing nothing of charting itself. Properties and lists belong to the JavaFX
 * thread; it never touches a Node.
 */
public final class TrendsViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(TrendsViewModel.class);

    /** The spans offered, up to the 96 hours the numerics are kept. */
    public enum Span {
        H1("1 h", Duration.ofHours(1)),
        H8("8 h", Duration.ofHours(8)),
        H24("24 h", Duration.ofHours(24)),
        H96("96 h", Duration.ofHours(96));

        private final String label;
        private final Duration length;

        Span(String label, Duration length) {
            this.label = label;
            this.length = length;
        }

        public Duration length() {
            return length;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The shortest span zooming in reaches. */
    public static final Duration MIN_VISIBLE = Duration.ofMinutes(10);
    /** The longest span, and how far back panning goes: the numerics' retention. */
    public static final Duration MAX_VISIBLE = Duration.ofHours(96);
    /** Up to this span every recorded value is read; beyond it the minute aggregates (a 96 h span is 5760 minutes). */
    public static final Duration RAW_UP_TO = Duration.ofHours(3);
    /** More raw values than this per parameter are summarised into as many buckets (mean, min, max). */
    static final int MAX_POINTS = 1500;
    /** The most alarm log entries read for the markers of one span. */
    static final int MAX_ALARM_ENTRIES = 1000;

    /** One drawn value: the value (a recorded value, a minute's median or a bucket's mean) and its band. */
    public record Point(Instant time, double value, double min, double max) {
    }

    /** One row of the table: the median of each parameter in the row's interval, as text ("" without data). */
    public record Row(Instant time, String timeText, String hr, String spo2, String rr, String nibp, String temp) {
    }

    /**
     * What one load found for {@code [from, to)}: the points of each code in time order, whether they are minute
     * aggregates (with a min-max band), the recorded units, the alarm markers and the table rows (newest first).
     */
    public record Trends(String bed, Instant from, Instant to, boolean aggregated, Map<String, List<Point>> series,
                         Map<String, String> units, List<AlarmMarker> markers, List<Row> rows, String note) {
        public List<Point> points(String code) {
            return series.getOrDefault(code, List.of());
        }

        static Trends empty(String bed, Instant from, Instant to) {
            return new Trends(bed, from, to, false, Map.of(), Map.of(), List.of(), List.of(), "");
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    /** A minute's medians are in the recording this long after its start (the minute and the recorder's grace). */
    static final Duration MINUTE_CLOSED_AFTER = Duration.ofSeconds(66);
    private static final DateTimeFormatter ROW_TIME = DateTimeFormatter.ofPattern("dd MMM HH:mm", Locale.ROOT);

    private final ReviewContext review;
    private final ReviewNavigator navigator;
    private final ObjectProperty<String> bed = new SimpleObjectProperty<>();
    private final ObjectProperty<Span> span = new SimpleObjectProperty<>(Span.H1);
    private final ObjectProperty<Instant> visibleTo = new SimpleObjectProperty<>();
    private final ObjectProperty<Duration> visibleLength = new SimpleObjectProperty<>(Span.H1.length());
    private final ObjectProperty<Trends> trends = new SimpleObjectProperty<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<AlarmMarker> markers = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty tabular = new SimpleBooleanProperty();
    private boolean inFlight;
    private boolean pending;

    public TrendsViewModel(ReviewContext review, ReviewNavigator navigator, String bed) {
        this.review = review;
        this.navigator = navigator;
        this.bed.set(bed);
        this.visibleTo.set(review.clock().instant());
        this.trends.set(Trends.empty(bed, visibleFrom(), visibleTo.get()));
    }

    public ObjectProperty<String> bed() {
        return bed;
    }

    public ObjectProperty<Span> span() {
        return span;
    }

    /** The right edge of the visible span. */
    public ObjectProperty<Instant> visibleTo() {
        return visibleTo;
    }

    public ObjectProperty<Duration> visibleLength() {
        return visibleLength;
    }

    public Instant visibleFrom() {
        return visibleTo.get().minus(visibleLength.get());
    }

    /** The last load's data (it may cover a span a little apart from the visible one while the next load runs). */
    public ObjectProperty<Trends> trends() {
        return trends;
    }

    /** The table's rows, newest first. */
    public ObservableList<Row> rows() {
        return rows;
    }

    /** The alarms that began in the loaded span, oldest first. */
    public ObservableList<AlarmMarker> markers() {
        return markers;
    }

    /** "Loading...", "1 h from 10:00 · 3 alarms" or what went wrong. */
    public StringProperty status() {
        return status;
    }

    public BooleanProperty loading() {
        return loading;
    }

    /** True when the table is shown instead of the graph. */
    public BooleanProperty tabular() {
        return tabular;
    }

    /** Shows the last {@code s} up to now and loads it. */
    public void showSpan(Span s) {
        span.set(s);
        visibleLength.set(s.length());
        visibleTo.set(review.clock().instant());
        load();
    }

    /** Shows another bed over the same span. */
    public void showBed(String id) {
        bed.set(id);
        load();
    }

    /**
     * Zooms by {@code factor} (below 1 zooms in) keeping the moment under {@code anchor} (0 = left edge, 1 = right
     * edge) where it is; stays within 10 min .. 96 h and never past now.
     */
    public void zoom(double factor, double anchor) {
        if (!(factor > 0)) {
            return;
        }
        double a = Math.clamp(anchor, 0, 1);
        Duration len = visibleLength.get();
        Instant pivot = visibleFrom().plus(scaled(len, a));
        Duration next = clamp(scaled(len, factor), MIN_VISIBLE, MAX_VISIBLE);
        Instant to = pivot.plus(scaled(next, 1 - a));
        visibleLength.set(next);
        setVisibleTo(to);
        load();
    }

    public void zoomIn() {
        zoom(0.5, 0.5);
    }

    public void zoomOut() {
        zoom(2, 0.5);
    }

    /** Pans by a fraction of the visible span (negative: back in time). */
    public void pan(double fraction) {
        panBy(scaled(visibleLength.get(), fraction));
    }

    /** Pans by a duration (negative: back in time); never past now nor before the 96 h kept. */
    public void panBy(Duration d) {
        setVisibleTo(visibleTo.get().plus(d));
        load();
    }

    private void setVisibleTo(Instant to) {
        Instant now = review.clock().instant();
        Instant earliestTo = now.minus(MAX_VISIBLE).plus(visibleLength.get());
        if (to.isAfter(now)) {
            to = now;
        }
        if (to.isBefore(earliestTo)) {
            to = earliestTo;
        }
        visibleTo.set(to);
    }

    /** The moment at {@code fraction} of the visible span (0 = left edge). */
    public Instant timeAt(double fraction) {
        return visibleFrom().plus(scaled(visibleLength.get(), fraction));
    }

    /** Opens the full-disclosure waveforms with {@code t} a few seconds in from the left edge. */
    public void openWaveformsAt(Instant t) {
        if (bed.get() != null) {
            navigator.openWaveforms(bed.get(), t.minusSeconds(5), null);
        }
    }

    /** The minute (its start, as the recording's minute aggregates have it) that holds {@code t}. */
    public static Instant minuteOf(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    }

    /** True when this console charts from the trends at all (else no such entry is offered). */
    public boolean chartingOffered() {
        return review.chartVitals() != null;
    }

    /** "Chart vitals at 03:00": the entry for the minute holding {@code t}. */
    public String chartText(Instant t) {
        return "Chart vitals at " + MINUTE.format(minuteOf(t).atZone(review.zone()));
    }

    /**
     * Why the minute holding {@code t} cannot be charted now ("the bed has no patient", "the minute is not over"),
     * or null when it can.
     */
    public String chartRefusal(Instant t) {
        String b = bed.get();
        if (review.chartVitals() == null || b == null) {
            return "charting is not available here";
        }
        if (review.patientOfBed().apply(b) == null) {
            return review.bedLabel().apply(b) + " has no patient";
        }
        // its medians are computed a few seconds after it ends
        if (minuteOf(t).plus(MINUTE_CLOSED_AFTER).isAfter(review.clock().instant())) {
            return "the minute is not over";
        }
        return null;
    }

    /** Opens "Chart vitals" for the bed with the medians of the minute holding {@code t}, when it can be charted. */
    public void chartVitalsAt(Instant t) {
        if (chartRefusal(t) == null) {
            review.chartVitals().chartVitalsAt(bed.get(), minuteOf(t));
        }
    }

    /** Opens the waveforms of an alarm 10 s before its onset. */
    public void openWaveforms(AlarmMarker m) {
        navigator.openWaveforms(m.bed(), m.onset().minus(ReviewLauncher.BEFORE_ONSET), m);
    }

    /** Loads the visible span of the bed. JavaFX thread. */
    public void load() {
        if (inFlight) {
            pending = true;
            return;
        }
        String b = bed.get();
        if (b == null) {
            return;
        }
        inFlight = true;
        loading.set(true);
        status.set("Loading...");
        Instant from = visibleFrom();
        Instant to = visibleTo.get();
        boolean aggregated = visibleLength.get().compareTo(RAW_UP_TO) > 0;
        Duration rowStep = rowStep(visibleLength.get());
        RecordingReader reader = review.recording();
        CompletableFuture<Trends> values = CompletableFuture.supplyAsync(
                () -> query(reader, b, from, to, aggregated, rowStep, review.zone()), review.background());
        CompletableFuture<List<AlarmLogEntry>> alarms;
        if (review.alarmLog() == null) {
            alarms = CompletableFuture.completedFuture(List.of());
        } else {
            try {
                alarms = review.alarmLog().load(new HistoryQuery(b, null, from, to, MAX_ALARM_ENTRIES));
            } catch (RuntimeException e) {
                alarms = CompletableFuture.failedFuture(e);
            }
        }
        // the markers are a help, the values are the point: a failed alarm log still shows the trends
        CompletableFuture<List<AlarmLogEntry>> markerEntries = alarms.exceptionally(e -> {
            LOG.warn("Alarm markers of bed {} not available: {}", b, e.toString());
            return null;
        });
        values.thenCombine(markerEntries, (t, entries) -> entries == null
                        ? withMarkers(t, List.of(), "alarm markers not available")
                        : withMarkers(t, AlarmMarker.onsets(entries, from, to), t.note()))
                .whenComplete((t, failure) -> review.fx().execute(() -> apply(t, failure)));
    }

    private static Trends withMarkers(Trends t, List<AlarmMarker> m, String note) {
        return new Trends(t.bed(), t.from(), t.to(), t.aggregated(), t.series(), t.units(), m, t.rows(), note);
    }

    private void apply(Trends t, Throwable failure) {
        inFlight = false;
        loading.set(false);
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            LOG.warn("Trends of bed {} could not be read", bed.get(), cause);
            status.set("Could not read the recording: " + cause.getMessage());
        } else {
            trends.set(t);
            rows.setAll(t.rows());
            markers.setAll(t.markers());
            status.set(describe(t));
        }
        if (pending) {
            pending = false;
            load();
        }
    }

    private String describe(Trends t) {
        int values = t.series().values().stream().mapToInt(List::size).sum();
        String what = values == 0 ? "nothing recorded in this span"
                : t.aggregated() ? "minute medians with min-max band" : "every recorded value";
        String alarms = t.markers().size() + (t.markers().size() == 1 ? " alarm" : " alarms");
        return TIME.format(t.from().atZone(review.zone())) + " to " + TIME.format(t.to().atZone(review.zone()))
                + " · " + what + " · " + alarms + (t.note().isEmpty() ? "" : " · " + t.note());
    }

    /** Runs on the background executor. */
    static Trends query(RecordingReader reader, String bed, Instant from, Instant to, boolean aggregated,
                        Duration rowStep, java.time.ZoneId zone) {
        Map<String, List<Point>> series = new HashMap<>();
        Map<String, String> units = new HashMap<>();
        if (aggregated) {
            for (MinuteAggregate m : reader.minutes(bed, TrendParameter.allCodes(), from, to)) {
                // a minute's point sits in its middle, so the band covers the minute it stands for
                series.computeIfAbsent(m.code(), c -> new ArrayList<>())
                        .add(new Point(m.minute().plusSeconds(30), m.median(), m.min(), m.max()));
                units.putIfAbsent(m.code(), m.unit());
            }
        } else {
            Map<String, List<Point>> raw = new HashMap<>();
            for (TrendPoint p : reader.numerics(bed, TrendParameter.allCodes(), from, to)) {
                List<Point> list = raw.computeIfAbsent(p.code(), c -> new ArrayList<>());
                Point last = list.isEmpty() ? null : list.getLast();
                // NIBP repeats its last reading (same measurement time) every second: one point per reading
                if (last != null && last.time().equals(p.time()) && last.value() == p.value()) {
                    continue;
                }
                list.add(new Point(p.time(), p.value(), p.value(), p.value()));
                units.putIfAbsent(p.code(), p.unit());
            }
            raw.forEach((code, list) -> series.put(code, summarise(list, from, to)));
        }
        return new Trends(bed, from, to, aggregated, Map.copyOf(series), Map.copyOf(units), List.of(),
                rows(series, from, to, rowStep, zone), "");
    }

    /** At most {@link #MAX_POINTS}: crowded values become buckets with their mean and min-max band. */
    static List<Point> summarise(List<Point> points, Instant from, Instant to) {
        if (points.size() <= MAX_POINTS) {
            return List.copyOf(points);
        }
        long spanNanos = Duration.between(from, to).toNanos();
        long bucket = Math.max(1, spanNanos / MAX_POINTS);
        List<Point> out = new ArrayList<>(MAX_POINTS);
        int i = 0;
        while (i < points.size()) {
            long index = Duration.between(from, points.get(i).time()).toNanos() / bucket;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int n = 0;
            int j = i;
            while (j < points.size() && Duration.between(from, points.get(j).time()).toNanos() / bucket == index) {
                Point p = points.get(j);
                sum += p.value();
                min = Math.min(min, p.min());
                max = Math.max(max, p.max());
                n++;
                j++;
            }
            out.add(new Point(from.plusNanos(index * bucket + bucket / 2), sum / n, min, max));
            i = j;
        }
        return List.copyOf(out);
    }

    /** The table's interval for a visible span: about 60 to 100 rows. */
    static Duration rowStep(Duration visible) {
        if (visible.compareTo(Duration.ofHours(1)) <= 0) {
            return Duration.ofMinutes(1);
        }
        if (visible.compareTo(Duration.ofHours(8)) <= 0) {
            return Duration.ofMinutes(5);
        }
        if (visible.compareTo(Duration.ofHours(24)) <= 0) {
            return Duration.ofMinutes(15);
        }
        return Duration.ofHours(1);
    }

    /** Table rows, newest first: the median of each code in each step-long interval aligned to the step. */
    static List<Row> rows(Map<String, List<Point>> series, Instant from, Instant to, Duration step,
                          java.time.ZoneId zone) {
        long stepMillis = step.toMillis();
        long first = Math.floorDiv(from.toEpochMilli(), stepMillis) * stepMillis;
        int count = (int) Math.max(0, (to.toEpochMilli() - first + stepMillis - 1) / stepMillis);
        List<Row> out = new ArrayList<>(count);
        Map<String, double[][]> byCode = new HashMap<>();
        for (var e : series.entrySet()) {
            byCode.put(e.getKey(), bucketed(e.getValue(), first, stepMillis, count));
        }
        for (int i = count - 1; i >= 0; i--) {
            final int row = i;
            java.util.function.Function<String, Double> median = code -> {
                double[][] b = byCode.get(code);
                return b == null || b[row] == null ? null : median(b[row]);
            };
            Double sys = median.apply(org.vigil.data.model.MeasurementCode.NIBP_SYS);
            Double dia = median.apply(org.vigil.data.model.MeasurementCode.NIBP_DIA);
            Double mean = median.apply(org.vigil.data.model.MeasurementCode.NIBP_MEAN);
            String nibp = sys == null && dia == null && mean == null ? ""
                    : whole(sys) + "/" + whole(dia) + (mean == null ? "" : " (" + whole(mean) + ")");
            Instant t = Instant.ofEpochMilli(first + row * stepMillis);
            out.add(new Row(t, ROW_TIME.format(t.atZone(zone)), whole(median.apply(org.vigil.data.model.MeasurementCode.HEART_RATE)),
                    whole(median.apply(org.vigil.data.model.MeasurementCode.SPO2)),
                    whole(median.apply(org.vigil.data.model.MeasurementCode.RESP_RATE)), nibp,
                    tenth(median.apply(org.vigil.data.model.MeasurementCode.TEMP_BODY))));
        }
        return out;
    }

    private static double[][] bucketed(List<Point> points, long first, long stepMillis, int count) {
        int[] sizes = new int[count];
        for (Point p : points) {
            int b = (int) Math.floorDiv(p.time().toEpochMilli() - first, stepMillis);
            if (b >= 0 && b < count) {
                sizes[b]++;
            }
        }
        double[][] out = new double[count][];
        int[] filled = new int[count];
        for (Point p : points) {
            int b = (int) Math.floorDiv(p.time().toEpochMilli() - first, stepMillis);
            if (b >= 0 && b < count) {
                if (out[b] == null) {
                    out[b] = new double[sizes[b]];
                }
                out[b][filled[b]++] = p.value();
            }
        }
        return out;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static String whole(Double d) {
        return d == null ? "" : Long.toString(Math.round(d));
    }

    private static String tenth(Double d) {
        return d == null ? "" : String.format(Locale.ROOT, "%.1f", d);
    }

    /**
     * What the values were at {@code t} (the nearest point of each parameter within a tolerance), for the cursor's
     * read-out: "10:42:13  HR 72  SpO2 97 ...".
     */
    public String readout(Instant t) {
        Trends data = trends.get();
        Duration tolerance = data.aggregated() ? Duration.ofSeconds(90) : Duration.ofSeconds(15);
        if (data.series().values().stream().anyMatch(l -> l.size() >= MAX_POINTS)) {
            tolerance = tolerance.plus(Duration.between(data.from(), data.to()).dividedBy(MAX_POINTS));
        }
        StringBuilder s = new StringBuilder(TIME.format(t.atZone(review.zone())));
        for (TrendParameter p : TrendParameter.values()) {
            List<String> parts = new ArrayList<>();
            for (String code : p.codes()) {
                Point near = nearest(data.points(code), t, tolerance);
                if (near != null) {
                    parts.add(p == TrendParameter.TEMP ? tenth(near.value()) : whole(near.value()));
                }
            }
            if (!parts.isEmpty()) {
                s.append("  ").append(p.label()).append(' ').append(String.join("/", parts));
            }
        }
        return s.toString();
    }

    static Point nearest(List<Point> points, Instant t, Duration tolerance) {
        int lo = 0;
        int hi = points.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (points.get(mid).time().isBefore(t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        Point best = null;
        long bestGap = Long.MAX_VALUE;
        for (int i = Math.max(0, lo - 1); i <= Math.min(points.size() - 1, lo); i++) {
            long gap = Math.abs(Duration.between(points.get(i).time(), t).toNanos());
            if (gap < bestGap) {
                bestGap = gap;
                best = points.get(i);
            }
        }
        return best != null && bestGap <= tolerance.toNanos() ? best : null;
    }

    private static Duration scaled(Duration d, double factor) {
        return Duration.ofNanos(Math.round(d.toNanos() * factor));
    }

    private static Duration clamp(Duration d, Duration min, Duration max) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }
}
