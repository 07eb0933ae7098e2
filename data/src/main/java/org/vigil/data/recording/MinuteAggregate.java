package org.vigil.data.recording;

import java.time.Instant;

/** The values of one code in the minute starting at {@code minute} (device time): median, min, max and how many. */
public record MinuteAggregate(String code, Instant minute, double median, double min, double max, int count, String unit) {
}
