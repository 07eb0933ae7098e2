package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.recording.Recorder;
import org.vigil.data.recording.RecordingListener;
import org.vigil.data.recording.RecordingSettings;
import org.vigil.data.store.VigilDatabase;
import org.vigil.testing.EmbeddedMqttBrokerExtension;
import org.vigil.testing.HeadlessFxExtension;
import org.vigil.ui.review.FullDisclosureView;
import org.vigil.ui.review.TrendsView;

/** The console opens the review of the selected bed with Ctrl+T and Ctrl+R, or says that nothing is recorded. */
@ExtendWith(HeadlessFxExtension.class)
class ReviewConsoleUiTest {

    @RegisterExtension
    static final EmbeddedMqttBrokerExtension BROKER = new EmbeddedMqttBrokerExtension();

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private ConsoleFixture fixture;
    private ConsoleView console;
    private VigilDatabase db;
    private Recorder recorder;
    private static int wards;

    private void show(boolean recording) throws Exception {
        String ward = "reviewward" + (++wards);
        if (recording) {
            // recorded "just now" on the system clock, which the fixture's clock starts from
            db = VigilDatabase.openFile(dir);
            recorder = new Recorder(db, java.time.Clock.systemUTC(), RecordingSettings.defaults(),
                    RecordingListener.NONE);
            recorder.start();
            Instant now = Instant.now();
            for (int s = 600; s > 0; s -= 5) {
                Instant t = now.minusSeconds(s);
                recorder.numerics("02", new Numerics("mon-2", t, 600 - s, List.of(
                        new NumericValue(MeasurementCode.HEART_RATE, 88.0, "/min", t, null))));
            }
            assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();
        }
        fixture = new ConsoleFixture(BROKER.url(), ward, 3, recorder);
        AtomicReference<ConsoleView> view = new AtomicReference<>();
        FxToolkit.setupStage(stage -> {
            ConsoleView c = new ConsoleView(fixture.context);
            Scene scene = new Scene(c, 1600, 900);
            scene.getStylesheets().add(ConsoleWindow.class.getResource(Styles.THEME).toExternalForm());
            stage.setScene(scene);
            c.installShortcuts(scene);
            stage.show();
            c.start();
            view.set(c);
        });
        WaitForAsyncUtils.waitForFxEvents();
        console = view.get();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (console != null) {
            FxToolkit.setupFixture(() -> console.stop());
        }
        FxToolkit.cleanupStages();
        if (fixture != null) {
            fixture.close();
        }
        if (recorder != null) {
            recorder.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void ctrlTOpensTheTrendsOfTheClickedBedAndCtrlRItsWaveforms() throws Exception {
        show(true);
        robot.clickOn("#bed-02");
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#trends").tryQuery().isPresent());
        TrendsView trends = robot.lookup("#trends").query();
        assertThat(fx(() -> trends.model().bed().get())).isEqualTo("02");
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> !trends.model().loading().get()
                && trends.model().trends().get().points(MeasurementCode.HEART_RATE).size() == 120));
        assertThat(fx(() -> new ArrayList<>(trends.model().rows()))).anyMatch(r -> r.hr().equals("88"));

        robot.interact(() -> console.getScene().getWindow().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#full-disclosure").tryQuery().isPresent());
        FullDisclosureView waves = robot.lookup("#full-disclosure").query();
        assertThat(fx(() -> waves.model().bed().get())).isEqualTo("02");
        assertThat(fx(() -> waves.model().position().get())).isEqualTo(fixture.clock.instant().minusSeconds(60));
    }

    @Test
    void theTilesContextMenuOpensTheBedsTrends() throws Exception {
        show(true);
        robot.rightClickOn("#bed-02");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("Trends (Ctrl+T)").tryQuery().isPresent());
        robot.clickOn("Trends (Ctrl+T)");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#trends").tryQuery().isPresent());
        TrendsView trends = robot.lookup("#trends").query();
        assertThat(fx(() -> trends.model().bed().get())).isEqualTo("02");
    }

    @Test
    void withoutARecordingTheConsoleSaysSo() throws Exception {
        show(false);
        robot.clickOn("#bed-01");
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(5)).until(() -> fx(() -> console.statusBar().messageProperty().get())
                .contains("Recording not available"));
        assertThat(robot.lookup("#trends").tryQuery()).isEmpty();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }
}
