package org.vigil.ui.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.recording.WaveSegment;

/** ECG at 10 mm/mV whatever its unit; other channels at a round value per 10 mm that fits their row. */
class ChannelScaleTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void ecgIsTenMillimetresPerMillivoltInMvAndInMicrovolts() {
        // 1 mV above the mean is 10 mm above the row's middle
        WaveSegment mv = new WaveSegment(T0, new int[] {0, 200, 0, 0}); // scale 0.005 mV: 200 = 1 mV
        ChannelScale s = ChannelScale.of(MeasurementCode.ECG_II, "mV", 0.005, 0, 4, List.of(mv), T0,
                T0.plusSeconds(1), 30);
        assertThat(s.label()).isEqualTo("10 mm/mV");
        assertThat(s.mm(1.0) - s.mm(0.0)).isCloseTo(10, within(1e-9));
        ChannelScale uv = ChannelScale.of(MeasurementCode.ECG_II, "uV", 5, 0, 4, List.of(mv), T0,
                T0.plusSeconds(1), 30);
        assertThat(uv.mm(1000) - uv.mm(0)).isCloseTo(10, within(1e-9));
        assertThat(uv.label()).isEqualTo("10 mm/mV");
    }

    @Test
    void otherChannelsFitTheirRangeAtARoundValuePerTenMillimetres() {
        WaveSegment resp = new WaveSegment(T0, new int[] {-150, 0, 150}); // 0.01 Ohm: -1.5 .. 1.5 Ohm
        ChannelScale s = ChannelScale.of(MeasurementCode.RESP_WAVE, "Ohm", 0.01, 0, 3, List.of(resp), T0,
                T0.plusSeconds(1), 20);
        assertThat(s.label()).isEqualTo("2 Ω/10 mm");
        assertThat(Math.abs(s.mm(1.5))).isLessThanOrEqualTo(8); // inside the row, 2 mm free
        assertThat(s.mm(0)).isCloseTo(0, within(1e-9));
    }

    @Test
    void niceValuesAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(ChannelScale.nice(0.31)).isEqualTo(0.5);
        assertThat(ChannelScale.nice(1)).isEqualTo(1);
        assertThat(ChannelScale.nice(1.2)).isEqualTo(2);
        assertThat(ChannelScale.nice(730)).isEqualTo(1000);
        assertThat(ChannelScale.fmt(0.5)).isEqualTo("0.5");
        assertThat(ChannelScale.fmt(20)).isEqualTo("20");
    }
}
