package org.vigil.ui.alarms.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.store.AlarmLogEntry;

/**
 * The alarm history: the alarm log filtered by bed, priority and time span, newest first. Loading runs off the
 * JavaFX thread through an {@link AlarmHistorySource}; the result is applied through {@code fxExecutor}
 * ({@code Platform::runLater} in the console; one hand-off per load). A load that a newer one overtook is dropped.
 * Properties and rows belong to the JavaFX thread; it never touches a Node.
 */
public final class AlarmHistoryViewModel {
    /** The most rows one load shows; the status says when there were more. */
    public static final int MAX_ROWS = 1000;

    /** Time spans offered, up to the 96 hours of the stored trends. */
    public enum Span {
        LAST_HOUR("Last hour", Duration.ofHours(1)),
        LAST_8_HOURS("Last 8 hours", Duration.ofHours(8)),
        LAST_24_HOURS("Last 24 hours", Duration.ofHours(24)),
        LAST_96_HOURS("Last 96 hours", Duration.ofHours(96));

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

    /** One row of the table, as text, with the log entry it shows (for the jump to its waveform). */
    public record Row(String time, String bed, String patientId, String condition, String priority, String state,
                      String value, String limits, String user, String station, String text, AlarmLogEntry entry) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final AlarmHistorySource source;
    private final Clock clock;
    private final Executor fxExecutor;
    private final Function<String, String> bedLabel;
    private final ZoneId zone;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<String> bed = new SimpleObjectProperty<>();
    private final ObjectProperty<AlarmPriority> priority = new SimpleObjectProperty<>();
    private final ObjectProperty<Span> span = new SimpleObjectProperty<>(Span.LAST_24_HOURS);
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final AtomicLong generation = new AtomicLong();

    /**
     * @param bedLabel the label shown for a bed id (the id itself when unknown)
     * @param zone     the zone times are shown in (the station's)
     */
    public AlarmHistoryViewModel(AlarmHistorySource source, Clock clock, Executor fxExecutor,
                                 Function<String, String> bedLabel, ZoneId zone) {
        this.source = source;
        this.clock = clock;
        this.fxExecutor = fxExecutor;
        this.bedLabel = bedLabel;
        this.zone = zone;
    }

    /** The rows of the last load, newest first. */
    public ObservableList<Row> rows() {
        return rows;
    }

    /** The bed filter: a bed id, or null for the whole ward. */
    public ObjectProperty<String> bed() {
        return bed;
    }

    /** The priority filter, or null for all. */
    public ObjectProperty<AlarmPriority> priority() {
        return priority;
    }

    public ObjectProperty<Span> span() {
        return span;
    }

    /** "Loading...", "12 entries", "1000 entries (more not shown: narrow the filter)" or the failure. */
    public StringProperty status() {
        return status;
    }

    public BooleanProperty loading() {
        return loading;
    }

    /** The query the filters describe now. */
    public HistoryQuery query() {
        Instant to = clock.instant().plusMillis(1); // the log's "to" is exclusive: include this very moment
        return new HistoryQuery(bed.get(), priority.get(), to.minus(span.get().length()), to, MAX_ROWS);
    }

    /** Loads with the current filters, off the JavaFX thread. JavaFX thread. */
    public void load() {
        long mine = generation.incrementAndGet();
        HistoryQuery q = query();
        loading.set(true);
        status.set("Loading...");
        CompletableFuture<List<AlarmLogEntry>> f;
        try {
            f = source.load(q);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((entries, failure) -> {
            List<Row> next = failure == null ? entries.stream().map(this::row).toList() : null;
            fxExecutor.execute(() -> apply(mine, next, failure));
        });
    }

    private void apply(long mine, List<Row> next, Throwable failure) {
        if (mine != generation.get()) {
            return; // a newer load is on its way
        }
        loading.set(false);
        if (failure != null) {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            status.set("Could not read the alarm log: " + cause.getMessage());
            return;
        }
        rows.setAll(next);
        status.set(next.size() + (next.size() == 1 ? " entry" : " entries")
                + (next.size() >= MAX_ROWS ? " (more not shown: narrow the filter)" : ""));
    }

    Row row(AlarmLogEntry e) {
        return new Row(TIME.format(e.loggedAt().atZone(zone)), bedLabel.apply(e.bedId()),
                e.patientId() == null ? "" : Long.toString(e.patientId()), e.conditionCode(),
                e.priority().marker() + " " + e.priority().wireName(), e.state(),
                e.value() == null ? "" : fmt(e.value()) + (e.unit() == null ? "" : " " + e.unit()),
                limits(e), e.username() == null ? "" : e.username(), e.station(), e.text(), e);
    }

    private static String limits(AlarmLogEntry e) {
        if (e.limitLow() == null && e.limitHigh() == null) {
            return "";
        }
        return (e.limitLow() == null ? "-" : fmt(e.limitLow())) + " .. " + (e.limitHigh() == null ? "-" : fmt(e.limitHigh()));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
