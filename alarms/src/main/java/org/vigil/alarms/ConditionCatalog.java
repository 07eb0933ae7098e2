package org.vigil.alarms;

import java.util.Map;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.MeasurementCode;

/** Names and priorities of the alarm conditions the station raises itself. */
public final class ConditionCatalog {
    public static final String NO_DATA = "NO_DATA";
    public static final String DEVICE_OFFLINE = "DEVICE_OFFLINE";
    public static final String LEADS_OFF = "LEADS_OFF";
    public static final String PROBE_OFF = "PROBE_OFF";
    /** The station cannot hear the ward broker: it knows nothing of any bed. */
    public static final String MONITORING_INTERRUPTED = "MONITORING_INTERRUPTED";

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
        String prefix = PREFIX.getOrDefault(code, code.startsWith("MDC_") ? code.substring(4) : code);
        String name = prefix.replaceAll("[^A-Z0-9_]", "_");
        String suffix = high ? "_HIGH" : "_LOW";
        return (name.length() + suffix.length() > 32 ? name.substring(0, 32 - suffix.length()) : name) + suffix;
    }

    /** Desaturation threatens life fastest: high. Other limit alarms: medium. */
    public static AlarmPriority limitPriority(String code, boolean high) {
        return code.equals(MeasurementCode.SPO2) && !high ? AlarmPriority.HIGH : AlarmPriority.MEDIUM;
    }
}
