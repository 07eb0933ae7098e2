package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alarms.Alarm;
import org.vigil.alarms.AlarmState;
import org.vigil.alarms.sound.AudioMode;
import java.util.Map;
import org.vigil.data.model.AlarmMessage;
import org.vigil.data.model.Bed;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.Limit;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.PatientCategory;
import org.vigil.data.model.WardAudioPause;
import org.vigil.link.wire.Decoded;
import org.vigil.link.wire.WireCodec;
import org.vigil.testing.FreePorts;
import org.vigil.testing.MqttTestClient;

/** Two stations watch one bed on one broker: one alarm id, and an acknowledgement at one shows at the other. */
class TwoStationsTest {
    @TempDir
    Path dir;

    private StationConfig config(String station, String broker, int port) {
        return new StationConfig(true, broker, port, "two", station, 0, dir.resolve(station), Duration.ofSeconds(10),
                List.of(new Bed("01", "Bed 1", true)), null, null, null, AudioMode.OFF)
                .withAdminPassword(StationTest.ADMIN_PASSWORD.toCharArray());
    }

    @Test
    void anAcknowledgementAtOneStationShowsAtTheOtherWithinASecond() throws Exception {
        int port = FreePorts.loopback();
        try (Station a = new Station(config("cs-a", null, port), Clock.systemUTC());
             Station b = new Station(config("cs-b", "tcp://127.0.0.1:" + port, port), Clock.systemUTC())) {
            a.start();
            b.start();
            // data sent before a station's subscriptions are acknowledged is not for it
            await().atMost(Duration.ofSeconds(10)).until(() -> a.link().state() == org.vigil.link.LinkState.CONNECTED
                    && b.link().state() == org.vigil.link.LinkState.CONNECTED);
            try (MqttTestClient device = new MqttTestClient(); MqttTestClient pager = new MqttTestClient()) {
                device.connect("tcp://127.0.0.1:" + port);
                pager.connect("tcp://127.0.0.1:" + port);
                pager.subscribe("ward/two/alarm/#", 1);
                Instant t = Instant.now();
                device.publish("ward/two/bed/01/numerics", ("{\"v\":1,\"device\":\"mon-1\",\"time\":\""
                        + WireCodec.formatTime(t) + "\",\"seq\":1,\"values\":[{\"code\":\"MDC_ECG_HEART_RATE\","
                        + "\"value\":143,\"unit\":\"/min\"}]}").getBytes(StandardCharsets.UTF_8), 1, false);

                await().atMost(Duration.ofSeconds(5)).until(() -> hrHigh(a) != null && hrHigh(b) != null);
                String id = hrHigh(a).id();
                assertThat(hrHigh(b).id()).as("both stations derive the same id from the data").isEqualTo(id)
                        .isEqualTo("01-HR_HIGH-" + t.toEpochMilli());
                // the gateway sees the alarm on the ward topic
                pager.awaitMessage(m -> m.topic().equals("ward/two/alarm/01/" + id), Duration.ofSeconds(5));

                long acked = System.nanoTime();
                a.alarms().acknowledge(id, "nurse.kim");
                await().atMost(Duration.ofSeconds(1)).until(() -> hrHigh(b) != null
                        && hrHigh(b).state() == AlarmState.ACKNOWLEDGED);
                assertThat(hrHigh(b).ackBy()).isEqualTo("nurse.kim");
                System.out.printf("acknowledgement at cs-a shown at cs-b after %.0f ms%n", (System.nanoTime() - acked) / 1e6);
                // and the broker's retained copy carries it, for a station or pager that starts later
                var last = pager.awaitMessage(m -> m.topic().endsWith(id) && m.payload().length > 0
                        && WireCodec.decodeAlarm(m.payload()) instanceof Decoded.Ok<AlarmMessage> ok
                        && "nurse.kim".equals(ok.value().ackBy()), Duration.ofSeconds(5));
                assertThat(last).isNotNull();
            }
        }
    }

    private static Alarm hrHigh(Station s) {
        return s.alarms().board().forBed("01").stream().filter(x -> x.condition().equals("HR_HIGH")).findFirst()
                .orElse(null);
    }

    @Test
    void aStationThatStartsLateLearnsTheAlarmItsAcknowledgementABedSettingAndTheWardPauseFromTheBroker()
            throws Exception {
        int port = FreePorts.loopback();
        try (Station a = new Station(config("cs-a", null, port), Clock.systemUTC())) {
            a.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> a.link().state() == org.vigil.link.LinkState.CONNECTED);
            String id;
            Instant pausedUntil;
            try (MqttTestClient device = new MqttTestClient()) {
                device.connect("tcp://127.0.0.1:" + port);
                Instant t = Instant.now();
                device.publish("ward/two/bed/01/numerics", ("{\"v\":1,\"device\":\"mon-1\",\"time\":\""
                        + WireCodec.formatTime(t) + "\",\"seq\":1,\"values\":[{\"code\":\"MDC_ECG_HEART_RATE\","
                        + "\"value\":143,\"unit\":\"/min\"}]}").getBytes(StandardCharsets.UTF_8), 1, false);
                await().atMost(Duration.ofSeconds(5)).until(() -> hrHigh(a) != null);
                id = hrHigh(a).id();
                a.alarms().acknowledge(id, "nurse.kim");
                // a charge nurse's limit change and ward pause at cs-a, shared as the console shares them
                BedSettings settings = new BedSettings("01", PatientCategory.ADULT,
                        Map.of(MeasurementCode.SPO2, new Limit(85.0, null)), List.of(MeasurementCode.RESP_RATE),
                        "charge.ana", "cs-a", Instant.now());
                a.alarms().applySettings(settings);
                a.link().publishSettings(settings);
                pausedUntil = a.alarms().pauseAudio(null);
                a.link().publishAudioPause(new WardAudioPause(pausedUntil, "charge.ana", "cs-a", Instant.now()));
                await().atMost(Duration.ofSeconds(5)).until(() -> hrHigh(a).state() == AlarmState.ACKNOWLEDGED);
            }
            // cs-a published all of it, retained, before cs-b exists
            try (MqttTestClient probe = new MqttTestClient()) {
                probe.connect("tcp://127.0.0.1:" + port);
                probe.subscribe("ward/two/#", 1);
                probe.awaitMessage(m -> m.topic().equals("ward/two/alarm/01/" + id) && m.text().contains("nurse.kim"),
                        Duration.ofSeconds(5));
                probe.awaitMessage(m -> m.topic().equals("ward/two/bed/01/settings"), Duration.ofSeconds(5));
                probe.awaitMessage(m -> m.topic().equals("ward/two/audio-pause"), Duration.ofSeconds(5));
            }

            try (Station b = new Station(config("cs-b", "tcp://127.0.0.1:" + port, port), Clock.systemUTC())) {
                b.start();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    Alarm learnt = hrHigh(b);
                    assertThat(learnt).as("the alarm, from the retained alarm topic").isNotNull();
                    assertThat(learnt.id()).isEqualTo(id);
                    assertThat(learnt.state()).isEqualTo(AlarmState.ACKNOWLEDGED);
                    assertThat(learnt.ackBy()).isEqualTo("nurse.kim");
                    var s = b.alarms().board().settings("01");
                    assertThat(s.limit(MeasurementCode.SPO2)).as("the bed setting").isEqualTo(new Limit(85.0, null));
                    assertThat(s.alarmOff()).containsExactly(MeasurementCode.RESP_RATE);
                    assertThat(b.alarms().board().wardPausedUntil()).as("the ward pause")
                            .isEqualTo(pausedUntil.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
                });
            }
        }
    }
}
