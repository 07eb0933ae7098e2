package org.vigil.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.link.FeedListener;
import org.vigil.link.LinkProbe;
import org.vigil.link.LinkSettings;
import org.vigil.link.LinkState;
import org.vigil.link.WardLink;
import org.vigil.link.live.BedLive;
import org.vigil.link.live.SampleRing;
import org.vigil.link.live.WardLive;
import org.vigil.link.sim.SimulatedFeed;
import org.vigil.testing.MosquittoBroker;

/**
 * Figure 2: MQTT arrival-to-ring latency at 64 beds through Debian's Mosquitto. 64 simulated devices in this JVM
 * (one Paho client each, as the simulator has) publish the simulator's signals: ECG 250 Hz, pleth 125 Hz and
 * respiration 62.5 Hz in 0.5 s wave messages (QoS 0) and 1 Hz numerics (QoS 1), each bed at its own phase (real
 * devices are not in step). One publisher thread stamps {@code System.nanoTime()} into a side table keyed by bed
 * and {@code seq} just before {@code publish}; a real {@link WardLink} with a {@link WardLive} receives, and a
 * {@link FeedListener} (called after the ring write, on the MQTT callback thread) takes the arrival time. So the
 * latency covers the device client's send queue, loopback TCP, the broker, the station client, decoding,
 * validation and the ring write. Before connecting, the decode path is warmed up in-process (as in a station that
 * has been running); then a warm-up period, then the measured period. Heap after GC is taken with everything
 * running, just after the measured period.
 */
final class MqttLatency implements Benchmark {

    static final double TARGET_P99_MS = 2.0;
    /** A second in which the whole machine used less than this (percent of one core) counts as quiet. */
    static final double QUIET_MACHINE_PERCENT = 50;
    private static final int BEDS = 64;
    private static final int MASK = 4095; // side table: 4096 messages per bed and kind (34 min of waves)

    @Override
    public String name() {
        return "mqtt-latency";
    }

    @Override
    public String description() {
        return "64 beds through Debian's Mosquitto (ECG 250 Hz + pleth 125 Hz + resp 62.5 Hz in 0.5 s wave messages, "
                + "1 Hz numerics): publish() to the FeedListener after the ring write, in one JVM; heap after GC";
    }

    @Override
    public Map<String, Object> run(RunOptions o) throws Exception {
        if (!MosquittoBroker.available()) {
            return Benchmark.skipped("mosquitto is not installed (apt-get install mosquitto): no broker to measure through");
        }
        double warmUp = o.seconds(10, 3);
        double measured = o.seconds(30, 5);
        prewarmDecodePath(o.seconds(3, 1));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", "publisher thread stamps nanoTime before publish (side table by bed and seq); station: "
                + "WardLink + WardLive, FeedListener.onWave/onNumerics after the ring write takes the arrival time; "
                + "same JVM; per broker configuration " + warmUp + " s warm-up, " + measured + " s measured");
        out.put("beds", BEDS);
        out.put("feedsPerBed", "ECG 250 Hz + pleth 125 Hz + resp 62.5 Hz in 0.5 s wave messages (QoS 0), "
                + "1 Hz numerics (QoS 1), beds at staggered phases; device clients with Paho's defaults");
        out.put("broker", mosquittoVersion());
        // Mosquitto leaves Nagle's algorithm on unless told otherwise: small messages to the station then wait for
        // the station's delayed ACK (up to 40 ms on Linux). Measured both ways; the first is the recommended setup.
        Map<String, Object> tuned = variant(true, warmUp, measured, true);
        Object heap = tuned.remove("heap");
        out.put("brokerNoDelay", tuned);
        out.put("brokerDefaults", variant(false, warmUp, measured, false));
        out.put("heapWith64Beds", heap);
        return out;
    }

    private Map<String, Object> variant(boolean noDelay, double warmUp, double measured, boolean measureHeap)
            throws Exception {
        long baselineHeap = measureHeap ? heapUsedAfterGc() : 0;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mosquittoConfig", noDelay ? "set_tcp_nodelay true" : "defaults (set_tcp_nodelay false: Nagle on)");
        MosquittoBroker created = MosquittoBroker.create();
        if (noDelay) {
            created.config("set_tcp_nodelay true");
        }
        try (MosquittoBroker broker = created.start()) {
            WardLive ward = new WardLive(Ward.beds(BEDS));
            Recorder rec = new Recorder(BEDS, (int) (BEDS * (measured + 5) * 2));
            WardLink link = new WardLink(new LinkSettings(broker.url(), Ward.ID, "bench-station"), ward, Clock.systemUTC());
            link.addListener(rec);
            Publishers pubs = null;
            try {
                link.start();
                awaitConnected(link);
                pubs = new Publishers(broker.url(), rec);
                long base = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                long windowStart = base + (long) (warmUp * 1e9);
                long windowEnd = windowStart + (long) (measured * 1e9);
                rec.window(windowStart, windowEnd);
                pubs.start(base);

                MachineSampler sampler = new MachineSampler(windowStart, (int) Math.ceil(measured));
                BedStreams.sleepUntil(windowStart);
                CpuMeter cpu = CpuMeter.start();
                long[] gc0 = gcCountAndMillis();
                BedStreams.sleepUntil(windowEnd);
                Map<String, Object> cpuFigures = cpu.stop();
                long[] gc1 = gcCountAndMillis();
                // let what was sent in the window arrive before a full GC stops the world
                BedStreams.sleepUntil(windowEnd + TimeUnit.MILLISECONDS.toNanos(500));
                long heap = measureHeap ? heapUsedAfterGc() : 0;
                pubs.stop();
                Thread.sleep(1_000); // drain

                sampler.await();
                out.put("wave", rec.waves.figures(pubs.wavesInWindow, true, sampler));
                out.put("numerics", rec.numerics.figures(pubs.numericsInWindow, false, sampler));
                Map<String, Object> handler = new LinkedHashMap<>();
                handler.put("p50Ms", link.ingestLatency().percentileMs(50));
                handler.put("p99Ms", link.ingestLatency().percentileMs(99));
                handler.put("note", "time inside WardLink's messageArrived (decode to listeners), its last 4096 messages");
                out.put("handlerMs", handler);
                Map<String, Object> lag = new LinkedHashMap<>();
                lag.put("p99Ms", Stats.ms(pubs.lagP99()));
                lag.put("maxMs", Stats.ms(pubs.maxLag));
                lag.put("note", "how late the publisher thread sent against its schedule (not part of the latency; "
                        + "a high value means the machine was busy)");
                out.put("publisherLag", lag);
                cpuFigures.put("note", "during the measured period; the JVM holds the station and the 64 devices, "
                        + "the machine figure adds mosquitto and anything else running");
                out.put("cpu", cpuFigures);
                Map<String, Object> gc = new LinkedHashMap<>();
                gc.put("collections", gc1[0] - gc0[0]);
                gc.put("totalMs", gc1[1] - gc0[1]);
                gc.put("note", "garbage collections during the measured period (pauses and concurrent work)");
                out.put("gc", gc);
                out.put("rejected", link.rejects().total());

                if (measureHeap) {
                    Map<String, Object> h = new LinkedHashMap<>();
                    h.put("usedAfterGcMb", Stats.round(heap / 1048576.0, 1));
                    h.put("baselineAfterGcMb", Stats.round(baselineHeap / 1048576.0, 1));
                    h.put("deltaMb", Stats.round((heap - baselineHeap) / 1048576.0, 1));
                    h.put("ringBuffersMb", Stats.round(ringBytes(ward) / 1048576.0, 2));
                    h.put("note", "whole JVM with 64 beds running: station link and live buffers (16 s rings), plus "
                            + "the 64 in-process device clients; baseline = the same JVM after GC before the broker, "
                            + "link and devices");
                    out.put("heap", h);
                }
            } finally {
                if (pubs != null) {
                    pubs.close();
                }
                link.close();
            }
        }
        return out;
    }

    // ------------------------------------------------------------ the station side

    /** The station's listener: arrival time after the ring write, matched with the send time. */
    private static final class Recorder implements FeedListener {
        final AtomicLongArray[] sentWave;
        final AtomicLongArray[] sentNumerics;
        final Map<String, Integer> bedIndex = new HashMap<>();
        final Latencies waves;
        final Latencies numerics;
        private volatile long windowStart = Long.MAX_VALUE;
        private volatile long windowEnd = Long.MIN_VALUE;

        Recorder(int beds, int capacity) {
            sentWave = new AtomicLongArray[beds];
            sentNumerics = new AtomicLongArray[beds];
            for (int i = 0; i < beds; i++) {
                sentWave[i] = new AtomicLongArray(MASK + 1);
                sentNumerics[i] = new AtomicLongArray(MASK + 1);
            }
            List<SimulatedFeed> feeds = SimulatedFeed.ward(Ward.ID, beds, Instant.EPOCH);
            for (int i = 0; i < beds; i++) {
                bedIndex.put(feeds.get(i).bedId(), i);
            }
            waves = new Latencies(capacity);
            numerics = new Latencies(capacity / 2);
        }

        void window(long start, long end) {
            windowStart = start;
            windowEnd = end;
        }

        boolean inWindow(long sent) {
            return sent >= windowStart && sent < windowEnd;
        }

        @Override
        public void onWave(BedLive bed, Wave wave, Instant receivedAt) {
            long now = System.nanoTime();
            Integer i = bedIndex.get(bed.bedId());
            if (i != null) {
                long sent = sentWave[i].get((int) (wave.seq() & MASK));
                if (inWindow(sent)) {
                    waves.add(now - sent, now);
                }
            }
        }

        @Override
        public void onNumerics(BedLive bed, Numerics n, Instant receivedAt) {
            long now = System.nanoTime();
            Integer i = bedIndex.get(bed.bedId());
            if (i != null) {
                long sent = sentNumerics[i].get((int) (n.seq() & MASK));
                if (inWindow(sent)) {
                    numerics.add(now - sent, now);
                }
            }
        }
    }

    /** Latencies in ns, with their arrival times, added by the MQTT callback thread, read after the run. */
    private static final class Latencies {
        private static final long SLOW = TimeUnit.MILLISECONDS.toNanos(2);
        private static final long BURST = TimeUnit.MILLISECONDS.toNanos(100);
        private final long[] values;
        private final long[] arrivals;
        private int count;
        private long dropped;

        Latencies(int capacity) {
            values = new long[capacity];
            arrivals = new long[capacity];
        }

        synchronized void add(long nanos, long arrival) {
            if (count < values.length) {
                arrivals[count] = arrival;
                values[count++] = nanos;
            } else {
                dropped++;
            }
        }

        synchronized Map<String, Object> figures(long sent, boolean withTarget, MachineSampler sampler) {
            long[] s = Arrays.copyOf(values, count);
            Arrays.sort(s);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("messages", count + dropped);
            m.put("sent", sent);
            m.put("lost", sent - count - dropped);
            if (count == 0) {
                m.put("error", "no message arrived");
                return m;
            }
            m.put("p50Ms", Stats.ms(Stats.percentile(s, 50)));
            m.put("p90Ms", Stats.ms(Stats.percentile(s, 90)));
            m.put("p99Ms", Stats.ms(Stats.percentile(s, 99)));
            m.put("p999Ms", Stats.ms(Stats.percentile(s, 99.9)));
            m.put("maxMs", Stats.ms(s[s.length - 1]));
            m.put("meanMs", Stats.ms((long) Arrays.stream(s).average().orElseThrow()));
            // Slow messages that arrive together point at a stall of the whole machine or JVM (another process, a
            // GC pause), not at the per-message path: count them, and the 100 ms periods they arrived in.
            java.util.Set<Long> bursts = new java.util.HashSet<>();
            int slow = 0;
            for (int i = 0; i < count; i++) {
                if (values[i] > SLOW) {
                    slow++;
                    bursts.add(arrivals[i] / BURST);
                }
            }
            m.put("over2Ms", slow);
            m.put("over2MsIn100MsPeriods", bursts.size());
            // The same figures over the seconds when the machine ran little besides this benchmark and the broker.
            double[] busy = sampler.percents();
            long[] quiet = new long[count];
            int q = 0;
            int quietSeconds = 0;
            for (double b : busy) {
                quietSeconds += b < QUIET_MACHINE_PERCENT ? 1 : 0;
            }
            for (int i = 0; i < count; i++) {
                if (busy[sampler.slot(arrivals[i])] < QUIET_MACHINE_PERCENT) {
                    quiet[q++] = values[i];
                }
            }
            Map<String, Object> qm = new LinkedHashMap<>();
            qm.put("seconds", quietSeconds + " of " + busy.length);
            qm.put("messages", q);
            if (q > 0) {
                long[] qs = Arrays.copyOf(quiet, q);
                Arrays.sort(qs);
                qm.put("p50Ms", Stats.ms(Stats.percentile(qs, 50)));
                qm.put("p99Ms", Stats.ms(Stats.percentile(qs, 99)));
                qm.put("maxMs", Stats.ms(qs[q - 1]));
            }
            qm.put("note", "only the seconds when the whole machine used under " + (int) QUIET_MACHINE_PERCENT
                    + " % of one core (this JVM and mosquitto take under 15 %): the figures without other processes");
            m.put("quietSeconds", qm);
            if (withTarget) {
                double p99 = Stats.ms(Stats.percentile(s, 99));
                m.put("target", "p99 < 2 ms at 64 beds");
                m.put("meetsTarget", p99 < TARGET_P99_MS);
            }
            return m;
        }
    }

    // ------------------------------------------------------------ the devices

    /** 64 device clients ({@link BedStreams}): stamps the send times into the side table, counts and lags. */
    private static final class Publishers implements BedStreams.Hooks {
        private final Recorder rec;
        private final BedStreams streams;
        private final long[] lags = new long[1 << 16];
        private int lagCount;
        // written by the publisher thread, read after join
        long wavesInWindow;
        long numericsInWindow;
        long maxLag;
        private final Instant deviceStart;

        Publishers(String url, Recorder rec) throws MqttException {
            this.rec = rec;
            deviceStart = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            streams = new BedStreams(url, BEDS, "bench-", this);
        }

        void start(long base) {
            streams.start(base, deviceStart, "bench-devices");
        }

        @Override
        public Wave wave(int bed, Wave w) {
            return Objects.requireNonNull(w); // a missing wave counts as a failed publish
        }

        @Override
        public void sendingWave(int bed, Wave w, long now, long due) {
            rec.sentWave[bed].set((int) (w.seq() & MASK), now);
            if (rec.inWindow(now)) {
                wavesInWindow++;
            }
            lag(now - due);
        }

        @Override
        public void sendingNumerics(int bed, Numerics n, long now, long due) {
            rec.sentNumerics[bed].set((int) (n.seq() & MASK), now);
            if (rec.inWindow(now)) {
                numericsInWindow++;
            }
            lag(now - due);
        }

        private void lag(long nanos) {
            maxLag = Math.max(maxLag, nanos);
            if (lagCount < lags.length) {
                lags[lagCount++] = nanos;
            }
        }

        long lagP99() {
            long[] s = Arrays.copyOf(lags, lagCount);
            Arrays.sort(s);
            return s.length == 0 ? 0 : Stats.percentile(s, 99);
        }

        void stop() throws InterruptedException {
            streams.stop();
        }

        void close() {
            streams.close();
        }
    }

    // ------------------------------------------------------------ helpers

    /** Runs the decode path in-process for a while, so the JIT has compiled it as in a station that has been running. */
    private static void prewarmDecodePath(double seconds) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (WardLink link = DecodeThroughput.newLink(new DecodeThroughput.Counting())) {
            LinkProbe probe = new LinkProbe(link);
            DecodeThroughput.measure(Ward.waves(BEDS, 20, 500, start), m -> probe.dispatch(m.topic(), m.payload()),
                    seconds, 1, 0.1);
        }
        try (WardLink link = DecodeThroughput.newLink(new DecodeThroughput.Counting())) { // its own device clocks
            LinkProbe probe = new LinkProbe(link);
            DecodeThroughput.measure(Ward.numerics(BEDS, 10, start), m -> probe.dispatch(m.topic(), m.payload()),
                    seconds / 3, 1, 0.1);
        }
    }

    private static void awaitConnected(WardLink link) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (link.state() != LinkState.CONNECTED) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the station did not connect to mosquitto within 15 s");
            }
            Thread.sleep(20);
        }
    }

    static long heapUsedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long[] gcCountAndMillis() {
        long count = 0;
        long millis = 0;
        for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, b.getCollectionCount());
            millis += Math.max(0, b.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static long ringBytes(WardLive ward) {
        long bytes = 0;
        for (BedLive b : ward.beds()) {
            for (SampleRing r : b.rings().values()) {
                bytes += 4L * r.capacity();
            }
        }
        return bytes;
    }

    private static String mosquittoVersion() {
        try {
            Process p = new ProcessBuilder("/usr/sbin/mosquitto", "-h").redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String first = r.readLine();
                p.waitFor(2, TimeUnit.SECONDS);
                return first == null ? "mosquitto" : first.trim();
            }
        } catch (Exception e) {
            return "mosquitto";
        }
    }
}
