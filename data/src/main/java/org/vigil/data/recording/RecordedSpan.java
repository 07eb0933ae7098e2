package org.vigil.data.recording;

import java.time.Instant;

/** The first and last device time recorded for a bed. */
public record RecordedSpan(Instant first, Instant last) {
}
