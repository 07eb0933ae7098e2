package org.vigil.ui.alarms.history;

import java.time.Instant;
import java.util.Objects;
import org.vigil.data.model.AlarmPriority;

/**
 * What the alarm history asks the alarm log for: entries logged in [{@code from}, {@code to}), of one bed or all
 * ({@code bed} null), of one priority or all ({@code priority} null), newest first, at most {@code max}.
 */
public record HistoryQuery(String bed, AlarmPriority priority, Instant from, Instant to, int max) {
    public HistoryQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (max <= 0) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
    }
}
