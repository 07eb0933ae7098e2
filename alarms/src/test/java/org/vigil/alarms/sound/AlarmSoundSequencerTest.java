package org.vigil.alarms.sound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.data.model.AlarmPriority.HIGH;
import static org.vigil.data.model.AlarmPriority.LOW;
import static org.vigil.data.model.AlarmPriority.MEDIUM;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.alarms.sound.PcmAnalysis.Pulse;
import org.vigil.data.model.AlarmPriority;

/** The player's stream, driven sample by sample: switching, silence, test tone. */
class AlarmSoundSequencerTest {

    private static final double AMP = AlarmVolume.amplitude(AlarmVolume.DEFAULT, 0);
    private final AlarmSoundSequencer seq = new AlarmSoundSequencer();

    /** Plays {@code d} in 10 ms chunks, as the player does. */
    private short[] play(Duration d) {
        int n = AlarmSignalSynth.samples(d);
        short[] out = new short[n];
        short[] chunk = new short[441];
        for (int i = 0; i < n; i += chunk.length) {
            seq.fill(chunk);
            System.arraycopy(chunk, 0, out, i, Math.min(chunk.length, n - i));
        }
        return out;
    }

    private static short[] concat(short[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        short[] out = new short[n];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static short[] render(AlarmPriority p, Duration d) {
        return AlarmSignalSynth.render(BurstPattern.defaults(p), d, AMP);
    }

    @Test
    void playsExactlyThePatternsSchedule() {
        for (AlarmPriority p : AlarmPriority.values()) {
            AlarmSoundSequencer s = new AlarmSoundSequencer();
            s.request(p);
            short[] out = new short[AlarmSignalSynth.samples(Duration.ofSeconds(65))];
            s.fill(out);
            assertThat(out).as("%s", p).isEqualTo(render(p, Duration.ofSeconds(65)));
        }
    }

    @Test
    void higherPriorityBetweenPulsesStartsAtOnceAndAlone() {
        seq.request(MEDIUM);
        short[] medium = play(Duration.ofSeconds(5)); // the medium burst is over, waiting for the next one
        seq.request(HIGH);
        short[] high = play(Duration.ofSeconds(25));

        assertThat(medium).isEqualTo(render(MEDIUM, Duration.ofSeconds(5)));
        // one sound at a time: from the switch on, the stream is the high pattern, sample for sample
        assertThat(high).isEqualTo(render(HIGH, Duration.ofSeconds(25)));
        assertThat(seq.playing()).isEqualTo(HIGH);
    }

    @Test
    void higherPriorityDuringAPulseStartsWhenThatPulseEnds() {
        seq.request(LOW);
        short[] before = play(Duration.ofMillis(50)); // inside the low pulse
        seq.request(HIGH);
        short[] after = play(Duration.ofSeconds(4));

        int lowRest = AlarmSignalSynth.unitPulse(PulseShape.defaults(LOW)).length - before.length;
        // the low pulse is finished (no click) ...
        assertThat(PcmAnalysis.peak(after, lowRest - 500, lowRest)).isGreaterThan(0);
        // ... then the high pattern starts at once and alone, sample for sample
        assertThat(Arrays.copyOfRange(after, lowRest, after.length))
                .isEqualTo(Arrays.copyOf(render(HIGH, Duration.ofSeconds(4)), after.length - lowRest));
        List<Pulse> pulses = PcmAnalysis.pulses(concat(before, after));
        assertThat(pulses).hasSize(1 + 10);
        double delayMs = PcmAnalysis.ms(pulses.get(1).start()) - 50;
        assertThat(delayMs).as("delay until the high pulse is heard")
                .isLessThan(PulseShape.millis(PulseShape.defaults(LOW).envelopeDuration()));
    }

    @Test
    void lowerPriorityAfterHighWaitsForTheGapAndThenPlaysItsOwnPattern() {
        seq.request(HIGH);
        short[] high = play(Duration.ofMillis(600)); // 3 pulses started
        seq.request(MEDIUM);
        short[] medium = play(Duration.ofSeconds(3));
        List<List<Pulse>> bursts = PcmAnalysis.bursts(PcmAnalysis.pulses(concat(high, medium)), PcmAnalysis.RATE);
        // the 3rd high pulse is finished, then medium takes over with its 3 pulses (no further high pulse)
        assertThat(bursts).hasSize(1);
        List<Pulse> all = PcmAnalysis.pulses(concat(high, medium));
        assertThat(all).hasSize(6);
        double spacing = PcmAnalysis.ms(all.get(4).start() - all.get(3).end());
        assertThat(spacing).isCloseTo(200.0, org.assertj.core.api.Assertions.within(3.0));
        assertThat(seq.playing()).isEqualTo(MEDIUM);
    }

    @Test
    void nullFallsSilentAfterThePulseThatIsPlaying() {
        seq.request(HIGH);
        play(Duration.ofMillis(60));
        seq.request(null);
        short[] tail = play(Duration.ofSeconds(11));
        int pulseRest = AlarmSignalSynth.samples(PulseShape.defaults(HIGH).envelopeDuration().minusMillis(60)) + 441;
        assertThat(PcmAnalysis.peak(tail, pulseRest, tail.length)).isZero();
        assertThat(PcmAnalysis.peak(tail, 0, 100)).isGreaterThan(0);
        assertThat(seq.playing()).isNull();
    }

    @Test
    void testToneIsOneMediumBurstAndNeverOverridesAnAlarm() {
        seq.requestTestTone();
        short[] tone = play(Duration.ofSeconds(25));
        assertThat(PcmAnalysis.pulses(tone)).hasSize(3);
        assertThat(seq.playingTestTone()).isFalse();

        seq.request(LOW);
        seq.requestTestTone();
        short[] alarm = play(Duration.ofSeconds(2));
        assertThat(alarm).isEqualTo(render(LOW, Duration.ofSeconds(2)));
    }

    @Test
    void amplitudeIsHeldForAWholePulse() {
        seq.request(MEDIUM);
        seq.amplitude(0.5);
        short[] first = play(Duration.ofMillis(100)); // inside pulse 1
        seq.amplitude(1.0);
        short[] rest = play(Duration.ofMillis(900));
        short[] all = concat(first, rest);
        int p1 = PcmAnalysis.peak(all, 0, AlarmSignalSynth.samples(Duration.ofMillis(300)));
        int p2 = PcmAnalysis.peak(all, AlarmSignalSynth.samples(Duration.ofMillis(380)), all.length);
        assertThat(p1).isCloseTo(AlarmSignalSynth.FULL_SCALE / 2, org.assertj.core.api.Assertions.within(1));
        assertThat(p2).isEqualTo(AlarmSignalSynth.FULL_SCALE);
    }
}
