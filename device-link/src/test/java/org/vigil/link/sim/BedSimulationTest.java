package org.vigil.link.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.DeviceState;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.PatientCategory;
import org.vigil.data.model.Wave;
import org.vigil.data.model.WaveChannel;
import org.vigil.link.wire.Decoded;
import org.vigil.link.wire.WireCodec;

class BedSimulationTest {

    private static final Instant T0 = Instant.parse("2026-11-24T05:00:00.000Z");

    private static BedSimulation simulation(BedScenario.Kind kind) {
        return new BedSimulation("sim-test-01", BedScenario.of(kind, PatientCategory.ADULT, 17), 17);
    }

    @Test
    void sixtySecondsOfTicksCarryExactlyRateTimesSixtySamplesWithContiguousT0s() {
        BedSimulation sim = simulation(BedScenario.Kind.STABLE);
        sim.startAt(T0);
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Instant> nextT0 = new HashMap<>();
        Map<String, Set<Integer>> sizes = new HashMap<>();
        long seq = -1;
        for (int tick = 0; tick <= 240; tick++) {
            Wave w = sim.wave(T0.plusMillis(tick * 250L));
            if (w == null) {
                assertThat(tick).isZero();
                continue;
            }
            assertThat(w.seq()).isEqualTo(seq + 1);
            seq = w.seq();
            // through the wire and back, as a station sees it
            Wave decoded = ((Decoded.Ok<Wave>) WireCodec.decodeWave(WireCodec.encode(w))).value();
            assertThat(decoded).isEqualTo(w);
            for (WaveChannel c : decoded.channels()) {
                counts.merge(c.code(), c.samples().length, Integer::sum);
                sizes.computeIfAbsent(c.code(), k -> new HashSet<>()).add(c.samples().length);
                Instant expected = nextT0.getOrDefault(c.code(), T0);
                assertThat(c.t0()).as("%s t0 at tick %d", c.code(), tick).isEqualTo(expected);
                nextT0.put(c.code(), c.t0().plusNanos(Math.round(c.samples().length / c.rate() * 1e9)));
            }
        }
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                MeasurementCode.ECG_II, 15_000, MeasurementCode.PLETH, 7_500, MeasurementCode.RESP_WAVE, 3_750));
        assertThat(sizes.get(MeasurementCode.ECG_II)).containsExactly(62, 63).hasSize(2);
        assertThat(sizes.get(MeasurementCode.PLETH)).containsExactlyInAnyOrder(31, 32);
        assertThat(sizes.get(MeasurementCode.RESP_WAVE)).containsExactlyInAnyOrder(15, 16);
    }

    @Test
    void irregularTicksStillCarryEverySampleExactlyOnce() {
        BedSimulation sim = simulation(BedScenario.Kind.STABLE);
        sim.startAt(T0);
        RandomGenerator g = BedScenario.random(5);
        Map<String, Integer> counts = new HashMap<>();
        Instant now = T0;
        Instant end = T0.plusSeconds(60);
        while (now.isBefore(end)) {
            now = now.plusMillis(150 + g.nextInt(250));
            if (now.isAfter(end)) {
                now = end;
            }
            Wave w = sim.wave(now);
            if (w != null) {
                for (WaveChannel c : w.channels()) {
                    counts.merge(c.code(), c.samples().length, Integer::sum);
                }
            }
        }
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                MeasurementCode.ECG_II, 15_000, MeasurementCode.PLETH, 7_500, MeasurementCode.RESP_WAVE, 3_750));
    }

    @Test
    void channelsCarryTheContractsCodesRatesUnitsAndScales() {
        BedSimulation sim = simulation(BedScenario.Kind.STABLE);
        sim.startAt(T0);
        Wave w = sim.wave(T0.plusMillis(250));
        assertThat(w.channels()).extracting(WaveChannel::code, WaveChannel::rate, WaveChannel::unit, WaveChannel::scale)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("MDC_ECG_ELEC_POTL_II", 250.0, "mV", 0.005),
                        org.assertj.core.groups.Tuple.tuple("MDC_PULS_OXIM_PLETH", 125.0, "1", 0.01),
                        org.assertj.core.groups.Tuple.tuple("MDC_IMPED_TTHOR", 62.5, "Ohm", 0.01));
        assertThat(w.device()).isEqualTo("sim-test-01");
    }

    @Test
    void numericsOncePerSecondWithAllParametersAndTheNibpReadingsOwnTime() {
        BedSimulation sim = simulation(BedScenario.Kind.STABLE);
        sim.startAt(T0);
        List<Numerics> sent = new ArrayList<>();
        for (int tick = 0; tick < 4 * 20 * 60 + 1; tick++) { // 20 minutes of 250 ms ticks
            Instant now = T0.plusMillis(tick * 250L);
            sim.wave(now);
            Numerics n = sim.numerics(now);
            if (n != null) {
                sent.add(n);
            }
        }
        assertThat(sent).hasSize(20 * 60 + 1);
        Numerics last = sent.getLast();
        assertThat(last.seq()).isEqualTo(20 * 60);
        assertThat(last.values()).extracting(NumericValue::code).containsExactly(
                MeasurementCode.HEART_RATE, MeasurementCode.SPO2, MeasurementCode.PULSE_RATE, MeasurementCode.RESP_RATE,
                MeasurementCode.NIBP_SYS, MeasurementCode.NIBP_DIA, MeasurementCode.NIBP_MEAN, MeasurementCode.TEMP_BODY);
        assertThat(last.find(MeasurementCode.HEART_RATE).value()).isBetween(60.0, 100.0);
        assertThat(last.find(MeasurementCode.SPO2).value()).isBetween(95.0, 99.0);
        assertThat(last.find(MeasurementCode.RESP_RATE).value()).isBetween(12.0, 20.0);
        double temp = last.find(MeasurementCode.TEMP_BODY).value();
        assertThat(temp).isBetween(36.5, 37.5);
        assertThat(Math.round(temp * 10) / 10.0).isEqualTo(temp);
        assertThat(last.find(MeasurementCode.TEMP_BODY).unit()).isEqualTo("Cel");
        assertThat(last.find(MeasurementCode.NIBP_SYS).unit()).isEqualTo("mm[Hg]");
        // NIBP measured at 0 and 15 min; at 20 min the reading is 5 min old
        assertThat(last.find(MeasurementCode.NIBP_SYS).time()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(sent.get(60 * 10).find(MeasurementCode.NIBP_MEAN).time()).isEqualTo(T0);
        NumericValue sys = last.find(MeasurementCode.NIBP_SYS);
        NumericValue dia = last.find(MeasurementCode.NIBP_DIA);
        NumericValue mean = last.find(MeasurementCode.NIBP_MEAN);
        assertThat(sys.value()).isGreaterThan(mean.value());
        assertThat(mean.value()).isGreaterThan(dia.value());

        Numerics decoded = ((Decoded.Ok<Numerics>) WireCodec.decodeNumerics(WireCodec.encode(last))).value();
        assertThat(decoded).isEqualTo(last);
        assertThat(new String(WireCodec.encode(last))).contains("\"time\":\"2026-11-24T05:15:00.000Z\"");
    }

    @Test
    void numericHeartRateMatchesTheSynthesizedBeats() {
        BedSimulation sim = simulation(BedScenario.Kind.STABLE);
        sim.startAt(T0);
        for (int s = 1; s <= 120; s++) {
            Instant now = T0.plusSeconds(s);
            sim.wave(now);
            Numerics n = sim.numerics(now);
            if (s % 20 == 0) {
                double[] beats = sim.synthesizer().recentBeats(s);
                int k = beats.length - 1;
                double rate = 60.0 * 8 / (beats[k] - beats[k - 8]);
                assertThat(n.find(MeasurementCode.HEART_RATE).value()).isCloseTo(rate, within(1.0));
                assertThat(n.find(MeasurementCode.PULSE_RATE).value()).isCloseTo(rate, within(3.0));
                assertThat(n.find(MeasurementCode.HEART_RATE).value())
                        .isCloseTo(sim.scenario().heartRate(s), within(8.0));
            }
        }
    }

    @Test
    void leadsOffScenarioGivesNullHeartRateFlatEcgAndLeadsOffStatus() {
        BedSimulation sim = simulation(BedScenario.Kind.LEADS_OFF);
        sim.startAt(T0);
        for (int tick = 1; tick <= 4 * 39; tick++) {
            sim.wave(T0.plusMillis(tick * 250L));
        }
        Numerics before = sim.numericsAt(T0.plusSeconds(39));
        assertThat(before.find(MeasurementCode.HEART_RATE).isValid()).isTrue();
        assertThat(sim.status(T0.plusSeconds(39)).leads()).containsEntry("ECG", "on");

        Instant during = T0.plusSeconds(45);
        for (int tick = 4 * 39 + 1; tick <= 4 * 45; tick++) {
            sim.wave(T0.plusMillis(tick * 250L));
        }
        Numerics n = sim.numericsAt(during);
        NumericValue hr = n.find(MeasurementCode.HEART_RATE);
        assertThat(hr.value()).isNull();
        assertThat(hr.invalid()).isEqualTo("leads-off");
        assertThat(n.find(MeasurementCode.SPO2).isValid()).isTrue();
        assertThat(n.find(MeasurementCode.PULSE_RATE).isValid()).isTrue();
        String json = new String(WireCodec.encode(n));
        assertThat(json).contains("{\"code\":\"MDC_ECG_HEART_RATE\",\"value\":null,\"unit\":\"/min\",\"invalid\":\"leads-off\"}");

        DeviceStatus status = sim.status(during);
        assertThat(status.state()).isEqualTo(DeviceState.ONLINE);
        assertThat(status.leads()).containsEntry("ECG", "off");
        assertThat(status.probes()).containsEntry("SPO2", "on");

        Wave w = sim.wave(during.plusMillis(250));
        WaveChannel ecg = w.channels().getFirst();
        assertThat(ecg.code()).isEqualTo(MeasurementCode.ECG_II);
        assertThat(ecg.samples()).containsOnly(0);
        assertThat(w.channels().get(1).samples()).as("pleth goes on").doesNotContain(0);

        Instant after = T0.plusSeconds(61);
        for (int tick = 4 * 45 + 2; tick <= 4 * 61; tick++) {
            sim.wave(T0.plusMillis(tick * 250L));
        }
        assertThat(sim.numericsAt(after).find(MeasurementCode.HEART_RATE).isValid()).isTrue();
        assertThat(sim.status(after).leads()).containsEntry("ECG", "on");
        assertThat(sim.wave(after.plusMillis(250)).channels().getFirst().samples()).isNotEqualTo(new int[63]);
    }

    @Test
    void statusCarriesBatteryLeadsAndProbesAndTheLastWillIsExact() {
        BedSimulation sim = simulation(BedScenario.Kind.STABLE);
        sim.startAt(T0);
        DeviceStatus s = sim.status(T0.plusSeconds(3));
        assertThat(s.battery()).isBetween(0.4, 1.0);
        assertThat(s.time()).isEqualTo(T0.plusSeconds(3));
        assertThat(new String(WireCodec.encode(s))).isEqualTo(
                "{\"v\":1,\"device\":\"sim-test-01\",\"time\":\"2026-11-24T05:00:03.000Z\",\"state\":\"online\",\"battery\":"
                        + s.battery() + ",\"leads\":{\"ECG\":\"on\"},\"probes\":{\"SPO2\":\"on\"}}");
        assertThat(new String(SimulatedDevice.lastWill("sim-test-01")))
                .isEqualTo("{\"v\":1,\"device\":\"sim-test-01\",\"state\":\"offline\"}");
    }

    @Test
    void aClockJumpAheadSkipsToTheNewestSamplesAndAJumpBackContinues() {
        BedSimulation sim = simulation(BedScenario.Kind.STABLE);
        sim.startAt(T0);
        sim.wave(T0.plusSeconds(1));
        Wave afterJump = sim.wave(T0.plusSeconds(3601));
        WaveChannel ecg = afterJump.channels().getFirst();
        assertThat(ecg.samples()).hasSize(63); // a quarter second, rounded up
        assertThat(ecg.t0()).isEqualTo(T0.plusSeconds(3601).minusMillis(252));

        Instant back = T0.plusSeconds(60); // the clock went back an hour: the start moves with it
        Wave w = sim.wave(back);
        assertThat(w).isNull();
        Wave next = sim.wave(back.plusMillis(250));
        assertThat(next.channels().getFirst().samples()).hasSizeBetween(62, 63);
        assertThat(next.channels().getFirst().t0()).isEqualTo(back);
    }
}
