package org.vigil.ui.ward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BedGridLayoutTest {

    @Test
    void everyBedCountFromOneTo64FitsA1080pScreenWithReadableTiles() {
        double w = 1920;
        double h = 1080 - 70; // alarm bar and status line
        for (int n = 1; n <= 64; n++) {
            BedGridLayout g = BedGridLayout.fit(n, w, h);
            assertThat(g.columns() * g.rows()).as("cells for %d beds", n).isGreaterThanOrEqualTo(n);
            assertThat(g.columns() * g.rows() - n).as("empty cells for %d beds", n).isLessThan(Math.max(g.columns(), g.rows()));
            double tw = w / g.columns();
            double th = h / g.rows();
            assertThat(tw).as("tile width for %d beds", n).isGreaterThanOrEqualTo(200);
            assertThat(th).as("tile height for %d beds", n).isGreaterThanOrEqualTo(100);
            assertThat(tw / th).as("tile shape for %d beds", n).isBetween(0.9, 4.5);
        }
        assertThat(BedGridLayout.fit(12, w, h)).isEqualTo(new BedGridLayout(4, 3));
        assertThat(BedGridLayout.fit(64, w, h)).isEqualTo(new BedGridLayout(8, 8));
    }

    @Test
    void aNarrowWindowGetsFewerColumns() {
        assertThat(BedGridLayout.fit(12, 900, 1000).columns()).isLessThan(BedGridLayout.fit(12, 1920, 1000).columns());
    }
}
