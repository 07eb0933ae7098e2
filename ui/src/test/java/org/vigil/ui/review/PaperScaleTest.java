package org.vigil.ui.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Millimetres of ECG paper on a screen of known DPI and in PDF points. */
class PaperScaleTest {

    @Test
    void aScreenOf96DpiDraws25MmPerSecondAs94Pixels() {
        PaperScale s = PaperScale.ofDpi(96);
        assertThat(s.unitsPerMm()).isCloseTo(3.7795, within(1e-4));
        assertThat(s.unitsPerSecond()).isCloseTo(94.488, within(1e-3));
        assertThat(s.unitsPerMv()).isCloseTo(37.795, within(1e-3));
        assertThat(s.units(PaperScale.MAJOR_MM)).isCloseTo(18.898, within(1e-3));
    }

    @Test
    void oneInchOfPaperIsTheScreensDpiInPixelsWhateverTheDpi() {
        for (double dpi : new double[] {72, 96, 110, 144, 220}) {
            assertThat(PaperScale.ofDpi(dpi).units(25.4)).isCloseTo(dpi, within(1e-9));
        }
        assertThat(PaperScale.pdfPoints().units(25.4)).isCloseTo(72, within(1e-9));
    }

    @Test
    void timeAndPositionConvertBothWays() {
        PaperScale s = PaperScale.ofDpi(96);
        Instant origin = Instant.parse("2026-11-24T10:00:00Z");
        Instant t = origin.plusMillis(2_480);
        double x = s.x(t, origin);
        assertThat(x).isCloseTo(2.48 * 25 * 96 / 25.4, within(1e-9));
        assertThat(s.timeAt(x, origin)).isEqualTo(t);
        assertThat(s.x(origin.minusSeconds(1), origin)).isNegative();
        assertThat(s.duration(s.unitsPerSecond() * 10)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aScreenWithoutAUsableDpiIsRefusedByName() {
        assertThatThrownBy(() -> PaperScale.ofDpi(0)).hasMessageContaining("DPI");
        assertThatThrownBy(() -> PaperScale.ofDpi(Double.NaN)).hasMessageContaining("DPI");
        assertThatThrownBy(() -> new PaperScale(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
