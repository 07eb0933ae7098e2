package org.vigil.alarms.sound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.vigil.data.model.AlarmPriority.HIGH;
import static org.vigil.data.model.AlarmPriority.LOW;
import static org.vigil.data.model.AlarmPriority.MEDIUM;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vigil.alarms.sound.PcmAnalysis.Edges;
import org.vigil.alarms.sound.PcmAnalysis.Peak;
import org.vigil.alarms.sound.PcmAnalysis.Pulse;
import org.vigil.data.model.AlarmPriority;

/** Measures the synthesised PCM against IEC 60601-1-8 Tables 3 and 4. */
class AlarmSignalSynthTest {

    private static final int BURST_GAP = PcmAnalysis.RATE * 2; // > the 1.3 s pause, < the 2.5 s minimum tb

    private static short[] render(BurstPattern p, Duration span) {
        return AlarmSignalSynth.render(p, span, AlarmVolume.amplitude(AlarmVolume.DEFAULT, 0));
    }

    @ParameterizedTest
    @EnumSource(AlarmPriority.class)
    void pulsesPerBurstAndRepeatInterval(AlarmPriority priority) {
        BurstPattern p = BurstPattern.defaults(priority);
        Duration period = p.repeatPeriod();
        short[] pcm = render(p, period.multipliedBy(3));

        List<List<Pulse>> bursts = PcmAnalysis.bursts(PcmAnalysis.pulses(pcm), BURST_GAP);

        int expectedPulses = switch (priority) {
            case HIGH -> 10;
            case MEDIUM -> 3;
            case LOW -> 1;
        };
        long expectedPeriodMs = switch (priority) {
            case HIGH -> 10_000;
            case MEDIUM -> 20_000;
            case LOW -> 30_000;
        };
        assertThat(bursts).hasSize(3);
        assertThat(bursts).allSatisfy(b -> assertThat(b).hasSize(expectedPulses));
        for (int i = 1; i < bursts.size(); i++) {
            double repeat = bursts.get(i).getFirst().startMs() - bursts.get(i - 1).getFirst().startMs();
            assertThat(repeat).as("burst repeat interval").isCloseTo(expectedPeriodMs, within(1.0));
        }
        // interburst interval (end of last pulse to start of next burst) within the standard's range
        double tb = bursts.get(1).getFirst().startMs() - bursts.get(0).getLast().endMs();
        switch (priority) {
            case HIGH -> assertThat(tb).isBetween(2_500.0, 15_000.0);
            case MEDIUM -> assertThat(tb).isBetween(2_500.0, 30_000.0);
            case LOW -> assertThat(tb).isGreaterThan(15_000.0);
        }
    }

    @Test
    void highPriorityBurstHasTheThreePlusTwoRhythm() {
        BurstPattern p = BurstPattern.defaults(HIGH);
        short[] pcm = render(p, Duration.ofSeconds(5));
        List<Pulse> pulses = PcmAnalysis.pulses(pcm);
        assertThat(pulses).hasSize(10);
        double td = 150, x = 100, pause = 500;
        double[] expectedGaps = {x, x, 2 * x + td, x, pause, x, x, 2 * x + td, x};
        for (int i = 1; i < pulses.size(); i++) {
            // gaps between the half-amplitude points; detection is within one carrier period of them
            double gap = pulses.get(i).startMs() - pulses.get(i - 1).endMs();
            assertThat(gap).as("spacing between pulse %d and %d", i, i + 1).isCloseTo(expectedGaps[i - 1], within(3.0));
        }
    }

    @Test
    void lowPriorityMayHaveTwoPulses() {
        short[] pcm = render(BurstPattern.defaults(LOW).withPulseCount(2), Duration.ofSeconds(60));
        List<List<Pulse>> bursts = PcmAnalysis.bursts(PcmAnalysis.pulses(pcm), BURST_GAP);
        assertThat(bursts).hasSize(2).allSatisfy(b -> assertThat(b).hasSize(2));
    }

    private static Edges edgesOfFirstPulse(BurstPattern p) {
        short[] pcm = render(p, p.burstOnsets().size() > 1 ? p.burstOnsets().get(1) : Duration.ofMillis(400));
        int window = (int) Math.round(PcmAnalysis.RATE / p.pulse().fundamentalHz());
        int end = Math.min(pcm.length, AlarmSignalSynth.samples(p.pulse().envelopeDuration()) + window);
        return PcmAnalysis.edges(PcmAnalysis.envelope(pcm, 0, end, window));
    }

    @ParameterizedTest
    @EnumSource(AlarmPriority.class)
    void effectivePulseDurationRiseAndFallTime(AlarmPriority priority) {
        BurstPattern p = BurstPattern.defaults(priority);
        Edges e = edgesOfFirstPulse(p);
        double td = e.effectiveMs();
        if (priority == HIGH) {
            assertThat(td).isBetween(75.0, 200.0);
        } else {
            assertThat(td).isBetween(125.0, 250.0);
        }
        assertThat(td).isCloseTo(PulseShape.millis(p.pulse().effectiveDuration()), within(2.5));
        assertThat(e.riseMs() / td).as("rise time / td").isBetween(0.10, 0.20);
        assertThat(e.fallMs() / td).as("fall time / td").isBetween(0.10, 0.20);
    }

    @Test
    void configuredRiseAndFallAreWhatIsMeasured() {
        for (double[] rf : new double[][] {{0.10, 0.20}, {0.20, 0.10}}) {
            BurstPattern p = BurstPattern.defaults(HIGH)
                    .withPulse(PulseShape.defaults(HIGH).withEffectiveDuration(Duration.ofMillis(200)).withRiseAndFall(rf[0], rf[1]));
            Edges e = edgesOfFirstPulse(p);
            assertThat(e.effectiveMs()).isCloseTo(200.0, within(2.5));
            assertThat(e.riseMs()).isCloseTo(200 * rf[0], within(2.0));
            assertThat(e.fallMs()).isCloseTo(200 * rf[1], within(2.0));
        }
    }

    @Test
    void shortestHighPriorityPulseStillMeetsTheShape() {
        BurstPattern p = BurstPattern.defaults(HIGH).withPulse(PulseShape.defaults(HIGH).withEffectiveDuration(Duration.ofMillis(75)));
        Edges e = edgesOfFirstPulse(p);
        assertThat(e.effectiveMs()).isCloseTo(75.0, within(2.5));
        assertThat(e.riseMs() / e.effectiveMs()).isBetween(0.10, 0.20);
    }

    private static void assertSpectrum(PulseShape shape, AlarmPriority priority) {
        BurstPattern p = BurstPattern.defaults(priority).withPulse(shape);
        short[] pcm = render(p, Duration.ofMillis(300));
        int n = 4096; // 93 ms, 10.8 Hz per bin
        // the steady part of the first pulse: after the rise, before the fall
        int from = AlarmSignalSynth.samples(shape.riseTime()) * 2;
        assertThat(from + n).isLessThan(AlarmSignalSynth.samples(shape.envelopeDuration()) - AlarmSignalSynth.samples(shape.fallTime()));
        List<Peak> peaks = PcmAnalysis.spectralPeaks(pcm, from, n, -30);

        Peak fundamental = peaks.getFirst();
        assertThat(fundamental.hz()).as("fundamental").isBetween(150.0, 1000.0)
                .isCloseTo(shape.fundamentalHz(), within(2.0));
        long harmonicsInBand = peaks.stream()
                .filter(pk -> pk.hz() >= 300 && pk.hz() <= 4000)
                .filter(pk -> pk.db() >= fundamental.db() - 15)
                .filter(pk -> {
                    double k = pk.hz() / fundamental.hz();
                    return Math.abs(k - Math.round(k)) * fundamental.hz() < 5;
                })
                .count();
        assertThat(harmonicsInBand).as("harmonic components between 300 and 4000 Hz in %s", peaks).isGreaterThanOrEqualTo(4);
        assertThat(peaks).as("nothing but harmonics").allSatisfy(pk -> {
            double k = pk.hz() / fundamental.hz();
            assertThat(Math.abs(k - Math.round(k)) * fundamental.hz()).isLessThan(5.0);
        });
    }

    @ParameterizedTest
    @EnumSource(AlarmPriority.class)
    void fundamentalAndAtLeastFourHarmonicsInBand(AlarmPriority priority) {
        assertSpectrum(PulseShape.defaults(priority), priority);
    }

    @Test
    void spectrumNearTheEdgesOfTheFundamentalRange() {
        // (the FFT measures f0 to about ±0.1 Hz, so the exact limits 150 and 1000 Hz are kept for BurstPatternTest)
        assertSpectrum(PulseShape.defaults(MEDIUM).withFundamental(152).withPartialLevels(1, 0.8, 0.7, 0.6, 0.5, 0.4), MEDIUM);
        assertSpectrum(PulseShape.defaults(MEDIUM).withFundamental(995).withPartialLevels(1, 0.7, 0.5, 0.4), MEDIUM);
    }

    @Test
    void volumeHasAFloorAboveSilence() {
        BurstPattern p = BurstPattern.defaults(LOW);
        int floorPeak = PcmAnalysis.peak(AlarmSignalSynth.render(p, Duration.ofMillis(300), AlarmVolume.amplitude(AlarmVolume.FLOOR, 0)));
        assertThat(floorPeak).isCloseTo((int) Math.round(AlarmVolume.FLOOR * AlarmSignalSynth.FULL_SCALE), within(1));
        for (double setting : new double[] {0.0, 0.01, -1.0, AlarmVolume.FLOOR / 2}) {
            int peak = PcmAnalysis.peak(AlarmSignalSynth.render(p, Duration.ofMillis(300), AlarmVolume.amplitude(setting, 0)));
            assertThat(peak).as("peak at setting %s", setting).isEqualTo(floorPeak).isGreaterThan(0);
        }
        assertThat(AlarmVolume.effectiveSetting(0)).isEqualTo(AlarmVolume.FLOOR);
        assertThat(AlarmVolume.effectiveSetting(0.8)).isEqualTo(0.8);
        assertThat(AlarmVolume.effectiveSetting(1.7)).isEqualTo(1.0);
    }

    @Test
    void escalationIsLouderAndNeverClips() {
        BurstPattern p = BurstPattern.defaults(HIGH);
        Duration span = Duration.ofMillis(400);
        short[] level0 = AlarmSignalSynth.render(p, span, AlarmVolume.amplitude(0.5, 0));
        short[] level1 = AlarmSignalSynth.render(p, span, AlarmVolume.amplitude(0.5, 1));
        short[] level2 = AlarmSignalSynth.render(p, span, AlarmVolume.amplitude(0.5, 2));
        double db1 = 20 * Math.log10(PcmAnalysis.peak(level1) / (double) PcmAnalysis.peak(level0));
        double db2 = 20 * Math.log10(PcmAnalysis.peak(level2) / (double) PcmAnalysis.peak(level0));
        assertThat(db1).isCloseTo(3.0, within(0.1));
        assertThat(db2).isCloseTo(6.0, within(0.1));

        // at full volume the boost is capped at full scale; the waveform keeps its shape (no flattened peaks)
        short[] loudest = AlarmSignalSynth.render(p, span, AlarmVolume.amplitude(1.0, 2));
        short[] half = AlarmSignalSynth.render(p, span, 0.5);
        assertThat(PcmAnalysis.peak(loudest)).isEqualTo(AlarmSignalSynth.FULL_SCALE);
        for (int i = 0; i < loudest.length; i++) {
            assertThat(Math.abs(loudest[i] - 2 * half[i])).as("sample %d", i).isLessThanOrEqualTo(2);
        }
        assertThat(AlarmVolume.amplitude(0.9, 2)).isEqualTo(1.0);
    }
}
