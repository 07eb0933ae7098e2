package org.vigil.data.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.data.store.VigilDatabase;

/**
 * kill -9 in the middle of recording: a child JVM records a known signal and commits log rows; this test kills it
 * with SIGKILL, reopens the database as the station would (no repair step) and checks what survived.
 */
class RecorderCrashTest {
    @TempDir
    Path dir;

    @Test
    void aKilledRecorderLosesAtMostTheLastTwoSecondsAndNoCommittedLogRow() throws Exception {
        Path report = dir.resolve("report.txt");
        Path data = dir.resolve("data");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RecorderCrashChild.class.getName(), data.toString(),
                report.toString());
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // 6.5 s recorded: mid-way through the first 10 s block
            while (!(Files.exists(report) && Files.readString(report).contains("\nwave 26 "))) {
                assertThat(child.isAlive()).as("the child runs").isTrue();
                assertThat(System.nanoTime()).as("the child records within 60 s").isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // what it wrote before it died: every wave handed off, every log row committed
        List<String> lines = Files.readAllLines(report);
        long startUs = Long.parseLong(lines.getFirst().substring("start ".length()));
        long sentSamples = 0;
        Set<String> alarms = new HashSet<>();
        Set<String> audits = new HashSet<>();
        for (String l : lines) {
            String[] f = l.split(" ");
            switch (f[0]) {
                case "wave" -> sentSamples = Math.max(sentSamples, Long.parseLong(f[2]));
                case "alarm" -> alarms.add("HR 151 > 150 #" + f[1]);
                case "audit" -> audits.add("#" + f[1]);
                default -> { }
            }
        }
        assertThat(sentSamples).isGreaterThan(6 * 250);

        try (VigilDatabase db = VigilDatabase.openFile(data)) { // opens as is: no manual repair
            Instant start = Micros.toInstant(startUs);
            WaveTrace ecg = new JdbcRecordingReader(db.dataSource())
                    .waves("b1", start.minusSeconds(60), start.plusSeconds(600)).trace(Waves.ECG);
            assertThat(ecg).as("some waveform was recorded").isNotNull();
            assertThat(ecg.segments()).hasSize(1);
            WaveSegment recorded = ecg.segments().getFirst();
            assertThat(recorded.t0()).isEqualTo(start);
            assertThat(recorded.samples()).as("bit-exact").isEqualTo(Waves.samples(1, 0, recorded.samples().length));
            long lost = sentSamples - recorded.samples().length;
            assertThat(lost).as("samples lost of %d handed off (at most 2 s = 500)", sentSamples)
                    .isBetween(0L, 500L);

            assertThat(texts(db, "SELECT text FROM alarm_log")).containsAll(alarms);
            assertThat(texts(db, "SELECT detail FROM audit_log")).containsAll(audits);
            assertThat(alarms).isNotEmpty();
        }
    }

    private static Set<String> texts(VigilDatabase db, String sql) throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
