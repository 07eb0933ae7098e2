package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alarms.Alarm;
import org.vigil.alarms.sound.AudioMode;
import org.vigil.data.model.Bed;
import org.vigil.data.store.FirstRun;
import org.vigil.link.LinkState;
import org.vigil.link.wire.WireCodec;
import org.vigil.testing.FreePorts;
import org.vigil.testing.MqttTestClient;
import org.vigil.testing.MutableClock;

/**
 * The alarm log of a real station (embedded broker, H2, fake clock): every state change of a latched and of an
 * acknowledged alarm once, with who acknowledged it, and late data as a "late" row with its device time that raises
 * no alarm.
 */
class AlarmLogStationTest {
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.now());
    private int seq;

    private void send(MqttTestClient device, Instant deviceTime, String code, double value) {
        device.publish("ward/log/bed/01/numerics", ("{\"v\":1,\"device\":\"mon-1\",\"time\":\""
                + WireCodec.formatTime(deviceTime) + "\",\"seq\":" + (++seq) + ",\"values\":[{\"code\":\"" + code
                + "\",\"value\":" + value + ",\"unit\":\"u\"}]}").getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** "state username" per row of the bed's log for one condition, oldest first. */
    private static List<String> log(Station station, String condition) {
        return station.database().query(c -> {
            try (var ps = c.prepareStatement("SELECT state, username, station FROM alarm_log "
                    + "WHERE bed_id = '01' AND condition_code = ? ORDER BY id")) {
                ps.setString(1, condition);
                try (var rs = ps.executeQuery()) {
                    List<String> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                    }
                    return rows;
                }
            }
        });
    }

    private static Alarm alarm(Station station, String condition) {
        return station.alarms().board().forBed("01").stream().filter(a -> a.condition().equals(condition))
                .findFirst().orElse(null);
    }

    @Test
    void latchedAcknowledgedAndLateRowsAreLoggedOnceWithWhoAcknowledged() throws Exception {
        int port = FreePorts.loopback();
        StationConfig config = new StationConfig(true, null, port, "log", "cs-log", 0, dir.resolve("data"),
                Duration.ofSeconds(10), List.of(new Bed("01", "Bed 01", true)), null, null, null, AudioMode.OFF)
                .withAdminPassword(StationTest.ADMIN_PASSWORD.toCharArray());
        try (Station station = new Station(config, clock); MqttTestClient device = new MqttTestClient()) {
            station.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> station.link().state() == LinkState.CONNECTED);
            device.connect("tcp://127.0.0.1:" + port);
            var actions = station.uiContext().actions();
            assertThat(actions.logIn(FirstRun.DEFAULT_ADMIN_USERNAME, StationTest.ADMIN_PASSWORD.toCharArray())
                    .get(30, TimeUnit.SECONDS).done()).isTrue();

            // SpO2 low: high priority after its 10 s delay, latches when the value recovers, ends on acknowledgement
            send(device, clock.instant(), "MDC_PULS_OXIM_SAT_O2", 82);
            await().atMost(Duration.ofSeconds(5)).until(() -> station.live().bed("01").numeric("MDC_PULS_OXIM_SAT_O2") != null);
            clock.advance(Duration.ofSeconds(10));
            send(device, clock.instant(), "MDC_PULS_OXIM_SAT_O2", 82);
            await().atMost(Duration.ofSeconds(5)).until(() -> alarm(station, "SPO2_LOW") != null);
            clock.advance(Duration.ofSeconds(1));
            send(device, clock.instant(), "MDC_PULS_OXIM_SAT_O2", 97);
            await().atMost(Duration.ofSeconds(5)).until(() -> alarm(station, "SPO2_LOW").state().wireName()
                    .equals("latched"));
            assertThat(actions.acknowledge(alarm(station, "SPO2_LOW").id()).get(10, TimeUnit.SECONDS).done()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> alarm(station, "SPO2_LOW") == null);

            // HR high: medium, acknowledged while present, ends with its condition
            send(device, clock.instant(), "MDC_ECG_HEART_RATE", 150);
            await().atMost(Duration.ofSeconds(5)).until(() -> alarm(station, "HR_HIGH") != null);
            assertThat(actions.acknowledge(alarm(station, "HR_HIGH").id()).get(10, TimeUnit.SECONDS).done()).isTrue();
            send(device, clock.instant(), "MDC_ECG_HEART_RATE", 80);
            await().atMost(Duration.ofSeconds(5)).until(() -> alarm(station, "HR_HIGH") == null);

            // late: a value from a minute ago (the device's backlog) is logged, never raised
            Instant old = clock.instant().minusSeconds(60);
            send(device, old, "MDC_ECG_HEART_RATE", 190);
            await().atMost(Duration.ofSeconds(5)).until(() -> !log(station, "LATE_DATA").isEmpty());
            assertThat(alarm(station, "HR_HIGH")).as("late data is never annunciated").isNull();

            await().atMost(Duration.ofSeconds(5)).until(() -> log(station, "HR_HIGH").size() == 3);
            assertThat(log(station, "SPO2_LOW")).containsExactly("active null cs-log", "latched null cs-log",
                    "ended admin cs-log");
            assertThat(log(station, "HR_HIGH")).containsExactly("active null cs-log", "acknowledged admin cs-log",
                    "ended admin cs-log");
            assertThat(log(station, "LATE_DATA")).containsExactly("late null cs-log");
            record Late(Instant deviceTime, String text) {
            }
            Late late = station.database().query(c -> {
                try (var ps = c.prepareStatement("SELECT source_time, text FROM alarm_log WHERE state = 'late'");
                     var rs = ps.executeQuery()) {
                    rs.next();
                    return new Late(rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), rs.getString(2));
                }
            });
            assertThat(late.deviceTime()).isEqualTo(old.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(late.text()).contains("Late data from mon-1").contains("HR 190");
        }
    }
}
