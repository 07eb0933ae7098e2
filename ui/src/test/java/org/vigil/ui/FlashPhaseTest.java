package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.vigil.data.model.AlarmPriority;

/** The shared flash timeline: frequency and duty cycle per priority, measured over the frame time. */
class FlashPhaseTest {
    private static final long STEP = 1_000_000L; // 1 ms
    private static final long SPAN = 60_000_000_000L; // 60 s

    /** Flashes per second (off-to-on transitions) and the share of "on" time over 60 s sampled every 1 ms. */
    private static double[] measure(AlarmPriority p, long start) {
        long on = 0;
        long samples = 0;
        long cycles = 0;
        boolean wasOff = FlashPhase.off(p, start);
        for (long t = start; t < start + SPAN; t += STEP) {
            boolean off = FlashPhase.off(p, t);
            if (wasOff && !off) {
                cycles++;
            }
            wasOff = off;
            on += off ? 0 : 1;
            samples++;
        }
        return new double[] {cycles / (SPAN / 1e9), on / (double) samples};
    }

    @Test
    void highFlashesAtTwoHertzWithHalfDuty() {
        double[] m = measure(AlarmPriority.HIGH, 123_456_789_000L);
        assertThat(m[0]).isCloseTo(2.0, within(0.02));
        assertThat(m[1]).isCloseTo(0.5, within(0.01));
        assertThat(m[0]).isBetween(1.4, 2.8); // IEC 60601-1-8 range
    }

    @Test
    void mediumFlashesAtZeroPointSixHertzWithHalfDuty() {
        double[] m = measure(AlarmPriority.MEDIUM, 987_654_321_000L);
        assertThat(m[0]).isCloseTo(0.6, within(0.02));
        assertThat(m[1]).isCloseTo(0.5, within(0.01));
        // the period itself: on for 0.833 s, then off for 0.833 s
        assertThat(FlashPhase.off(AlarmPriority.MEDIUM, 0)).isFalse();
        assertThat(FlashPhase.off(AlarmPriority.MEDIUM, 833_000_000L)).isFalse();
        assertThat(FlashPhase.off(AlarmPriority.MEDIUM, 834_000_000L)).isTrue();
        assertThat(FlashPhase.off(AlarmPriority.MEDIUM, 1_666_000_000L)).isTrue();
        assertThat(FlashPhase.off(AlarmPriority.MEDIUM, 1_667_000_000L)).isFalse();
    }

    @Test
    void lowAndNoneAreSteady() {
        assertThat(measure(AlarmPriority.LOW, 0)[1]).isEqualTo(1.0);
        assertThat(FlashPhase.off(null, 250_000_000L)).isFalse();
    }

    @Test
    void thePhaseRepeatsEveryPeriodAndStartsOn() {
        for (long t = -2_000_000_000L; t < 2_000_000_000L; t += 7_777_777L) {
            assertThat(FlashPhase.off(AlarmPriority.HIGH, t))
                    .isEqualTo(FlashPhase.off(AlarmPriority.HIGH, t + FlashPhase.HIGH_PERIOD_NANOS));
        }
        assertThat(FlashPhase.off(AlarmPriority.HIGH, 0)).isFalse();
        assertThat(FlashPhase.off(AlarmPriority.HIGH, 249_999_999L)).isFalse();
        assertThat(FlashPhase.off(AlarmPriority.HIGH, 250_000_000L)).isTrue();
        assertThat(FlashPhase.off(AlarmPriority.HIGH, -1L)).as("negative frame times too").isTrue();
    }
}
