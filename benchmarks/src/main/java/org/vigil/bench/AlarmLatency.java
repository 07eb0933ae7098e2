package org.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.vigil.alarms.ConditionCatalog;
import org.vigil.alarms.sound.AudioMode;
import org.vigil.app.Station;
import org.vigil.app.StationConfig;
import org.vigil.data.model.AlarmMessage;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.link.LinkState;
import org.vigil.link.sim.SimulatedFeed;
import org.vigil.link.wire.Decoded;
import org.vigil.link.wire.WireCodec;
import org.vigil.testing.MosquittoBroker;

/**
 * Alarm latency through the whole station: a real headless {@link Station} (its ward link, alarm engine, alarm log
 * and alarm publishing, audio off) connected with {@code --broker} to Debian's Mosquitto ({@code set_tcp_nodelay
 * true}), while 64 simulated beds stream at full rate (ECG 250 Hz, pleth 125 Hz, resp 62.5 Hz in 0.5 s wave
 * messages, 1 Hz numerics) from this JVM, as in {@link MqttLatency}. A trial replaces one bed's next numerics
 * with HR 200/min (adult default limit 120: HR_HIGH, medium priority, no delay), stamping {@code nanoTime} just
 * before {@code publish}; a separate subscriber on {@code ward/{ward}/alarm/#} takes the arrival time of the first
 * message of that bed's new HR_HIGH alarm. The bed's following numerics are the simulator's normal ones, so the
 * alarm ends; a bed gets its next trial only after its ended message arrived (beds rotate, trials overlap on
 * different beds). Then, "no data": a few beds fall silent (both streams stop) and the time from the bed's last
 * published message to the arrival of its NO_DATA alarm message is taken.
 */
final class AlarmLatency implements Benchmark {

    static final double TARGET_P99_MS = 50;
    private static final int BEDS = 64;
    private static final double ALARM_HR = 200;
    private static final Duration NO_DATA_AFTER = Duration.ofSeconds(10);

    /**
     * A load the alarm latency is measured under (emr-drain): it may change the station's configuration and data
     * folder before the start, is told when the station runs, and gives its figures after the counted trials.
     */
    interface Load {
        StationConfig configure(StationConfig config, Path dataDir) throws Exception;

        void started(Station station) throws Exception;

        Map<String, Object> figures() throws Exception;
    }

    private final Load load;

    AlarmLatency() {
        this(null);
    }

    AlarmLatency(Load load) {
        this.load = load;
    }

    @Override
    public String name() {
        return "alarm-latency";
    }

    @Override
    public String description() {
        return "Real headless Station on Debian's Mosquitto (set_tcp_nodelay true) with 64 beds streaming: numerics "
                + "crossing the HR limit published -> its alarm message at a subscriber of ward/{ward}/alarm/#; "
                + "and a silent bed's last message -> its NO_DATA alarm message";
    }

    @Override
    public Map<String, Object> run(RunOptions o) throws Exception {
        if (!MosquittoBroker.available()) {
            return Benchmark.skipped("mosquitto is not installed (apt-get install mosquitto): no broker to measure through");
        }
        int warmUpTrials = o.count(40, 10);
        int trials = o.count(240, 40);
        long trialInterval = TimeUnit.MILLISECONDS.toNanos(o.quick() ? 150 : 250);
        int noDataTrials = o.count(4, 2);
        double streamWarmUp = o.seconds(10, 3);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", "real org.vigil.app.Station, headless, --broker to mosquitto, audio off, noDataAfter "
                + NO_DATA_AFTER.toSeconds() + " s, 64 configured beds (adult defaults: HR 50..120); devices and "
                + "the measuring subscriber in the same JVM (Paho clients); " + streamWarmUp + " s of streaming, "
                + warmUpTrials + " warm-up trials (not counted), then " + trials + " trials, one started every "
                + TimeUnit.NANOSECONDS.toMillis(trialInterval) + " ms on the next bed whose previous alarm has ended");
        out.put("beds", BEDS);
        out.put("feedsPerBed", "ECG 250 Hz + pleth 125 Hz + resp 62.5 Hz in 0.5 s wave messages (QoS 0), 1 Hz "
                + "numerics (QoS 1), beds at staggered phases");
        out.put("mosquittoConfig", "set_tcp_nodelay true");
        out.put("stimulus", "the bed's next scheduled numerics with HR " + (int) ALARM_HR
                + "/min (HR_HIGH: medium, not latching, no delay); the one after is the simulator's normal value, "
                + "which ends the alarm");

        Path dataDir = Files.createTempDirectory("vigil-bench-station");
        MosquittoBroker created = MosquittoBroker.create().config("set_tcp_nodelay true");
        try (MosquittoBroker broker = created.start()) {
            StationConfig config = new StationConfig(true, broker.url(), 0, Ward.ID, "bench-cs", 0, dataDir,
                    NO_DATA_AFTER, Ward.beds(BEDS), null, null, null, AudioMode.OFF);
            config = withFirstAdmin(config);
            if (load != null) {
                config = load.configure(config, dataDir);
            }
            Devices devices = null;
            Watcher watcher = null;
            try (Station station = new Station(config, Clock.systemUTC())) {
                station.start();
                awaitConnected(station);
                if (load != null) {
                    load.started(station);
                }
                watcher = new Watcher(broker.url());
                currentWatcher = watcher;
                devices = new Devices(broker.url());
                devices.start(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
                Thread.sleep((long) (streamWarmUp * 1000));

                runTrials(devices, watcher, warmUpTrials, trialInterval, null);
                watcher.latencies.reset();
                watcher.endLatencies.reset();
                CpuMeter cpu = CpuMeter.start();
                long[] gc0 = MqttLatency.gcCountAndMillis();
                Map<String, Object> run = new LinkedHashMap<>();
                long messages0 = watcher.messages.get();
                long t0 = System.nanoTime();
                runTrials(devices, watcher, trials, trialInterval, run);
                long alarmTopicMessages = watcher.messages.get() - messages0;
                double runSeconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Object> cpuFigures = cpu.stop();
                long[] gc1 = MqttLatency.gcCountAndMillis();

                Map<String, Object> alarm = watcher.latencies.figures();
                alarm.putAll(run);
                alarm.put("target", "p99 < 50 ms");
                Object p99 = alarm.get("p99Ms");
                alarm.put("meetsTarget", p99 instanceof Double d && d < TARGET_P99_MS);
                out.put("alarmRaised", alarm);
                Map<String, Object> ended = watcher.endLatencies.figures();
                ended.put("note", "publish of the bed's next (normal) numerics -> the alarm's ended message at the "
                        + "subscriber");
                out.put("alarmEnded", ended);
                Map<String, Object> topic = new LinkedHashMap<>();
                topic.put("messages", alarmTopicMessages);
                topic.put("perSecond", Stats.round(alarmTopicMessages / runSeconds, 1));
                topic.put("perTrial", Stats.round(alarmTopicMessages / (double) Math.max(1, trials), 1));
                topic.put("note", "every message the subscriber received on ward/{ward}/alarm/# during the counted "
                        + "trials; a trial needs 2 transitions (active, ended), so a few messages per trial at most "
                        + "are expected");
                out.put("alarmTopic", topic);
                cpuFigures.put("note", "during the counted trials; the JVM holds the station, the 64 devices and the "
                        + "subscriber, the machine figure adds mosquitto and anything else running");
                out.put("cpu", cpuFigures);
                Map<String, Object> gc = new LinkedHashMap<>();
                gc.put("collections", gc1[0] - gc0[0]);
                gc.put("totalMs", gc1[1] - gc0[1]);
                out.put("gc", gc);

                if (load != null) {
                    out.put("load", load.figures());
                } else {
                    out.put("noData", noData(devices, watcher, noDataTrials));
                }
                out.put("publisherFailures", devices.failures());
            } finally {
                if (devices != null) {
                    devices.close();
                }
                if (watcher != null) {
                    watcher.close();
                }
            }
        } finally {
            deleteQuietly(dataDir);
        }
        return out;
    }

    /** Starts {@code n} trials, one every {@code interval}, on rotating beds whose previous alarm has ended. */
    private static void runTrials(Devices devices, Watcher watcher, int n, long interval, Map<String, Object> out)
            throws InterruptedException {
        int started = 0;
        int next = 0;
        long skippedBusy = 0;
        long t = System.nanoTime();
        while (started < n) {
            t += interval;
            BedStreams.sleepUntil(t);
            int bed = -1;
            for (int k = 0; k < BEDS; k++) {
                int b = (next + k) % BEDS;
                if (devices.unsuitable.get(b) != 0) {
                    continue;
                }
                if (watcher.phase.get(b) == 0) {
                    bed = b;
                    break;
                }
                skippedBusy++;
            }
            if (bed < 0) {
                continue;
            }
            next = (bed + 1) % BEDS;
            watcher.phase.set(bed, 1); // requested: the publisher substitutes HR in the bed's next numerics
            started++;
        }
        // wait for the last alarms to end
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        int timedOut = 0;
        int noStimulus = 0;
        int noAlarm = 0;
        int noEnd = 0;
        while (System.nanoTime() < deadline) {
            boolean busy = false;
            for (int b = 0; b < BEDS; b++) {
                busy |= watcher.phase.get(b) != 0;
            }
            if (!busy) {
                break;
            }
            Thread.sleep(20);
        }
        for (int b = 0; b < BEDS; b++) {
            int p = watcher.phase.get(b);
            if (p != 0) {
                timedOut++;
                noStimulus += p == 1 ? 1 : 0;
                noAlarm += p == 2 ? 1 : 0;
                noEnd += p == 3 ? 1 : 0;
                watcher.phase.set(b, 0);
            }
        }
        if (out != null) {
            out.put("trialsStarted", started);
            out.put("trialsUnfinishedAfter15s", timedOut);
            out.put("unfinished", "stimulus not sent " + noStimulus + ", no new alarm " + noAlarm
                    + ", no ended message " + noEnd);
            out.put("bedsSkippedAsBusy", skippedBusy);
            int used = 0;
            for (int b = 0; b < BEDS; b++) {
                used += devices.unsuitable.get(b) == 0 ? 1 : 0;
            }
            out.put("bedsUsedForTrials", used);
        }
    }

    private static Map<String, Object> noData(Devices devices, Watcher watcher, int n) throws InterruptedException {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Integer> beds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int bed = 5 + i * (BEDS / n); // spread over the ward, on stable beds
            while (devices.unsuitable.get(bed) != 0) {
                bed = (bed + 1) % BEDS;
            }
            beds.add(bed);
            watcher.noDataWanted.set(bed, 1);
            devices.silenced.set(bed, 1);
            Thread.sleep(1_300); // staggered: each bed falls silent at its own phase
        }
        long deadline = System.nanoTime() + NO_DATA_AFTER.toNanos() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && beds.stream().anyMatch(b -> watcher.noDataWanted.get(b) != 0)) {
            Thread.sleep(50);
        }
        double[] secs = new double[n];
        int got = 0;
        for (int b : beds) {
            long arrived = watcher.noDataArrival.get(b);
            long last = devices.lastPublish.get(b);
            if (arrived != 0 && last != 0) {
                secs[got++] = Stats.round((arrived - last) / 1e9, 3);
            }
        }
        double[] s = Arrays.copyOf(secs, got);
        m.put("trials", n);
        m.put("raised", got);
        m.put("secondsAfterLastMessage", Arrays.toString(s));
        if (got > 0) {
            double max = Arrays.stream(s).max().orElseThrow();
            m.put("minSeconds", Arrays.stream(s).min().orElseThrow());
            m.put("maxSeconds", max);
            m.put("target", "NO_DATA within noDataAfter (10 s) + under 1 s of the bed's last message");
            m.put("meetsTarget", got == n && max < NO_DATA_AFTER.toSeconds() + 1.0);
        } else {
            m.put("meetsTarget", false);
        }
        m.put("note", "a bed's streams (wave and numerics) stop; from the publish of its last message to the arrival "
                + "of its NO_DATA alarm message at the subscriber; the station checks on its 250 ms alarm tick");
        return m;
    }

    // ------------------------------------------------------------ the subscriber

    /**
     * The alarm topic's subscriber. Per bed, {@code phase}: 0 free, 1 trial requested, 2 stimulus published
     * (waiting for the alarm), 3 alarm seen (waiting for its end).
     */
    private static final class Watcher implements MqttCallback {
        final java.util.concurrent.atomic.AtomicIntegerArray phase = new java.util.concurrent.atomic.AtomicIntegerArray(BEDS);
        final AtomicLongArray stimulusSent = new AtomicLongArray(BEDS);
        final AtomicLongArray endSent = new AtomicLongArray(BEDS);
        final java.util.concurrent.atomic.AtomicIntegerArray noDataWanted = new java.util.concurrent.atomic.AtomicIntegerArray(BEDS);
        final AtomicLongArray noDataArrival = new AtomicLongArray(BEDS);
        final String[] currentAlarm = new String[BEDS];
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final Map<String, Integer> bedIndex = new HashMap<>();
        final Samples latencies = new Samples();
        final java.util.concurrent.atomic.AtomicLong messages = new java.util.concurrent.atomic.AtomicLong();
        final Samples endLatencies = new Samples();
        private final MqttAsyncClient client;

        Watcher(String url) throws MqttException {
            List<SimulatedFeed> feeds = SimulatedFeed.ward(Ward.ID, BEDS, Instant.EPOCH);
            for (int i = 0; i < BEDS; i++) {
                bedIndex.put(feeds.get(i).bedId(), i);
            }
            client = new MqttAsyncClient(url, "bench-alarm-watcher", new MemoryPersistence());
            client.setCallback(this);
            MqttConnectOptions opts = new MqttConnectOptions();
            opts.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            opts.setCleanSession(true);
            client.connect(opts).waitForCompletion(10_000);
            client.subscribe("ward/" + Ward.ID + "/alarm/#", 1).waitForCompletion(10_000);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            long now = System.nanoTime();
            messages.incrementAndGet();
            byte[] payload = message.getPayload();
            if (payload.length == 0) {
                return; // a cleared alarm
            }
            if (!(WireCodec.decodeAlarm(payload) instanceof Decoded.Ok<AlarmMessage> ok)) {
                return;
            }
            AlarmMessage a = ok.value();
            Integer bed = bedIndex.get(a.bed());
            if (bed == null) {
                return;
            }
            if (a.condition().equals("HR_HIGH")) {
                if (!a.state().equals("ended") && phase.get(bed) == 2 && seen.add(a.alarm())) {
                    latencies.add(now - stimulusSent.get(bed));
                    currentAlarm[bed] = a.alarm();
                    phase.set(bed, 3);
                } else if (a.state().equals("ended") && a.alarm().equals(currentAlarm[bed]) && phase.get(bed) == 3) {
                    long sent = endSent.get(bed);
                    if (sent != 0) {
                        endLatencies.add(now - sent);
                    }
                    currentAlarm[bed] = null;
                    phase.set(bed, 0);
                }
            } else if (a.condition().equals(ConditionCatalog.NO_DATA) && !a.state().equals("ended")
                    && noDataWanted.get(bed) != 0) {
                noDataArrival.set(bed, now);
                noDataWanted.set(bed, 0);
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }

        void close() {
            try {
                client.disconnect(200).waitForCompletion(1_000);
                client.close(true);
            } catch (MqttException ignored) {
                // end of the benchmark
            }
        }
    }

    /** Latencies in ns. */
    private static final class Samples {
        private long[] values = new long[1024];
        private int count;

        synchronized void add(long v) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = v;
        }

        synchronized int count() {
            return count;
        }

        synchronized void reset() {
            count = 0;
        }

        synchronized Map<String, Object> figures() {
            long[] s = Arrays.copyOf(values, count);
            Arrays.sort(s);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("trials", count);
            if (count == 0) {
                m.put("error", "no alarm message arrived");
                return m;
            }
            m.put("p50Ms", Stats.ms(Stats.percentile(s, 50)));
            m.put("p90Ms", Stats.ms(Stats.percentile(s, 90)));
            m.put("p99Ms", Stats.ms(Stats.percentile(s, 99)));
            m.put("maxMs", Stats.ms(s[s.length - 1]));
            m.put("minMs", Stats.ms(s[0]));
            m.put("meanMs", Stats.ms((long) Arrays.stream(s).average().orElseThrow()));
            m.put("over50Ms", Arrays.stream(s).filter(v -> v > TimeUnit.MILLISECONDS.toNanos(50)).count());
            return m;
        }
    }

    // ------------------------------------------------------------ the devices

    /**
     * 64 device clients ({@link BedStreams}, as in MqttLatency): silences beds, substitutes the stimulus and marks
     * the trial's send times.
     */
    private final class Devices implements BedStreams.Hooks {
        private final BedStreams streams;
        final java.util.concurrent.atomic.AtomicIntegerArray silenced = new java.util.concurrent.atomic.AtomicIntegerArray(BEDS);
        final AtomicLongArray lastPublish = new AtomicLongArray(BEDS);
        /**
         * Beds not used for trials: the simulator's deterioration, leads-off and dropout beds, and any bed whose own
         * HR is ever invalid or outside 55..115 (e.g. a neonatal patient against the adult defaults).
         */
        final java.util.concurrent.atomic.AtomicIntegerArray unsuitable = new java.util.concurrent.atomic.AtomicIntegerArray(BEDS);
        // the numerics being published, between numerics() and sendingNumerics() (publisher thread only)
        private Watcher pendingWatcher;
        private int pendingPhase;
        private boolean pendingStimulus;

        Devices(String url) throws MqttException {
            streams = new BedStreams(url, BEDS, "bench-alarm-", this);
        }

        long failures() {
            return streams.failures;
        }

        void start(long base) {
            unsuitable.set(org.vigil.link.sim.BedScenario.DETERIORATION_INDEX, 1);
            unsuitable.set(org.vigil.link.sim.BedScenario.LEADS_OFF_INDEX, 1);
            unsuitable.set(org.vigil.link.sim.BedScenario.DROPOUT_INDEX, 1);
            streams.start(base, Instant.now().plusMillis(200).truncatedTo(ChronoUnit.MILLIS), "bench-alarm-devices");
        }

        @Override
        public Wave wave(int bed, Wave w) {
            return w != null && silenced.get(bed) == 0 ? w : null;
        }

        @Override
        public void sendingWave(int bed, Wave w, long now, long due) {
            lastPublish.set(bed, now);
        }

        @Override
        public Numerics numerics(int bed, Numerics n) {
            NumericValue own = n.find(MeasurementCode.HEART_RATE);
            if (own == null || !own.isValid() || own.value() < 55 || own.value() > 115) {
                unsuitable.set(bed, 1);
            }
            if (silenced.get(bed) != 0) {
                return null;
            }
            Watcher w = currentWatcher;
            int phase = w == null ? 0 : w.phase.get(bed);
            boolean stimulus = phase == 1;
            pendingWatcher = w;
            pendingPhase = phase;
            pendingStimulus = stimulus;
            return stimulus ? withHeartRate(n, ALARM_HR) : n;
        }

        @Override
        public void sendingNumerics(int bed, Numerics n, long now, long due) {
            Watcher w = pendingWatcher;
            lastPublish.set(bed, now);
            if (pendingStimulus) {
                w.stimulusSent.set(bed, now);
                w.endSent.set(bed, 0);
                w.phase.set(bed, 2);
            } else if (pendingPhase == 3 && w.endSent.get(bed) == 0) {
                w.endSent.set(bed, now); // the first normal numerics after the alarm
            }
        }

        void close() {
            try {
                streams.stop();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            streams.close();
        }
    }

    /** The subscriber of the running measurement: the device thread marks the stimuli in it. */
    private volatile Watcher currentWatcher;

    private static Numerics withHeartRate(Numerics n, double hr) {
        List<NumericValue> values = new ArrayList<>(n.values().size() + 1);
        boolean found = false;
        for (NumericValue v : n.values()) {
            if (v.code().equals(MeasurementCode.HEART_RATE)) {
                values.add(new NumericValue(v.code(), hr, v.unit(), v.time(), null));
                found = true;
            } else {
                values.add(v);
            }
        }
        if (!found) {
            values.add(new NumericValue(MeasurementCode.HEART_RATE, hr, "/min", n.time(), null));
        }
        return new Numerics(n.device(), n.time(), n.seq(), values);
    }

    // ------------------------------------------------------------ helpers

    /**
     * A headless station's first start needs the first administrator's password (config file's
     * {@code adminPassword}) where the station has users; given by reflection so that the harness builds with and
     * without that setting.
     */
    private static StationConfig withFirstAdmin(StationConfig config) {
        try {
            var m = StationConfig.class.getMethod("withAdminPassword", char[].class);
            return (StationConfig) m.invoke(config, (Object) "quiet-harbour-lantern-2026".toCharArray());
        } catch (NoSuchMethodException e) {
            return config;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitConnected(Station station) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (station.link().state() != LinkState.CONNECTED) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the station did not connect to mosquitto within 15 s");
            }
            Thread.sleep(20);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary directory
                }
            });
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}
