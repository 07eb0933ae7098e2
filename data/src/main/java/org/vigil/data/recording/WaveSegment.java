package org.vigil.data.recording;

import java.time.Instant;

/** Contiguous samples from device time {@code t0}; sample i is at {@code t0 + i / rate}. The array is owned by the record. */
public record WaveSegment(Instant t0, int[] samples) {
}
