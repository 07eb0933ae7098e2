package org.vigil.ui.review;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.Patient;
import org.vigil.data.recording.RecordedSpan;
import org.vigil.data.recording.WaveSegment;
import org.vigil.data.recording.WaveTrace;
import org.vigil.data.recording.WaveWindow;

/**
 * Full disclosure of one bed: every recorded waveform sample from a chosen moment, scrolled back and forth. The
 * recording is read in 10 s chunks on the review's background executor, ahead of and behind what is shown, and kept
 * in a small cache; each chunk is applied once on the JavaFX thread and {@link #revision()} counts them so the view
 * redraws. A chunk not read yet is "loading", never a gap; a gap is only what the recording says is missing.
 * Properties belong to the JavaFX thread; it never touches a Node.
 */
public final class FullDisclosureViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(FullDisclosureViewModel.class);

    /** The recording is read in windows of this length, aligned to multiples of it. */
    public static final Duration CHUNK = Duration.ofSeconds(10);
    /** Chunks kept: 15 minutes of scrolling back and forth without reading again. */
    static final int CACHE_CHUNKS = 90;
    /** A chunk this close to now may still grow: it is read again when shown after this long. */
    static final Duration PROVISIONAL = Duration.ofSeconds(5);
    /** Gaps shorter than this are not labelled (they are still not bridged). */
    public static final Duration MIN_LABELLED_GAP = Duration.ofMillis(40);
    /** The strip length offered first: 10 s, as a bedside recorder prints. */
    public static final Duration DEFAULT_STRIP = Duration.ofSeconds(10);
    /** The longest strip one export prints (60 pages of 10 s). */
    public static final Duration MAX_STRIP = Duration.ofMinutes(10);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S", Locale.ROOT);

    /** One channel as drawn over the visible span: its recorded segments there (from the chunks read so far). */
    public record Channel(String code, String label, double rate, String unit, double scale, double offset,
                          List<WaveSegment> segments) {
        public boolean ecg() {
            return MeasurementCode.isEcg(code);
        }
    }

    private record Chunk(WaveWindow window, Instant readAt, boolean provisional) {
    }

    private final ReviewContext review;
    private final ObjectProperty<String> bed = new SimpleObjectProperty<>();
    private final ObjectProperty<Instant> position = new SimpleObjectProperty<>();
    private final ObjectProperty<Duration> visibleLength = new SimpleObjectProperty<>(Duration.ofSeconds(10));
    private final IntegerProperty revision = new SimpleIntegerProperty();
    private final ObjectProperty<RecordedSpan> span = new SimpleObjectProperty<>();
    private final ObjectProperty<AlarmMarker> alarm = new SimpleObjectProperty<>();
    private final ObjectProperty<Duration> stripLength = new SimpleObjectProperty<>(DEFAULT_STRIP);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty timeText = new SimpleStringProperty("");
    private final BooleanProperty exporting = new SimpleBooleanProperty();
    private final Map<Instant, Chunk> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Instant, Chunk> eldest) {
            return size() > CACHE_CHUNKS;
        }
    };
    private final Set<Instant> inFlight = new HashSet<>();
    /** Every channel seen for this bed, in the order rows are drawn; kept while scrolling so rows do not jump. */
    private final Map<String, WaveTrace> channels = new HashMap<>();
    /** What is wanted now: a chunk read that is no longer near it is skipped on the background thread. */
    private volatile Instant wantedFrom = Instant.EPOCH;
    private volatile Instant wantedTo = Instant.EPOCH;
    private volatile String wantedBed;
    private long bedGeneration;

    public FullDisclosureViewModel(ReviewContext review, String bed, Instant at) {
        this.review = review;
        this.bed.set(bed);
        this.wantedBed = bed;
        this.position.set(at);
        timeText.set(format(at));
        position.addListener((o, was, now) -> timeText.set(format(now)));
    }

    public ObjectProperty<String> bed() {
        return bed;
    }

    /** The moment at the left edge of the traces. */
    public ObjectProperty<Instant> position() {
        return position;
    }

    /** How much the traces' width shows at 25 mm/s; set by the view from its width. */
    public ObjectProperty<Duration> visibleLength() {
        return visibleLength;
    }

    /** Counts the chunks applied: the view redraws when it changes. */
    public IntegerProperty revision() {
        return revision;
    }

    /** The recorded span of the bed (null while unknown or when nothing is recorded). */
    public ObjectProperty<RecordedSpan> span() {
        return span;
    }

    /** The alarm that led here (null when opened by bed and time), printed on an exported strip. */
    public ObjectProperty<AlarmMarker> alarm() {
        return alarm;
    }

    public ObjectProperty<Duration> stripLength() {
        return stripLength;
    }

    public StringProperty status() {
        return status;
    }

    /** The left edge's time, "2026-11-24 10:41:50.0", in the station's zone. */
    public StringProperty timeText() {
        return timeText;
    }

    public BooleanProperty exporting() {
        return exporting;
    }

    public Instant visibleTo() {
        return position.get().plus(visibleLength.get());
    }

    public String format(Instant t) {
        return TIME.format(t.atZone(review.zone()));
    }

    /** Opens the recording of another bed (or the same) at {@code at}; reads its recorded span. */
    public void show(String id, Instant at) {
        if (!id.equals(bed.get())) {
            bed.set(id);
            cache.clear();
            inFlight.clear();
            channels.clear();
            bedGeneration++;
            span.set(null);
        }
        wantedBed = id;
        moveTo(at);
        loadSpan();
    }

    /** Reads the bed's recorded span (for the scroll bar, Home and End). */
    public void loadSpan() {
        String b = bed.get();
        long gen = bedGeneration;
        java.util.concurrent.CompletableFuture.supplyAsync(() -> review.recording().span(b), review.background())
                .whenComplete((s, failure) -> review.fx().execute(() -> {
                    if (gen != bedGeneration) {
                        return;
                    }
                    if (failure != null) {
                        status.set("Could not read the recording: " + cause(failure).getMessage());
                    } else {
                        span.set(s);
                        if (s == null) {
                            status.set("Nothing recorded for " + review.bedLabel().apply(b));
                        }
                    }
                }));
    }

    public void moveTo(Instant at) {
        position.set(at);
        ensureLoaded();
    }

    public void scrollBy(Duration d) {
        moveTo(position.get().plus(d));
    }

    /** Scrolls by a fraction of the visible span (1: a screen forward). */
    public void page(double screens) {
        scrollBy(Duration.ofNanos(Math.round(visibleLength.get().toNanos() * screens)));
    }

    /** The start of the recording (Home). */
    public void toStart() {
        RecordedSpan s = span.get();
        if (s != null) {
            moveTo(s.first());
        }
        loadSpan();
    }

    /** The end of the recording (End): its last screen. */
    public void toEnd() {
        RecordedSpan s = span.get();
        if (s != null) {
            moveTo(s.last().minus(visibleLength.get()));
        }
        loadSpan();
    }

    /** Reads the chunks of the visible span and one screen either side that are not in the cache. JavaFX thread. */
    public void ensureLoaded() {
        String b = bed.get();
        if (b == null || position.get() == null) {
            return;
        }
        Instant from = position.get().minus(visibleLength.get());
        Instant to = visibleTo().plus(visibleLength.get());
        wantedFrom = from.minus(CHUNK);
        wantedTo = to.plus(CHUNK);
        Instant now = review.clock().instant();
        // what is shown first, then ahead, then behind
        List<Instant> starts = chunkStarts(from, to);
        starts.sort(Comparator.comparing(c -> priority(c, position.get(), visibleTo())));
        for (Instant c : starts) {
            Chunk have = cache.get(c);
            boolean stale = have != null && have.provisional() && have.readAt().plus(PROVISIONAL).isBefore(now);
            if ((have == null || stale) && inFlight.add(c)) {
                read(b, c);
            }
        }
    }

    private static int priority(Instant chunk, Instant from, Instant to) {
        Instant end = chunk.plus(CHUNK);
        if (end.isAfter(from) && chunk.isBefore(to)) {
            return 0;
        }
        return chunk.isAfter(from) ? 1 : 2;
    }

    private void read(String b, Instant start) {
        long gen = bedGeneration;
        Instant end = start.plus(CHUNK);
        review.background().execute(() -> {
            WaveWindow w = null;
            Throwable failure = null;
            boolean skipped = !b.equals(wantedBed) || !end.isAfter(wantedFrom) || !start.isBefore(wantedTo);
            Instant readAt = review.clock().instant();
            if (!skipped) {
                try {
                    w = review.recording().waves(b, start, end);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            WaveWindow window = w;
            Throwable failed = failure;
            review.fx().execute(() -> applyChunk(gen, start, window, failed, readAt, skipped));
        });
    }

    private void applyChunk(long gen, Instant start, WaveWindow w, Throwable failure, Instant readAt, boolean skipped) {
        if (gen != bedGeneration) {
            return;
        }
        inFlight.remove(start);
        if (skipped) {
            ensureLoaded(); // it may be wanted again by now
            return;
        }
        if (failure != null) {
            LOG.warn("Waveforms of bed {} from {} could not be read", bed.get(), start, failure);
            status.set("Could not read the recording: " + failure.getMessage());
            return;
        }
        boolean provisional = start.plus(CHUNK).isAfter(readAt.minus(PROVISIONAL));
        cache.put(start, new Chunk(w, readAt, provisional));
        for (WaveTrace t : w.traces()) {
            channels.putIfAbsent(t.code(), t);
        }
        if (!status.get().isEmpty() && status.get().startsWith("Could not")) {
            status.set("");
        }
        revision.set(revision.get() + 1);
    }

    static List<Instant> chunkStarts(Instant from, Instant to) {
        long chunkMillis = CHUNK.toMillis();
        long first = Math.floorDiv(from.toEpochMilli(), chunkMillis) * chunkMillis;
        List<Instant> out = new ArrayList<>();
        for (long t = first; t < to.toEpochMilli(); t += chunkMillis) {
            out.add(Instant.ofEpochMilli(t));
        }
        return out;
    }

    /** True when every chunk of {@code [from, to)} has been read. */
    public boolean loaded(Instant from, Instant to) {
        for (Instant c : chunkStarts(from, to)) {
            if (!cache.containsKey(c)) {
                return false;
            }
        }
        return true;
    }

    /** The channels to draw over {@code [from, to)}: ECG leads first (II before others), then the rest. */
    public List<Channel> channels(Instant from, Instant to) {
        List<WaveTrace> known = new ArrayList<>(channels.values());
        known.sort(Comparator.comparingInt((WaveTrace t) -> order(t.code())).thenComparing(WaveTrace::code));
        List<Channel> out = new ArrayList<>(known.size());
        List<Instant> starts = chunkStarts(from, to);
        for (WaveTrace k : known) {
            List<WaveSegment> segments = new ArrayList<>();
            for (Instant c : starts) {
                Chunk chunk = cache.get(c);
                WaveTrace t = chunk == null ? null : chunk.window().trace(k.code());
                if (t != null) {
                    segments.addAll(t.segments());
                }
            }
            out.add(new Channel(k.code(), MeasurementCode.shortLabel(k.code()), k.rate(), k.unit(), k.scale(),
                    k.offset(), List.copyOf(segments)));
        }
        return out;
    }

    private static int order(String code) {
        if (MeasurementCode.ECG_II.equals(code)) {
            return 0;
        }
        if (MeasurementCode.isEcg(code)) {
            return 1;
        }
        if (MeasurementCode.PLETH.equals(code)) {
            return 2;
        }
        if (MeasurementCode.RESP_WAVE.equals(code)) {
            return 3;
        }
        return 4;
    }

    /**
     * The gaps of a channel in {@code [from, to)} as far as the recording has been read: a span not read yet is
     * not a gap.
     */
    public List<WaveformPlot.Gap> gaps(Channel c, Instant from, Instant to) {
        List<WaveformPlot.Gap> out = new ArrayList<>();
        Instant runFrom = null;
        Instant runTo = null;
        for (Instant start : chunkStarts(from, to)) {
            if (cache.containsKey(start)) {
                if (runFrom == null) {
                    runFrom = start;
                }
                runTo = start.plus(CHUNK);
            } else if (runFrom != null) {
                out.addAll(gapsIn(c, max(runFrom, from), min(runTo, to)));
                runFrom = null;
            }
        }
        if (runFrom != null) {
            out.addAll(gapsIn(c, max(runFrom, from), min(runTo, to)));
        }
        return out;
    }

    private static List<WaveformPlot.Gap> gapsIn(Channel c, Instant from, Instant to) {
        return WaveformPlot.gaps(c.rate(), c.segments(), from, to, MIN_LABELLED_GAP);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The visible span's gaps of a channel code (empty when the channel is unknown). For the status and tests. */
    public List<WaveformPlot.Gap> visibleGaps(String code) {
        Instant from = position.get();
        Instant to = visibleTo();
        for (Channel c : channels(from, to)) {
            if (c.code().equals(code)) {
                return gaps(c, from, to);
            }
        }
        return List.of();
    }

    /** Exports the strip of the chosen length from the left edge. */
    public void exportVisible(Path file) {
        export(file, position.get(), position.get().plus(stripLength.get()));
    }

    /** Exports 10 s around the alarm that led here (5 s either side of its onset). */
    public void exportAlarm(Path file) {
        AlarmMarker a = alarm.get();
        if (a == null) {
            status.set("No alarm to print: export the chosen span");
            return;
        }
        export(file, a.onset().minus(DEFAULT_STRIP.dividedBy(2)), a.onset().plus(DEFAULT_STRIP.dividedBy(2)));
    }

    /**
     * Writes the strip {@code [from, to)} to a PDF file: the recording is read and the file written on the
     * background executor; the outcome is shown once on the status line.
     */
    public void export(Path file, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            status.set("Cannot export: the strip must end after it starts");
            return;
        }
        if (Duration.between(from, to).compareTo(MAX_STRIP) > 0) {
            status.set("Cannot export more than " + MAX_STRIP.toMinutes() + " minutes in one strip");
            return;
        }
        String b = bed.get();
        Patient patient = review.patientOfBed().apply(b);
        StripExport.Strip strip = new StripExport.Strip(review.ward(), b, review.bedLabel().apply(b), patient,
                from, to, review.zone(), alarm.get(), review.clock().instant(), null);
        exporting.set(true);
        status.set("Exporting strip...");
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            WaveWindow w = review.recording().waves(b, from, to);
            StripExport.write(file, strip.with(w));
        }, review.background()).whenComplete((v, failure) -> review.fx().execute(() -> {
            exporting.set(false);
            if (failure != null) {
                Throwable c = cause(failure);
                LOG.warn("Strip export to {} failed", file, c);
                status.set("Strip not saved: " + c.getMessage());
            } else {
                status.set("Strip saved: " + file);
            }
        }));
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The file name offered for a strip: "strip-bed-03-2026-11-24-104150.pdf". */
    public String suggestedFileName() {
        Instant at = alarm.get() != null ? alarm.get().onset() : position.get();
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss", Locale.ROOT).format(at.atZone(review.zone()));
        String label = review.bedLabel().apply(bed.get()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return "strip-" + label + "-" + when + ".pdf";
    }
}
