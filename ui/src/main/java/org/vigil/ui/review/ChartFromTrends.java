package org.vigil.ui.review;

import java.time.Instant;

/**
 * How the trends hand a minute over to charting, without knowing about charting: the console opens "Chart vitals"
 * for the bed with the medians of the minute starting at {@code minute}. JavaFX thread.
 */
@FunctionalInterface
public interface ChartFromTrends {
    void chartVitalsAt(String bed, Instant minute);
}
