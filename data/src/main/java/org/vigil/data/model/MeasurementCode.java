package org.vigil.data.model;

import java.util.Map;

/**
 * Reference ids (IEEE 11073-10101 MDC names) of the parameters the station knows by name. Unknown codes are
 * still kept and shown generically: see {@link #shortLabel(String)}.
 */
public final class MeasurementCode {
    public static final String HEART_RATE = "MDC_ECG_HEART_RATE";
    public static final String SPO2 = "MDC_PULS_OXIM_SAT_O2";
    public static final String PULSE_RATE = "MDC_PULS_OXIM_PULS_RATE";
    public static final String RESP_RATE = "MDC_RESP_RATE";
    public static final String NIBP_SYS = "MDC_PRESS_BLD_NONINV_SYS";
    public static final String NIBP_DIA = "MDC_PRESS_BLD_NONINV_DIA";
    public static final String NIBP_MEAN = "MDC_PRESS_BLD_NONINV_MEAN";
    public static final String TEMP_BODY = "MDC_TEMP_BODY";

    public static final String ECG_II = "MDC_ECG_ELEC_POTL_II";
    public static final String PLETH = "MDC_PULS_OXIM_PLETH";
    public static final String RESP_WAVE = "MDC_IMPED_TTHOR";

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(HEART_RATE, "HR"),
            Map.entry(SPO2, "SpO2"),
            Map.entry(PULSE_RATE, "PR"),
            Map.entry(RESP_RATE, "RR"),
            Map.entry(NIBP_SYS, "NIBP sys"),
            Map.entry(NIBP_DIA, "NIBP dia"),
            Map.entry(NIBP_MEAN, "NIBP mean"),
            Map.entry(TEMP_BODY, "Temp"),
            Map.entry(ECG_II, "II"),
            Map.entry("MDC_ECG_ELEC_POTL_I", "I"),
            Map.entry("MDC_ECG_ELEC_POTL_III", "III"),
            Map.entry("MDC_ECG_ELEC_POTL_V", "V"),
            Map.entry(PLETH, "Pleth"),
            Map.entry(RESP_WAVE, "Resp"),
            Map.entry("MDC_PRESS_BLD_ART_ABP", "ABP"),
            Map.entry("MDC_AWAY_CO2", "CO2"));

    private MeasurementCode() {
    }

    /** A short label for screens; an unknown code is shown without its {@code MDC_} prefix. */
    public static String shortLabel(String code) {
        String label = LABELS.get(code);
        if (label != null) {
            return label;
        }
        return code.startsWith("MDC_") ? code.substring(4) : code;
    }

    public static boolean isEcg(String code) {
        return code.startsWith("MDC_ECG_ELEC_POTL");
    }
}
