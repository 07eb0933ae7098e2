package org.vigil.ui.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.data.recording.WaveSegment;

/** Recorded segments become lines that never bridge a gap, and the gaps themselves. */
class WaveformPlotTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final double RATE = 250;

    private static WaveSegment ramp(Instant t0, int n, int start) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = start + i;
        }
        return new WaveSegment(t0, s);
    }

    @Test
    void aGapSplitsTheLineAndNoPointFallsInsideIt() {
        // 2 s recorded, 1.5 s lost, 2 s recorded
        WaveSegment a = ramp(T0, 500, 0);
        WaveSegment b = ramp(T0.plusMillis(3500), 500, 0);
        List<WaveformPlot.Polyline> lines = WaveformPlot.polylines(RATE, List.of(a, b), T0, T0.plusSeconds(6), 250,
                0, 0.1, v -> v);
        assertThat(lines).hasSize(2);
        double gapFromX = 2.0 * 250;
        double gapToX = 3.5 * 250;
        assertThat(lines.get(0).lastX()).isLessThan(gapFromX);
        assertThat(lines.get(1).firstX()).isCloseTo(gapToX, within(1e-6));
        for (WaveformPlot.Polyline l : lines) {
            for (int i = 0; i < l.size(); i++) {
                assertThat(l.x()[i] > gapFromX - 1 && l.x()[i] < gapToX).as("point %d in the gap", i).isFalse();
            }
        }
        assertThat(WaveformPlot.gaps(RATE, List.of(a, b), T0, T0.plusSeconds(5), Duration.ZERO))
                .containsExactly(new WaveformPlot.Gap(T0.plusSeconds(2), T0.plusMillis(3500)));
    }

    @Test
    void segmentsThatAbutAreOneLineAndNoGap() {
        // the same recording fetched in two 10 s windows comes back as two segments meeting at the boundary
        WaveSegment a = ramp(T0, 250, 0);
        WaveSegment b = ramp(T0.plusSeconds(1), 250, 250);
        List<WaveformPlot.Polyline> lines = WaveformPlot.polylines(RATE, List.of(a, b), T0, T0.plusSeconds(2), 250,
                0, 0.1, v -> v);
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst().size()).isEqualTo(500);
        assertThat(WaveformPlot.gaps(RATE, List.of(a, b), T0, T0.plusSeconds(2), Duration.ZERO)).isEmpty();
    }

    @Test
    void aSingleMissingSampleIsAGapToo() {
        WaveSegment a = ramp(T0, 100, 0);
        WaveSegment b = ramp(T0.plusMillis(404), 100, 0); // sample 100 (at 400 ms) is missing
        assertThat(WaveformPlot.polylines(RATE, List.of(a, b), T0, T0.plusSeconds(1), 250, 0, 0.1, v -> v))
                .hasSize(2);
        assertThat(WaveformPlot.gaps(RATE, List.of(a, b), T0, T0.plusMillis(804), Duration.ZERO))
                .containsExactly(new WaveformPlot.Gap(T0.plusMillis(400), T0.plusMillis(404)));
        assertThat(WaveformPlot.gaps(RATE, List.of(a, b), T0, T0.plusMillis(804), Duration.ofMillis(40))).isEmpty();
    }

    @Test
    void nothingRecordedBeforeTheFirstAndAfterTheLastSampleIsAGap() {
        WaveSegment a = ramp(T0.plusSeconds(2), 250, 0);
        assertThat(WaveformPlot.gaps(RATE, List.of(a), T0, T0.plusSeconds(5), Duration.ZERO)).containsExactly(
                new WaveformPlot.Gap(T0, T0.plusSeconds(2)), new WaveformPlot.Gap(T0.plusSeconds(3), T0.plusSeconds(5)));
        assertThat(WaveformPlot.gaps(RATE, List.of(), T0, T0.plusSeconds(5), Duration.ZERO))
                .containsExactly(new WaveformPlot.Gap(T0, T0.plusSeconds(5)));
        assertThat(WaveformPlot.polylines(RATE, List.of(), T0, T0.plusSeconds(5), 250, 0, 1, v -> v)).isEmpty();
    }

    @Test
    void onlyTheWindowIsDrawnWithOneSampleBeyondEachEdge() {
        WaveSegment a = ramp(T0, 2500, 0); // 10 s
        List<WaveformPlot.Polyline> lines = WaveformPlot.polylines(RATE, List.of(a), T0.plusSeconds(4),
                T0.plusSeconds(6), 100, 20, 0.01, v -> v);
        assertThat(lines).hasSize(1);
        WaveformPlot.Polyline l = lines.getFirst();
        assertThat(l.firstX()).isCloseTo(20 - 100 / RATE, within(1e-9)); // the sample just before the window
        assertThat(l.lastX()).isCloseTo(20 + 200, within(1e-9)); // the sample at the window's end
        assertThat(l.y()[0]).isEqualTo(999); // sample 999 is at 3.996 s
    }

    @Test
    void crowdedSamplesKeepTheirLowestAndHighestPerColumnSoASpikeStaysVisible() {
        int[] s = new int[2500];
        s[1234] = 1000; // one spike among zeros
        List<WaveformPlot.Polyline> lines = WaveformPlot.polylines(RATE, List.of(new WaveSegment(T0, s)), T0,
                T0.plusSeconds(10), 10, 0, 1, v -> v); // 25 samples per pixel column
        WaveformPlot.Polyline l = lines.getFirst();
        assertThat(l.size()).isLessThanOrEqualTo(2 * 101);
        double max = 0;
        for (int i = 0; i < l.size(); i++) {
            max = Math.max(max, l.y()[i]);
        }
        assertThat(max).isEqualTo(1000);
    }

    @Test
    void aRateThatIsNoRateIsRefused() {
        assertThatThrownBy(() -> WaveformPlot.gaps(0, List.of(), T0, T0.plusSeconds(1), Duration.ZERO))
                .hasMessageContaining("sample rate");
    }
}
