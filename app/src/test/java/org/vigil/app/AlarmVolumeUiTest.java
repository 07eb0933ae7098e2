package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vigil.alarms.sound.AudioMode;
import org.vigil.data.model.Bed;
import org.vigil.data.model.Role;
import org.vigil.data.store.FirstRun;
import org.vigil.data.store.UserStore;
import org.vigil.testing.FreePorts;
import org.vigil.testing.HeadlessFxExtension;
import org.vigil.testing.MutableClock;
import org.vigil.ui.ConsoleView;
import org.vigil.ui.ConsoleWindow;
import org.vigil.ui.Styles;

/**
 * The alarm volume from the console (Ctrl+U) against a real station with audio on (headless, the audio line may be
 * unavailable: the setting works all the same): a nurse is refused in the dialog, a charge nurse's setting is
 * applied, audited, shown in the status line and kept when the station starts again.
 */
@ExtendWith(HeadlessFxExtension.class)
class AlarmVolumeUiTest {
    private static final String PASSWORD = "Quiet-ward-at-night-7";
    private static int wards;

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private final MutableClock clock = MutableClock.at(Instant.now());
    private Station station;
    private ConsoleView console;

    private void start() throws Exception {
        station = new Station(new StationConfig(false, null, FreePorts.loopback(), "vw" + (++wards), "cs-ui", 0,
                dir.resolve("data"), Duration.ofSeconds(10), List.of(new Bed("01", "Bed 01", true)), null, null, null,
                AudioMode.ON), clock);
        station.start();
        AtomicReference<ConsoleView> view = new AtomicReference<>();
        FxToolkit.setupStage(stage -> {
            ConsoleView c = new ConsoleView(station.uiContext());
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

    private void stop() throws Exception {
        if (console != null) {
            FxToolkit.setupFixture(() -> console.stop());
            console = null;
        }
        FxToolkit.cleanupStages();
        if (station != null) {
            station.close();
            station = null;
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        stop();
    }

    private String text(String id) {
        Node n = robot.lookup(id).tryQuery().orElse(null);
        return n == null ? null : ((Label) n).getText();
    }

    private void logIn(String user) throws Exception {
        assertThat(station.uiContext().actions().logIn(user, PASSWORD.toCharArray()).get(30, TimeUnit.SECONDS)
                .done()).isTrue();
    }

    private List<String> audit() {
        return station.database().query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT action, username, detail FROM audit_log "
                    + "WHERE action LIKE 'alarm_volume%' ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getString(3));
                }
                return rows;
            }
        });
    }

    @Test
    void aNurseIsRefusedInTheDialogAndAChargeNursesVolumeIsAppliedAndKept() throws Exception {
        start();
        UserStore users = new UserStore(station.database(), "cs-ui");
        FirstRun.createFirstAdmin(users, "admin", PASSWORD.toCharArray());
        users.createUser("nurse.kim", "Kim Lee", Role.NURSE, PASSWORD.toCharArray(), "admin");
        users.createUser("charge.ana", "Ana Ruiz", Role.CHARGE_NURSE, PASSWORD.toCharArray(), "admin");
        logIn("nurse.kim");

        robot.press(KeyCode.CONTROL, KeyCode.U).release(KeyCode.U, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#volume-slider").tryQuery().isPresent());
        assertThat(text("#volume-value")).startsWith("50 %");
        robot.clickOn(robot.lookup("#volume-slider .thumb").<Node>query()); // takes the focus, keeps the value
        robot.type(KeyCode.END); // all the way up
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(text("#volume-value"))
                .startsWith("100 %  (now 50 %"));
        robot.type(KeyCode.HOME); // all the way down: the floor, never silence
        await().atMost(Duration.ofSeconds(5)).until(() -> text("#volume-value").startsWith("25 %"));
        robot.type(KeyCode.RIGHT, 3); // three steps of 5
        await().atMost(Duration.ofSeconds(5)).until(() -> text("#volume-value").startsWith("40 %"));

        robot.clickOn("#volume-apply");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                "Changing the alarm volume needs a charge nurse: log in as one".equals(text("#volume-message")));
        assertThat(station.uiContext().actions().alarmVolumePercent()).isEqualTo(50);

        logIn("charge.ana");
        robot.clickOn("#volume-apply");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#volume-slider").tryQuery().isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> String.valueOf(text("#status-message"))
                .startsWith("Alarm volume 40 %"));
        assertThat(station.uiContext().actions().alarmVolumePercent()).isEqualTo(40);
        // with a sound device the status line gives the volume; without one (CI) it says the audio is unavailable
        await().atMost(Duration.ofSeconds(5)).until(() -> List.of("Audio: on, 40 %", "AUDIO UNAVAILABLE")
                .contains(text("#status-audio")));
        assertThat(audit()).containsExactly("alarm_volume_refused:nurse.kim:50 % -> 40 %: nurse may not",
                "alarm_volume:charge.ana:50 % -> 40 %");

        stop();
        start(); // the same data folder: the volume set at this console is kept
        assertThat(station.uiContext().actions().alarmVolumePercent()).isEqualTo(40);
    }
}
