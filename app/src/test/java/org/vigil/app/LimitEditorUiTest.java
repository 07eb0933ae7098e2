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
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vigil.alarms.sound.AudioMode;
import org.vigil.data.model.Bed;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.Limit;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.Role;
import org.vigil.data.store.FirstRun;
import org.vigil.data.store.UserStore;
import org.vigil.link.wire.Decoded;
import org.vigil.link.wire.WireCodec;
import org.vigil.testing.FreePorts;
import org.vigil.testing.HeadlessFxExtension;
import org.vigil.testing.MqttTestClient;
import org.vigil.testing.MutableClock;
import org.vigil.ui.ConsoleView;
import org.vigil.ui.ConsoleWindow;
import org.vigil.ui.Styles;
import org.vigil.ui.users.StationActions;

/**
 * The limit editor against a real station (database, audit log, embedded broker, alarm engine) in a headless
 * window: a nurse is refused, a charge nurse's change shows on the tile and goes out on the bed settings topic.
 */
@ExtendWith(HeadlessFxExtension.class)
class LimitEditorUiTest {
    private static final String PASSWORD = "Quiet-ward-at-night-7";
    private static int wards;

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private final MutableClock clock = MutableClock.at(Instant.now());
    private Station station;
    private ConsoleView console;
    private String ward;
    private int port;

    private void start() throws Exception {
        ward = "lw" + (++wards);
        port = FreePorts.loopback();
        station = new Station(new StationConfig(false, null, port, ward, "cs-ui", 0, dir.resolve("data"),
                Duration.ofSeconds(10), List.of(new Bed("01", "Bed 01", true), new Bed("02", "Bed 02", true)),
                null, null, null, AudioMode.OFF), clock);
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
        UserStore users = new UserStore(station.database(), "cs-ui");
        FirstRun.createFirstAdmin(users, "admin", PASSWORD.toCharArray());
        users.createUser("nurse.kim", "Kim Lee", Role.NURSE, PASSWORD.toCharArray(), "admin");
        users.createUser("charge.ana", "Ana Ruiz", Role.CHARGE_NURSE, PASSWORD.toCharArray(), "admin");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (console != null) {
            FxToolkit.setupFixture(() -> console.stop());
        }
        FxToolkit.cleanupStages();
        if (station != null) {
            station.close();
        }
    }

    private StationActions actions() {
        return station.uiContext().actions();
    }

    private String text(Node within, String query) {
        return ((Label) robot.from(within).lookup(query).query()).getText();
    }

    private String text(String query) {
        return ((Label) robot.lookup(query).query()).getText();
    }

    private List<String> audit() {
        return station.database().query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT action, username FROM audit_log ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + ":" + rs.getString(2));
                }
                return rows;
            }
        });
    }

    private void typeInto(String id, String value) {
        TextField f = robot.lookup(id).queryAs(TextField.class);
        robot.clickOn(f).eraseText(f.getText().length()).write(value);
    }

    @Test
    void aNurseIsRefusedAndAChargeNursesSpo2LowShowsOnTheTileAndGoesOutOnTheSettingsTopic() throws Exception {
        start();
        Node tile = robot.lookup("#bed-01").query();
        await().atMost(Duration.ofSeconds(5)).until(() -> "- / 90".equals(text(tile, "#spo2-limits")));
        // --audio off: a permanent indicator in the status bar, not an alarm
        assertThat(text("#status-audio")).isEqualTo("AUDIO OFF");
        assertThat(station.alarms().board().active()).noneMatch(a -> a.condition().equals("AUDIO_UNAVAILABLE"));

        try (MqttTestClient other = new MqttTestClient()) {
            other.connect("tcp://127.0.0.1:" + port);
            other.subscribe("ward/" + ward + "/bed/01/settings", 1);
            assertThat(actions().logIn("nurse.kim", PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS).done()).isTrue();

            // from the tile's context menu
            robot.clickOn(tile, MouseButton.SECONDARY);
            robot.clickOn("Alarm limits… (L)");
            await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#limits-apply").tryQuery().isPresent());
            typeInto("#limit-low-" + MeasurementCode.SPO2, "85");
            robot.clickOn("#limits-apply");
            await().atMost(Duration.ofSeconds(5)).until(() -> "Changing alarm limits needs a charge nurse: log in as one"
                    .equals(text("#limits-error")));
            assertThat(station.alarms().board().settings("01").limit(MeasurementCode.SPO2))
                    .isEqualTo(new Limit(90.0, null));
            assertThat(audit()).contains("bed_settings_refused:nurse.kim");

            // a wrong entry is refused by the editor itself, with what is wrong
            typeInto("#limit-low-" + MeasurementCode.SPO2, "900");
            robot.clickOn("#limits-apply");
            await().atMost(Duration.ofSeconds(5)).until(() -> "SpO2 low 900 is outside 50 to 100"
                    .equals(text("#limits-error")));
            robot.type(KeyCode.ESCAPE);
            await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#limits-apply").tryQuery().isEmpty());

            // the keyboard path: the tile has the focus, L opens its editor
            assertThat(actions().logIn("charge.ana", PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS).done()).isTrue();
            robot.clickOn(tile);
            robot.type(KeyCode.L);
            await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#limits-apply").tryQuery().isPresent());
            assertThat(robot.lookup("#limit-low-" + MeasurementCode.SPO2).queryAs(TextField.class).getText())
                    .as("the editor starts from the settings in force").isEqualTo("90");
            typeInto("#limit-low-" + MeasurementCode.SPO2, "85");
            robot.clickOn("#limits-apply");
            await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#limits-apply").tryQuery().isEmpty());

            await().atMost(Duration.ofSeconds(5)).until(() -> "- / 85".equals(text(tile, "#spo2-limits")));
            assertThat(text(robot.lookup("#bed-02").query(), "#spo2-limits")).isEqualTo("- / 90");
            var shared = other.awaitMessage(m -> m.payload().length > 0
                    && WireCodec.decodeSettings(m.payload()) instanceof Decoded.Ok<BedSettings> ok
                    && new Limit(85.0, null).equals(ok.value().limits().get(MeasurementCode.SPO2)), Duration.ofSeconds(5));
            BedSettings s = ((Decoded.Ok<BedSettings>) WireCodec.decodeSettings(shared.payload())).value();
            assertThat(s.changedBy()).isEqualTo("charge.ana");
            assertThat(s.station()).isEqualTo("cs-ui");
            assertThat(audit()).contains("bed_settings:charge.ana");
            assertThat(text("#status-message")).startsWith("Alarm settings applied: adult; HR 50..120, SpO2 85..-");
        }
    }

    @Test
    void alarmOffFromTheEditorShowsPermanentlyOnTheTileAndResetReturnsTheCategoryDefaults() throws Exception {
        start();
        Node tile = robot.lookup("#bed-01").query();
        assertThat(actions().logIn("charge.ana", PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS).done()).isTrue();
        FxToolkit.setupFixture(() -> console.openLimits("01"));
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#limits-apply").tryQuery().isPresent());
        robot.clickOn("#limit-off-" + MeasurementCode.HEART_RATE);
        typeInto("#limit-high-" + MeasurementCode.RESP_RATE, "35");
        robot.clickOn("#limits-apply");
        await().atMost(Duration.ofSeconds(5)).until(() -> station.alarms().board().alarmOff("01")
                .contains(MeasurementCode.HEART_RATE));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(robot.from(tile).lookup("#hr-alarm-off").query().isVisible()).isTrue();
            assertThat(text(tile, "#rr-limits")).isEqualTo("35 / 8");
            assertThat(text("#alarm-off-indicator")).isEqualTo("ALARM OFF: Bed 01 HR");
        });

        FxToolkit.setupFixture(() -> console.openLimits("01"));
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#limits-reset").tryQuery().isPresent());
        robot.clickOn("#limits-reset");
        robot.clickOn("#limits-apply");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(station.alarms().board().alarmOff("01")).isEmpty();
            assertThat(text(tile, "#rr-limits")).isEqualTo("30 / 8");
            assertThat(robot.from(tile).lookup("#hr-alarm-off").query().isVisible()).isFalse();
        });
    }
}
