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
import org.vigil.alarms.ConditionCatalog;
import org.vigil.alarms.sound.AudioMode;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.Bed;
import org.vigil.data.model.StationHealth;
import org.vigil.link.wire.WireCodec;
import org.vigil.testing.FreePorts;
import org.vigil.testing.MqttTestClient;

/** Self-supervision: a restart is never a silent all clear, and a stalled alarm thread is replaced and said. */
class AlarmRestoreAndWatchdogTest {
    @TempDir
    Path dir;

    private StationConfig config(int port) {
        // not headless (no first administrator needed), audio off: nothing else differs for the alarms
        return new StationConfig(false, null, port, "rw", "cs-r", 0, dir.resolve("cs-r"), Duration.ofSeconds(10),
                List.of(new Bed("01", "Bed 1", true), new Bed("02", "Bed 2", true)), null, null, null, AudioMode.OFF);
    }

    private static void publish(MqttTestClient c, String topic, String json) throws Exception {
        c.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** Connected and subscribed (the subscription follows the connection): device data is no longer lost. */
    private static void awaitOnline(Station s) throws InterruptedException {
        await().atMost(Duration.ofSeconds(10)).until(() -> s.link().state() == org.vigil.link.LinkState.CONNECTED);
        Thread.sleep(500);
    }

    private static Alarm find(Station s, String bed, String condition) {
        return s.alarms().board().forBed(bed).stream().filter(a -> a.condition().equals(condition)).findFirst()
                .orElse(null);
    }

    @Test
    void aRestartedStationShowsTheActiveAndLatchedAlarmsAgainWithTheirIdsWithoutAnyData() throws Exception {
        int port = FreePorts.loopback();
        String latchedId;
        String activeId;
        try (Station first = new Station(config(port), Clock.systemUTC())) {
            first.start();
            awaitOnline(first);
            try (MqttTestClient device = new MqttTestClient()) {
                device.connect("tcp://127.0.0.1:" + port);
                Instant t = Instant.now();
                String time = WireCodec.formatTime(t);
                publish(device, "ward/rw/bed/01/event", "{\"v\":1,\"device\":\"mon-1\",\"time\":\"" + time
                        + "\",\"id\":\"evt-1\",\"condition\":\"ASYSTOLE\",\"priority\":\"high\",\"phase\":\"start\","
                        + "\"text\":\"Asystole\"}");
                await().atMost(Duration.ofSeconds(5)).until(() -> find(first, "01", "ASYSTOLE") != null);
                publish(device, "ward/rw/bed/01/event", "{\"v\":1,\"device\":\"mon-1\",\"time\":\""
                        + WireCodec.formatTime(t.plusSeconds(1)) + "\",\"id\":\"evt-1\",\"condition\":\"ASYSTOLE\","
                        + "\"priority\":\"high\",\"phase\":\"end\"}");
                publish(device, "ward/rw/bed/02/numerics", "{\"v\":1,\"device\":\"mon-2\",\"time\":\"" + time
                        + "\",\"seq\":1,\"values\":[{\"code\":\"MDC_ECG_HEART_RATE\",\"value\":143,\"unit\":\"/min\"}]}");
                await().atMost(Duration.ofSeconds(5)).until(() -> find(first, "02", "HR_HIGH") != null
                        && find(first, "01", "ASYSTOLE").state() == AlarmState.LATCHED);
                latchedId = find(first, "01", "ASYSTOLE").id();
                activeId = find(first, "02", "HR_HIGH").id();
            }
        }
        // same data folder, same broker port, no data at all
        try (Station second = new Station(config(port), Clock.systemUTC())) {
            second.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> find(second, "01", "ASYSTOLE") != null
                    && find(second, "02", "HR_HIGH") != null);
            Alarm latched = find(second, "01", "ASYSTOLE");
            assertThat(latched.id()).isEqualTo(latchedId);
            assertThat(latched.state()).isEqualTo(AlarmState.LATCHED);
            assertThat(latched.priority()).isEqualTo(AlarmPriority.HIGH);
            Alarm active = find(second, "02", "HR_HIGH");
            assertThat(active.id()).isEqualTo(activeId);
            assertThat(active.state()).isEqualTo(AlarmState.ACTIVE);
            assertThat(active.value()).isEqualTo(143.0);
            // a latched alarm stays until acknowledged, then ends
            second.alarms().acknowledge(latchedId, "nurse.kim");
            await().atMost(Duration.ofSeconds(5)).until(() -> find(second, "01", "ASYSTOLE") == null);
        }
    }

    @Test
    void aStationStartingLaterShowsTheRetainedAlarmsOfItsBedsWithoutData() throws Exception {
        int port = FreePorts.loopback();
        try (Station first = new Station(config(port), Clock.systemUTC())) {
            first.start();
            awaitOnline(first);
            String id;
            try (MqttTestClient device = new MqttTestClient()) {
                device.connect("tcp://127.0.0.1:" + port);
                publish(device, "ward/rw/bed/02/numerics", "{\"v\":1,\"device\":\"mon-2\",\"time\":\""
                        + WireCodec.formatTime(Instant.now()) + "\",\"seq\":1,\"values\":[{\"code\":"
                        + "\"MDC_ECG_HEART_RATE\",\"value\":143,\"unit\":\"/min\"}]}");
                await().atMost(Duration.ofSeconds(5)).until(() -> find(first, "02", "HR_HIGH") != null);
                id = find(first, "02", "HR_HIGH").id();
                first.alarms().acknowledge(id, "nurse.kim");
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> find(first, "02", "HR_HIGH").state() == AlarmState.ACKNOWLEDGED);
            }
            Thread.sleep(300); // the acknowledged version reaches the broker's retained copy
            StationConfig other = new StationConfig(false, "tcp://127.0.0.1:" + port, port, "rw", "cs-later", 0,
                    dir.resolve("cs-later"), Duration.ofSeconds(10), List.of(new Bed("02", "Bed 2", true)), null,
                    null, null, AudioMode.OFF);
            try (Station later = new Station(other, Clock.systemUTC())) {
                later.start();
                await().atMost(Duration.ofSeconds(5)).until(() -> find(later, "02", "HR_HIGH") != null);
                Alarm a = find(later, "02", "HR_HIGH");
                assertThat(a.id()).isEqualTo(id);
                assertThat(a.state()).isEqualTo(AlarmState.ACKNOWLEDGED);
                assertThat(a.ackBy()).isEqualTo("nurse.kim");
            }
        }
    }

    @Test
    void aStalledAlarmThreadIsRestartedAndRaisesATechnicalAlarm() throws Exception {
        int port = FreePorts.loopback();
        try (Station station = new Station(config(port), Clock.systemUTC())) {
            station.watchdogStall = Duration.ofMillis(800);
            station.start();
            awaitOnline(station);
            assertThat(Watchdog.DEFAULT_STALL).isEqualTo(Duration.ofSeconds(2));
            Thread.sleep(1500);
            assertThat(station.watchdog().alarmThreadStalls()).as("no false alarm while healthy").isZero();
            station.alarms().runOnAlarmThread(() -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try (MqttTestClient device = new MqttTestClient()) {
                device.connect("tcp://127.0.0.1:" + port);
                // queued behind the stall
                publish(device, "ward/rw/bed/02/numerics", "{\"v\":1,\"device\":\"mon-2\",\"time\":\""
                        + WireCodec.formatTime(Instant.now()) + "\",\"seq\":1,\"values\":[{\"code\":"
                        + "\"MDC_ECG_HEART_RATE\",\"value\":143,\"unit\":\"/min\"}]}");
                long t0 = System.nanoTime();
                await().atMost(Duration.ofMillis(2500)).until(() -> find(station, "02", "HR_HIGH") != null);
                System.out.printf("alarm raised %.0f ms after the stall began%n", (System.nanoTime() - t0) / 1e6);
                assertThat(station.watchdog().alarmThreadStalls()).isGreaterThanOrEqualTo(1);
                // the watchdog raises it just after the restart: the queued HR input may be evaluated first
                await().atMost(Duration.ofSeconds(1)).until(
                        () -> find(station, ConditionCatalog.STATION_BED, Watchdog.ALARM_SYSTEM_STALLED) != null);
                Alarm stalled = find(station, ConditionCatalog.STATION_BED, Watchdog.ALARM_SYSTEM_STALLED);
                assertThat(stalled.priority()).isEqualTo(AlarmPriority.HIGH);
                assertThat(stalled.text()).isEqualTo("ALARM SYSTEM STALLED");
                // evaluation goes on: a new alarm after the restart
                publish(device, "ward/rw/bed/01/numerics", "{\"v\":1,\"device\":\"mon-1\",\"time\":\""
                        + WireCodec.formatTime(Instant.now()) + "\",\"seq\":1,\"values\":[{\"code\":"
                        + "\"MDC_ECG_HEART_RATE\",\"value\":30,\"unit\":\"/min\"}]}");
                await().atMost(Duration.ofSeconds(2)).until(() -> find(station, "01", "HR_LOW") != null);
                // acknowledged while healthy, the technical alarm ends
                station.alarms().acknowledge(stalled.id(), "nurse.kim");
                await().atMost(Duration.ofSeconds(3)).until(
                        () -> find(station, ConditionCatalog.STATION_BED, Watchdog.ALARM_SYSTEM_STALLED) == null);
                assertThat(station.watchdog().alarmThreadStalls()).as("one stall, one restart").isEqualTo(1);
                // counted in the published health, beside the contract's fields
                var h = station.health().measure();
                assertThat(h.alarmThreadStalls()).isEqualTo(1L);
                assertThat(h.fxThreadStalls()).as("headless: no JavaFX thread watched").isZero();
                assertThat(WireCodec.decodeHealth(WireCodec.encode(h))).isInstanceOfSatisfying(
                        org.vigil.link.wire.Decoded.Ok.class, ok -> assertThat(((StationHealth) ok.value())
                                .alarmThreadStalls()).isEqualTo(1L));
            }
        }
    }
}
