package org.vigil.link.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleCounterTest {

    @Test
    void quarterSecondTicksAt62Point5HzAlternate15And16AndNeverDrift() {
        SampleCounter c = new SampleCounter(62.5);
        Set<Integer> sizes = new HashSet<>();
        for (int tick = 1; tick <= 240; tick++) {
            int n = c.due(tick * 250_000_000L, 10_000, 100);
            sizes.add(n);
            c.advance(n);
        }
        assertThat(sizes).containsExactlyInAnyOrder(15, 16);
        assertThat(c.sent()).isEqualTo(3750);
    }

    @Test
    void countsAreExactFloorOfElapsedTimesRateEvenAfterYears() {
        long[] elapsed = {0, 1, 15_999_999, 16_000_000, 999_999_999, 1_000_000_000, 3_600_000_000_123L,
                400L * 24 * 3600 * 1_000_000_000L + 7, Long.MAX_VALUE / 4};
        for (double rate : new double[] {250, 125, 62.5, 1, 2000, 0.5 + 99}) {
            SampleCounter c = new SampleCounter(rate);
            BigInteger milliHz = BigInteger.valueOf(Math.round(rate * 1000));
            for (long e : elapsed) {
                long expected = BigInteger.valueOf(e).multiply(milliHz).divide(BigInteger.valueOf(1_000_000_000_000L)).longValueExact();
                assertThat(c.samplesBefore(e)).as("rate %s elapsed %s", rate, e).isEqualTo(expected);
            }
        }
    }

    @Test
    void sampleTimesAreExact() {
        SampleCounter c = new SampleCounter(62.5);
        assertThat(c.nanosOf(0)).isZero();
        assertThat(c.nanosOf(1)).isEqualTo(16_000_000L);
        assertThat(c.nanosOf(1_971_000_000L + 3)).isEqualTo(3600L * 24 * 365 * 1_000_000_000L + 48_000_000L); // a year on
        assertThat(c.nanosOf(62_500L * 1_000_000 + 1)).isEqualTo(1_000_000_000L * 1_000_000_000L + 16_000_000L);
        SampleCounter ecg = new SampleCounter(250);
        assertThat(ecg.nanosOf(250)).isEqualTo(1_000_000_000L);
    }

    @Test
    void aLongBacklogIsSkippedToTheNewestSamples() {
        SampleCounter c = new SampleCounter(250);
        c.advance(c.due(1_000_000_000L, 1250, 62));
        assertThat(c.sent()).isEqualTo(250);
        int n = c.due(3600_000_000_000L, 1250, 62); // an hour later
        assertThat(n).isEqualTo(62);
        assertThat(c.sent()).isEqualTo(3600 * 250 - 62);
    }

    @Test
    void aClockGoingBackSendsNothing() {
        SampleCounter c = new SampleCounter(125);
        c.advance(c.due(2_000_000_000L, 1000, 30));
        assertThat(c.due(1_000_000_000L, 1000, 30)).isZero();
        assertThat(c.due(-5, 1000, 30)).isZero();
    }

    @Test
    void ratesOutsideTheContractAreRefused() {
        assertThatThrownBy(() -> new SampleCounter(0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SampleCounter(2001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SampleCounter(62.5001)).isInstanceOf(IllegalArgumentException.class);
    }
}
