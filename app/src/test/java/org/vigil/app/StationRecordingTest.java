package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alarms.Alarm;
import org.vigil.alarms.ConditionCatalog;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.recording.JdbcRecordingReader;
import org.vigil.data.recording.RecordedSpan;
import org.vigil.data.store.VigilDatabase;
import org.vigil.testing.FreePorts;

/** The station records its simulated ward, says so on the status line, and raises RECORDING_STOPPED. */
class StationRecordingTest {
    @TempDir
    Path dir;

    private StationConfig config(int port) {
        VigilCommand c = new VigilCommand();
        new picocli.CommandLine(c).parseArgs("--headless", "--embedded-port", Integer.toString(port), "--data-dir",
                dir.toString(), "--station", "cs-rec", "--ward", "t1");
        return c.resolve().withAdminPassword(StationTest.ADMIN_PASSWORD.toCharArray());
    }

    @Test
    void theWardIsRecordedAndWhatTheRecorderHoldsIsWrittenWhenTheStationStops() throws Exception {
        Instant stopped;
        try (Station station = new Station(config(FreePorts.loopback()), Clock.systemUTC())) {
            station.start();
            assertThat(station.uiContext().recording()).isSameAs(station.recorder());
            await().atMost(Duration.ofSeconds(30)).until(() -> station.recorder().span("01") != null
                    && !station.recorder().numerics("01", Set.of(MeasurementCode.HEART_RATE), Instant.EPOCH,
                    Instant.now().plusSeconds(60)).isEmpty());
            assertThat(station.uiContext().recordingStatus().get()).startsWith("Recording: ").contains("since");
            assertThat(station.recorder().waves("01", Instant.now().minusSeconds(30), Instant.now()).traces())
                    .extracting(t -> t.code()).contains(MeasurementCode.ECG_II);
            Thread.sleep(1500);
            stopped = Instant.now();
        }
        try (VigilDatabase db = VigilDatabase.openFile(dir)) {
            RecordedSpan span = new JdbcRecordingReader(db.dataSource()).span("01");
            assertThat(span.last()).as("written up to the stop, not only up to the last write")
                    .isAfter(stopped.minusMillis(1500));
        }
    }

    @Test
    void aDatabaseThatFailsUnderTheRecorderRaisesRecordingStoppedAndMonitoringGoesOn() throws Exception {
        try (Station station = new Station(config(FreePorts.loopback()), Clock.systemUTC())) {
            station.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> station.recorder().span("01") != null);
            station.database().close(); // the database goes away under the running station

            await().atMost(Duration.ofSeconds(15)).until(() -> station.alarms().board()
                    .forBed(ConditionCatalog.STATION_BED).stream().map(Alarm::condition)
                    .anyMatch(ConditionCatalog.RECORDING_STOPPED::equals));
            assertThat(station.uiContext().recordingStatus().get())
                    .isEqualTo("RECORDING STOPPED: database unavailable");
            // live monitoring is untouched: beds keep receiving data
            long before = station.live().bed("01").lastDataAt().toEpochMilli();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> station.live().bed("01").lastDataAt().toEpochMilli() > before);
        }
    }
}
