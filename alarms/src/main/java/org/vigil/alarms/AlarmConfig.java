package org.vigil.alarms;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigil.data.model.AlarmPriority;

/**
 * The timing and per-condition rules of the alarm system; every default is documented in docs/alarms-defaults.md.
 *
 * @param noDataAfter      a bed silent this long raises NO_DATA; the broker unreachable this long interrupts monitoring
 * @param audioPause       how long an audio pause lasts (2 min)
 * @param reminderAfter    an acknowledged condition still present re-sounds after this (3 min)
 * @param invalidAfter     a parameter with limits reported invalid this long raises {@code *_INVALID} (30 s)
 * @param remoteRetention  how long an acknowledgement received for an alarm not (yet) raised here is kept (10 min)
 * @param escalation       per priority, the unacknowledged durations that raise the escalation level to 1, 2, ...
 * @param policies         per condition name, overrides of priority, latching and delay
 */
public record AlarmConfig(Duration noDataAfter, Duration audioPause, Duration reminderAfter, Duration invalidAfter,
                          Duration remoteRetention, Map<AlarmPriority, List<Duration>> escalation,
                          Map<String, ConditionPolicy> policies) {

    /** Condition delays that apply unless a policy says otherwise: SpO2 low after 10 s (motion artefacts). */
    public static final Map<String, Duration> DEFAULT_DELAYS = Map.of("SPO2_LOW", Duration.ofSeconds(10));

    public AlarmConfig {
        EnumMap<AlarmPriority, List<Duration>> e = new EnumMap<>(AlarmPriority.class);
        escalation.forEach((p, l) -> e.put(p, List.copyOf(l)));
        escalation = java.util.Collections.unmodifiableMap(e);
        policies = Map.copyOf(policies);
    }

    public static AlarmConfig defaults() {
        return new AlarmConfig(Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(3),
                Duration.ofSeconds(30), Duration.ofMinutes(10),
                Map.of(AlarmPriority.HIGH, List.of(Duration.ofSeconds(30), Duration.ofSeconds(60))), Map.of());
    }

    public AlarmConfig withNoDataAfter(Duration d) {
        return new AlarmConfig(d, audioPause, reminderAfter, invalidAfter, remoteRetention, escalation, policies);
    }

    public AlarmConfig withAudioPause(Duration d) {
        return new AlarmConfig(noDataAfter, d, reminderAfter, invalidAfter, remoteRetention, escalation, policies);
    }

    public AlarmConfig withReminderAfter(Duration d) {
        return new AlarmConfig(noDataAfter, audioPause, d, invalidAfter, remoteRetention, escalation, policies);
    }

    public AlarmConfig withInvalidAfter(Duration d) {
        return new AlarmConfig(noDataAfter, audioPause, reminderAfter, d, remoteRetention, escalation, policies);
    }

    public AlarmConfig withEscalation(AlarmPriority p, List<Duration> steps) {
        Map<AlarmPriority, List<Duration>> e = new EnumMap<>(AlarmPriority.class);
        e.putAll(escalation);
        e.put(p, steps);
        return new AlarmConfig(noDataAfter, audioPause, reminderAfter, invalidAfter, remoteRetention, e, policies);
    }

    /** Replaces the policy of one condition (e.g. {@code SPO2_LOW}). */
    public AlarmConfig withPolicy(String condition, ConditionPolicy policy) {
        Map<String, ConditionPolicy> p = new HashMap<>(policies);
        p.put(condition, policy);
        return new AlarmConfig(noDataAfter, audioPause, reminderAfter, invalidAfter, remoteRetention, escalation, p);
    }

    /** The priority of {@code condition} given its own ({@code base}: catalog or device). */
    public AlarmPriority priority(String condition, AlarmPriority base) {
        ConditionPolicy p = policies.get(condition);
        return p != null && p.priority() != null ? p.priority() : base;
    }

    /** Latching unless configured otherwise: physiological conditions of high priority. */
    public boolean latching(String condition, AlarmKind kind, AlarmPriority priority) {
        ConditionPolicy p = policies.get(condition);
        if (p != null && p.latching() != null) {
            return p.latching();
        }
        return kind == AlarmKind.PHYSIOLOGICAL && priority == AlarmPriority.HIGH;
    }

    public Duration delay(String condition) {
        ConditionPolicy p = policies.get(condition);
        if (p != null && p.delay() != null) {
            return p.delay();
        }
        if (condition.endsWith(ConditionCatalog.INVALID_SUFFIX)) {
            return invalidAfter;
        }
        return DEFAULT_DELAYS.getOrDefault(condition, Duration.ZERO);
    }

    /** The escalation level of an alarm unacknowledged for {@code unacknowledged}. */
    public int escalationLevel(AlarmPriority priority, Duration unacknowledged) {
        int level = 0;
        for (Duration step : escalation.getOrDefault(priority, List.of())) {
            if (unacknowledged.compareTo(step) >= 0) {
                level++;
            }
        }
        return level;
    }
}
