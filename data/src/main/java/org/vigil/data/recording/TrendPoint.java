package org.vigil.data.recording;

import java.time.Instant;

/** One recorded numeric value: the measurement's device time, its code (e.g. {@code MDC_ECG_HEART_RATE}) and unit. */
public record TrendPoint(String code, Instant time, double value, String unit) {
}
