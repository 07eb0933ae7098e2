package org.vigil.link.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.DeviceEvent;
import org.vigil.data.model.DeviceState;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.data.model.WaveChannel;
import org.vigil.link.wire.Decoded;
import org.vigil.link.wire.WireCodec;
import org.vigil.testing.EmbeddedMqttBroker;
import org.vigil.testing.MqttTestClient;
import org.vigil.testing.MqttTestClient.Received;
import org.vigil.testing.MutableClock;
import org.vigil.testing.SharedData;

/**
 * Replays through the embedded broker to a subscriber, driven by a {@link MutableClock}: MIT-BIH 101 for 30 s
 * (exact sample counts, physical values, HR against the annotations decoded here independently), VFDB 430 at
 * speed 100 (its arrhythmia events at the annotated times), and the end of a recording without loop.
 */
class ReplayPublisherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-11-24T05:00:00Z");

    private EmbeddedMqttBroker broker;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedMqttBroker.start();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private static <T> T ok(Decoded<T> d) {
        assertThat(d).isInstanceOf(Decoded.Ok.class);
        return ((Decoded.Ok<T>) d).value();
    }

    private static List<Wave> waves(MqttTestClient c) {
        return c.received().stream().filter(r -> r.topic().endsWith("/wave")).map(r -> ok(WireCodec.decodeWave(r.payload()))).toList();
    }

    private static List<Numerics> numerics(MqttTestClient c) {
        return c.received().stream().filter(r -> r.topic().endsWith("/numerics"))
                .map(r -> ok(WireCodec.decodeNumerics(r.payload()))).toList();
    }

    private static List<DeviceEvent> events(MqttTestClient c) {
        return c.received().stream().filter(r -> r.topic().endsWith("/event"))
                .map(r -> ok(WireCodec.decodeEvent(r.payload()))).toList();
    }

    private static DeviceStatus status(Received r) {
        return ok(WireCodec.decodeStatus(r.payload()));
    }

    private static long samplesOf(List<Wave> waves, String code) {
        return waves.stream().flatMap(w -> w.channels().stream()).filter(c -> c.code().equals(code))
                .mapToLong(c -> c.samples().length).sum();
    }

    @Test
    void mitdb101ForThirtySecondsArrivesSampleExactWithTheAnnotationsHeartRate() throws IOException {
        Path hea = SharedData.require("mitdb/101.hea");
        Recording rec = Recording.load(hea);
        MutableClock clock = MutableClock.at(T0);
        try (MqttTestClient live = new MqttTestClient().connect(broker.url());
             ReplayPublisher replay = new ReplayPublisher(broker.url(), "t", List.of(rec), 1, false, clock)) {
            live.subscribe("ward/t/bed/mitdb-101/+", 1);
            replay.start();
            Received online = live.awaitMessage(m -> m.topic().equals("ward/t/bed/mitdb-101/status"), WAIT);
            assertThat(online.qos()).isEqualTo(1);
            assertThat(status(online).state()).isEqualTo(DeviceState.ONLINE);
            assertThat(status(online).device()).isEqualTo("replay-mitdb-101");
            assertThat(status(online).time()).isEqualTo(T0);

            for (int k = 1; k <= 30; k++) {
                clock.advance(Duration.ofSeconds(1));
                long due = 360L * k;
                await().atMost(WAIT).until(() -> samplesOf(waves(live), MeasurementCode.ECG_II) >= due);
            }
            await().atMost(WAIT).until(() -> numerics(live).size() >= 31);
            Thread.sleep(300); // nothing more may come: the clock stands still

            List<Wave> waves = waves(live);
            assertThat(waves).extracting(Wave::seq).isEqualTo(IntStream.range(0, waves.size()).asLongStream().boxed().toList());
            assertThat(waves).allSatisfy(w -> assertThat(w.device()).isEqualTo("replay-mitdb-101"));
            for (int ch = 0; ch < 2; ch++) {
                Recording.Channel file = rec.channels().get(ch);
                long index = 0;
                for (Wave w : waves) {
                    WaveChannel c = w.channels().get(ch);
                    assertThat(c.code()).isEqualTo(ch == 0 ? "MDC_ECG_ELEC_POTL_II" : "MDC_ECG_ELEC_POTL_V");
                    assertThat(c.rate()).isEqualTo(360);
                    assertThat(c.unit()).isEqualTo("mV");
                    assertThat(c.t0()).isEqualTo(T0.plusNanos(index * 1_000_000_000L / 360).truncatedTo(ChronoUnit.MILLIS));
                    for (int i = 0; i < c.samples().length; i++) {
                        int adu = file.samples()[(int) index + i];
                        assertThat(c.physical(i)).isCloseTo((adu - 1024) / 200.0, within(1e-9));
                    }
                    index += c.samples().length;
                }
                assertThat(index).as("samples of lead %d in 30 s", ch).isEqualTo(10_800);
            }

            long[] beats = beatSamples(Files.readAllBytes(hea.resolveSibling("101.atr")));
            List<Numerics> numerics = numerics(live);
            assertThat(numerics).hasSize(31);
            for (int k = 0; k <= 30; k++) {
                Numerics n = numerics.get(k);
                assertThat(n.seq()).isEqualTo(k);
                assertThat(n.time()).isEqualTo(T0.plusSeconds(k));
                NumericValue hr = n.find(MeasurementCode.HEART_RATE);
                Double expected = expectedHr(beats, 360L * k, 360);
                assertThat(hr.value()).as("HR at second %d", k).isEqualTo(expected);
                assertThat(hr.invalid()).isEqualTo(expected == null ? "learning" : null);
            }
            assertThat(numerics.get(30).find(MeasurementCode.HEART_RATE).value()).isEqualTo(70.0);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** 60 / mean of the last 8 RR intervals of the beats before {@code frame}, rounded; null before 9 beats. */
    private static Double expectedHr(long[] beats, long frame, double rate) {
        int n = 0;
        while (n < beats.length && beats[n] < frame) {
            n++;
        }
        if (n < 9) {
            return null;
        }
        double meanRr = (beats[n - 1] - beats[n - 9]) / 8.0 / rate;
        return (double) Math.round(60 / meanRr);
    }

    /** An independent minimal MIT-format decoder: the sample numbers of the beat annotations. */
    private static long[] beatSamples(byte[] b) {
        Set<Integer> beatCodes = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 25, 30, 34, 35, 38);
        List<Long> out = new ArrayList<>();
        long t = 0;
        for (int i = 0; i + 1 < b.length; ) {
            int w = (b[i] & 0xFF) + 256 * (b[i + 1] & 0xFF);
            int code = w / 1024;
            int value = w % 1024;
            i += 2;
            if (code == 0 && value == 0) {
                break;
            } else if (code == 59) {
                int hi = (b[i] & 0xFF) + 256 * (b[i + 1] & 0xFF);
                int lo = (b[i + 2] & 0xFF) + 256 * (b[i + 3] & 0xFF);
                t += (hi << 16) + lo;
                i += 4;
            } else if (code == 63) {
                i += value + value % 2;
            } else if (code < 59) {
                t += value;
                if (beatCodes.contains(code)) {
                    out.add(t);
                }
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void vfdb430AtSpeed100RaisesItsArrhythmiaEventsAtTheAnnotatedTimes() throws IOException {
        Recording rec = Recording.load(SharedData.require("vfdb/430.hea").resolveSibling("430"));
        MutableClock clock = MutableClock.at(T0);
        try (MqttTestClient live = new MqttTestClient().connect(broker.url());
             ReplayPublisher replay = new ReplayPublisher(broker.url(), "t", List.of(rec), 100, false, clock)) {
            live.subscribe("ward/t/bed/vfdb-430/+", 1);
            replay.start();
            live.awaitMessage(m -> m.topic().endsWith("/status"), WAIT);
            for (int k = 1; k <= 6; k++) {
                clock.advance(Duration.ofSeconds(1)); // 100 s of recording
                Instant second = T0.plusSeconds(100L * k);
                live.awaitMessage(m -> m.topic().endsWith("/numerics")
                        && ok(WireCodec.decodeNumerics(m.payload())).time().equals(second), WAIT);
            }
            live.awaitMessage(m -> m.topic().endsWith("/event") && m.text().contains("ASYSTOLE"), WAIT);
            // the annotations, decoded independently in Python: (VT 51903, (BI 53211, (VT 94423, (BI 94903,
            // (VFL 99557, (NOISE 118057, (VF 120807, (ASYS 131153 (samples at 250 Hz: 4 ms each)
            List<DeviceEvent> events = events(live);
            assertThat(events).extracting(DeviceEvent::condition, DeviceEvent::phase, DeviceEvent::time).startsWith(
                    Tuple.tuple("VTACH", "start", at(51903)), Tuple.tuple("VTACH", "end", at(53211)),
                    Tuple.tuple("VTACH", "start", at(94423)), Tuple.tuple("VTACH", "end", at(94903)),
                    Tuple.tuple("VFLUTTER", "start", at(99557)), Tuple.tuple("VFLUTTER", "end", at(118057)),
                    Tuple.tuple("VFIB", "start", at(120807)), Tuple.tuple("VFIB", "end", at(131153)),
                    Tuple.tuple("ASYSTOLE", "start", at(131153)));
            DeviceEvent vfStart = events.get(6);
            assertThat(vfStart.id()).isEqualTo("VFIB-" + at(120807).toEpochMilli()).isEqualTo(events.get(7).id());
            assertThat(vfStart.priority().wireName()).isEqualTo("high");
            assertThat(vfStart.device()).isEqualTo("replay-vfdb-430");
            assertThat(events).extracting(DeviceEvent::id).filteredOn(id -> id.startsWith("VTACH")).containsOnly(
                    "VTACH-" + at(51903).toEpochMilli(), "VTACH-" + at(94423).toEpochMilli());
            NumericValue hr = numerics(live).getLast().find(MeasurementCode.HEART_RATE);
            assertThat(hr.value()).isNull();
            assertThat(hr.invalid()).isEqualTo("not-measured");
            // QoS 0: at 100 times real time a broker may drop some wave messages, so no exact count here
            List<Wave> waves = waves(live);
            assertThat(waves).isNotEmpty().allSatisfy(w -> assertThat(w.t0())
                    .isEqualTo(T0.plusMillis(4L * w.channels().getFirst().samples().length * w.seq())));
        }
    }

    private static Instant at(long sample250Hz) {
        return T0.plusMillis(sample250Hz * 4);
    }

    @Test
    void withoutLoopTheDeviceGoesOfflineAtTheEndAndTheReplayFinishes() throws Exception {
        Recording small = new Recording(Path.of("small"), "small-1", 100, 150,
                List.of(new Recording.Channel(MeasurementCode.ECG_II, "mV", 0.01, 0, new int[150])), List.of(), List.of());
        MutableClock clock = MutableClock.at(T0);
        try (MqttTestClient live = new MqttTestClient().connect(broker.url());
             ReplayPublisher replay = new ReplayPublisher(broker.url(), "t", List.of(small), 1, false, clock)) {
            live.subscribe("ward/t/bed/small-1/status", 1);
            replay.start();
            assertThat(status(live.awaitMessage(m -> true, WAIT)).state()).isEqualTo(DeviceState.ONLINE);
            assertThat(replay.finished()).isNotDone();
            clock.advance(Duration.ofSeconds(2));
            Received offline = live.awaitMessage(m -> true, WAIT);
            assertThat(offline.text()).isEqualTo("{\"v\":1,\"device\":\"replay-small-1\",\"state\":\"offline\"}");
            replay.finished().get(5, TimeUnit.SECONDS);
            try (MqttTestClient late = new MqttTestClient().connect(broker.url())) {
                late.subscribe("ward/t/bed/small-1/status", 1);
                assertThat(status(late.awaitMessage(m -> true, WAIT)).state()).isEqualTo(DeviceState.OFFLINE);
            }
        }
    }

    @Test
    void badArgumentsAndAnUnreachableBrokerAreRefusedClearly() {
        Recording small = new Recording(Path.of("small"), "small-1", 100, 10,
                List.of(new Recording.Channel(MeasurementCode.ECG_II, "mV", 0.01, 0, new int[10])), List.of(), List.of());
        Clock clock = Clock.systemUTC();
        assertThatThrownBy(() -> new ReplayPublisher(broker.url(), "t", List.of(small, small), 1, false, clock))
                .hasMessageContaining("small-1");
        assertThatThrownBy(() -> new ReplayPublisher(broker.url(), "t", List.of(small), 0, false, clock))
                .hasMessageContaining("speed");
        assertThatThrownBy(() -> new ReplayPublisher(broker.url(), "t", List.of(small), 101, false, clock))
                .hasMessageContaining("speed");
        assertThatThrownBy(() -> new ReplayPublisher(broker.url(), "a/b", List.of(small), 1, false, clock))
                .hasMessageContaining("ward");
        String url = "tcp://127.0.0.1:" + org.vigil.testing.FreePorts.loopback();
        ReplayPublisher p = new ReplayPublisher(url, "t", List.of(small), 1, false, clock);
        assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot connect to the MQTT broker at " + url);
        assertThat(p.isRunning()).isFalse();
        p.close();
    }
}
