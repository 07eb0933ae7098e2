package org.vigil.data.recording;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.data.model.WaveChannel;
import org.vigil.data.recording.codec.WaveformCodec;
import org.vigil.data.store.VigilDatabase;

/**
 * The recorder: records every valid numeric value and every waveform sample of every bed, by device time.
 *
 * <p>The feed methods ({@link #numerics}, {@link #wave}, {@link #lateNumerics}, {@link #lateWave}) only hand the
 * message to a bounded queue and return at once: call them from the MQTT callback thread (a full queue drops the
 * message and counts it). One writer thread ("vigil-recorder") does everything else: it keeps one open block per
 * channel and writes at most one transaction per {@code flushInterval} (1 s) holding what arrived since; an open
 * block is rewritten in place until it holds {@code maxBlock} (10 s) of samples, so a crash loses at most the last
 * second (plus the message in flight) and the stored blocks are still long enough to compress well. A seq gap, a
 * time gap or a change of the channel's rate, unit, scale or offset ends a block: a gap stays a gap. Samples
 * received twice are recorded once. Between writes it computes the aggregates of closed minutes (again when late
 * values arrive) and purges expired data in small steps so ingest never waits.
 *
 * <p>When a write fails the recorder keeps what it has in memory (up to {@code backlogBytes}, the oldest dropped
 * and counted), tells the {@link RecordingListener} "recording stopped", tries again every {@code retryInterval}
 * and says when it resumed. Live monitoring does not depend on it.
 *
 * <p>Also the {@link RecordingReader} of the same store (blocking: never call those on the JavaFX thread).
 * {@link #status()} and {@link #statusLine} are cheap and may be called from any thread, the JavaFX thread included.
 */
public final class Recorder implements RecordingReader, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    private static final long MINUTE_US = 60_000_000L;
    /** A minute's aggregate is computed this long after it ended (values of the minute still in flight). */
    private static final long MINUTE_GRACE_US = 5_000_000L;
    private static final long BYTES_EVERY_US = 60_000_000L;
    /** Retention: the most data of one bed and table deleted in one statement. */
    private static final long PURGE_SLICE_US = 120_000_000L;
    private static final long PURGE_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(40);
    private static final long PURGE_IDLE_US = 60_000_000L;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final DataSource ds;
    private final Clock clock;
    private final RecordingSettings settings;
    private final RecordingListener listener;
    private final JdbcRecordingReader reader;
    private final BlockingQueue<Object> queue;
    private final Thread writer;

    private final AtomicLong droppedMessages = new AtomicLong();
    private volatile RecordingStatus status;

    // --- writer thread state ---
    private final Map<String, ChannelRun> runs = new HashMap<>();
    private final Map<String, LateRun> lateRuns = new HashMap<>();
    private final Map<String, Long> lastNumericTime = new HashMap<>();
    private final ArrayDeque<NumericRow> pendingNumerics = new ArrayDeque<>();
    private final ArrayDeque<BlockWrite> pendingBlocks = new ArrayDeque<>();
    private final ArrayDeque<LatePiece> pendingLate = new ArrayDeque<>();
    private final Set<String> knownBeds = new HashSet<>();
    private final Set<String> newBeds = new LinkedHashSet<>();
    private final Set<MinuteKey> dirtyMinutes = new HashSet<>();
    private final List<CompletableFuture<Boolean>> flushWaiters = new ArrayList<>();
    private long backlogBytes;
    private long droppedValues;
    private long droppedSamples;
    private long duplicateSamples;
    private String stoppedReason;
    private Instant since;
    private long bytesUsed = -1;
    private Instant nextFlush = Instant.MIN;
    private Instant nextRetry = Instant.MIN;
    private Instant nextBytes = Instant.MIN;
    private Instant purgeIdleUntil = Instant.MIN;
    private int purgeCursor;
    private boolean wroteSinceMeasure;
    private volatile boolean stopping;

    private record NumericsItem(String bed, Numerics numerics, boolean late) {
    }

    private record WaveItem(String bed, Wave wave, boolean late) {
    }

    private record FlushItem(CompletableFuture<Boolean> done) {
    }

    private record MinuteKey(String bed, long minuteUs) {
    }

    /** A numeric value to insert; {@code replace}: delete a row of the same bed, code and time first. */
    private record NumericRow(String bed, String code, long tUs, double value, String unit, boolean replace) {
    }

    /** A whole block to write (insert or overwrite the row of the same bed, code and t0). */
    private record BlockWrite(String bed, String code, long runT0Us, long firstIndex, double rate, String unit,
                              double scale, double offset, int count, byte[] data, int alreadyWritten) {
        long t0Us() {
            return Micros.sampleUs(runT0Us, firstIndex, rate);
        }

        long endUs() {
            return Micros.sampleUs(runT0Us, firstIndex + count, rate);
        }
    }

    /** Late (or out-of-order) samples, deduplicated against the store when written. */
    private record LatePiece(String bed, String code, long runT0Us, long firstIndex, double rate, String unit,
                             double scale, double offset, int[] samples) {
    }

    private static boolean sameParams(double rate, String unit, double scale, double offset, WaveChannel c) {
        return Double.compare(rate, c.rate()) == 0 && unit.equals(c.unit()) && Double.compare(scale, c.scale()) == 0
                && Double.compare(offset, c.offset()) == 0;
    }

    /** The live recording of one channel of one bed: a contiguous run and its open block. */
    private final class ChannelRun {
        final String bed;
        final String code;
        String device;
        long lastSeq;
        double rate;
        String unit;
        double scale;
        double offset;
        long runT0Us;
        long nextIndex;          // run index of the next sample
        long blockFirstIndex;    // run index of the open block's first sample
        int[] buf;
        int count;               // samples in the open block
        int written;             // of which already in the store (or in an earlier attempt's write)

        ChannelRun(String bed, String code) {
            this.bed = bed;
            this.code = code;
        }

        void start(String device, long seq, WaveChannel c, long t0Us) {
            this.device = device;
            this.lastSeq = seq;
            this.rate = c.rate();
            this.unit = c.unit();
            this.scale = c.scale();
            this.offset = c.offset();
            this.runT0Us = t0Us;
            this.nextIndex = 0;
            this.blockFirstIndex = 0;
            this.buf = new int[maxSamples(rate)];
            this.count = 0;
            this.written = 0;
        }

        long endUs() {
            return Micros.sampleUs(runT0Us, nextIndex, rate);
        }

        double toleranceUs() {
            return 0.5e6 / rate;
        }

        void append(int[] samples, int from) {
            for (int i = from; i < samples.length; ) {
                if (count == buf.length) {
                    closeBlock();
                }
                int n = Math.min(samples.length - i, buf.length - count);
                System.arraycopy(samples, i, buf, count, n);
                count += n;
                nextIndex += n;
                i += n;
                backlogBytes += 4L * n;
            }
        }

        /** Ends the open block: its final content is written with the next transaction. */
        void closeBlock() {
            if (count > 0) {
                BlockWrite b = blockWrite();
                pendingBlocks.add(b);
                backlogBytes += b.data().length - 4L * count;
            }
            blockFirstIndex = nextIndex;
            count = 0;
            written = 0;
        }

        BlockWrite blockWrite() {
            return new BlockWrite(bed, code, runT0Us, blockFirstIndex, rate, unit, scale, offset, count,
                    WaveformCodec.encode(buf, 0, count), written);
        }
    }

    /** Where the late messages of a channel continue one another (so they join into one segment). */
    private static final class LateRun {
        String device;
        long lastSeq;
        long runT0Us;
        long nextIndex;
        double rate;
        String unit;
        double scale;
        double offset;
    }

    /**
     * A recorder over {@code ds}; {@link #start()} starts its writer thread.
     *
     * @param listener told when recording stops and resumes (on the writer thread)
     */
    public Recorder(DataSource ds, Clock clock, RecordingSettings settings, RecordingListener listener) {
        this.ds = ds;
        this.clock = clock;
        this.settings = settings;
        this.listener = listener == null ? RecordingListener.NONE : listener;
        this.reader = new JdbcRecordingReader(ds);
        this.queue = new LinkedBlockingQueue<>(settings.queueCapacity());
        this.since = clock.instant();
        this.writer = Thread.ofPlatform().name("vigil-recorder").daemon().unstarted(this::runWriterGuarded);
        publishStatus();
    }

    public Recorder(VigilDatabase db, Clock clock, RecordingSettings settings, RecordingListener listener) {
        this(db.dataSource(), clock, settings, listener);
    }

    /** Starts the writer thread. Call once. */
    public void start() {
        writer.start();
    }

    // ---------------------------------------------------------------- hand-off (any thread, never blocks)

    /** A numerics message of the bed (current data). */
    public void numerics(String bed, Numerics n) {
        offer(new NumericsItem(bed, n, false));
    }

    /** A numerics message that arrived late (backlog after a reconnect): recorded at its device time. */
    public void lateNumerics(String bed, Numerics n) {
        offer(new NumericsItem(bed, n, true));
    }

    /** A wave message of the bed (current data). */
    public void wave(String bed, Wave w) {
        offer(new WaveItem(bed, w, false));
    }

    /** A wave message that arrived late: recorded at its device time, without overwriting what is recorded. */
    public void lateWave(String bed, Wave w) {
        offer(new WaveItem(bed, w, true));
    }

    private void offer(Object item) {
        if (stopping || !queue.offer(item)) {
            if (droppedMessages.incrementAndGet() % 1000 == 1) {
                LOG.warn("Recording queue full: {} messages not recorded so far", droppedMessages.get());
            }
        }
    }

    /**
     * Writes everything handed in before this call and waits for it (blocking; never on the JavaFX or MQTT
     * thread). Returns true when it is in the store, false when the store cannot be written (it stays in the
     * backlog) or the wait timed out.
     */
    public boolean flush(Duration timeout) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        try {
            if (!queue.offer(new FlushItem(done), timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** The recorder's state now; cheap, any thread. */
    public RecordingStatus status() {
        return status;
    }

    /** "Recording: 1.4 GB, since 05:00" or "RECORDING STOPPED: disk full", for the status bar. Any thread. */
    public String statusLine(ZoneId zone) {
        RecordingStatus s = status;
        if (!s.recording()) {
            return "RECORDING STOPPED: " + s.stoppedReason();
        }
        String size = s.bytesUsed() < 0 ? "" : formatBytes(s.bytesUsed()) + ", ";
        LocalTime at = s.since().atZone(zone).toLocalTime();
        return "Recording: " + size + "since " + HH_MM.format(at);
    }

    static String formatBytes(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%d kB", (bytes + 1023) / 1024);
    }

    /** Writes what is pending (waiting up to 10 s) and stops the writer thread. */
    @Override
    public void close() {
        if (!writer.isAlive()) {
            stopping = true;
            return;
        }
        boolean written = flush(Duration.ofSeconds(10));
        stopping = true;
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!written) {
            LOG.warn("Recorder stopped with data not written: {}", status);
        }
    }

    // ---------------------------------------------------------------- reading

    @Override
    public List<TrendPoint> numerics(String bed, Set<String> codes, Instant from, Instant to) {
        return reader.numerics(bed, codes, from, to);
    }

    @Override
    public List<MinuteAggregate> minutes(String bed, Set<String> codes, Instant from, Instant to) {
        return reader.minutes(bed, codes, from, to);
    }

    @Override
    public WaveWindow waves(String bed, Instant from, Instant to) {
        return reader.waves(bed, from, to);
    }

    @Override
    public RecordedSpan span(String bed) {
        return reader.span(bed);
    }

    @Override
    public long bytesUsed() {
        return reader.bytesUsed();
    }

    // ---------------------------------------------------------------- the writer thread

    /** A writer that dies (out of memory...) says so: a silent end of recording would look like recording. */
    private void runWriterGuarded() {
        try {
            runWriter();
        } catch (Throwable t) {
            LOG.error("The recorder's writer thread failed: recording has stopped", t);
            stoppedReason = "recorder failed: " + t;
            publishStatus();
            listener.recordingStopped(stoppedReason);
            throw t;
        }
    }

    private void runWriter() {
        try {
            loadBeds();
        } catch (SQLException | RuntimeException e) {
            fail(e);
        }
        List<Object> batch = new ArrayList<>();
        while (true) {
            try {
                Object first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, 4096);
                }
            } catch (InterruptedException e) {
                if (stopping) {
                    break;
                }
            }
            for (Object item : batch) {
                try {
                    handle(item);
                } catch (RuntimeException e) {
                    LOG.error("Recording a message failed; it is skipped", e);
                }
            }
            batch.clear();
            Instant now = clock.instant();
            boolean flushAsked = !flushWaiters.isEmpty();
            boolean written = false;
            if (flushAsked || !now.isBefore(nextFlush)) {
                if (stoppedReason == null || flushAsked || !now.isBefore(nextRetry)) {
                    written = write(now);
                }
                nextFlush = now.plus(settings.flushInterval());
            }
            if (stoppedReason == null && (flushAsked || queue.size() < settings.queueCapacity() / 4)) {
                maintain(now);
            }
            publishStatus();
            // after the maintenance, so that a test that flushes sees the closed minutes and the purge done
            for (CompletableFuture<Boolean> w : flushWaiters) {
                w.complete(written && stoppedReason == null);
            }
            flushWaiters.clear();
            if (stopping && queue.isEmpty()) {
                break;
            }
        }
        LOG.info("Recorder stopped: {}", status);
    }

    private void handle(Object item) {
        switch (item) {
            case NumericsItem n -> handleNumerics(n.bed(), n.numerics(), n.late());
            case WaveItem w -> handleWave(w.bed(), w.wave(), w.late());
            case FlushItem f -> flushWaiters.add(f.done());
            default -> throw new IllegalStateException("unknown item " + item);
        }
    }

    private void bedSeen(String bed) {
        if (!knownBeds.contains(bed)) {
            newBeds.add(bed);
            knownBeds.add(bed);
        }
    }

    private void handleNumerics(String bed, Numerics n, boolean late) {
        bedSeen(bed);
        for (NumericValue v : n.values()) {
            if (!v.isValid() || !Double.isFinite(v.value())) {
                continue;
            }
            long tUs = Micros.of(v.time());
            String key = bed + '\n' + v.code();
            Long last = lastNumericTime.get(key);
            boolean replace = late;
            if (!late) {
                if (last != null && tUs == last) {
                    continue; // the same measurement repeated (NIBP every second): recorded once
                }
                if (last != null && tUs < last) {
                    replace = true; // out of order: may already be recorded
                } else {
                    lastNumericTime.put(key, tUs);
                }
            }
            pendingNumerics.add(new NumericRow(bed, v.code(), tUs, v.value(), v.unit(), replace));
            backlogBytes += 64;
        }
        trimBacklog();
    }

    private void handleWave(String bed, Wave w, boolean late) {
        bedSeen(bed);
        for (WaveChannel c : w.channels()) {
            String key = bed + '\n' + c.code();
            long t0Us = Micros.of(c.t0());
            if (late) {
                addLate(bed, key, w, c, t0Us);
                continue;
            }
            ChannelRun run = runs.get(key);
            if (run == null) {
                run = new ChannelRun(bed, c.code());
                runs.put(key, run);
                run.start(w.device(), w.seq(), c, t0Us);
                run.append(c.samples(), 0);
                continue;
            }
            boolean same = run.device.equals(w.device()) && sameParams(run.rate, run.unit, run.scale, run.offset, c);
            long endUs = run.endUs();
            double tol = run.toleranceUs();
            long msgEndUs = Micros.sampleUs(t0Us, c.samples().length, c.rate());
            if (same && t0Us >= run.runT0Us - tol && msgEndUs <= endUs + tol) {
                duplicateSamples += c.samples().length; // all of it is recorded already
                continue;
            }
            if (same && w.seq() == run.lastSeq + 1 && Math.abs(t0Us - endUs) <= tol) {
                run.lastSeq = w.seq();
                run.append(c.samples(), 0);
                continue;
            }
            if (same && t0Us >= run.runT0Us - tol && t0Us < endUs - tol) {
                // overlaps the end of what is recorded (sent again): keep only the new samples, contiguously
                int skip = (int) Math.ceil((endUs - tol - t0Us) * c.rate() / 1e6);
                long firstKeptUs = Micros.sampleUs(t0Us, skip, c.rate());
                if (skip < c.samples().length && Math.abs(firstKeptUs - endUs) <= tol) {
                    duplicateSamples += skip;
                    run.lastSeq = w.seq();
                    run.append(c.samples(), skip);
                    continue;
                }
            }
            // a seq gap, a time gap, another device or other channel parameters: the run ends here
            run.closeBlock();
            if (t0Us < endUs - tol) {
                // before the end of what is recorded (a clock set back, a replay): checked against the store
                addLate(bed, key, w, c, t0Us);
                continue;
            }
            run.start(w.device(), w.seq(), c, t0Us);
            run.append(c.samples(), 0);
        }
        trimBacklog();
    }

    private void addLate(String bed, String key, Wave w, WaveChannel c, long t0Us) {
        LateRun lr = lateRuns.computeIfAbsent(key, k -> new LateRun());
        double tol = 0.5e6 / c.rate();
        boolean continues = w.device().equals(lr.device) && w.seq() == lr.lastSeq + 1
                && sameParams(lr.rate, lr.unit, lr.scale, lr.offset, c)
                && Math.abs(t0Us - Micros.sampleUs(lr.runT0Us, lr.nextIndex, lr.rate)) <= tol;
        if (!continues) {
            lr.device = w.device();
            lr.runT0Us = t0Us;
            lr.nextIndex = 0;
            lr.rate = c.rate();
            lr.unit = c.unit();
            lr.scale = c.scale();
            lr.offset = c.offset();
        }
        lr.lastSeq = w.seq();
        pendingLate.add(new LatePiece(bed, c.code(), lr.runT0Us, lr.nextIndex, c.rate(), c.unit(), c.scale(),
                c.offset(), c.samples()));
        lr.nextIndex += c.samples().length;
        backlogBytes += 4L * c.samples().length;
    }

    private int maxSamples(double rate) {
        return (int) Math.max(1, Math.floor(rate * settings.maxBlock().toNanos() / 1e9));
    }

    /** Over the backlog limit (the store cannot be written): the oldest values and samples go, counted. */
    private void trimBacklog() {
        while (backlogBytes > settings.backlogBytes()) {
            long tn = pendingNumerics.isEmpty() ? Long.MAX_VALUE : pendingNumerics.peekFirst().tUs();
            long tb = pendingBlocks.isEmpty() ? Long.MAX_VALUE : pendingBlocks.peekFirst().t0Us();
            long tl = pendingLate.isEmpty() ? Long.MAX_VALUE
                    : Micros.sampleUs(pendingLate.peekFirst().runT0Us(), pendingLate.peekFirst().firstIndex(),
                    pendingLate.peekFirst().rate());
            if (tn == Long.MAX_VALUE && tb == Long.MAX_VALUE && tl == Long.MAX_VALUE) {
                return; // only the open blocks: bounded by maxBlock per channel
            }
            if (tn <= tb && tn <= tl) {
                pendingNumerics.pollFirst();
                backlogBytes -= 64;
                droppedValues++;
            } else if (tb <= tl) {
                BlockWrite b = pendingBlocks.pollFirst();
                backlogBytes -= b.data().length;
                droppedSamples += b.count() - b.alreadyWritten(); // the written part stays in the store
            } else {
                LatePiece p = pendingLate.pollFirst();
                backlogBytes -= 4L * p.samples().length;
                droppedSamples += p.samples().length;
            }
        }
    }

    // ---------------------------------------------------------------- writing

    /** Null until the first write: whether the store is an H2 file, whose commits reach the file but not the disk. */
    private Boolean h2File;

    /**
     * A power loss must lose at most the last 2 s of waveform: on an H2 file each batch (one a second) is followed by
     * CHECKPOINT SYNC, which forces the file to the disk. PostgreSQL's synchronous commit already did that. A failed
     * sync is logged, not retried: the batch is committed, and a disk that cannot sync fails the next write anyway.
     */
    private void syncToDisk(Connection c) {
        try {
            if (h2File == null) {
                h2File = c.getMetaData().getURL().startsWith("jdbc:h2:file:");
            }
            if (h2File) {
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("CHECKPOINT SYNC");
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Recording: forcing the batch to disk failed: {}", e.toString());
        }
    }

    /** One transaction with everything pending. Returns true when written. */
    private boolean write(Instant now) {
        List<ChannelRun> open = new ArrayList<>();
        List<BlockWrite> openWrites = new ArrayList<>();
        for (ChannelRun r : runs.values()) {
            if (r.count > r.written) {
                open.add(r);
                openWrites.add(r.blockWrite());
            }
        }
        if (newBeds.isEmpty() && pendingNumerics.isEmpty() && pendingBlocks.isEmpty() && pendingLate.isEmpty()
                && open.isEmpty()) {
            return stoppedReason == null;
        }
        Connection c = null;
        try {
            c = ds.getConnection();
            c.setAutoCommit(false);
            insertBeds(c, now);
            writeNumerics(c);
            List<BlockWrite> blocks = new ArrayList<>(pendingBlocks);
            blocks.addAll(openWrites);
            upsertBlocks(c, blocks);
            writeLate(c);
            c.commit();
            c.setAutoCommit(true);
            syncToDisk(c);
        } catch (SQLException | RuntimeException e) {
            if (c != null) {
                try {
                    c.rollback();
                } catch (SQLException | RuntimeException ignored) {
                    // the connection is gone: nothing was committed
                }
                // a connection that failed is not lent again (the pool would hand it back, dead, within 500 ms)
                if (ds instanceof com.zaxxer.hikari.HikariDataSource pool) {
                    pool.evictConnection(c);
                }
            }
            fail(e);
            return false;
        } finally {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException | RuntimeException ignored) {
                    // already broken
                }
            }
        }
        newBeds.clear();
        // only now: a minute aggregated before its values are in the store would miss them
        for (NumericRow r : pendingNumerics) {
            dirtyMinutes.add(new MinuteKey(r.bed(), Math.floorDiv(r.tUs(), MINUTE_US) * MINUTE_US));
        }
        pendingNumerics.clear();
        pendingBlocks.clear();
        pendingLate.clear();
        for (ChannelRun r : open) {
            r.written = r.count;
        }
        wroteSinceMeasure = true;
        recomputeBacklog();
        if (stoppedReason != null) {
            LOG.warn("Recording resumed after: {}", stoppedReason);
            stoppedReason = null;
            since = now;
            listener.recordingResumed();
        }
        return true;
    }

    private void recomputeBacklog() {
        long b = 0;
        for (ChannelRun r : runs.values()) {
            b += 4L * r.count;
        }
        backlogBytes = b;
    }

    private void fail(Exception e) {
        String reason = reason(e);
        nextRetry = clock.instant().plus(settings.retryInterval());
        if (stoppedReason == null) {
            LOG.error("Recording stopped ({}); retrying every {} s", reason, settings.retryInterval().toSeconds(), e);
            stoppedReason = reason;
            listener.recordingStopped(reason);
        } else {
            stoppedReason = reason;
            LOG.debug("Recording still stopped: {}", reason, e);
        }
    }

    /** Why, in a few words for the nurse: disk full, database unavailable, or the database's own message. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("no space left") || m.contains("disk full") || m.contains("disk is full")
                    || (t instanceof SQLException s && ("53100".equals(s.getSQLState()) || s.getErrorCode() == 90100))) {
                return "disk full";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof SQLTransientConnectionException || t instanceof java.net.ConnectException
                    || (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08"))
                    || m.contains("has been closed") || m.contains("connection is closed")
                    || m.contains("database is already closed") || m.contains("connection refused")
                    || m.contains("connection is broken")
                    || (t instanceof SQLException s && (s.getErrorCode() == 90067 || s.getErrorCode() == 90098))) {
                return "database unavailable";
            }
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int cut = m.indexOf('\n');
        m = cut > 0 ? m.substring(0, cut) : m;
        return "database error: " + (m.length() > 120 ? m.substring(0, 120) + "..." : m);
    }

    private void insertBeds(Connection c, Instant now) throws SQLException {
        if (newBeds.isEmpty()) {
            return;
        }
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM rec_bed WHERE bed_id = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO rec_bed (bed_id, first_seen) VALUES (?, ?)")) {
            for (String bed : newBeds) {
                exists.setString(1, bed);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
                ins.setString(1, bed);
                ins.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ins.executeUpdate();
            }
        }
    }

    private void writeNumerics(Connection c) throws SQLException {
        if (pendingNumerics.isEmpty()) {
            return;
        }
        boolean anyReplace = false;
        for (NumericRow r : pendingNumerics) {
            anyReplace |= r.replace();
        }
        if (anyReplace) {
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM rec_numeric WHERE bed_id = ? AND t_us = ? AND code = ?")) {
                for (NumericRow r : pendingNumerics) {
                    if (r.replace()) {
                        del.setString(1, r.bed());
                        del.setLong(2, r.tUs());
                        del.setString(3, r.code());
                        del.addBatch();
                    }
                }
                del.executeBatch();
            }
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO rec_numeric (bed_id, code, t_us, num_value, unit) VALUES (?, ?, ?, ?, ?)")) {
            for (NumericRow r : pendingNumerics) {
                ins.setString(1, r.bed());
                ins.setString(2, r.code());
                ins.setLong(3, r.tUs());
                ins.setDouble(4, r.value());
                ins.setString(5, r.unit());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    /** Overwrites each block's row (same bed, code, t0) or inserts it: a retry after a doubtful commit is harmless. */
    private static void upsertBlocks(Connection c, List<BlockWrite> blocks) throws SQLException {
        if (blocks.isEmpty()) {
            return;
        }
        int[] updated;
        try (PreparedStatement up = c.prepareStatement("UPDATE rec_wave_block SET end_us = ?, sample_count = ?, "
                + "samples = ? WHERE bed_id = ? AND t0_us = ? AND code = ?")) {
            for (BlockWrite b : blocks) {
                up.setLong(1, b.endUs());
                up.setInt(2, b.count());
                up.setBytes(3, b.data());
                up.setString(4, b.bed());
                up.setLong(5, b.t0Us());
                up.setString(6, b.code());
                up.addBatch();
            }
            updated = up.executeBatch();
        }
        List<BlockWrite> inserts = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            if (updated[i] == 0) {
                inserts.add(blocks.get(i));
            }
        }
        insertBlocks(c, inserts);
    }

    private static void insertBlocks(Connection c, List<BlockWrite> blocks) throws SQLException {
        if (blocks.isEmpty()) {
            return;
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO rec_wave_block (bed_id, code, t0_us, end_us, "
                + "run_t0_us, first_index, rate, unit, scale, wave_offset, sample_count, samples) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (BlockWrite b : blocks) {
                ins.setString(1, b.bed());
                ins.setString(2, b.code());
                ins.setLong(3, b.t0Us());
                ins.setLong(4, b.endUs());
                ins.setLong(5, b.runT0Us());
                ins.setLong(6, b.firstIndex());
                ins.setDouble(7, b.rate());
                ins.setString(8, b.unit());
                ins.setDouble(9, b.scale());
                ins.setDouble(10, b.offset());
                ins.setInt(11, b.count());
                ins.setBytes(12, b.data());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    /** Late samples: only those not recorded yet (another block of the channel covering them wins). */
    private void writeLate(Connection c) throws SQLException {
        if (pendingLate.isEmpty()) {
            return;
        }
        List<BlockWrite> inserts = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT t0_us, end_us FROM rec_wave_block WHERE bed_id = ? "
                + "AND code = ? AND t0_us > ? AND t0_us < ? AND end_us > ?")) {
            for (LatePiece p : pendingLate) {
                int n = p.samples().length;
                long t0 = Micros.sampleUs(p.runT0Us(), p.firstIndex(), p.rate());
                long end = Micros.sampleUs(p.runT0Us(), p.firstIndex() + n, p.rate());
                double tol = 0.5e6 / p.rate();
                q.setString(1, p.bed());
                q.setString(2, p.code());
                q.setLong(3, t0 - JdbcRecordingReader.MAX_BLOCK_SPAN.toNanos() / 1000);
                q.setLong(4, end);
                q.setLong(5, t0);
                List<long[]> covered = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        covered.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
                int max = maxSamples(p.rate());
                int i = 0;
                while (i < n) {
                    if (isCovered(Micros.sampleUs(p.runT0Us(), p.firstIndex() + i, p.rate()), covered, tol)) {
                        duplicateSamples++;
                        i++;
                        continue;
                    }
                    int j = i;
                    while (j < n && j - i < max
                            && !isCovered(Micros.sampleUs(p.runT0Us(), p.firstIndex() + j, p.rate()), covered, tol)) {
                        j++;
                    }
                    inserts.add(new BlockWrite(p.bed(), p.code(), p.runT0Us(), p.firstIndex() + i, p.rate(), p.unit(),
                            p.scale(), p.offset(), j - i, WaveformCodec.encode(p.samples(), i, j - i), 0));
                    i = j;
                }
            }
        }
        insertBlocks(c, inserts);
    }

    private static boolean isCovered(long tUs, List<long[]> covered, double tol) {
        for (long[] r : covered) {
            if (tUs >= r[0] - tol && tUs < r[1] - tol) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- aggregates, retention, size

    /** Between writes: closed minutes' aggregates, then retention in small steps, then the store's size. */
    private void maintain(Instant now) {
        try {
            aggregateClosedMinutes(now);
            purge(now);
            if (!now.isBefore(nextBytes) || (bytesUsed <= 0 && wroteSinceMeasure)) {
                wroteSinceMeasure = false;
                try (Connection c = ds.getConnection()) {
                    bytesUsed = JdbcRecordingReader.bytesUsed(c);
                }
                nextBytes = now.plusNanos(BYTES_EVERY_US * 1000);
            }
        } catch (SQLException | RuntimeException e) {
            fail(e);
        }
    }

    private void aggregateClosedMinutes(Instant now) throws SQLException {
        if (dirtyMinutes.isEmpty()) {
            return;
        }
        long nowUs = Micros.of(now);
        List<MinuteKey> due = new ArrayList<>();
        for (MinuteKey k : dirtyMinutes) {
            if (k.minuteUs() + MINUTE_US + MINUTE_GRACE_US <= nowUs) {
                due.add(k);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement sel = c.prepareStatement("SELECT code, num_value, unit FROM rec_numeric "
                    + "WHERE bed_id = ? AND t_us >= ? AND t_us < ?");
                 PreparedStatement del = c.prepareStatement("DELETE FROM rec_minute WHERE bed_id = ? AND minute_us = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO rec_minute (bed_id, minute_us, code, "
                         + "median_value, min_value, max_value, value_count, unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (MinuteKey k : due) {
                    Map<String, double[]> values = new HashMap<>();
                    Map<String, Integer> counts = new HashMap<>();
                    Map<String, String> units = new HashMap<>();
                    sel.setString(1, k.bed());
                    sel.setLong(2, k.minuteUs());
                    sel.setLong(3, k.minuteUs() + MINUTE_US);
                    try (ResultSet rs = sel.executeQuery()) {
                        while (rs.next()) {
                            String code = rs.getString(1);
                            int n = counts.getOrDefault(code, 0);
                            double[] v = values.computeIfAbsent(code, x -> new double[64]);
                            if (n == v.length) {
                                v = Arrays.copyOf(v, n * 2);
                                values.put(code, v);
                            }
                            v[n] = rs.getDouble(2);
                            counts.put(code, n + 1);
                            units.putIfAbsent(code, rs.getString(3));
                        }
                    }
                    del.setString(1, k.bed());
                    del.setLong(2, k.minuteUs());
                    del.executeUpdate();
                    for (Map.Entry<String, double[]> e : values.entrySet()) {
                        int n = counts.get(e.getKey());
                        double[] v = Arrays.copyOf(e.getValue(), n);
                        Arrays.sort(v);
                        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
                        ins.setString(1, k.bed());
                        ins.setLong(2, k.minuteUs());
                        ins.setString(3, e.getKey());
                        ins.setDouble(4, median);
                        ins.setDouble(5, v[0]);
                        ins.setDouble(6, v[n - 1]);
                        ins.setInt(7, n);
                        ins.setString(8, units.get(e.getKey()));
                        ins.addBatch();
                    }
                }
                ins.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        due.forEach(dirtyMinutes::remove);
    }

    /**
     * The recorded beds, and for each the minute of its newest value and the one before: their aggregates are
     * computed again, since a stop (or a crash) may have come before those minutes closed.
     */
    private void loadBeds() throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT bed_id FROM rec_bed");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    knownBeds.add(rs.getString(1));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT t_us FROM rec_numeric WHERE bed_id = ? "
                    + "ORDER BY bed_id DESC, t_us DESC FETCH FIRST 1 ROWS ONLY")) {
                for (String bed : knownBeds) {
                    ps.setString(1, bed);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            long minute = Math.floorDiv(rs.getLong(1), MINUTE_US) * MINUTE_US;
                            dirtyMinutes.add(new MinuteKey(bed, minute));
                            dirtyMinutes.add(new MinuteKey(bed, minute - MINUTE_US));
                        }
                    }
                }
            }
        }
    }

    /**
     * Retention: deletes expired rows bed by bed, at most {@value #PURGE_SLICE_US} µs of one bed and table per
     * statement, for at most {@code PURGE_BUDGET_NANOS} per pass; after a whole round with nothing to delete it
     * rests a minute.
     */
    private void purge(Instant now) throws SQLException {
        if (now.isBefore(purgeIdleUntil) || knownBeds.isEmpty()) {
            return;
        }
        long nowUs = Micros.of(now);
        String[][] tables = {
            {"rec_numeric", "t_us", String.valueOf(nowUs - settings.numericsRetention().toNanos() / 1000)},
            {"rec_wave_block", "t0_us", String.valueOf(nowUs - settings.waveRetention().toNanos() / 1000)},
            {"rec_minute", "minute_us", String.valueOf(nowUs - settings.aggregateRetention().toNanos() / 1000)}};
        List<String> beds = new ArrayList<>(knownBeds);
        beds.sort(null);
        long deadline = System.nanoTime() + PURGE_BUDGET_NANOS;
        try (Connection c = ds.getConnection()) {
            int visited = 0;
            boolean deletedAny = false;
            while (visited < beds.size() && System.nanoTime() < deadline) {
                String bed = beds.get(purgeCursor % beds.size());
                boolean deleted = false;
                for (String[] t : tables) {
                    long cutoff = Long.parseLong(t[2]);
                    Long oldest = null;
                    try (PreparedStatement ps = c.prepareStatement("SELECT " + t[1] + " FROM " + t[0]
                            + " WHERE bed_id = ? ORDER BY bed_id, " + t[1] + " FETCH FIRST 1 ROWS ONLY")) {
                        ps.setString(1, bed);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                oldest = rs.getLong(1);
                            }
                        }
                    }
                    if (oldest == null || oldest >= cutoff) {
                        continue;
                    }
                    try (PreparedStatement del = c.prepareStatement("DELETE FROM " + t[0] + " WHERE bed_id = ? AND "
                            + t[1] + " < ?")) {
                        del.setString(1, bed);
                        del.setLong(2, Math.min(cutoff, oldest + PURGE_SLICE_US));
                        del.executeUpdate();
                    }
                    deleted = true;
                }
                if (deleted) {
                    deletedAny = true; // this bed may have more: visit it again next
                } else {
                    purgeCursor++;
                    visited++;
                }
            }
            if (!deletedAny && visited >= beds.size()) {
                purgeIdleUntil = now.plusNanos(PURGE_IDLE_US * 1000);
            }
        }
    }

    private void publishStatus() {
        status = new RecordingStatus(stoppedReason, since, bytesUsed, backlogBytes, droppedValues, droppedSamples,
                droppedMessages.get(), duplicateSamples);
    }

    /** For tests: the writer thread's name. */
    String writerThreadName() {
        return writer.getName();
    }
}
