package org.vigil.alarms.sound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vigil.data.model.AlarmPriority.HIGH;
import static org.vigil.data.model.AlarmPriority.LOW;
import static org.vigil.data.model.AlarmPriority.MEDIUM;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BurstPatternTest {

    private static Duration ms(long ms) {
        return Duration.ofMillis(ms);
    }

    @Test
    void defaultsHaveTheStandardPulseCountsAndRepeatPeriods() {
        assertThat(BurstPattern.defaults(HIGH).pulseCount()).isEqualTo(10);
        assertThat(BurstPattern.defaults(MEDIUM).pulseCount()).isEqualTo(3);
        assertThat(BurstPattern.defaults(LOW).pulseCount()).isEqualTo(1);
        assertThat(BurstPattern.defaults(HIGH).repeatPeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(BurstPattern.defaults(MEDIUM).repeatPeriod()).isEqualTo(Duration.ofSeconds(20));
        assertThat(BurstPattern.defaults(LOW).repeatPeriod()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void highPriorityBurstIsThreePlusTwoPauseThreePlusTwo() {
        BurstPattern p = BurstPattern.defaults(HIGH); // td 150, x 100, pause 500
        // onset to onset = td + spacing; 3rd-4th spacing 2x + td; 5th-6th spacing = pause
        assertThat(p.burstOnsets()).containsExactly(ms(0), ms(250), ms(500), ms(1000), ms(1250),
                ms(1900), ms(2150), ms(2400), ms(2900), ms(3150));
        assertThat(p.interburstInterval()).isEqualTo(ms(10_000 - 3150 - 150));
    }

    @Test
    void scheduleListsEveryPulseOnsetOfTheSpan() {
        List<Duration> high = BurstPattern.defaults(HIGH).schedule(Duration.ofSeconds(30));
        assertThat(high).hasSize(30);
        assertThat(high.get(10)).isEqualTo(Duration.ofSeconds(10));
        assertThat(high.get(20)).isEqualTo(Duration.ofSeconds(20));

        assertThat(BurstPattern.defaults(MEDIUM).schedule(Duration.ofSeconds(60)))
                .containsExactly(ms(0), ms(400), ms(800), ms(20_000), ms(20_400), ms(20_800), ms(40_000), ms(40_400), ms(40_800));
        assertThat(BurstPattern.defaults(LOW).schedule(Duration.ofSeconds(90)))
                .containsExactly(ms(0), ms(30_000), ms(60_000));
        assertThat(BurstPattern.defaults(LOW).withPulseCount(2).schedule(Duration.ofSeconds(31)))
                .containsExactly(ms(0), ms(400), ms(30_000), ms(30_400));
        assertThat(BurstPattern.defaults(HIGH).schedule(ms(300))).containsExactly(ms(0), ms(250));
    }

    @Test
    void acceptsTheEdgesOfTheStandardsRanges() {
        BurstPattern high = BurstPattern.defaults(HIGH);
        high.withPulseSpacing(ms(50));
        high.withPulseSpacing(ms(125));
        high.withPause(ms(350));
        high.withPause(ms(1300));
        high.withPulse(PulseShape.defaults(HIGH).withEffectiveDuration(ms(75)));
        high.withPulse(PulseShape.defaults(HIGH).withEffectiveDuration(ms(200)));
        high.withRepeatPeriod(ms(3300 + 2500)); // tb exactly 2.5 s
        high.withRepeatPeriod(ms(3300 + 15_000)); // tb exactly 15 s
        BurstPattern medium = BurstPattern.defaults(MEDIUM);
        medium.withPulseSpacing(ms(125));
        medium.withPulseSpacing(ms(250));
        medium.withPulse(PulseShape.defaults(MEDIUM).withEffectiveDuration(ms(125)));
        medium.withPulse(PulseShape.defaults(MEDIUM).withEffectiveDuration(ms(250)));
        medium.withRepeatPeriod(ms(1000 + 30_000));
        BurstPattern.defaults(LOW).withRepeatPeriod(ms(200 + 15_001));
        PulseShape.defaults(LOW).withRiseAndFall(0.10, 0.20);
        PulseShape.defaults(LOW).withFundamental(150);
        PulseShape.defaults(LOW).withFundamental(1000).withPartialLevels(1, 0.7, 0.5, 0.4);
    }

    @Test
    void valuesOutsideTheStandardAreRejectedByName() {
        BurstPattern high = BurstPattern.defaults(HIGH);
        assertThatThrownBy(() -> high.withPulseSpacing(ms(49))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pulse spacing 49").hasMessageContaining("50.0–125.0 ms");
        assertThatThrownBy(() -> high.withPulseSpacing(ms(126))).hasMessageContaining("pulse spacing");
        assertThatThrownBy(() -> high.withPause(ms(300))).hasMessageContaining("pause between 5th and 6th pulse 300");
        assertThatThrownBy(() -> high.withPause(ms(1400))).hasMessageContaining("pause");
        assertThatThrownBy(() -> high.withRepeatPeriod(Duration.ofSeconds(20))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interburst interval").hasMessageContaining("repeat period 20000");
        assertThatThrownBy(() -> high.withRepeatPeriod(Duration.ofSeconds(5))).hasMessageContaining("interburst interval");
        assertThatThrownBy(() -> high.withPulse(PulseShape.defaults(HIGH).withEffectiveDuration(ms(70))))
                .hasMessageContaining("effective pulse duration 70");
        assertThatThrownBy(() -> high.withPulse(PulseShape.defaults(HIGH).withEffectiveDuration(ms(210))))
                .hasMessageContaining("effective pulse duration");

        BurstPattern medium = BurstPattern.defaults(MEDIUM);
        assertThatThrownBy(() -> medium.withPulseSpacing(ms(100))).hasMessageContaining("pulse spacing 100");
        assertThatThrownBy(() -> medium.withPulseSpacing(ms(260))).hasMessageContaining("pulse spacing");
        assertThatThrownBy(() -> medium.withRepeatPeriod(Duration.ofSeconds(3))).hasMessageContaining("interburst interval");
        assertThatThrownBy(() -> medium.withRepeatPeriod(Duration.ofSeconds(32))).hasMessageContaining("interburst interval");
        assertThatThrownBy(() -> medium.withPulse(PulseShape.defaults(MEDIUM).withEffectiveDuration(ms(100))))
                .hasMessageContaining("effective pulse duration 100");
        assertThatThrownBy(() -> medium.withPause(ms(500))).hasMessageContaining("HIGH priority only");

        BurstPattern low = BurstPattern.defaults(LOW);
        assertThatThrownBy(() -> low.withRepeatPeriod(Duration.ofSeconds(15))).hasMessageContaining("interburst interval");
        assertThatThrownBy(() -> low.withPulseCount(3)).hasMessageContaining("pulse count 3");
        assertThatThrownBy(() -> low.withPulse(PulseShape.defaults(LOW).withEffectiveDuration(ms(260))))
                .hasMessageContaining("effective pulse duration 260");

        PulseShape shape = PulseShape.defaults(MEDIUM);
        assertThatThrownBy(() -> shape.withFundamental(140)).hasMessageContaining("fundamental frequency 140");
        assertThatThrownBy(() -> shape.withFundamental(1100)).hasMessageContaining("fundamental frequency");
        assertThatThrownBy(() -> shape.withPartialLevels(1, 0.7, 0.5)).hasMessageContaining("harmonic components");
    }

    @Test
    void pulseShapeLimits() {
        PulseShape shape = PulseShape.defaults(MEDIUM);
        assertThatThrownBy(() -> shape.withRiseAndFall(0.09, 0.15)).hasMessageContaining("rise time 9.0 %");
        assertThatThrownBy(() -> shape.withRiseAndFall(0.21, 0.15)).hasMessageContaining("rise time");
        assertThatThrownBy(() -> shape.withRiseAndFall(0.15, 0.05)).hasMessageContaining("fall time 5.0 %");
        assertThatThrownBy(() -> shape.withRiseAndFall(0.15, 0.25)).hasMessageContaining("fall time");
        assertThatThrownBy(() -> shape.withPartialLevels(1, 0.7, 0.5, 0.1)).hasMessageContaining("more than 15");
        assertThatThrownBy(() -> shape.withFundamental(900).withPartialLevels(1, 1, 1, 1, 1, 1))
                .hasMessageContaining("harmonic 6 at 5400");
        assertThat(shape.riseTime()).isEqualTo(ms(30));
        assertThat(shape.fallTime()).isEqualTo(ms(30));
    }
}
