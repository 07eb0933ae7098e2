package org.vigil.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.vigil.app.EmrOptions;
import org.vigil.app.Station;
import org.vigil.app.StationConfig;
import org.vigil.data.emr.ChartedValue;
import org.vigil.data.emr.ChartingEvent;
import org.vigil.data.emr.EmrClient;
import org.vigil.data.emr.EmrOutbox;
import org.vigil.data.emr.EmrOutboxWorker;
import org.vigil.data.emr.EmrPatientRef;
import org.vigil.data.emr.EmrSettings;
import org.vigil.data.emr.VitalSignCodes;
import org.vigil.data.store.VigilDatabase;
import org.vigil.testing.FreePorts;

/**
 * EMR outbox drain: the FHIR test server (validating every resource against the R4 profiles) runs in a JVM of its
 * own ({@code org.vigil.testing.FhirTestServerMain}, started with ProcessBuilder); a backlog of charting events (a
 * full set of vitals each: 6 Observations in one transaction Bundle) waits in an outbox in an H2 file. First the
 * drain alone (this JVM's EmrOutboxWorker, events/s until the backlog is empty); then the alarm-latency benchmark
 * with its real headless Station started on a data folder holding the same backlog and configured with {@code --emr},
 * so that its outbox worker drains while the alarm latency is measured (p99 must stay under 50 ms).
 */
final class EmrDrain implements Benchmark {

    @Override
    public String name() {
        return "emr-drain";
    }

    @Override
    public String description() {
        return "A backlog of charting events (6 vital-sign Observations each) sent to the validating FHIR test server "
                + "in a separate JVM: drain rate (events/s), and the station's alarm latency while its outbox drains";
    }

    @Override
    public Map<String, Object> run(RunOptions o) throws Exception {
        int backlog = o.count(10_000, 500);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("backlog", backlog);
        out.put("event", "HR, SpO2, RR, NIBP panel (sys/dia), MAP, temperature: 6 Observations, one transaction "
                + "Bundle, conditional create on each identifier; 64 patients, oldest first per patient");
        out.put("server", "org.vigil.testing.FhirTestServer in its own JVM (-Xmx1g): HAPI RestfulServer on Jetty 12, "
                + "RequestValidatingInterceptor with the R4 instance validator on every request");
        double window = o.seconds(90, 30);
        try (ServerProcess plain = ServerProcess.start(false)) {
            Map<String, Object> m = drainAlone(plain.baseUrl, backlog, window);
            m.put("server", "the same server with validation off: what the station side costs");
            out.put("drainNoValidation", m);
            if (org.vigil.testing.MosquittoBroker.available()) {
                // The EMR is another machine in a ward; here it shares the 2 cores. Without its validator the
                // server costs little, and the station drains fastest: the station's own share of the load.
                Map<String, Object> alarm = new AlarmLatency(new DrainLoad(plain.baseUrl, backlog)).run(o);
                out.put("alarmLatencyWhileDrainingFast", alarm);
                if (alarm.get("alarmRaised") instanceof Map<?, ?> raised) {
                    out.put("alarmP99MsFast", raised.get("p99Ms"));
                }
            }
        }
        try (ServerProcess fhir = ServerProcess.start(true)) {
            out.put("serverStartSeconds", fhir.startSeconds);
            Map<String, Object> drain = drainAlone(fhir.baseUrl, backlog, window);
            out.put("drainAlone", drain);
            out.put("drainEventsPerSecond", drain.get("eventsPerSecond"));
            if (org.vigil.testing.MosquittoBroker.available()) {
                DrainLoad load = new DrainLoad(fhir.baseUrl, backlog);
                Map<String, Object> alarm = new AlarmLatency(load).run(o);
                out.put("alarmLatencyWhileDraining", alarm);
                if (alarm.get("alarmRaised") instanceof Map<?, ?> raised) {
                    out.put("alarmP99Ms", raised.get("p99Ms"));
                    out.put("target", "alarm latency p99 < 50 ms while the outbox drains");
                    out.put("meetsTarget", raised.get("meetsTarget"));
                }
            } else {
                out.put("alarmLatencyWhileDraining", Benchmark.skipped("mosquitto is not installed"));
            }
        }
        return out;
    }

    /** Drains {@code backlog} events for at most {@code window} seconds; the rate is over what was sent. */
    private static Map<String, Object> drainAlone(String baseUrl, int backlog, double window) throws Exception {
        Path dir = Files.createTempDirectory("vigil-bench-emr");
        Map<String, Object> m = new LinkedHashMap<>();
        try (VigilDatabase db = VigilDatabase.openFile(dir); EmrClient client = new EmrClient(EmrSettings.of(baseUrl))) {
            EmrOutbox outbox = new EmrOutbox(db, Clock.systemUTC());
            long f0 = System.nanoTime();
            fill(db, outbox, backlog, "alone");
            m.put("enqueueSeconds", Stats.round((System.nanoTime() - f0) / 1e9, 2));
            // The worker on its own thread, as in the station; stopped at the end of the window.
            EmrOutboxWorker worker = EmrOutboxWorker.forClient(outbox, client, Clock.systemUTC());
            long t0 = System.nanoTime();
            long deadline = t0 + (long) (window * 1e9);
            worker.start();
            while (outbox.counts().pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            int sent = backlog - outbox.counts().pending();
            worker.close();
            EmrOutbox.Counts c = outbox.counts();
            m.put("sent", sent - c.refused());
            m.put("refused", c.refused());
            m.put("leftPending", c.pending());
            m.put("seconds", Stats.round(secs, 1));
            m.put("eventsPerSecond", Stats.round((sent) / secs, 1));
            m.put("observationsPerSecond", Stats.round(sent * 6 / secs, 1));
            m.put("window", "the rate is measured over at most " + window + " s of draining the " + backlog
                    + "-event backlog (the whole backlog at this rate would take "
                    + Stats.round(backlog / Math.max(0.001, sent / secs) / 60, 1) + " min)");
            m.put("note", "one worker thread, one request at a time (per-patient order), client and H2 outbox in this "
                    + "JVM, server (and its validator) in the other");
        } finally {
            deleteQuietly(dir);
        }
        return m;
    }

    /** {@code n} events over 64 patients, written in one commit. */
    static void fill(VigilDatabase db, EmrOutbox outbox, int n, String prefix) {
        Instant t = Instant.now().minus(Duration.ofHours(6));
        db.transaction(c -> {
            for (int i = 0; i < n; i++) {
                int patient = i % 64;
                Instant at = t.plusSeconds(i);
                outbox.enqueue(c, new ChartingEvent("bench", prefix + "-" + i,
                        new EmrPatientRef("Patient/bench-" + patient, "MRN-B" + patient), (long) patient, null,
                        String.format("%02d", patient + 1), "mon-" + patient, "n.bench", at,
                        List.of(ChartedValue.of(VitalSignCodes.HEART_RATE, 60 + i % 40, "/min"),
                                ChartedValue.of(VitalSignCodes.SPO2, 90 + i % 10, "%"),
                                ChartedValue.of(VitalSignCodes.RESP_RATE, 12 + i % 8, "/min"),
                                new ChartedValue(VitalSignCodes.NIBP_SYS, 110 + i % 30, "mm[Hg]", null, null, at),
                                new ChartedValue(VitalSignCodes.NIBP_DIA, 70 + i % 15, "mm[Hg]", null, null, at),
                                new ChartedValue(VitalSignCodes.NIBP_MEAN, 85 + i % 15, "mm[Hg]", null, null, at),
                                ChartedValue.of(VitalSignCodes.TEMP_BODY, 36.5 + (i % 10) / 10.0, "Cel")),
                        null, null, ChartingEvent.Status.FINAL));
            }
            return null;
        });
    }

    /** The station of alarm-latency, started with --emr on a data folder whose outbox holds the backlog. */
    private static final class DrainLoad implements AlarmLatency.Load {
        private final String baseUrl;
        private final int backlog;
        private Path dataDir;
        private long startedAt;
        private int pendingAtStart;

        DrainLoad(String baseUrl, int backlog) {
            this.baseUrl = baseUrl;
            this.backlog = backlog;
        }

        @Override
        public StationConfig configure(StationConfig config, Path dir) {
            dataDir = dir;
            try (VigilDatabase db = VigilDatabase.openFile(dir)) {
                fill(db, new EmrOutbox(db, Clock.systemUTC()), backlog, "station");
            }
            return config.withEmr(new EmrOptions(EmrSettings.of(baseUrl), null, null));
        }

        @Override
        public void started(Station station) {
            startedAt = System.nanoTime();
            pendingAtStart = backlog;
        }

        @Override
        public Map<String, Object> figures() {
            double secs = (System.nanoTime() - startedAt) / 1e9;
            Map<String, Object> m = new LinkedHashMap<>();
            // The same H2 file in the same JVM: this handle shares the station's open database.
            try (VigilDatabase db = VigilDatabase.openFile(dataDir)) {
                EmrOutbox.Counts c = new EmrOutbox(db, Clock.systemUTC()).counts();
                int drained = pendingAtStart - c.pending();
                m.put("backlogAtStart", pendingAtStart);
                m.put("drainedWhileMeasuring", drained);
                m.put("refused", c.refused());
                m.put("seconds", Stats.round(secs, 1));
                m.put("eventsPerSecond", Stats.round(drained / secs, 1));
                m.put("note", "from the station's start to the end of the counted trials (warm-up included); the "
                        + "station's own worker (vigil-emr-outbox) and admission sync (vigil-emr-sync) run as in a ward");
            }
            return m;
        }
    }

    /** The FHIR test server in a JVM of its own, on this JVM's class path. */
    private static final class ServerProcess implements AutoCloseable {
        final Process process;
        final String baseUrl;
        final double startSeconds;

        private ServerProcess(Process process, String baseUrl, double startSeconds) {
            this.process = process;
            this.baseUrl = baseUrl;
            this.startSeconds = startSeconds;
        }

        static ServerProcess start(boolean validate) throws IOException, InterruptedException {
            int port = FreePorts.loopback();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    "org.vigil.testing.FhirTestServerMain", Integer.toString(port)));
            if (!validate) {
                cmd.add("--no-validate");
            }
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith("READY ")) {
                            ready.complete(line.substring(6).strip());
                        }
                        // the rest (server log) is read and dropped, so the pipe never fills
                    }
                } catch (IOException ignored) {
                    // the server stopped
                }
                ready.completeExceptionally(new IllegalStateException("the FHIR test server exited before it was ready"));
            }, "bench-fhir-server-output");
            reader.setDaemon(true);
            reader.start();
            try {
                String url = ready.get(180, TimeUnit.SECONDS);
                return new ServerProcess(p, url, Stats.round((System.nanoTime() - t0) / 1e9, 1));
            } catch (Exception e) {
                p.destroyForcibly();
                throw new IllegalStateException("the FHIR test server did not start: " + e, e);
            }
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close(); // its stdin: it stops
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}
