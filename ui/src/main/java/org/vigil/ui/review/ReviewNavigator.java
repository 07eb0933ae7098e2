package org.vigil.ui.review;

import java.time.Instant;

/** How one review view opens another (a click on a trend opens the waveforms there). JavaFX thread. */
public interface ReviewNavigator {
    /** The trends of a bed. */
    void openTrends(String bed);

    /**
     * The full-disclosure waveforms of a bed with {@code at} at the left edge; {@code alarm} (nullable) is the alarm
     * that led there, shown and printed on an exported strip.
     */
    void openWaveforms(String bed, Instant at, AlarmMarker alarm);
}
