package org.vigil.data.recording;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The read side of the recording (trends and full disclosure), for the review views and the EMR's "median of the
 * minute". Every method runs blocking JDBC: call it from a background executor, never from the JavaFX thread.
 * Thread-safe.
 */
public interface RecordingReader {

    /**
     * Every recorded value (about 1 Hz) of the given codes (all codes when {@code codes} is empty) of the bed with
     * device time in {@code [from, to)}, ordered by time. Invalid values are not recorded as points.
     */
    List<TrendPoint> numerics(String bed, Set<String> codes, Instant from, Instant to);

    /** Per-minute aggregates (median, min, max) of the codes in {@code [from, to)}, ordered by minute. */
    List<MinuteAggregate> minutes(String bed, Set<String> codes, Instant from, Instant to);

    /**
     * The full-disclosure waveform of the bed in {@code [from, to)}: one trace per channel recorded in that span,
     * each as contiguous segments placed by device time. Between two segments the recording has a gap (a lost
     * message, a silent device); nothing is ever interpolated. Segments are clipped to the span.
     */
    WaveWindow waves(String bed, Instant from, Instant to);

    /** The span of recorded data of the bed (numerics or waveforms), or null when nothing is recorded. */
    RecordedSpan span(String bed);

    /** Bytes the recording occupies in the store (numerics, aggregates, waveform blocks), for "disk use" on screen. */
    long bytesUsed();
}
