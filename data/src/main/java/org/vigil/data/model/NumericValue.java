package org.vigil.data.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One measured value. {@code value} is null when the device reports it invalid; {@code invalid} then gives the
 * device's reason. {@code time} is the measurement's own device time (for NIBP, when the cuff measured).
 */
public record NumericValue(String code, Double value, String unit, Instant time, String invalid) {
    public NumericValue {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(time, "time");
    }

    public boolean isValid() {
        return value != null;
    }
}
