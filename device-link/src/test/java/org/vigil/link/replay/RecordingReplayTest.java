package org.vigil.link.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.DeviceEvent;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.data.model.WaveChannel;

/** The replay's timeline, chunks, loop, speed and clock jumps, on a small hand-made recording (no broker). */
class RecordingReplayTest {

    private static final Instant T0 = Instant.parse("2026-11-24T05:00:00Z");

    /** 2.5 s at 100 Hz: sample i = i; HR rows at 0, 1, 2 s; a VT episode from 0.5 s to 1.2 s. */
    private static Recording small() {
        int[] samples = IntStream.range(0, 250).toArray();
        List<Recording.NumericsRow> rows = IntStream.range(0, 3).mapToObj(k -> new Recording.NumericsRow(k * 100L,
                List.of(new Recording.Reading(MeasurementCode.HEART_RATE, 60.0 + k, "/min", null)))).toList();
        return new Recording(Path.of("small"), "small-1", 100, 250,
                List.of(new Recording.Channel(MeasurementCode.ECG_II, "mV", 0.01, -1, samples)), rows,
                List.of(new Recording.Episode(50, 120, "VTACH", "Ventricular tachycardia")));
    }

    private static final class Collect implements RecordingReplay.Sink {
        final List<Wave> waves = new ArrayList<>();
        final List<Numerics> numerics = new ArrayList<>();
        final List<DeviceEvent> events = new ArrayList<>();

        @Override
        public void wave(Wave wave) {
            waves.add(wave);
        }

        @Override
        public void numerics(Numerics n) {
            numerics.add(n);
        }

        @Override
        public void event(DeviceEvent e) {
            events.add(e);
        }

        List<Integer> samples() {
            return waves.stream().flatMap(w -> w.channels().stream())
                    .flatMap(c -> IntStream.of(c.samples()).boxed()).toList();
        }
    }

    private static void run(RecordingReplay r, Collect sink, long fromMillis, long toMillis, long stepMillis) {
        for (long t = fromMillis; t <= toMillis; t += stepMillis) {
            r.tick(T0.plusMillis(t), sink);
        }
    }

    @Test
    void realTimeReplayPublishesEverySampleOnceAtItsOwnTimeThenFinishes() {
        RecordingReplay r = new RecordingReplay(small(), 1, false);
        Collect sink = new Collect();
        run(r, sink, 0, 3000, 250);

        assertThat(sink.samples()).isEqualTo(IntStream.range(0, 250).boxed().toList());
        assertThat(sink.waves).allSatisfy(w -> assertThat(w.channels().getFirst().samples()).hasSize(25));
        for (Wave w : sink.waves) {
            WaveChannel c = w.channels().getFirst();
            assertThat(c.t0()).isEqualTo(w.t0()).isEqualTo(T0.plusMillis(10L * c.samples()[0]));
            assertThat(c.physical(0)).isEqualTo(-1 + 0.01 * c.samples()[0]);
            assertThat(c.rate()).isEqualTo(100);
        }
        assertThat(sink.waves).extracting(Wave::seq).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(sink.numerics).extracting(Numerics::time)
                .containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2));
        assertThat(sink.numerics.get(2).values().getFirst().value()).isEqualTo(62.0);
        assertThat(sink.events).extracting(DeviceEvent::phase, DeviceEvent::time)
                .containsExactly(Tuple.tuple("start", T0.plusMillis(500)),
                        Tuple.tuple("end", T0.plusMillis(1200)));
        DeviceEvent start = sink.events.getFirst();
        assertThat(start.id()).isEqualTo("VTACH-" + T0.plusMillis(500).toEpochMilli()).isEqualTo(sink.events.get(1).id());
        assertThat(start.condition()).isEqualTo("VTACH");
        assertThat(start.priority()).isEqualTo(AlarmPriority.HIGH);
        assertThat(start.device()).isEqualTo("replay-small-1");
        assertThat(r.finished()).isTrue();
    }

    @Test
    void loopStartsAgainWithTheTimelineAndSequenceNumbersGoingOn() {
        RecordingReplay r = new RecordingReplay(small(), 1, true);
        Collect sink = new Collect();
        run(r, sink, 0, 6000, 250);

        assertThat(r.finished()).isFalse();
        List<Integer> s = sink.samples();
        assertThat(s).hasSize(600);
        assertThat(s.subList(250, 500)).isEqualTo(s.subList(0, 250));
        assertThat(sink.waves).extracting(Wave::seq).isEqualTo(LongStream.range(0, sink.waves.size()).boxed().toList());
        Instant expected = T0;
        for (Wave w : sink.waves) {
            assertThat(w.t0()).isEqualTo(expected);
            expected = expected.plusMillis(10L * w.channels().getFirst().samples().length);
        }
        assertThat(sink.numerics).extracting(Numerics::time).containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2),
                T0.plusMillis(2500), T0.plusMillis(3500), T0.plusMillis(4500), T0.plusSeconds(5), T0.plusSeconds(6));
        assertThat(sink.events).extracting(DeviceEvent::time).containsExactly(T0.plusMillis(500), T0.plusMillis(1200),
                T0.plusMillis(3000), T0.plusMillis(3700), T0.plusMillis(5500));
        assertThat(sink.events.get(2).id()).isNotEqualTo(sink.events.get(0).id());
    }

    @Test
    void speedReadsTheRecordingFasterOnItsOwnTimelineInLongerMessages() {
        RecordingReplay r = new RecordingReplay(small(), 8, false);
        Collect sink = new Collect();
        r.tick(T0, sink);
        r.tick(T0.plusMillis(250), sink); // 2 s of recording: two messages of 1 s
        assertThat(sink.waves).hasSize(2).allSatisfy(w -> assertThat(w.channels().getFirst().samples()).hasSize(100));
        assertThat(sink.waves.getLast().t0()).isEqualTo(T0.plusSeconds(1));
        assertThat(r.deviceTime(T0.plusMillis(250))).isEqualTo(T0.plusSeconds(2));
        r.tick(T0.plusMillis(400), sink);
        assertThat(sink.samples()).hasSize(250);
        assertThat(r.finished()).isTrue();
    }

    @Test
    void aClockJumpSkipsToTheNewestQuarterSecondAndKeepsEpisodesConsistent() {
        int[] samples = new int[2000];
        Recording longer = new Recording(Path.of("x"), "x", 100, 2000,
                List.of(new Recording.Channel("MDC_ECG_ELEC_POTL_II", "mV", 1, 0, samples)),
                List.of(new Recording.NumericsRow(900, List.of())),
                List.of(new Recording.Episode(100, 200, "VTACH", "VT"), new Recording.Episode(300, 1500, "VFIB", "VF")));
        RecordingReplay r = new RecordingReplay(longer, 1, false);
        Collect sink = new Collect();
        r.tick(T0, sink);
        r.tick(T0.plusSeconds(12), sink);
        assertThat(sink.waves).singleElement().satisfies(w -> {
            assertThat(w.t0()).isEqualTo(T0.plusMillis(11_750));
            assertThat(w.channels().getFirst().samples()).hasSize(25);
        });
        assertThat(sink.numerics).as("skipped numerics are dropped").isEmpty();
        assertThat(sink.events).as("the VT episode lies wholly in the gap; the VF one is under way")
                .extracting(DeviceEvent::condition, DeviceEvent::phase, DeviceEvent::time)
                .containsExactly(Tuple.tuple("VFIB", "start", T0.plusSeconds(3)));
        r.tick(T0.plusSeconds(16), sink);
        assertThat(sink.events.getLast().phase()).isEqualTo("end");
        assertThat(sink.events.getLast().time()).isEqualTo(T0.plusSeconds(15));
        assertThat(sink.samples()).hasSize(25 + 400);
    }

    @Test
    void aClockGoingBackALongWayMovesTheStart() {
        RecordingReplay r = new RecordingReplay(small(), 1, true);
        Collect sink = new Collect();
        run(r, sink, 0, 2000, 250);
        r.tick(T0.minus(Duration.ofMinutes(5)), sink);
        r.tick(T0.minus(Duration.ofMinutes(5)).plusMillis(250), sink);
        assertThat(sink.samples()).hasSize(225);
        assertThat(sink.waves.getLast().t0()).isEqualTo(T0.minus(Duration.ofMinutes(5)));
    }
}
