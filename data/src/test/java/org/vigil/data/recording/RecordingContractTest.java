package org.vigil.data.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.data.recording.Waves.ECG;
import static org.vigil.data.recording.Waves.HR;
import static org.vigil.data.recording.Waves.SPO2;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.data.model.WaveChannel;
import org.vigil.data.store.VigilDatabase;
import org.vigil.testing.MutableClock;

/**
 * What the recorder and its reader do on any database: a subclass opens the database (H2 here; PostgreSQL in its
 * own subclass). Each test starts from empty recording tables. Time is a {@link MutableClock}; {@code flush}
 * stands for the writer's once-a-second write.
 */
abstract class RecordingContractTest {
    static final Instant START = Instant.parse("2026-11-24T05:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(30);

    /** A freshly migrated database (the recording tables may hold another test's rows: they are emptied). */
    protected abstract VigilDatabase openDatabase() throws Exception;

    protected VigilDatabase db;
    protected MutableClock clock;
    protected Recorder recorder;

    @BeforeEach
    void openRecorder() throws Exception {
        db = openDatabase();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String t : JdbcRecordingReader.TABLES) {
                s.executeUpdate("DELETE FROM " + t);
            }
        }
        clock = MutableClock.at(START.plusSeconds(2));
        recorder = new Recorder(db, clock, RecordingSettings.defaults(), RecordingListener.NONE);
        recorder.start();
    }

    @AfterEach
    void closeRecorder() {
        if (recorder != null) {
            recorder.close();
        }
        if (db != null) {
            db.close();
        }
    }

    void flush() {
        assertThat(recorder.flush(WAIT)).as("written").isTrue();
    }

    long count(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void everyValidValueIsRecordedOnceAtItsDeviceTime() {
        for (int i = 0; i < 10; i++) {
            Instant t = START.plusSeconds(i);
            Numerics n = Waves.numerics("mon-1", i + 1, t, HR, 70.0 + i, SPO2, i == 3 ? null : 97.0);
            recorder.numerics("b1", n);
        }
        // NIBP repeats its last reading every second with the cuff's time: one point
        for (int i = 0; i < 5; i++) {
            recorder.numerics("b1", new Numerics("mon-1", START.plusSeconds(10 + i), 11 + i, List.of(
                    new org.vigil.data.model.NumericValue("MDC_PRESS_BLD_NONINV_SYS", 121.0, "mm[Hg]",
                            START.plusSeconds(9), null))));
        }
        recorder.numerics("b2", Waves.numerics("mon-2", 1, START, HR, 55.0));
        flush();

        List<TrendPoint> hr = recorder.numerics("b1", Set.of(HR), START, START.plusSeconds(60));
        assertThat(hr).hasSize(10);
        assertThat(hr.get(4)).isEqualTo(new TrendPoint(HR, START.plusSeconds(4), 74.0, "x"));
        assertThat(recorder.numerics("b1", Set.of(SPO2), START, START.plusSeconds(60)))
                .as("the invalid value is no point").hasSize(9)
                .extracting(TrendPoint::time).doesNotContain(START.plusSeconds(3));
        assertThat(recorder.numerics("b1", Set.of(), START, START.plusSeconds(60)))
                .filteredOn(p -> p.code().equals("MDC_PRESS_BLD_NONINV_SYS")).hasSize(1)
                .first().extracting(TrendPoint::time).isEqualTo(START.plusSeconds(9));
        assertThat(recorder.numerics("b1", Set.of(HR), START.plusSeconds(2), START.plusSeconds(5)))
                .extracting(TrendPoint::value).containsExactly(72.0, 73.0, 74.0);
        assertThat(recorder.numerics("b2", Set.of(), START, START.plusSeconds(60))).hasSize(1);
    }

    @Test
    void aMinuteIsAggregatedWhenItClosesAndAgainWhenLateValuesArrive() {
        for (int i = 0; i < 60; i++) {
            recorder.numerics("b1", Waves.numerics("mon-1", i + 1, START.plusSeconds(i), HR, 60.0 + i % 7));
        }
        flush();
        assertThat(recorder.minutes("b1", Set.of(HR), START, START.plusSeconds(3600)))
                .as("the minute is still open").isEmpty();

        clock.set(START.plusSeconds(66));
        flush();
        List<MinuteAggregate> m = recorder.minutes("b1", Set.of(HR), START, START.plusSeconds(3600));
        assertThat(m).containsExactly(new MinuteAggregate(HR, START, 63.0, 60.0, 66.0, 60, "x"));

        // backlog after a reconnect: a value for the closed minute, recorded at its device time
        recorder.lateNumerics("b1", Waves.numerics("mon-1", 61, START.plusMillis(500), HR, 200.0));
        flush();
        assertThat(recorder.minutes("b1", Set.of(), START, START.plusSeconds(60)))
                .containsExactly(new MinuteAggregate(HR, START, 63.0, 60.0, 200.0, 61, "x"));
        assertThat(recorder.numerics("b1", Set.of(HR), START, START.plusSeconds(1))).hasSize(2);
    }

    @Test
    void aMinuteLeftOpenAtAStopIsAggregatedAfterTheNextStart() {
        for (int i = 0; i < 30; i++) {
            recorder.numerics("b1", Waves.numerics("mon-1", i + 1, START.plusSeconds(i), HR, 80.0 + i));
        }
        flush();
        recorder.close(); // the station stops mid-minute
        clock.set(START.plusSeconds(600));
        recorder = new Recorder(db, clock, RecordingSettings.defaults(), RecordingListener.NONE);
        recorder.start();
        flush();
        assertThat(recorder.minutes("b1", Set.of(HR), START, START.plusSeconds(600)))
                .containsExactly(new MinuteAggregate(HR, START, 94.5, 80.0, 109.0, 30, "x"));
    }

    @Test
    void contiguousMessagesComeBackBitExactAsOneSegmentAndALostMessageStaysAGap() {
        List<Wave> msgs = Waves.ecgMessages("mon-1", START, 12);
        for (int i = 0; i < msgs.size(); i++) {
            if (i != 20) { // message 21 (5.0 to 5.25 s) is lost on the way
                recorder.wave("b1", msgs.get(i));
            }
        }
        flush();
        WaveWindow w = recorder.waves("b1", START.minusSeconds(5), START.plusSeconds(20));
        WaveTrace ecg = w.trace(ECG);
        assertThat(ecg).isNotNull();
        assertThat(ecg.rate()).isEqualTo(250.0);
        assertThat(ecg.scale()).isEqualTo(0.005);
        assertThat(ecg.segments()).hasSize(2);
        WaveSegment before = ecg.segments().get(0);
        WaveSegment after = ecg.segments().get(1);
        assertThat(before.t0()).isEqualTo(START);
        assertThat(before.samples()).isEqualTo(Waves.samples(1, 0, 1250));
        assertThat(after.t0()).isEqualTo(START.plusMillis(1312 * 4));
        assertThat(after.samples()).isEqualTo(Waves.samples(1, 1312, 3000 - 1312));
    }

    @Test
    void aWindowIsClippedToItsSpanAcrossBlocks() {
        Waves.ecgMessages("mon-1", START, 25).forEach(m -> recorder.wave("b1", m));
        flush();
        WaveWindow w = recorder.waves("b1", START.plusMillis(9_002), START.plusMillis(21_000));
        WaveSegment only = w.trace(ECG).segments().getFirst();
        assertThat(w.trace(ECG).segments()).hasSize(1);
        assertThat(only.t0()).isEqualTo(START.plusMillis(9_004));
        assertThat(only.samples()).isEqualTo(Waves.samples(1, 2251, 3000 - 1));
        assertThat(recorder.waves("b2", START, START.plusSeconds(20)).traces()).isEmpty();
    }

    @Test
    void waveformIsInTheStoreAfterEveryWriteAndBlocksGrowToTenSeconds() throws Exception {
        List<Wave> msgs = Waves.ecgMessages("mon-1", START, 25);
        long expected = 0;
        for (int s = 0; s < 25; s++) {
            for (Wave m : msgs.subList(s * 4, s * 4 + 4)) {
                recorder.wave("b1", m);
                expected += m.channels().getFirst().samples().length;
            }
            clock.advance(Duration.ofSeconds(1));
            flush();
            assertThat(count("SELECT SUM(sample_count) FROM rec_wave_block")).as("after second %d", s)
                    .isEqualTo(expected);
        }
        assertThat(count("SELECT COUNT(*) FROM rec_wave_block")).as("10 s + 10 s + 5 s").isEqualTo(3);
        assertThat(count("SELECT MAX(sample_count) FROM rec_wave_block")).isEqualTo(2500);
        assertThat(recorder.waves("b1", START, START.plusSeconds(30)).trace(ECG).segments().getFirst().samples())
                .isEqualTo(Waves.samples(1, 0, 6250));
    }

    @Test
    void aMessageReceivedTwiceOrOverlappingIsRecordedOnce() {
        List<Wave> msgs = Waves.ecgMessages("mon-1", START, 3);
        for (int i = 0; i < msgs.size(); i++) {
            recorder.wave("b1", msgs.get(i));
            if (i == 5) {
                recorder.wave("b1", msgs.get(i)); // the same message again
            }
        }
        // a device resending the last 0.5 s and the next 0.25 s in one message
        recorder.wave("b1", Waves.ecg("mon-1", 13, START, 250, 625, 188));
        flush();
        WaveTrace ecg = recorder.waves("b1", START, START.plusSeconds(10)).trace(ECG);
        assertThat(ecg.segments()).hasSize(1);
        assertThat(ecg.segments().getFirst().samples()).isEqualTo(Waves.samples(1, 0, 813));
        assertThat(recorder.status().duplicateSamples()).isEqualTo(63 + 125);
    }

    @Test
    void lateWaveFillsItsGapAtItsDeviceTimeAndWhatIsRecordedStays() {
        List<Wave> msgs = Waves.ecgMessages("mon-1", START, 8);
        for (int i = 0; i < msgs.size(); i++) {
            if (i < 8 || i >= 16) { // 2 to 4 s missing live (the link was down)
                recorder.wave("b1", msgs.get(i));
            }
        }
        flush();
        assertThat(recorder.waves("b1", START, START.plusSeconds(10)).trace(ECG).segments()).hasSize(2);
        for (int i = 6; i < 18; i++) { // the backlog after the reconnect overlaps both sides
            recorder.lateWave("b1", msgs.get(i));
        }
        flush();
        WaveTrace ecg = recorder.waves("b1", START, START.plusSeconds(10)).trace(ECG);
        int[] all = ecg.segments().stream().flatMapToInt(s -> java.util.Arrays.stream(s.samples())).toArray();
        assertThat(all).as("every sample once, in time order").isEqualTo(Waves.samples(1, 0, 2000));
        assertThat(ecg.segments().getFirst().t0()).isEqualTo(START);
    }

    @Test
    void anotherScaleOrDeviceStartsANewSegmentAndRandomExtremeSamplesSurvive() {
        SplittableRandom r = new SplittableRandom(42);
        int[] a = Waves.random(r, 125);
        int[] b = Waves.random(r, 125);
        Instant t1 = START.plusMillis(500);
        recorder.wave("b1", new Wave("mon-1", 1, START, List.of(new WaveChannel(ECG, 250, "mV", 0.005, 0, a, START))));
        recorder.wave("b1", new Wave("mon-1", 2, t1, List.of(new WaveChannel(ECG, 250, "mV", 0.01, 0, b, t1))));
        flush();
        List<WaveTrace> traces = recorder.waves("b1", START, START.plusSeconds(2)).traces();
        assertThat(traces).hasSize(2);
        assertThat(traces.get(0).scale()).isEqualTo(0.005);
        assertThat(traces.get(0).segments().getFirst().samples()).isEqualTo(a);
        assertThat(traces.get(1).scale()).isEqualTo(0.01);
        assertThat(traces.get(1).segments().getFirst().samples()).isEqualTo(b);
        assertThat(traces.get(1).segments().getFirst().t0()).isEqualTo(t1);
    }

    @Test
    void retentionPurgesValuesAndWaveformsAfter96HoursAndAggregatesAfter30Days() throws Exception {
        for (int i = 0; i < 180; i++) {
            recorder.numerics("b1", Waves.numerics("mon-1", i + 1, START.plusSeconds(i), HR, 70.0));
        }
        Waves.ecgMessages("mon-1", START, 30).forEach(m -> recorder.wave("b1", m));
        clock.set(START.plusSeconds(300));
        flush();
        assertThat(recorder.minutes("b1", Set.of(HR), START, START.plusSeconds(300))).hasSize(3);

        clock.set(START.plus(Duration.ofHours(96)).plusSeconds(90));
        flush();
        assertThat(recorder.numerics("b1", Set.of(HR), START, START.plusSeconds(300)))
                .as("values older than 96 h are gone, the newer stay").hasSize(90);
        assertThat(count("SELECT COUNT(*) FROM rec_wave_block WHERE t0_us < " + Micros.of(START.plusSeconds(80))))
                .isZero();
        assertThat(recorder.minutes("b1", Set.of(HR), START, START.plusSeconds(300))).hasSize(3);

        clock.set(START.plus(Duration.ofDays(30)).plusSeconds(600));
        flush();
        assertThat(recorder.minutes("b1", Set.of(HR), START, START.plusSeconds(300))).isEmpty();
        assertThat(recorder.span("b1")).isNull();
    }

    @Test
    void spanAndSizeOfTheRecording() {
        assertThat(recorder.span("b1")).isNull();
        recorder.numerics("b1", Waves.numerics("mon-1", 1, START.plusSeconds(1), HR, 70.0));
        Waves.ecgMessages("mon-1", START, 2).forEach(m -> recorder.wave("b1", m));
        flush();
        assertThat(recorder.span("b1")).isEqualTo(new RecordedSpan(START, START.plusSeconds(2)));
        assertThat(recorder.bytesUsed()).isPositive();
        assertThat(recorder.status().bytesUsed()).isPositive();
        assertThat(recorder.statusLine(java.time.ZoneOffset.UTC)).matches("Recording: [0-9.]+ (kB|MB), since 05:00");
    }
}
