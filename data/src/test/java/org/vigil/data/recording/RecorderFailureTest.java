package org.vigil.data.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.data.recording.Waves.ECG;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.data.model.Wave;
import org.vigil.data.store.VigilDatabase;
import org.vigil.testing.FreePorts;
import org.vigil.testing.MutableClock;

/**
 * The store fails under the recorder: it says "recording stopped", keeps what it receives in memory, and resumes by
 * itself, writing the backlog, once it can. Real causes where one can be made: an H2 server that goes away and
 * comes back, and a disk that fills up (a tiny tmpfs, when this user may mount one).
 */
class RecorderFailureTest {
    static final Instant START = RecordingContractTest.START;

    @TempDir
    Path dir;

    /** What the listener heard, in order. */
    final List<String> events = new CopyOnWriteArrayList<>();

    final RecordingListener listener = new RecordingListener() {
        @Override
        public void recordingStopped(String reason) {
            events.add("stopped: " + reason);
        }

        @Override
        public void recordingResumed() {
            events.add("resumed");
        }
    };

    @Test
    void aDatabaseServerThatGoesAwayStopsRecordingAndItResumesByItselfWithNothingLost() throws Exception {
        int port = FreePorts.loopback();
        Server server = tcpServer(port);
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/vigil";
        VigilDatabase.open(url, "sa", "").close(); // migrated
        MutableClock clock = MutableClock.at(START);
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername("sa");
        cfg.setPassword("");
        cfg.setMaximumPoolSize(2);
        cfg.setConnectionTimeout(1_000); // the station's pool waits 10 s; the test need not
        List<Wave> msgs = Waves.ecgMessages("mon-1", START, 12);
        try (HikariDataSource ds = new HikariDataSource(cfg);
             Recorder recorder = new Recorder(ds, clock, RecordingSettings.defaults(), listener)) {
            recorder.start();
            msgs.subList(0, 16).forEach(m -> recorder.wave("b1", m));
            assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();

            server.stop();
            long handOff = System.nanoTime();
            msgs.subList(16, 32).forEach(m -> recorder.wave("b1", m));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - handOff)).as("hand-off never waits")
                    .isLessThan(100);
            clock.advance(Duration.ofSeconds(1));
            assertThat(recorder.flush(Duration.ofSeconds(30))).isFalse();
            assertThat(events).containsExactly("stopped: database unavailable");
            assertThat(recorder.status().recording()).isFalse();
            assertThat(recorder.statusLine(java.time.ZoneOffset.UTC))
                    .isEqualTo("RECORDING STOPPED: database unavailable");

            msgs.subList(32, 48).forEach(m -> recorder.wave("b1", m));
            server = tcpServer(port);
            clock.advance(Duration.ofSeconds(6)); // the next retry is due
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .until(() -> retried(clock));
            assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(events).containsExactly("stopped: database unavailable", "resumed");
            assertThat(recorder.statusLine(java.time.ZoneOffset.UTC)).startsWith("Recording: ");

            WaveTrace ecg = recorder.waves("b1", START, START.plusSeconds(20)).trace(ECG);
            assertThat(ecg.segments()).hasSize(1);
            assertThat(ecg.segments().getFirst().samples()).isEqualTo(Waves.samples(1, 0, 3000));
        } finally {
            server.stop();
        }
    }

    /** Moves the clock past the next retry (each retry that fails sets the next one 5 s later). */
    private boolean retried(MutableClock clock) {
        clock.advance(Duration.ofSeconds(6));
        return events.contains("resumed");
    }

    private Server tcpServer(int port) throws SQLException {
        return Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", dir.toString(), "-ifNotExists")
                .start();
    }

    @Test
    void aFullDiskStopsRecordingAndItResumesWhenSpaceIsFreed() throws Exception {
        Path mnt = Files.createDirectories(dir.resolve("tiny"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", mnt.toString()),
                "skipped: this user cannot mount a tmpfs to fill up (needs root); the disk-full reason is also "
                        + "covered by backlogBeyondItsLimit...");
        try {
            MutableClock clock = MutableClock.at(START);
            try (VigilDatabase db = VigilDatabase.openFile(mnt.resolve("data"));
                 Recorder recorder = new Recorder(db, clock, RecordingSettings.defaults(), listener)) {
                recorder.start();
                List<Wave> msgs = Waves.ecgMessages("mon-1", START, 12);
                msgs.subList(0, 16).forEach(m -> recorder.wave("b1", m));
                assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();

                Path filler = mnt.resolve("filler");
                fill(filler);
                // one write more than the file can hold: a minute of 64 beds' values and 12 s of waveform each
                for (int s = 0; s < 60; s++) {
                    for (int b = 0; b < 64; b++) {
                        recorder.numerics("b" + b, Waves.numerics("mon-" + b, s + 1, START.plusSeconds(s),
                                Waves.HR, 60.0 + s, Waves.SPO2, 97.0));
                    }
                }
                for (int b = 2; b < 64; b++) {
                    String bed = "b" + b;
                    msgs.forEach(m -> recorder.wave(bed, m));
                }
                msgs.subList(16, 48).forEach(m -> recorder.wave("b1", m));
                clock.advance(Duration.ofSeconds(1));
                assertThat(recorder.flush(Duration.ofSeconds(30))).isFalse();
                assertThat(events).containsExactly("stopped: disk full");

                Files.delete(filler);
                clock.advance(Duration.ofSeconds(6));
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                        .until(() -> retried(clock));
                assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();
                assertThat(recorder.waves("b1", START, START.plusSeconds(20)).trace(ECG).segments().getFirst()
                        .samples()).isEqualTo(Waves.samples(1, 0, 3000));
                assertThat(recorder.numerics("b63", java.util.Set.of(Waves.HR), START, START.plusSeconds(60)))
                        .hasSize(60);
            }
            // and the file opens again as it is
            try (VigilDatabase db = VigilDatabase.openFile(mnt.resolve("data"))) {
                assertThat(new JdbcRecordingReader(db.dataSource()).span("b1")).isNotNull();
            }
        } finally {
            run("umount", mnt.toString());
        }
    }

    private static void fill(Path filler) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (var out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // the disk is full now
        }
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void aBacklogBeyondItsLimitDropsTheOldestCountsItAndKeepsTheGapAGap() throws Exception {
        AtomicBoolean broken = new AtomicBoolean();
        MutableClock clock = MutableClock.at(START);
        try (VigilDatabase db = VigilDatabase.openFile(dir)) {
            DataSource failing = failing(db.dataSource(), broken);
            RecordingSettings small = RecordingSettings.defaults().withBacklogBytes(4 * 1024);
            try (Recorder recorder = new Recorder(failing, clock, small, listener)) {
                recorder.start();
                List<Wave> msgs = Waves.ecgMessages("mon-1", START, 60);
                msgs.subList(0, 8).forEach(m -> recorder.wave("b1", m));
                assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();

                broken.set(true);
                msgs.subList(8, 240).forEach(m -> recorder.wave("b1", m));
                clock.advance(Duration.ofSeconds(1));
                assertThat(recorder.flush(Duration.ofSeconds(30))).isFalse();
                assertThat(events).containsExactly("stopped: disk full");
                assertThat(recorder.status().droppedSamples()).isPositive();

                broken.set(false);
                clock.advance(Duration.ofSeconds(5));
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                        .until(() -> retried(clock));
                assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();

                WaveTrace ecg = recorder.waves("b1", START, START.plusSeconds(60)).trace(ECG);
                assertThat(ecg.segments()).as("kept, lost (a gap), kept").hasSize(2);
                WaveSegment first = ecg.segments().get(0);
                WaveSegment last = ecg.segments().get(1);
                assertThat(first.samples()).isEqualTo(Waves.samples(1, 0, 500));
                long lastIndex = 15_000 - last.samples().length;
                assertThat(last.samples()).as("the newest is kept").isEqualTo(Waves.samples(1, lastIndex,
                        last.samples().length));
                assertThat(lastIndex - 500).as("dropped, counted").isEqualTo(recorder.status().droppedSamples());
            }
        }
    }

    /** Throws "No space left on device" while {@code broken}, like a database on a full disk. */
    private static DataSource failing(DataSource real, AtomicBoolean broken) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        if (broken.get()) {
                            throw new SQLException("IO Exception: \"No space left on device\"", "90028");
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

}
