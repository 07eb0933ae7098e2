package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vigil.alarms.Alarm;
import org.vigil.alarms.AlarmState;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.Limit;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.PatientCategory;
import org.vigil.link.wire.WireCodec;
import org.vigil.testing.EmbeddedMqttBrokerExtension;
import org.vigil.testing.HeadlessFxExtension;
import org.vigil.testing.MqttTestClient;

/**
 * What the console shows of alarms beyond the list: both kinds of alarm of one bed, priority markers, limits and
 * alarm-off on the tiles, a bed's audio pause and acknowledgement from its tile, and the escalation banner. Against
 * a real broker and alarm engine on a fake clock, in a headless window.
 */
@ExtendWith(HeadlessFxExtension.class)
class AlarmSignalsUiTest {

    @RegisterExtension
    static final EmbeddedMqttBrokerExtension BROKER = new EmbeddedMqttBrokerExtension();

    private final FxRobot robot = new FxRobot();
    private ConsoleFixture fixture;
    private ConsoleView console;
    private static int wards;
    private String ward;

    private void show(int beds) throws Exception {
        ward = "sigward" + (++wards);
        fixture = new ConsoleFixture(BROKER.url(), ward, beds);
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
    }

    private Node node(String query) {
        return robot.lookup(query).query();
    }

    private String text(Node within, String query) {
        return ((Label) robot.from(within).lookup(query).query()).getText();
    }

    private boolean visible(Node within, String query) {
        return robot.from(within).lookup(query).query().isVisible();
    }

    private List<String> alarmChips() {
        return robot.lookup(".alarm-chip").queryAll().stream().map(n -> ((Label) n).getText()).toList();
    }

    private void publish(MqttTestClient device, String feed, String json, boolean retained) throws Exception {
        device.publish("ward/" + ward + "/bed/01/" + feed, json.getBytes(StandardCharsets.UTF_8), 1, retained);
    }

    private String now() {
        return WireCodec.formatTime(fixture.clock.instant());
    }

    private void asystole(MqttTestClient device) throws Exception {
        publish(device, "event", "{\"v\":1,\"device\":\"mon-1\",\"time\":\"" + now() + "\",\"id\":\"evt-1\","
                + "\"condition\":\"ASYSTOLE\",\"priority\":\"high\",\"phase\":\"start\",\"text\":\"Asystole\"}", false);
    }

    @Test
    void aTechnicalAndAPhysiologicalAlarmOfOneBedBothStayOnBarAndTileWithTheirPriorityMarkers() throws Exception {
        show(2);
        try (MqttTestClient device = new MqttTestClient()) {
            device.connect(BROKER.url());
            publish(device, "status", "{\"v\":1,\"device\":\"mon-1\",\"state\":\"online\",\"battery\":0.1}", true);
            publish(device, "numerics", "{\"v\":1,\"device\":\"mon-1\",\"time\":\"" + now() + "\",\"seq\":1,"
                    + "\"values\":[{\"code\":\"MDC_ECG_HEART_RATE\",\"value\":143,\"unit\":\"/min\"}]}", false);
            asystole(device);
            Node tile = node("#bed-01");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                // priority then age; the marker says the priority beside the colour
                assertThat(alarmChips()).containsExactly("*** Bed 01  Asystole", "** Bed 01  HR 143 > 120",
                        "* Bed 01  LOW BATTERY 10 %");
                assertThat(text(tile, ".bed-alarm-text")).isEqualTo("*** Asystole  +2");
                // the technical alarm is not hidden behind the physiological ones on the tile either
                assertThat(text(tile, "#second-alarm")).isEqualTo("* LOW BATTERY 10 %");
                assertThat(visible(tile, "#second-alarm")).isTrue();
            });
            List<String> chipClasses = robot.lookup(".alarm-chip").queryAll().stream()
                    .map(n -> n.getStyleClass().stream().filter(c -> c.startsWith("priority-")).findFirst().orElse(""))
                    .toList();
            assertThat(chipClasses).containsExactly("priority-high", "priority-medium", "priority-low");
            // the colours of IEC 60601-1-8: high red, medium yellow (each also in its dark flash-off phase), low cyan
            List<javafx.scene.paint.Paint> fills = robot.lookup(".alarm-chip").queryAll().stream()
                    .map(n -> ((Label) n).getBackground().getFills().get(0).getFill()).toList();
            assertThat(fills.get(0)).isIn(javafx.scene.paint.Color.web("#e0001b"), javafx.scene.paint.Color.web("#4a0009"));
            assertThat(fills.get(1)).isIn(javafx.scene.paint.Color.web("#ffd21f"), javafx.scene.paint.Color.web("#4a3d00"));
            assertThat(fills.get(2)).as("low is steady").isEqualTo(javafx.scene.paint.Color.web("#1fd5ff"));
            assertThat(robot.from(tile).lookup(".bed-tile-header").query().getStyleClass()).contains("priority-high");
            // the other bed shows nothing of it
            assertThat(visible(node("#bed-02"), "#second-alarm")).isFalse();
        }
    }

    @Test
    void theTilesShowTheBedsLimitsAndAPermanentAlarmOffOfTheirOwn() throws Exception {
        show(2);
        Node tile = node("#bed-01");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(text(tile, "#hr-limits")).isEqualTo("120 / 50");
            assertThat(text(tile, "#spo2-limits")).isEqualTo("- / 90");
            assertThat(text(tile, "#rr-limits")).isEqualTo("30 / 8");
            assertThat(text(tile, "#nibp-limits")).isEqualTo("S 160 / 90  D 90 / 50");
            assertThat(text(tile, "#temp-limits")).isEqualTo("39 / 35");
            assertThat(visible(tile, "#hr-alarm-off")).isFalse();
        });
        // another station's settings for bed 01 (retained topic): neonate, SpO2 85..95, RR alarm off
        fixture.alarms.applySettings(new BedSettings("01", PatientCategory.NEONATE,
                java.util.Map.of(MeasurementCode.SPO2, new Limit(85.0, 95.0)), List.of(MeasurementCode.RESP_RATE),
                "charge.ana", "cs-2", fixture.clock.instant()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(text(tile, "#spo2-limits")).isEqualTo("95 / 85");
            assertThat(text(tile, "#hr-limits")).as("the neonate defaults").isEqualTo("200 / 100");
            assertThat(visible(tile, "#rr-alarm-off")).isTrue();
            assertThat(text(tile, "#rr-alarm-off")).isEqualTo("OFF");
            assertThat(visible(tile, "#hr-alarm-off")).isFalse();
            assertThat(text(node("#alarm-bar"), "#alarm-off-indicator")).isEqualTo("ALARM OFF: Bed 01 RR");
        });
        assertThat(text(node("#bed-02"), "#spo2-limits")).as("only that bed").isEqualTo("- / 90");
        assertThat(visible(node("#bed-02"), "#rr-alarm-off")).isFalse();
    }

    @Test
    void aBedsAudioIsPausedFromItsTileMenuWithItsCountdownAndTheBedIsAcknowledgedByKey() throws Exception {
        show(2);
        try (MqttTestClient device = new MqttTestClient()) {
            device.connect(BROKER.url());
            publish(device, "numerics", "{\"v\":1,\"device\":\"mon-1\",\"time\":\"" + now() + "\",\"seq\":1,"
                    + "\"values\":[{\"code\":\"MDC_ECG_HEART_RATE\",\"value\":143,\"unit\":\"/min\"}]}", false);
            asystole(device);
            await().atMost(Duration.ofSeconds(5)).until(() -> alarmChips().size() == 2);
        }
        Node tile = node("#bed-01");
        assertThat(fixture.context.actions().logIn("nurse", "password".toCharArray()).get(5, TimeUnit.SECONDS).done())
                .isTrue();
        robot.clickOn(tile, MouseButton.SECONDARY);
        robot.clickOn("Pause audio of this bed (P)");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(text(tile, "#bed-audio-paused")).isEqualTo("PAUSED 02:00");
            assertThat(visible(tile, "#bed-audio-paused")).isTrue();
        });
        assertThat(visible(node("#bed-02"), "#bed-audio-paused")).isFalse();
        fixture.clock.advance(Duration.ofSeconds(75));
        await().atMost(Duration.ofSeconds(5)).until(() -> "PAUSED 00:45".equals(text(tile, "#bed-audio-paused")));

        // the keyboard path: the tile has the focus (clicked), A acknowledges every alarm of the bed
        robot.clickOn(tile);
        robot.type(KeyCode.A);
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.alarms.board().forBed("01").stream()
                .filter(a -> !a.condition().equals("NO_DATA"))
                .allMatch(a -> a.state() == AlarmState.ACKNOWLEDGED));
        fixture.clock.advance(Duration.ofSeconds(45));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(visible(tile, "#bed-audio-paused")).isFalse());
    }

    @Test
    void anEscalatedAlarmGetsAFullWidthBannerMoreProminentAtLevelTwoGoneOnAcknowledgement() throws Exception {
        show(2);
        Label banner = (Label) node("#escalation-banner");
        assertThat(banner.isVisible()).isFalse();
        try (MqttTestClient device = new MqttTestClient()) {
            device.connect(BROKER.url());
            asystole(device);
            await().atMost(Duration.ofSeconds(5)).until(() -> alarmChips().contains("*** Bed 01  Asystole"));
        }
        fixture.clock.advance(Duration.ofSeconds(29));
        WaitForAsyncUtils.sleep(600, TimeUnit.MILLISECONDS); // several engine ticks and frames: still no banner
        assertThat(banner.isVisible()).as("29 s unacknowledged: not yet escalated").isFalse();
        fixture.clock.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(banner.isVisible()).isTrue();
            assertThat(banner.getText()).isEqualTo("ESCALATED: Bed 01 Asystole - unacknowledged 30 s");
            assertThat(banner.getStyleClass()).doesNotContain(Styles.ESCALATION_LEVEL_2);
        });
        assertThat(banner.getWidth()).as("full width").isGreaterThanOrEqualTo(banner.getScene().getWidth() - 1);
        fixture.clock.advance(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(banner.getText()).isEqualTo("ESCALATED (level 2): Bed 01 Asystole - unacknowledged 60 s");
            assertThat(banner.getStyleClass()).contains(Styles.ESCALATION_LEVEL_2);
        });
        Alarm a = fixture.alarms.board().forBed("01").stream().filter(x -> x.condition().equals("ASYSTOLE"))
                .findFirst().orElseThrow();
        fixture.alarms.acknowledge(a.id(), "nurse");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(banner.isVisible()).isFalse());
    }
}
