package org.vigil.alarms;

import java.time.Duration;
import org.vigil.data.model.AlarmPriority;

/**
 * How one alarm condition is annunciated: its priority (null: the condition's own, from the catalog or the
 * device), whether it latches (null: physiological high priority latches) and how long it must persist before it
 * is raised (null: the default, see docs/alarms-defaults.md).
 */
public record ConditionPolicy(AlarmPriority priority, Boolean latching, Duration delay) {
    public static ConditionPolicy priority(AlarmPriority p) {
        return new ConditionPolicy(p, null, null);
    }

    public static ConditionPolicy delay(Duration d) {
        return new ConditionPolicy(null, null, d);
    }

    public static ConditionPolicy latching(boolean l) {
        return new ConditionPolicy(null, l, null);
    }
}
