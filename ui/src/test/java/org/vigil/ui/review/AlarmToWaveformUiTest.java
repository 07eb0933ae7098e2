package org.vigil.ui.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.Patient;
import org.vigil.data.model.PatientCategory;
import org.vigil.testing.HeadlessFxExtension;
import org.vigil.testing.MutableClock;
import org.vigil.ui.alarms.history.AlarmHistoryView;

/**
 * From an alarm in the alarm history to its waveform 10 s before the onset, recorded through the real recorder on
 * H2 with messages lost on the way; then the strip of the alarm exported to PDF and read back.
 */
@ExtendWith(HeadlessFxExtension.class)
class AlarmToWaveformUiTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant ONSET = Instant.parse("2026-11-24T09:59:00Z");
    private static final Instant GAP_FROM = Instant.parse("2026-11-24T09:58:57Z");
    private static final Instant GAP_TO = Instant.parse("2026-11-24T09:58:59Z");

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private final MutableClock clock = MutableClock.at(NOW);
    private RecordedWard ward;

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        if (ward != null) {
            ward.close();
        }
    }

    @Test
    void theAlarmOpensItsWaveformTenSecondsBeforeOnsetWithTheGapDrawnAsAGapAndItsStripPrints() throws Exception {
        ward = new RecordedWard(dir.resolve("db"), clock);
        ward.waves("01", ONSET.minusSeconds(60), ONSET.plusSeconds(30), GAP_FROM, GAP_TO);
        ward.alarm("01", ONSET, "HR_HIGH", AlarmPriority.HIGH, "HR 182 > 150");
        Path documents = Files.createDirectories(dir.resolve("Documents"));
        Patient patient = new Patient(1, "4711", "Ada Lovelace", LocalDate.of(1960, 12, 10), PatientCategory.ADULT,
                false);
        ReviewContext review = ward.review(Map.of("01", patient), List.of("01"), documents);
        Path pdf = dir.resolve("alarm-strip.pdf");
        AtomicReference<String> offeredName = new AtomicReference<>();
        AtomicReference<Path> offeredFolder = new AtomicReference<>();
        FullDisclosureView.StripTarget target = (owner, folder, name) -> {
            offeredFolder.set(folder);
            offeredName.set(name);
            return pdf;
        };

        Stage[] history = new Stage[1];
        FxToolkit.setupFixture(() -> history[0] = AlarmHistoryView.open(null, "icu3", clock, List.of("01"),
                id -> "Bed " + id, ward.alarmSource(),
                entry -> FullDisclosureView.openAlarm(null, review, entry, target)));
        TableView<?> table = robot.lookup("#history-table").queryTableView();
        await().atMost(Duration.ofSeconds(10)).until(() -> table.getItems().size() == 1);
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#history-waveform");

        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#full-disclosure").tryQuery().isPresent());
        FullDisclosureView view = robot.lookup("#full-disclosure").query();
        FullDisclosureViewModel model = view.model();
        // the left edge is 10 s before the onset, and the view says so
        assertThat(robot.lookup("#disclosure-time").queryLabeled().getText()).isEqualTo("2026-11-24 09:58:50.0");
        assertThat(fx(() -> model.position().get())).isEqualTo(ONSET.minusSeconds(10));
        assertThat(robot.lookup("#disclosure-alarm").queryLabeled().getText()).contains("*** HR 182 > 150");
        assertThat(fx(() -> model.visibleTo()).isAfter(GAP_TO)).as("the gap is on screen").isTrue();

        // the messages lost are a gap in ECG and pleth; no line is drawn across it
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> model.loaded(model.position().get(),
                model.visibleTo()) && view.lastDrawn().containsKey(MeasurementCode.ECG_II)));
        assertThat(fx(() -> model.visibleGaps(MeasurementCode.ECG_II)))
                .containsExactly(new WaveformPlot.Gap(GAP_FROM, GAP_TO));
        assertThat(fx(() -> model.visibleGaps(MeasurementCode.PLETH)))
                .containsExactly(new WaveformPlot.Gap(GAP_FROM, GAP_TO));
        PaperScale paper = FullDisclosureView.screenScale();
        double left = paper.units(FullDisclosureView.GUTTER_MM);
        double gapFromX = left + paper.x(GAP_FROM, ONSET.minusSeconds(10));
        double gapToX = left + paper.x(GAP_TO, ONSET.minusSeconds(10));
        List<WaveformPlot.Polyline> ecg = fx(() -> view.lastDrawn().get(MeasurementCode.ECG_II));
        assertThat(ecg).hasSize(2);
        assertThat(ecg.get(0).lastX()).isLessThan(gapFromX);
        assertThat(ecg.get(1).firstX()).isGreaterThanOrEqualTo(gapToX - 0.5);
        // 25 mm/s: a beat every 800 ms is 20 mm apart on screen
        assertThat(paper.unitsPerSecond() * 0.8).isEqualTo(paper.units(20), org.assertj.core.api.Assertions.within(1e-9));

        // scrolling: one second forward with the right arrow, back with the left
        robot.interact(() -> view.lookup("Canvas").requestFocus());
        robot.type(KeyCode.RIGHT);
        await().atMost(Duration.ofSeconds(5)).until(() -> fx(() -> model.position().get())
                .equals(ONSET.minusSeconds(9)));
        assertThat(robot.lookup("#disclosure-time").queryLabeled().getText()).isEqualTo("2026-11-24 09:58:51.0");
        robot.type(KeyCode.LEFT);
        await().atMost(Duration.ofSeconds(5)).until(() -> fx(() -> model.position().get())
                .equals(ONSET.minusSeconds(10)));

        // the alarm's strip: 10 s around the onset, to PDF, off the JavaFX thread
        robot.clickOn("#disclosure-export-alarm");
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#disclosure-status").queryLabeled()
                .getText().startsWith("Strip saved"));
        assertThat(offeredFolder.get()).isEqualTo(documents);
        assertThat(offeredName.get()).isEqualTo("strip-bed-01-2026-11-24-095900.pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Patient: Ada Lovelace", "MRN: 4711", "Bed: Bed 01", "Ward: icu3",
                    "Time: 2026-11-24 09:58:55.0 to 2026-11-24 09:59:05.0 (UTC)", "Alarm: *** HR 182 > 150",
                    "onset 2026-11-24 09:59:00.0", "25 mm/s", "10 mm/mV", "II", "Pleth", "1 mV", "09:59:00",
                    "no data");
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }
}
