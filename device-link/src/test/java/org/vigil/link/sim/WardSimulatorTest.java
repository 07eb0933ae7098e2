package org.vigil.link.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.DeviceState;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.data.model.WaveChannel;
import org.vigil.link.wire.Decoded;
import org.vigil.link.wire.WardTopic;
import org.vigil.link.wire.WireCodec;
import org.vigil.testing.EmbeddedMqttBroker;
import org.vigil.testing.FreePorts;
import org.vigil.testing.MqttTestClient;
import org.vigil.testing.MqttTestClient.Received;
import org.vigil.testing.MutableClock;

class WardSimulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private EmbeddedMqttBroker broker;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedMqttBroker.start();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private static String bedOf(Received r) {
        return ((WardTopic.Bed) WardTopic.parse(r.topic()).orElseThrow()).bed();
    }

    private static WardTopic.BedFeed feedOf(Received r) {
        return ((WardTopic.Bed) WardTopic.parse(r.topic()).orElseThrow()).feed();
    }

    private static DeviceStatus status(Received r) {
        return ((Decoded.Ok<DeviceStatus>) WireCodec.decodeStatus(r.payload())).value();
    }

    @Test
    @SuppressWarnings("try") // closes the simulator inside its try block on purpose: close() must be idempotent
    void twelveBedsPublishNumericsWavesAndRetainedOnlineStatusAndTheLastWillOnAForcedDrop() throws Exception {
        try (MqttTestClient live = new MqttTestClient().connect(broker.url());
             WardSimulator sim = new WardSimulator(broker.url(), "test", 12, Clock.systemUTC())) {
            live.subscribe("ward/test/bed/+/+", 1);
            assertThat(sim.beds()).hasSize(12);
            sim.start();
            assertThat(sim.isRunning()).isTrue();
            Thread.sleep(3_000);

            List<Received> got = live.received();
            Set<String> numericsBeds = new HashSet<>();
            Set<String> waveBeds = new HashSet<>();
            Map<String, Long> lastWaveSeq = new HashMap<>();
            for (Received r : got) {
                switch (feedOf(r)) {
                    case NUMERICS -> {
                        assertThat(r.qos()).isEqualTo(1);
                        Numerics n = ((Decoded.Ok<Numerics>) WireCodec.decodeNumerics(r.payload())).value();
                        assertThat(n.device()).isEqualTo("sim-test-" + bedOf(r));
                        assertThat(n.find(MeasurementCode.SPO2)).isNotNull();
                        numericsBeds.add(bedOf(r));
                    }
                    case WAVE -> {
                        assertThat(r.qos()).isZero();
                        Decoded<Wave> d = WireCodec.decodeWave(r.payload());
                        assertThat(d).isInstanceOf(Decoded.Ok.class);
                        Wave w = ((Decoded.Ok<Wave>) d).value();
                        assertThat(w.channels()).extracting(WaveChannel::rate).containsExactly(250.0, 125.0, 62.5);
                        Long previous = lastWaveSeq.put(bedOf(r), w.seq());
                        if (previous != null) {
                            assertThat(w.seq()).isEqualTo(previous + 1);
                        }
                        waveBeds.add(bedOf(r));
                    }
                    case STATUS -> assertThat(status(r).state()).isEqualTo(DeviceState.ONLINE);
                    default -> throw new AssertionError("unexpected " + r);
                }
            }
            List<String> all = sim.beds().stream().map(SimulatedBed::bedId).toList();
            assertThat(numericsBeds).containsExactlyInAnyOrderElementsOf(all);
            assertThat(waveBeds).containsExactlyInAnyOrderElementsOf(all);

            // a station starting now finds every bed's online status retained (QoS 0 here: Moquette 0.17 clears
            // the retain flag when it delivers a retained message at QoS 1)
            try (MqttTestClient late = new MqttTestClient().connect(broker.url())) {
                late.subscribe("ward/test/bed/+/status", 0);
                Set<String> online = new HashSet<>();
                for (int i = 0; i < 12; i++) {
                    Received r = late.awaitMessage(m -> m.retained(), WAIT);
                    DeviceStatus s = status(r);
                    assertThat(s.state()).isEqualTo(DeviceState.ONLINE);
                    assertThat(s.device()).isEqualTo("sim-test-" + bedOf(r));
                    assertThat(s.battery()).isBetween(0.0, 1.0);
                    assertThat(s.probes()).containsEntry("SPO2", "on");
                    assertThat(s.leads()).containsKey("ECG");
                    online.add(bedOf(r));
                }
                assertThat(online).containsExactlyInAnyOrderElementsOf(all);
            }

            // a device that dies without a DISCONNECT: the broker publishes its last will
            sim.dropConnection("02", 1_000);
            Received will = live.awaitMessage(
                    m -> m.topic().equals("ward/test/bed/02/status") && m.text().contains("offline"), WAIT);
            assertThat(will.text()).isEqualTo("{\"v\":1,\"device\":\"sim-test-02\",\"state\":\"offline\"}");
            assertThat(will.qos()).isEqualTo(1);
            // ...and comes back
            Received back = live.awaitMessage(
                    m -> m.topic().equals("ward/test/bed/02/status") && m.text().contains("online"), WAIT);
            assertThat(status(back).device()).isEqualTo("sim-test-02");
            live.awaitMessage("ward/test/bed/02/numerics", WAIT);

            sim.close();
            assertThat(sim.isRunning()).isFalse();
        }
    }

    @Test
    void closePublishesEveryDevicesOfflineStatusAndStopsPublishing() throws Exception {
        WardSimulator sim = new WardSimulator(broker.url(), "w2", 3, Clock.systemUTC());
        sim.start();
        try (MqttTestClient live = new MqttTestClient().connect(broker.url())) {
            live.subscribe("ward/w2/bed/+/+", 1);
            live.awaitMessage(m -> m.topic().endsWith("/wave"), WAIT);
            sim.close();
            Set<String> offline = new HashSet<>();
            while (offline.size() < 3) {
                Received r = live.awaitMessage(m -> m.topic().endsWith("/status") && m.text().contains("offline"), WAIT);
                offline.add(bedOf(r));
            }
            assertThat(offline).containsExactlyInAnyOrder("01", "02", "03");
            Thread.sleep(700);
            List<Received> got = live.received();
            Set<String> closed = new HashSet<>();
            for (Received r : got) {
                if (feedOf(r) == WardTopic.BedFeed.STATUS && status(r).state() == DeviceState.OFFLINE) {
                    closed.add(bedOf(r));
                } else {
                    assertThat(closed).as("nothing from a bed after its offline status: %s", r).doesNotContain(bedOf(r));
                }
            }
        }
        try (MqttTestClient late = new MqttTestClient().connect(broker.url())) {
            late.subscribe("ward/w2/bed/+/status", 0);
            for (int i = 0; i < 3; i++) {
                assertThat(status(late.awaitMessage(Received::retained, WAIT)).state()).isEqualTo(DeviceState.OFFLINE);
            }
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("vigil-sim") && t.isAlive());
        sim.close(); // twice is fine
    }

    @Test
    void theDropoutBedGoesSilentWithItsLastWillAndComesBackOnTheInjectedClock() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T05:00:00Z"));
        try (MqttTestClient live = new MqttTestClient().connect(broker.url());
             WardSimulator sim = new WardSimulator(broker.url(), "w9", 9, clock)) {
            live.subscribe("ward/w9/bed/09/status", 1);
            sim.start();
            assertThat(status(live.awaitMessage(m -> true, WAIT)).state()).isEqualTo(DeviceState.ONLINE);

            clock.advance(Duration.ofSeconds(61));
            Received will = live.awaitMessage(m -> true, WAIT);
            assertThat(will.text()).isEqualTo("{\"v\":1,\"device\":\"sim-w9-09\",\"state\":\"offline\"}");

            clock.advance(Duration.ofSeconds(90));
            Received back = live.awaitMessage(m -> true, WAIT);
            assertThat(status(back).state()).isEqualTo(DeviceState.ONLINE);
            assertThat(status(back).time()).isEqualTo(Instant.parse("2026-11-24T05:02:31Z"));
        }
    }

    @Test
    void theLeadsOffBedRepublishesItsStatus() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T05:00:00Z"));
        try (MqttTestClient live = new MqttTestClient().connect(broker.url());
             WardSimulator sim = new WardSimulator(broker.url(), "w5", 5, clock)) {
            live.subscribe("ward/w5/bed/05/+", 1);
            sim.start();
            live.awaitMessage(m -> m.topic().endsWith("/status") && status(m).leads().get("ECG").equals("on"), WAIT);
            clock.advance(Duration.ofSeconds(45));
            Received off = live.awaitMessage(m -> m.topic().endsWith("/status"), WAIT);
            assertThat(status(off).leads()).containsEntry("ECG", "off");
            Received n = live.awaitMessage(m -> m.topic().endsWith("/numerics")
                    && m.text().contains("leads-off"), WAIT);
            assertThat(n.text()).contains("\"value\":null");
            clock.advance(Duration.ofSeconds(20));
            Received on = live.awaitMessage(m -> m.topic().endsWith("/status"), WAIT);
            assertThat(status(on).leads()).containsEntry("ECG", "on");
        }
    }

    @Test
    void anUnreachableBrokerFailsStartWithAClearMessage() {
        int port = FreePorts.loopback();
        String url = "tcp://127.0.0.1:" + port;
        WardSimulator sim = new WardSimulator(url, "w", 2, Clock.systemUTC());
        assertThatThrownBy(sim::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot connect to the MQTT broker at " + url);
        assertThat(sim.isRunning()).isFalse();
        sim.close();
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new WardSimulator("tcp://x:1883", "bad/ward", 3, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ward");
        assertThatThrownBy(() -> new WardSimulator("tcp://x:1883", "w", 0, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beds");
        assertThatThrownBy(() -> new WardSimulator("http://x", "w", 3, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tcp://");
    }
}
