package org.vigil.data.recording;

import java.util.List;

/**
 * One channel's recording in a window: contiguous segments in time order, with a gap between any two. The physical
 * value of a sample is {@code offset + scale * sample}, in {@code unit}, at {@code rate} samples per second.
 */
public record WaveTrace(String code, double rate, String unit, double scale, double offset, List<WaveSegment> segments) {
    public WaveTrace {
        segments = List.copyOf(segments);
    }
}
