package org.vigil.ui.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.MeasurementCode;

/** The trends' table rows and the summary of crowded values, without a screen. */
class TrendsViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private static TrendsViewModel.Point p(Instant t, double v) {
        return new TrendsViewModel.Point(t, v, v, v);
    }

    @Test
    void rowsHoldTheMedianOfEachIntervalNewestFirstAndStayEmptyWithoutData() {
        List<TrendsViewModel.Point> hr = List.of(p(T0.plusSeconds(5), 70), p(T0.plusSeconds(20), 90),
                p(T0.plusSeconds(40), 72), p(T0.plusSeconds(130), 100));
        List<TrendsViewModel.Point> sys = List.of(p(T0.plusSeconds(10), 121));
        List<TrendsViewModel.Point> dia = List.of(p(T0.plusSeconds(10), 79));
        List<TrendsViewModel.Point> mean = List.of(p(T0.plusSeconds(10), 93));
        List<TrendsViewModel.Row> rows = TrendsViewModel.rows(Map.of(MeasurementCode.HEART_RATE, hr,
                        MeasurementCode.NIBP_SYS, sys, MeasurementCode.NIBP_DIA, dia, MeasurementCode.NIBP_MEAN, mean),
                T0, T0.plusSeconds(180), Duration.ofMinutes(1), ZoneOffset.UTC);
        assertThat(rows).extracting(TrendsViewModel.Row::timeText)
                .containsExactly("24 Nov 10:02", "24 Nov 10:01", "24 Nov 10:00");
        assertThat(rows.get(2).hr()).isEqualTo("72");
        assertThat(rows.get(2).nibp()).isEqualTo("121/79 (93)");
        assertThat(rows.get(1).hr()).isEmpty();
        assertThat(rows.get(1).nibp()).isEmpty();
        assertThat(rows.get(0).hr()).isEqualTo("100");
    }

    @Test
    void crowdedValuesBecomeBucketsWithTheirBand() {
        List<TrendsViewModel.Point> many = new ArrayList<>();
        for (int i = 0; i < 3 * 3600; i++) {
            many.add(p(T0.plusSeconds(i), i % 2 == 0 ? 60 : 80));
        }
        List<TrendsViewModel.Point> out = TrendsViewModel.summarise(many, T0, T0.plusSeconds(3 * 3600));
        assertThat(out).hasSizeLessThanOrEqualTo(TrendsViewModel.MAX_POINTS);
        assertThat(out).allSatisfy(pt -> {
            assertThat(pt.min()).isEqualTo(60);
            assertThat(pt.max()).isEqualTo(80);
            assertThat(pt.value()).isBetween(60.0, 80.0);
        });
    }

    @Test
    void theTableStepGrowsWithTheSpan() {
        assertThat(TrendsViewModel.rowStep(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(TrendsViewModel.rowStep(Duration.ofHours(8))).isEqualTo(Duration.ofMinutes(5));
        assertThat(TrendsViewModel.rowStep(Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(15));
        assertThat(TrendsViewModel.rowStep(Duration.ofHours(96))).isEqualTo(Duration.ofHours(1));
    }
}
