package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
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
import javafx.scene.control.MenuButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vigil.alarms.Alarm;
import org.vigil.alarms.AlarmState;
import org.vigil.alarms.sound.AudioMode;
import org.vigil.data.model.Bed;
import org.vigil.data.model.Role;
import org.vigil.data.store.FirstRun;
import org.vigil.data.store.UserStore;
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
 * The console's users and acknowledgement against a real station: its database (users, audit log), embedded broker
 * and alarm engine, on a fake clock, in a headless window.
 */
@ExtendWith(HeadlessFxExtension.class)
class ConsoleActionsUiTest {
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
        ward = "uw" + (++wards);
        port = FreePorts.loopback();
        station = new Station(new StationConfig(false, null, port, ward, "cs-ui", 0, dir.resolve("data"),
                Duration.ofSeconds(10), List.of(new Bed("01", "Bed 01", true)), null, null, null, AudioMode.OFF), clock);
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

    private UserStore users() {
        return new UserStore(station.database(), "cs-ui");
    }

    private void createUsers() {
        FirstRun.createFirstAdmin(users(), "admin", PASSWORD.toCharArray());
        users().createUser("nurse.kim", "Kim Lee", Role.NURSE, PASSWORD.toCharArray(), "admin");
        users().createUser("charge.ana", "Ana Ruiz", Role.CHARGE_NURSE, PASSWORD.toCharArray(), "admin");
    }

    private StationActions actions() {
        return station.uiContext().actions();
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

    private void hrHigh() throws Exception {
        // a QoS 1 message sent before the station's subscriptions are acknowledged is not for it
        await().atMost(Duration.ofSeconds(10)).until(() -> station.link().state() == org.vigil.link.LinkState.CONNECTED);
        try (MqttTestClient device = new MqttTestClient()) {
            device.connect("tcp://127.0.0.1:" + port);
            device.publish("ward/" + ward + "/bed/01/numerics", ("{\"v\":1,\"device\":\"mon-1\",\"time\":\""
                    + WireCodec.formatTime(clock.instant()) + "\",\"seq\":1,\"values\":[{\"code\":\"MDC_ECG_HEART_RATE\","
                    + "\"value\":143,\"unit\":\"/min\"}]}").getBytes(StandardCharsets.UTF_8), 1, false);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> hrAlarm() != null);
        await().atMost(Duration.ofSeconds(5)).until(() -> chip() != null);
    }

    private Alarm hrAlarm() {
        return station.alarms().board().forBed("01").stream().filter(a -> a.condition().equals("HR_HIGH"))
                .findFirst().orElse(null);
    }

    private Label chip() {
        return robot.lookup(".alarm-chip").queryAll().stream().map(n -> (Label) n)
                .filter(l -> l.getText().contains("Bed 01")).findFirst().orElse(null);
    }

    private String text(String id) {
        Node n = robot.lookup(id).query();
        return n == null ? null : ((Label) n).getText();
    }

    /** The audit rows (action, username) of this station, oldest first. */
    private List<String> audit() {
        return station.database().query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT action, username FROM audit_log ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + ":" + rs.getString(2));
                }
                return rows;
            }
        });
    }

    private void logInThroughTheDialog(String username) {
        robot.clickOn("#session-button");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#login-username").tryQuery().isPresent());
        robot.clickOn("#login-username").eraseText(20).write(username);
        robot.clickOn("#login-password").write(PASSWORD);
        robot.type(KeyCode.ENTER);
    }

    @Test
    void anAlarmAcknowledgedFromTheAlarmBarIsLoggedThenShownAcknowledged() throws Exception {
        start();
        createUsers();
        assertThat(text("#status-user")).isEqualTo("Not logged in");
        hrHigh();

        robot.clickOn(chip());
        await().atMost(Duration.ofSeconds(5)).until(() -> "Log in to acknowledge".equals(text("#status-message")));
        assertThat(hrAlarm().state()).isNotEqualTo(AlarmState.ACKNOWLEDGED);

        logInThroughTheDialog("nurse.kim");
        await().atMost(Duration.ofSeconds(5)).until(() -> text("#status-user").startsWith("Kim Lee (Nurse)"));
        robot.clickOn(chip());
        await().atMost(Duration.ofSeconds(5)).until(() -> hrAlarm().state() == AlarmState.ACKNOWLEDGED);
        assertThat(hrAlarm().ackBy()).isEqualTo("nurse.kim");
        assertThat(audit()).contains("alarm_ack_refused:null", "login_ok:nurse.kim", "alarm_ack:nurse.kim");
        await().atMost(Duration.ofSeconds(5)).until(() -> chip().getText().contains("(ack nurse.kim)"));

        // Ctrl+L locks: the session ends, the alarm stays on screen
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(5)).until(() -> "Locked".equals(text("#status-user")));
        assertThat(chip()).isNotNull();
        assertThat(audit()).contains("lock:nurse.kim");

        // Ctrl+L again opens the login dialog; Escape cancels it
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#login-username").tryQuery().isPresent());
        robot.type(KeyCode.ESCAPE);
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#login-username").tryQuery().isEmpty());
        assertThat(text("#status-user")).isEqualTo("Locked");
    }

    @Test
    void theWardAudioPauseIsPublishedAndCountsDown() throws Exception {
        start();
        createUsers();
        try (MqttTestClient other = new MqttTestClient()) {
            other.connect("tcp://127.0.0.1:" + port);
            other.subscribe("ward/" + ward + "/audio-pause", 1);
            // a nurse may not pause the whole ward
            assertThat(actions().logIn("nurse.kim", PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS).done()).isTrue();
            robot.clickOn("#pause-ward-audio");
            await().atMost(Duration.ofSeconds(5)).until(() -> "Ward audio pause needs a charge nurse: log in as one"
                    .equals(text("#status-message")));
            assertThat(station.alarms().board().wardPausedUntil()).isNull();

            assertThat(actions().logIn("charge.ana", PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS).done()).isTrue();
            robot.press(KeyCode.CONTROL, KeyCode.P).release(KeyCode.P, KeyCode.CONTROL);
            await().atMost(Duration.ofSeconds(5)).until(() -> "Ward audio paused 02:00".equals(text("#ward-pause-countdown")));
            clock.advance(Duration.ofSeconds(75));
            await().atMost(Duration.ofSeconds(5)).until(() -> "Ward audio paused 00:45".equals(text("#ward-pause-countdown")));
            clock.advance(Duration.ofSeconds(45));
            await().atMost(Duration.ofSeconds(5)).until(() -> "".equals(text("#ward-pause-countdown")));

            var shared = other.awaitMessage(m -> m.payload().length > 0, Duration.ofSeconds(5));
            assertThat(shared.text()).contains("charge.ana").contains("cs-ui");
            assertThat(audit()).contains("audio_pause_ward_refused:nurse.kim", "audio_pause_ward:charge.ana");

            // ten minutes without input lock the console; the monitoring goes on
            clock.advance(ConsoleView.IDLE_LOCK);
            await().atMost(Duration.ofSeconds(5)).until(() -> "Locked".equals(text("#status-user")));
            assertThat(actions().currentUser()).isNull();
            assertThat(audit()).contains("lock:charge.ana");
        }
    }

    @Test
    void aNurseIsRefusedAlarmOffAndAChargeNurseSwitchesItOffWithAPermanentIndicator() throws Exception {
        start();
        createUsers();
        hrHigh();
        assertThat(actions().logIn("nurse.kim", PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS).done()).isTrue();

        MenuButton menu = (MenuButton) chip().getGraphic();
        robot.clickOn(menu);
        robot.clickOn("Alarm off: HR");
        await().atMost(Duration.ofSeconds(5)).until(() -> "Alarm off needs a charge nurse: log in as one"
                .equals(text("#status-message")));
        assertThat(station.alarms().board().alarmOff("01")).isEmpty();
        assertThat(audit()).contains("alarm_off_refused:nurse.kim");
        assertThat(hrAlarm().state()).as("opening the chip's menu does not acknowledge")
                .isNotEqualTo(AlarmState.ACKNOWLEDGED);
        // Ctrl+K acknowledges the alarm at the head of the bar
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(5)).until(() -> hrAlarm().state() == AlarmState.ACKNOWLEDGED);
        assertThat(audit()).contains("alarm_ack:nurse.kim");

        assertThat(actions().logIn("charge.ana", PASSWORD.toCharArray()).get(10, TimeUnit.SECONDS).done()).isTrue();
        menu = (MenuButton) chip().getGraphic();
        robot.clickOn(menu);
        robot.clickOn("Alarm off: HR");
        await().atMost(Duration.ofSeconds(5)).until(() -> station.alarms().board().alarmOff("01")
                .contains(org.vigil.data.model.MeasurementCode.HEART_RATE));
        // off ends the parameter's alarm: it leaves the bar
        await().atMost(Duration.ofSeconds(5)).until(() -> hrAlarm() == null);
        await().atMost(Duration.ofSeconds(5)).until(() -> "ALARM OFF: Bed 01 HR".equals(text("#alarm-off-indicator")));
        assertThat(audit()).contains("alarm_off:charge.ana");

        // and back on, from the bar's "Alarm on" menu
        robot.clickOn("#alarm-on-menu");
        robot.clickOn("Alarm on: Bed 01 HR");
        await().atMost(Duration.ofSeconds(5)).until(() -> station.alarms().board().alarmOff("01").isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> "".equals(text("#alarm-off-indicator")));
        assertThat(audit()).contains("alarm_on:charge.ana");
    }

    @Test
    void theFirstRunDialogCreatesTheAdministratorWhoThenLogsIn() throws Exception {
        start();
        assertThat(users().hasAnyAdmin()).isFalse();
        FxToolkit.setupFixture(() -> console.offerFirstRun());
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#login-password-repeat").tryQuery().isPresent());
        robot.clickOn("#login-password").write("short");
        robot.clickOn("#login-password-repeat").write("short");
        robot.type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(5)).until(() -> !text("#login-error").isEmpty());
        assertThat(text("#login-error")).containsIgnoringCase("12");
        assertThat(users().hasAnyAdmin()).isFalse();

        robot.clickOn("#login-password").write(PASSWORD);
        robot.clickOn("#login-password-repeat").write(PASSWORD);
        robot.type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> users().hasAnyAdmin());
        // the login dialog follows
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#login-username").tryQuery().isPresent()
                && robot.lookup("#login-password-repeat").tryQuery().isEmpty());
        robot.clickOn("#login-username").eraseText(20).write("admin");
        robot.clickOn("#login-password").write(PASSWORD);
        robot.type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> text("#status-user").startsWith("Administrator"));
        assertThat(actions().currentUser().role()).isEqualTo(Role.ADMIN);
    }
}
