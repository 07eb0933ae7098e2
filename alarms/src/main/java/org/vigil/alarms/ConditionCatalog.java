package org.vigil.alarms;

import java.util.Locale;
import java.util.Map;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.MeasurementCode;

/** Names and priorities of the alarm conditions the station raises itself (docs/alarms-defaults.md). */
public final class ConditionCatalog {
    public static final String NO_DATA = "NO_DATA";
    public static final String DEVICE_OFFLINE = "DEVICE_OFFLINE";
    public static final String LEADS_OFF = "LEADS_OFF";
    public static final String PROBE_OFF = "PROBE_OFF";
    public static final String LOW_BATTERY = "LOW_BATTERY";
    /** The station cannot hear the ward broker: it knows nothing of any bed. */
    public static final String MONITORING_INTERRUPTED = "MONITORING_INTERRUPTED";
    /** Station-level technical conditions, raised on the pseudo-bed {@link #STATION_BED}. */
    public static final String RECORDING_STOPPED = "RECORDING_STOPPED";
    public static final String AUDIO_UNAVAILABLE = "AUDIO_UNAVAILABLE";
    /** The pseudo-bed id that carries the station's own technical alarms (matches the contract's bed pattern). */
    public static final String STATION_BED = "STATION";
    public static final String INVALID_SUFFIX = "_INVALID";
    /** Battery charge (0..1) below which LOW_BATTERY is raised. */
    public static final double LOW_BATTERY_BELOW = 0.2;

    private static final Map<String, String> PREFIX = Map.of(
            MeasurementCode.HEART_RATE, "HR",
            MeasurementCode.SPO2, "SPO2",
            MeasurementCode.PULSE_RATE, "PR",
            MeasurementCode.RESP_RATE, "RR",
            MeasurementCode.NIBP_SYS, "NIBP_SYS",
            MeasurementCode.NIBP_DIA, "NIBP_DIA",
            MeasurementCode.NIBP_MEAN, "NIBP_MEAN",
            MeasurementCode.TEMP_BODY, "TEMP");

    private ConditionCatalog() {
    }

    /** e.g. {@code HR_HIGH}; unknown codes get a name derived from the code, cut to the contract's 32 characters. */
    public static String limitCondition(String code, boolean high) {
        return withSuffix(code, high ? "_HIGH" : "_LOW");
    }

    /** e.g. {@code HR_INVALID}: the parameter has limits but its value has been invalid for a while. */
    public static String invalidCondition(String code) {
        return withSuffix(code, INVALID_SUFFIX);
    }

    private static String withSuffix(String code, String suffix) {
        String prefix = PREFIX.getOrDefault(code, code.startsWith("MDC_") ? code.substring(4) : code);
        String name = prefix.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        return (name.length() + suffix.length() > 32 ? name.substring(0, 32 - suffix.length()) : name) + suffix;
    }

    /**
     * The numeric code (alarm-off key, limit key) behind a limit condition such as {@code HR_HIGH} or
     * {@code SPO2_LOW}; null for a condition that is not a limit alarm. For codes outside the catalogue the name
     * was derived from the code, so {@code AWAY_CO2_HIGH} gives {@code MDC_AWAY_CO2}.
     */
    public static String parameterCode(String condition) {
        if (condition == null) {
            return null;
        }
        String prefix = condition.endsWith("_HIGH") ? condition.substring(0, condition.length() - 5)
                : condition.endsWith("_LOW") ? condition.substring(0, condition.length() - 4) : null;
        if (prefix == null || prefix.isEmpty()) {
            return null;
        }
        for (var e : PREFIX.entrySet()) {
            if (e.getValue().equals(prefix)) {
                return e.getKey();
            }
        }
        return "MDC_" + prefix;
    }

    /** The contract's normalisation of a device's condition: upper case letters, digits and {@code _}, at most 32. */
    public static String normalise(String condition) {
        String n = condition.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        if (n.isEmpty()) {
            n = "DEVICE_EVENT";
        }
        return n.length() > 32 ? n.substring(0, 32) : n;
    }

    /**
     * Desaturation threatens life fastest: high. Temperature changes slowly (harm delayed): low. Other limit
     * alarms: medium.
     */
    public static AlarmPriority limitPriority(String code, boolean high) {
        if (code.equals(MeasurementCode.SPO2) && !high) {
            return AlarmPriority.HIGH;
        }
        if (code.equals(MeasurementCode.TEMP_BODY)) {
            return AlarmPriority.LOW;
        }
        return AlarmPriority.MEDIUM;
    }
}
