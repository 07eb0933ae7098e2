package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vigil.testing.EmbeddedMqttBrokerExtension;
import org.vigil.testing.HeadlessFxExtension;
import org.vigil.testing.MqttTestClient;

/** The ward overview against a real broker, in a real (headless) window. */
@ExtendWith(HeadlessFxExtension.class)
class WardOverviewUiTest {

    @RegisterExtension
    static final EmbeddedMqttBrokerExtension BROKER = new EmbeddedMqttBrokerExtension();

    private final FxRobot robot = new FxRobot();
    private ConsoleFixture fixture;
    private ConsoleView console;

    private static int wards;
    /** Each test its own ward: retained messages of one test never reach another. */
    private String ward;

    private void show(int beds) throws Exception {
        ward = "uiward" + (++wards);
        fixture = new ConsoleFixture(BROKER.url(), ward, beds);
        AtomicReference<ConsoleView> view = new AtomicReference<>();
        FxToolkit.setupStage(stage -> {
            ConsoleView c = new ConsoleView(fixture.context);
            Scene scene = new Scene(c, 1920, 1080);
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

    private Node node(String query) {
        return robot.lookup(query).query();
    }

    private Label label(Node within, String query) {
        return robot.from(within).lookup(query).query();
    }

    private java.util.List<String> alarmChips() {
        return robot.lookup(".alarm-chip").queryAll().stream().map(n -> ((Label) n).getText()).toList();
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
    }

    @Test
    void showsTwelveBedsWithTheirLabelsAndPatients() throws Exception {
        show(12);
        Set<Node> tiles = robot.lookup(".bed-tile").queryAll();
        assertThat(tiles).hasSize(12);
        Label label = label(node("#bed-07"), ".bed-label");
        assertThat(label.getText()).isEqualTo("Bed 07");
        Label patient = label(node("#bed-07"), ".bed-patient");
        assertThat(patient.getText()).startsWith("Patient 07");
        assertThat(robot.lookup(".bed-simulated").queryAll().stream().allMatch(Node::isVisible)).isTrue();
    }

    @Test
    void sixtyFourBedsFitOnA1920x1080Screen() throws Exception {
        show(64);
        assertThat(robot.lookup(".bed-tile").queryAll()).hasSize(64);
        Bounds screen = node("#ward-overview").localToScreen(node("#ward-overview").getBoundsInLocal());
        for (Node tile : robot.lookup(".bed-tile").queryAll()) {
            Bounds b = tile.localToScreen(tile.getBoundsInLocal());
            assertThat(screen.contains(b)).as("tile %s inside the screen", tile.getId()).isTrue();
            assertThat(b.getWidth()).as("tile width").isGreaterThan(150);
            assertThat(b.getHeight()).as("tile height").isGreaterThan(80);
        }
        // re-flows when resized: fewer columns in a narrow window
        double before = node("#bed-02").getLayoutX();
        FxToolkit.setupFixture(() -> node("#ward-overview").getScene().getWindow().setWidth(900));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(node("#bed-02").getLayoutX()).isLessThan(before);
    }

    @Test
    void aNumericsMessageChangesThatBedsHeartRateAndAnAlarmShows() throws Exception {
        show(12);
        try (MqttTestClient device = new MqttTestClient()) {
            device.connect(BROKER.url());
            String now = org.vigil.link.wire.WireCodec.formatTime(fixture.clock.instant());
            device.publish("ward/" + ward + "/bed/03/numerics", ("{\"v\":1,\"device\":\"mon-3\",\"time\":\"" + now
                    + "\",\"seq\":1,\"values\":[{\"code\":\"MDC_ECG_HEART_RATE\",\"value\":143,\"unit\":\"/min\"},"
                    + "{\"code\":\"MDC_PULS_OXIM_SAT_O2\",\"value\":97,\"unit\":\"%\"},"
                    + "{\"code\":\"MDC_CONC_AWAY_CO2_ET\",\"value\":null,\"unit\":\"mm[Hg]\",\"invalid\":\"sensor-off\"},"
                    + "{\"code\":\"X_VENDOR_SCORE\",\"value\":4.5,\"unit\":\"1\"}]}").getBytes(StandardCharsets.UTF_8),
                    1, false);
            Node tile = node("#bed-03");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(label(tile, "#hr").getText()).isEqualTo("143"));
            // codes without a place of their own (unknown ones too) are kept and shown generically
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(label(tile, "#other-numerics").getText())
                    .isEqualTo("CONC_AWAY_CO2_ET -- (sensor-off) · X_VENDOR_SCORE 4.5 1"));
            // the other beds are untouched
            assertThat(label(node("#bed-04"), "#hr").getText())
                    .isEqualTo("--");
            // 143 > 120 (adult default): medium alarm on the tile and in the alarm bar, with text and marker
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(label(tile, ".bed-alarm-text").getText())
                        .isEqualTo("** HR 143 > 120");
                assertThat(robot.from(tile).lookup(".bed-tile-header").queryAs(Node.class).getStyleClass())
                        .contains("priority-medium");
                assertThat(alarmChips()).containsExactly("** Bed 03  HR 143 > 120");
            });
        }
    }

    @Test
    void aBedThatStopsSendingShowsNoDataAndNotItsLastValues() throws Exception {
        show(4);
        try (MqttTestClient device = new MqttTestClient()) {
            device.connect(BROKER.url());
            String now = org.vigil.link.wire.WireCodec.formatTime(fixture.clock.instant());
            device.publish("ward/" + ward + "/bed/02/numerics", ("{\"v\":1,\"device\":\"mon-2\",\"time\":\"" + now
                    + "\",\"seq\":1,\"values\":[{\"code\":\"MDC_ECG_HEART_RATE\",\"value\":77,\"unit\":\"/min\"}]}")
                    .getBytes(StandardCharsets.UTF_8), 1, false);
            Node tile = node("#bed-02");
            Label noData = label(tile, "#no-data-02");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(label(tile, "#hr").getText()).isEqualTo("77");
                assertThat(noData.isVisible()).isFalse();
            });
            fixture.clock.advance(Duration.ofSeconds(11));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(noData.isVisible()).isTrue();
                assertThat(noData.getText()).isEqualTo("NO DATA");
                assertThat(label(tile, "#hr").getText()).isEqualTo("--");
                assertThat(alarmChips()).containsExactly("** Bed 02  NO DATA");
            });
        }
    }

    @Test
    void ctrlDIsTheDiagnosticsShortcut() throws Exception {
        show(2);
        var accelerators = node("#ward-overview").getScene().getAccelerators();
        assertThat(accelerators).containsKey(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.D,
                javafx.scene.input.KeyCombination.SHORTCUT_DOWN));
    }

    @Test
    void leadsOffShowHeartRateAsInvalidAndASkewedDeviceClockIsFlaggedAndDiagnosed() throws Exception {
        show(4);
        try (MqttTestClient device = new MqttTestClient()) {
            device.connect(BROKER.url());
            // the device's clock is 8 s behind the station's
            java.time.Instant deviceNow = fixture.clock.instant().minusSeconds(8);
            device.publish("ward/" + ward + "/bed/03/status", ("{\"v\":1,\"device\":\"mon-3\",\"state\":\"online\","
                    + "\"leads\":{\"ECG\":\"off\"}}").getBytes(StandardCharsets.UTF_8), 1, true);
            device.publish("ward/" + ward + "/bed/03/numerics", ("{\"v\":1,\"device\":\"mon-3\",\"time\":\""
                    + org.vigil.link.wire.WireCodec.formatTime(deviceNow) + "\",\"seq\":1,\"values\":["
                    + "{\"code\":\"MDC_ECG_HEART_RATE\",\"value\":88,\"unit\":\"/min\"},"
                    + "{\"code\":\"MDC_PULS_OXIM_SAT_O2\",\"value\":96,\"unit\":\"%\"}]}").getBytes(StandardCharsets.UTF_8),
                    1, false);
            device.publish("ward/" + ward + "/bed/03/numerics", "{not json".getBytes(StandardCharsets.UTF_8), 1, false);
            Node tile = node("#bed-03");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(label(tile, "#spo2").getText()).isEqualTo("96");
                assertThat(label(tile, "#hr").getText()).as("HR from leads that are off").isEqualTo("--");
                assertThat(label(tile, "#clock-flag").getText()).isEqualTo("CLOCK -8 s");
                assertThat(label(tile, "#clock-flag").isVisible()).isTrue();
                assertThat(alarmChips()).contains("* Bed 03  ECG LEADS OFF");
            });
            assertThat(label(node("#bed-02"), "#clock-flag").isVisible()).isFalse();

            robot.clickOn("#open-diagnostics");
            await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#device-diagnostics").tryQuery().isPresent());
            @SuppressWarnings("unchecked")
            javafx.scene.control.TableView<org.vigil.ui.diagnostics.DeviceDiagnosticsViewModel.Row> table =
                    robot.from(node("#device-diagnostics")).lookup(".table-view").queryAs(javafx.scene.control.TableView.class);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                var row = table.getItems().stream().filter(r -> r.bed().equals("Bed 03")).findFirst().orElseThrow();
                assertThat(row.device()).isEqualTo("mon-3");
                assertThat(row.rejects()).isEqualTo("NOT_JSON 1");
                assertThat(row.clockOffset()).startsWith("-8.0 s").contains("OFF BY MORE THAN 5 s");
            });
        }
    }
}
