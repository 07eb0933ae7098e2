package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alarms.sound.AudioMode;
import org.vigil.data.model.Bed;
import org.vigil.link.LinkState;
import org.vigil.link.wire.WireCodec;
import org.vigil.testing.FreePorts;
import org.vigil.testing.MqttTestClient;
import org.vigil.testing.MutableClock;

/**
 * The contract: an ended alarm's retained message is cleared from the broker 60 s (station clock) after it ended.
 * A real station on its embedded broker, on a fake clock.
 */
class EndedAlarmClearingTest {
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.now());

    private void heartRate(MqttTestClient device, int seq, int hr) {
        device.publish("ward/clr/bed/01/numerics", ("{\"v\":1,\"device\":\"mon-1\",\"time\":\""
                + WireCodec.formatTime(clock.instant()) + "\",\"seq\":" + seq + ",\"values\":[{\"code\":"
                + "\"MDC_ECG_HEART_RATE\",\"value\":" + hr + ",\"unit\":\"/min\"}]}").getBytes(StandardCharsets.UTF_8),
                1, false);
    }

    /** What a subscriber that starts now gets as the topic's retained message (null: none within 1.5 s). */
    private static String retained(String url, String topic) {
        try (MqttTestClient late = new MqttTestClient()) {
            late.connect(url);
            late.subscribe(topic, 1);
            try {
                var m = late.awaitMessage(r -> r.topic().equals(topic) && r.payload().length > 0,
                        Duration.ofMillis(1500));
                return m.text();
            } catch (AssertionError none) {
                return null;
            }
        }
    }

    /** The alarm log's rows of one alarm, oldest first: "state value limitHigh station". */
    private static List<String> log(Station station, String id) {
        return station.database().query(c -> {
            try (var ps = c.prepareStatement(
                    "SELECT state, alarm_value, limit_high, station FROM alarm_log WHERE alarm_id = ? ORDER BY id")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    List<String> rows = new java.util.ArrayList<>();
                    while (rs.next()) {
                        rows.add(rs.getString(1) + " " + rs.getDouble(2) + " " + rs.getDouble(3) + " " + rs.getString(4));
                    }
                    return rows;
                }
            }
        });
    }

    @Test
    void anEndedAlarmIsClearedFromTheBrokerSixtySecondsAfterItEnded() throws Exception {
        int port = FreePorts.loopback();
        String url = "tcp://127.0.0.1:" + port;
        StationConfig config = new StationConfig(true, null, port, "clr", "cs-clr", 0, dir.resolve("data"),
                Duration.ofSeconds(10), List.of(new Bed("01", "Bed 01", true)), null, null, null, AudioMode.OFF)
                .withAdminPassword(StationTest.ADMIN_PASSWORD.toCharArray());
        try (Station station = new Station(config, clock); MqttTestClient device = new MqttTestClient()) {
            station.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> station.link().state() == LinkState.CONNECTED);
            device.connect(url);
            heartRate(device, 1, 143);
            await().atMost(Duration.ofSeconds(5)).until(() -> !station.alarms().board().forBed("01").isEmpty());
            String id = station.alarms().board().forBed("01").get(0).id();
            String topic = "ward/clr/alarm/01/" + id;
            heartRate(device, 2, 80); // a medium alarm does not latch: it ends with its condition
            await().atMost(Duration.ofSeconds(5)).until(() -> station.alarms().board().forBed("01").isEmpty());
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                String m = retained(url, topic);
                return m != null && m.contains("ended");
            });

            // every transition is in the station's alarm log, once, with its value, limit and station
            await().atMost(Duration.ofSeconds(5)).until(() -> log(station, id).size() == 2);
            assertThat(log(station, id)).containsExactly("active 143.0 120.0 cs-clr", "ended 143.0 120.0 cs-clr");

            clock.advance(Duration.ofSeconds(59));
            Thread.sleep(1500); // the clearing runs once a second: give it a chance to be early
            assertThat(retained(url, topic)).as("59 s after it ended: still retained").contains("ended");

            clock.advance(Duration.ofSeconds(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> retained(url, topic) == null);
        }
    }
}
