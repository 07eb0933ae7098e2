package org.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.Wave;
import org.vigil.data.model.WaveChannel;
import org.vigil.data.recording.Recorder;
import org.vigil.data.recording.RecordingListener;
import org.vigil.data.recording.RecordingSettings;
import org.vigil.data.recording.WaveWindow;
import org.vigil.data.store.VigilDatabase;
import org.vigil.link.sim.SimulatedFeed;

/**
 * The recorder on the station's embedded H2 file. (1) Sustained: 128 simulated beds (ECG II 250 Hz and a second
 * lead derived from it, pleth 125 Hz, respiration 62.5 Hz in 0.25 s wave messages, 1 Hz numerics), each bed at its
 * own phase, handed to {@link Recorder} in real time for 60 s: CPU of the writer thread (and H2's own threads) as %
 * of one core. (2) 24 h of one bed recorded fast-forward (same streams, clock moved by hand), then the review's
 * queries: 24 h of trends (minute aggregates, what the 24 h trend view reads), 10 s full-disclosure windows at random
 * times, and the disk used per bed-hour.
 */
final class RecordingBenchmark implements Benchmark {
    static final double TARGET_WRITER_PERCENT = 10;
    static final double TARGET_TRENDS_MS = 50;
    static final double TARGET_WINDOW_MS = 20;
    private static final int BEDS = 128;
    private static final String ECG_I = "MDC_ECG_ELEC_POTL_I";

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public String description() {
        return "Recorder on H2: writer CPU at 128 beds (ECG 250 Hz x2, pleth 125, resp 62.5, 1 Hz numerics) in real "
                + "time; 24 h trend query and 10 s full-disclosure fetch of one bed; disk per bed-hour";
    }

    @Override
    public Map<String, Object> run(RunOptions o) throws Exception {
        Path dir = Files.createTempDirectory("vigil-bench-recording");
        Map<String, Object> out = new LinkedHashMap<>();
        try (VigilDatabase db = VigilDatabase.openFile(dir)) {
            out.put("sustained", sustained(db, o.seconds(60, 10)));
            out.put("review", review(db, o.quick() ? 2 : 24));
        } finally {
            deleteTree(dir);
        }
        return out;
    }

    /** A wave message of the simulator with a second ECG lead (I) derived from lead II, as a 2-lead monitor sends. */
    static Wave withSecondLead(Wave w, SplittableRandom noise) {
        List<WaveChannel> channels = new ArrayList<>(w.channels().size() + 1);
        for (WaveChannel c : w.channels()) {
            channels.add(c);
            if (c.code().equals(MeasurementCode.ECG_II)) {
                int[] s = new int[c.samples().length];
                for (int i = 0; i < s.length; i++) {
                    s[i] = (int) Math.round(0.6 * c.samples()[i]) + noise.nextInt(5) - 2;
                }
                channels.add(new WaveChannel(ECG_I, c.rate(), c.unit(), c.scale(), c.offset(), s, c.t0()));
            }
        }
        return new Wave(w.device(), w.seq(), w.t0(), channels);
    }

    private Map<String, Object> sustained(VigilDatabase db, double seconds) throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<SimulatedFeed> feeds = SimulatedFeed.ward(Ward.ID, BEDS, start);
        SplittableRandom noise = new SplittableRandom(7);
        long period = TimeUnit.MILLISECONDS.toNanos(250);
        long t0 = System.nanoTime();
        long[] nextWave = new long[BEDS];
        long[] nextNumerics = new long[BEDS];
        for (int b = 0; b < BEDS; b++) { // each bed at its own phase
            nextWave[b] = t0 + period * b / BEDS;
            nextNumerics[b] = t0 + TimeUnit.SECONDS.toNanos(1) * b / BEDS;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long samples = 0;
        long waveMessages = 0;
        long values = 0;
        try (Recorder recorder = new Recorder(db, Clock.systemUTC(), RecordingSettings.defaults(), RecordingListener.NONE)) {
            recorder.start();
            long warmEnd = t0 + TimeUnit.SECONDS.toNanos(Math.min(5, (long) seconds / 2));
            long end = warmEnd + (long) (seconds * 1e9);
            Map<Long, Long> cpu0 = null;
            CpuMeter meter = null;
            long feederCpu0 = 0;
            long measured0 = 0;
            while (true) {
                long now = System.nanoTime();
                if (cpu0 == null && now >= warmEnd) { // after a warm-up (JIT, first blocks)
                    cpu0 = threadCpu(threads);
                    meter = CpuMeter.start();
                    feederCpu0 = threads.getCurrentThreadCpuTime();
                    measured0 = now;
                    samples = 0;
                    waveMessages = 0;
                    values = 0;
                }
                if (now >= end) {
                    break;
                }
                long soonest = Long.MAX_VALUE;
                for (int b = 0; b < BEDS; b++) {
                    Instant device = start.plusNanos(now - t0);
                    if (now >= nextWave[b]) {
                        Wave w = feeds.get(b).wave(device);
                        if (w != null) {
                            Wave two = withSecondLead(w, noise);
                            recorder.wave(feeds.get(b).bedId(), two);
                            waveMessages++;
                            for (WaveChannel c : two.channels()) {
                                samples += c.samples().length;
                            }
                        }
                        nextWave[b] += period;
                    }
                    if (now >= nextNumerics[b]) {
                        var n = feeds.get(b).numerics(device);
                        recorder.numerics(feeds.get(b).bedId(), n);
                        values += n.values().size();
                        nextNumerics[b] += TimeUnit.SECONDS.toNanos(1);
                    }
                    soonest = Math.min(soonest, Math.min(nextWave[b], nextNumerics[b]));
                }
                long sleep = soonest - System.nanoTime();
                if (sleep > 0) {
                    LockSupport.parkNanos(sleep);
                }
            }
            long wall = System.nanoTime() - measured0;
            Map<Long, Long> cpu1 = threadCpu(threads);
            long feederCpu = threads.getCurrentThreadCpuTime() - feederCpu0;
            Map<String, Object> machine = meter.stop();
            long writer = 0;
            long h2 = 0;
            for (ThreadInfo ti : threads.getThreadInfo(cpu1.keySet().stream().mapToLong(Long::longValue).toArray())) {
                if (ti == null) {
                    continue;
                }
                long used = cpu1.get(ti.getThreadId()) - cpu0.getOrDefault(ti.getThreadId(), 0L);
                if (ti.getThreadName().equals("vigil-recorder")) {
                    writer += used;
                } else if (ti.getThreadName().contains("MVStore") || ti.getThreadName().startsWith("H2")) {
                    h2 += used;
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", BEDS + " simulated beds in real time for " + seconds + " s after a warm-up: the simulator's "
                    + "ECG II 250 Hz plus a lead I derived from it, pleth 125 Hz, resp 62.5 Hz in 0.25 s wave messages "
                    + "and 1 Hz numerics, each bed at its own phase, handed to Recorder.wave/numerics on one feeder "
                    + "thread; CPU by ThreadMXBean per thread");
            m.put("waveMessagesPerSecond", Stats.round(waveMessages / (wall / 1e9), 0));
            m.put("samplesPerSecond", Stats.round(samples / (wall / 1e9), 0));
            m.put("valuesPerSecond", Stats.round(values / (wall / 1e9), 0));
            double writerPercent = 100.0 * writer / wall;
            double h2Percent = 100.0 * h2 / wall;
            m.put("writerPercentOfOneCore", Stats.round(writerPercent, 1));
            m.put("h2BackgroundPercentOfOneCore", Stats.round(h2Percent, 1));
            m.put("feederPercentOfOneCore", Stats.round(100.0 * feederCpu / wall, 1));
            m.put("cpu", machine);
            m.put("target", "writer thread (plus H2's own threads) at most " + TARGET_WRITER_PERCENT + " % of one core");
            m.put("meetsTarget", writerPercent + h2Percent <= TARGET_WRITER_PERCENT);
            boolean flushed = recorder.flush(Duration.ofSeconds(30));
            m.put("recordingStatus", recorder.status().toString());
            m.put("allWritten", flushed);
            long bytes = recorder.bytesUsed();
            m.put("storeBytes", bytes);
            return m;
        }
    }

    private Map<String, Object> review(VigilDatabase db, int hours) throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofHours(hours));
        SimulatedFeed feed = SimulatedFeed.ward(Ward.ID, 1, start).getFirst();
        String bed = "review-" + feed.bedId();
        SplittableRandom noise = new SplittableRandom(11);
        Map<String, Object> m = new LinkedHashMap<>();
        long before;
        try (Connection c = db.dataSource().getConnection()) {
            before = tableBytes(c).values().stream().mapToLong(Long::longValue).sum();
        }
        Map<String, Long> tablesBefore;
        try (Connection c = db.dataSource().getConnection()) {
            tablesBefore = tableBytes(c);
        }
        long fill0 = System.nanoTime();
        long samples = 0;
        MutableClockLike mc = new MutableClockLike(start);
        try (Recorder recorder = new Recorder(db, mc, RecordingSettings.defaults(), RecordingListener.NONE)) {
            recorder.start();
            Instant t = start;
            while (t.isBefore(end)) {
                for (int k = 1; k <= 240; k++) { // a minute of 0.25 s messages and 1 Hz numerics
                    Instant at = t.plusMillis(250L * k);
                    Wave w = feed.wave(at);
                    if (w != null) {
                        Wave two = withSecondLead(w, noise);
                        recorder.wave(bed, two);
                        for (WaveChannel ch : two.channels()) {
                            samples += ch.samples().length;
                        }
                    }
                    if (k % 4 == 0) {
                        recorder.numerics(bed, feed.numerics(at));
                    }
                }
                t = t.plusSeconds(60);
                mc.set(t.plusSeconds(6)); // the minute closes: its aggregates are computed at the next write
                if (!recorder.flush(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("recording " + hours + " h failed: " + recorder.status());
                }
            }
            m.put("recordedHours", hours);
            m.put("fillSeconds", Stats.round((System.nanoTime() - fill0) / 1e9, 1));
            m.put("samples", samples);

            // the queries, warmed up first (as in a station that has been running)
            Instant from = end.minus(Duration.ofHours(hours));
            for (int i = 0; i < 5; i++) {
                recorder.minutes(bed, Set.of(), from, end);
                recorder.waves(bed, from.plusSeconds(60L * i), from.plusSeconds(60L * i + 10));
            }
            long[] trends = new long[20];
            int points = 0;
            for (int i = 0; i < trends.length; i++) {
                long q0 = System.nanoTime();
                points = recorder.minutes(bed, Set.of(), from, end).size();
                trends[i] = System.nanoTime() - q0;
            }
            Arrays.sort(trends);
            Map<String, Object> tr = new LinkedHashMap<>();
            tr.put("what", "minutes(bed, all codes, last " + hours + " h): the per-minute median/min/max the trend view "
                    + "draws at 24 h");
            tr.put("rows", points);
            tr.put("medianMs", Stats.round(Stats.ms(trends[trends.length / 2]), 2));
            tr.put("maxMs", Stats.round(Stats.ms(trends[trends.length - 1]), 2));
            tr.put("target", "under " + TARGET_TRENDS_MS + " ms");
            tr.put("meetsTarget", Stats.ms(trends[trends.length - 1]) < TARGET_TRENDS_MS);
            m.put("trends24h", tr);

            long[] raw = new long[5];
            int rawPoints = 0;
            for (int i = 0; i < raw.length; i++) {
                long q0 = System.nanoTime();
                rawPoints = recorder.numerics(bed, Set.of(MeasurementCode.HEART_RATE), from, end).size();
                raw[i] = System.nanoTime() - q0;
            }
            Arrays.sort(raw);
            m.put("numericsOneCodeAllHours", Map.of("what", "numerics(bed, HR, last " + hours + " h): every 1 Hz value",
                    "rows", rawPoints, "medianMs", Stats.round(Stats.ms(raw[raw.length / 2]), 1)));

            SplittableRandom r = new SplittableRandom(3);
            long[] windows = new long[50];
            int windowSamples = 0;
            long span = Duration.between(from, end).minusSeconds(10).toMillis();
            for (int i = 0; i < windows.length; i++) {
                Instant w0 = from.plusMillis(r.nextLong(span));
                long q0 = System.nanoTime();
                WaveWindow w = recorder.waves(bed, w0, w0.plusSeconds(10));
                windows[i] = System.nanoTime() - q0;
                windowSamples = w.traces().stream().mapToInt(tr2 -> tr2.segments().stream()
                        .mapToInt(s -> s.samples().length).sum()).sum();
            }
            Arrays.sort(windows);
            Map<String, Object> wf = new LinkedHashMap<>();
            wf.put("what", "waves(bed, t, t + 10 s) at 50 random times: every channel decoded, clipped, assembled");
            wf.put("samplesPerWindow", windowSamples);
            wf.put("medianMs", Stats.round(Stats.ms(windows[windows.length / 2]), 2));
            wf.put("p95Ms", Stats.round(Stats.ms(Stats.percentile(windows, 95)), 2));
            wf.put("maxMs", Stats.round(Stats.ms(windows[windows.length - 1]), 2));
            wf.put("target", "under " + TARGET_WINDOW_MS + " ms");
            wf.put("meetsTarget", Stats.ms(windows[windows.length - 1]) < TARGET_WINDOW_MS);
            m.put("fullDisclosure10s", wf);
        }
        try (Connection c = db.dataSource().getConnection()) {
            Map<String, Long> after = tableBytes(c);
            long total = after.values().stream().mapToLong(Long::longValue).sum() - before;
            Map<String, Object> disk = new LinkedHashMap<>();
            disk.put("what", "growth of the recording tables (H2 DISK_SPACE_USED) over the " + hours + " h of one bed");
            disk.put("bytesPerBedHour", total / hours);
            disk.put("mbPerBedHour", Stats.round(total / (double) hours / (1 << 20), 2));
            for (var e : after.entrySet()) {
                disk.put(e.getKey() + "BytesPerBedHour", (e.getValue() - tablesBefore.getOrDefault(e.getKey(), 0L)) / hours);
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT SUM(OCTET_LENGTH(samples)), "
                    + "SUM(sample_count), COUNT(*) FROM rec_wave_block WHERE bed_id = '" + bed + "'")) {
                rs.next();
                disk.put("codecBitsPerSample", Stats.round(8.0 * rs.getLong(1) / rs.getLong(2), 2));
                disk.put("waveBlocks", rs.getLong(3));
            }
            disk.put("gbFor128BedsOver96h", Stats.round(total / (double) hours * 128 * 96 / (1L << 30), 1));
            m.put("disk", disk);
        }
        return m;
    }

    private static Map<String, Long> tableBytes(Connection c) throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String t : List.of("REC_NUMERIC", "REC_MINUTE", "REC_WAVE_BLOCK")) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DISK_SPACE_USED('" + t + "')")) {
                rs.next();
                out.put(t.toLowerCase(java.util.Locale.ROOT), rs.getLong(1));
            }
        }
        return out;
    }

    private static Map<Long, Long> threadCpu(ThreadMXBean threads) {
        Map<Long, Long> out = new LinkedHashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) {
                out.put(id, t);
            }
        }
        return out;
    }

    /** A clock the benchmark moves by hand (the harness does not depend on the test fixtures' MutableClock). */
    private static final class MutableClockLike extends Clock {
        private volatile Instant now;

        MutableClockLike(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temp folder left behind
        }
    }
}
