package org.vigil.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alarms.AlarmConfig;
import org.vigil.alarms.ConditionCatalog;
import org.vigil.alarms.ConditionPolicy;
import org.vigil.alarms.DefaultLimits;
import org.vigil.alarms.sound.BurstPattern;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.PatientCategory;

/**
 * The alarm system's settings from the config file's {@code alarms:} section: audio pause, reminder, idle lock,
 * escalation steps per priority, per-condition priority / latching / delay, and the burst patterns within IEC
 * 60601-1-8's limits. Everything not given keeps its default (docs/alarms-defaults.md). Every value is checked when
 * the station starts: a wrong one stops it with a message naming the key.
 *
 * @param alarmConfig the alarm engine's rules (its no-data time is the station's {@code noDataSeconds})
 * @param idleLock    the console locks itself after this long without input
 * @param sounds      the burst pattern per priority
 */
public record AlarmOptions(AlarmConfig alarmConfig, Duration idleLock, Map<AlarmPriority, BurstPattern> sounds) {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmOptions.class);
    public static final Duration DEFAULT_IDLE_LOCK = Duration.ofMinutes(10);
    private static final Pattern CONDITION = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public AlarmOptions {
        EnumMap<AlarmPriority, BurstPattern> s = new EnumMap<>(AlarmPriority.class);
        for (AlarmPriority p : AlarmPriority.values()) {
            s.put(p, sounds.getOrDefault(p, BurstPattern.defaults(p)));
        }
        sounds = java.util.Collections.unmodifiableMap(s);
    }

    public static AlarmOptions defaults() {
        return new AlarmOptions(AlarmConfig.defaults(), DEFAULT_IDLE_LOCK, Map.of());
    }

    /** The {@code alarms:} section (null: all defaults). @throws ConfigException naming the wrong key */
    static AlarmOptions from(ConfigFile.AlarmsEntry e) {
        if (e == null) {
            return defaults();
        }
        AlarmConfig c = AlarmConfig.defaults();
        c = c.withAudioPause(duration("alarms.audioPause", e.audioPause, c.audioPause(), Duration.ofSeconds(15),
                Duration.ofMinutes(10)));
        c = c.withReminderAfter(duration("alarms.reminder", e.reminder, c.reminderAfter(), Duration.ofSeconds(30),
                Duration.ofMinutes(30)));
        Duration idle = duration("alarms.idleLock", e.idleLock, DEFAULT_IDLE_LOCK, Duration.ofMinutes(1),
                Duration.ofHours(1));
        if (e.escalation != null) {
            for (var entry : e.escalation.entrySet()) {
                String key = "alarms.escalation." + entry.getKey();
                AlarmPriority p = priority(key, entry.getKey());
                List<Duration> steps = new ArrayList<>();
                List<String> given = entry.getValue() == null ? List.of() : entry.getValue();
                for (int i = 0; i < given.size(); i++) {
                    Duration d = duration(key + "[" + i + "]", given.get(i), null, Duration.ofSeconds(5),
                            Duration.ofMinutes(30));
                    if (!steps.isEmpty() && !d.minus(steps.get(steps.size() - 1)).isPositive()) {
                        throw new ConfigException(key + ": the steps must grow (" + given + ")");
                    }
                    steps.add(d);
                }
                c = c.withEscalation(p, steps);
            }
        }
        if (e.conditions != null) {
            for (var entry : e.conditions.entrySet()) {
                String name = entry.getKey();
                String key = "alarms.conditions." + name;
                if (!CONDITION.matcher(name).matches()) {
                    throw new ConfigException(key + ": a condition is named in capitals, digits and _ (e.g. SPO2_LOW,"
                            + " NO_DATA, or a device event such as VFIB)");
                }
                ConfigFile.ConditionEntry ce = entry.getValue();
                if (ce == null || (ce.priority == null && ce.latching == null && ce.delay == null)) {
                    throw new ConfigException(key + ": give its priority, latching or delay");
                }
                AlarmPriority p = ce.priority == null ? null : priority(key + ".priority", ce.priority);
                Duration delay = ce.delay == null ? null
                        : duration(key + ".delay", ce.delay, null, Duration.ZERO, Duration.ofMinutes(2));
                c = c.withPolicy(name, new ConditionPolicy(p, ce.latching, delay));
                if (!raisedByVigil(name)) {
                    LOG.warn("{}: not a condition Vigil raises itself; it applies to a device event of that name", key);
                }
            }
        }
        Map<AlarmPriority, BurstPattern> sounds = new EnumMap<>(AlarmPriority.class);
        if (e.sounds != null) {
            for (var entry : e.sounds.entrySet()) {
                String key = "alarms.sounds." + entry.getKey();
                AlarmPriority p = priority(key, entry.getKey());
                ConfigFile.SoundEntry se = entry.getValue() == null ? new ConfigFile.SoundEntry() : entry.getValue();
                BurstPattern b = BurstPattern.defaults(p);
                try {
                    if (se.pulses != null) {
                        b = b.withPulseCount(se.pulses);
                    }
                    if (se.spacing != null) {
                        b = b.withPulseSpacing(duration(key + ".spacing", se.spacing, null, Duration.ZERO,
                                Duration.ofSeconds(5)));
                    }
                    if (se.pause != null) {
                        b = b.withPause(duration(key + ".pause", se.pause, null, Duration.ZERO, Duration.ofSeconds(5)));
                    }
                    if (se.repeat != null) {
                        b = b.withRepeatPeriod(duration(key + ".repeat", se.repeat, null, Duration.ofSeconds(1),
                                Duration.ofMinutes(5)));
                    }
                } catch (IllegalArgumentException outsideTheStandard) {
                    throw new ConfigException(key + ": " + outsideTheStandard.getMessage());
                }
                sounds.put(p, b);
            }
        }
        return new AlarmOptions(c, idle, sounds);
    }

    /** Whether Vigil itself raises a condition of this name (technical, or a limit or invalid condition). */
    private static boolean raisedByVigil(String name) {
        Set<String> known = new java.util.HashSet<>(List.of(ConditionCatalog.NO_DATA, ConditionCatalog.DEVICE_OFFLINE,
                ConditionCatalog.LEADS_OFF, ConditionCatalog.PROBE_OFF, ConditionCatalog.LOW_BATTERY,
                ConditionCatalog.MONITORING_INTERRUPTED, ConditionCatalog.RECORDING_STOPPED,
                ConditionCatalog.AUDIO_UNAVAILABLE, ConditionCatalog.normalise(Watchdog.ALARM_SYSTEM_STALLED)));
        for (PatientCategory cat : PatientCategory.values()) {
            for (String code : DefaultLimits.forCategory(cat).keySet()) {
                known.add(ConditionCatalog.limitCondition(code, true));
                known.add(ConditionCatalog.limitCondition(code, false));
                known.add(ConditionCatalog.invalidCondition(code));
            }
        }
        return known.contains(name);
    }

    private static AlarmPriority priority(String key, String value) {
        AlarmPriority p = value == null ? null : AlarmPriority.fromWire(value.strip().toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new ConfigException(key + ": '" + value + "' is not a priority (high, medium or low)");
        }
        return p;
    }

    /**
     * A duration such as {@code 90s}, {@code 2m}, {@code 1h} (or ISO-8601, {@code PT2M}) within [min, max];
     * {@code otherwise} when not given (null: it must be given).
     */
    static Duration duration(String key, String value, Duration otherwise, Duration min, Duration max) {
        if (value == null || value.isBlank()) {
            if (otherwise == null) {
                throw new ConfigException(key + ": missing; give a duration such as 30s or 2m");
            }
            return otherwise;
        }
        Duration d;
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } else if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).strip()));
            } else {
                long n = Long.parseLong(v.substring(0, v.length() - 1).strip());
                d = switch (v.charAt(v.length() - 1)) {
                    case 'h' -> Duration.ofHours(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 's' -> Duration.ofSeconds(n);
                    default -> throw new NumberFormatException();
                };
            }
        } catch (RuntimeException e) {
            throw new ConfigException(key + ": '" + value + "' is not a duration such as 500ms, 30s, 2m or 1h");
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new ConfigException(key + ": " + value + " is outside " + text(min) + " to " + text(max));
        }
        return d;
    }

    private static String text(Duration d) {
        return d.toMillis() % 1000 != 0 ? d.toMillis() + " ms" : d.toSeconds() % 60 != 0 || d.isZero()
                ? d.toSeconds() + " s" : d.toSeconds() % 3600 != 0 ? d.toMinutes() + " min" : d.toHours() + " h";
    }
}
