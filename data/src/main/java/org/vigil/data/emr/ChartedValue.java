package org.vigil.data.emr;

import java.time.Instant;
import java.util.Objects;

/**
 * One charted numeric value.
 *
 * @param code          the wire reference id, e.g. {@code MDC_ECG_HEART_RATE} (see {@link VitalSignCodes})
 * @param value         the value charted (as the nurse validated it)
 * @param unit          its UCUM unit as the monitor sent it, e.g. {@code /min}
 * @param measuredValue the monitor's value when the nurse changed it, else null
 * @param changeReason  why the nurse changed it (required when {@code measuredValue} is given)
 * @param measuredAt    when the monitor measured it, when that differs from the event's time (e.g. NIBP), else null
 */
public record ChartedValue(String code, double value, String unit, Double measuredValue, String changeReason,
                           Instant measuredAt) {
    public ChartedValue {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(code + ": value " + value + " is not a number");
        }
        if (measuredValue != null && measuredValue != value && (changeReason == null || changeReason.isBlank())) {
            throw new IllegalArgumentException(code + ": a changed value needs a reason");
        }
    }

    /** A value charted as measured. */
    public static ChartedValue of(String code, double value, String unit) {
        return new ChartedValue(code, value, unit, null, null, null);
    }

    /** True when the nurse changed the monitor's value. */
    public boolean edited() {
        return measuredValue != null && measuredValue != value;
    }
}
