package org.vigil.data.emr;

import java.util.Map;

/**
 * The charting code table of the wire contract: wire reference id to MDC numeric code, LOINC code and the R4
 * vital-signs profile each Observation claims. Blood pressure is charted as the panel 85354-9 with systolic and
 * diastolic components. Stateless; any thread.
 */
public final class VitalSignCodes {
    public static final String LOINC = "http://loinc.org";
    public static final String MDC = "urn:iso:std:iso:11073:10101";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String SNOMED = "http://snomed.info/sct";

    public static final String HEART_RATE = "MDC_ECG_HEART_RATE";
    public static final String SPO2 = "MDC_PULS_OXIM_SAT_O2";
    public static final String PULSE_RATE = "MDC_PULS_OXIM_PULS_RATE";
    public static final String RESP_RATE = "MDC_RESP_RATE";
    public static final String NIBP_SYS = "MDC_PRESS_BLD_NONINV_SYS";
    public static final String NIBP_DIA = "MDC_PRESS_BLD_NONINV_DIA";
    public static final String NIBP_MEAN = "MDC_PRESS_BLD_NONINV_MEAN";
    public static final String TEMP_BODY = "MDC_TEMP_BODY";

    static final String PROFILE_BASE = "http://hl7.org/fhir/StructureDefinition/";
    static final String BP_PANEL = "85354-9";

    /**
     * One row of the table.
     *
     * @param mdc     IEEE 11073-10101 numeric code
     * @param loinc   LOINC code
     * @param display LOINC display
     * @param profile the R4 profile id (vitalsigns, heartrate, ...)
     */
    record Row(String mdc, String loinc, String display, String profile) {
    }

    private static final Map<String, Row> ROWS = Map.of(
            HEART_RATE, new Row("147842", "8867-4", "Heart rate", "heartrate"),
            PULSE_RATE, new Row("149530", "8867-4", "Heart rate", "heartrate"),
            SPO2, new Row("150456", "2708-6", "Oxygen saturation in Arterial blood", "oxygensat"),
            RESP_RATE, new Row("151562", "9279-1", "Respiratory rate", "resprate"),
            NIBP_SYS, new Row("150301", "8480-6", "Systolic blood pressure", "bp"),
            NIBP_DIA, new Row("150302", "8462-4", "Diastolic blood pressure", "bp"),
            NIBP_MEAN, new Row("150303", "8478-0", "Mean blood pressure", "vitalsigns"),
            TEMP_BODY, new Row("150364", "8310-5", "Body temperature", "bodytemp"));

    private VitalSignCodes() {
    }

    /** True for the wire codes that can be charted. */
    public static boolean isChartable(String code) {
        return ROWS.containsKey(code);
    }

    static Row row(String code) {
        Row r = ROWS.get(code);
        if (r == null) {
            throw new IllegalArgumentException("no LOINC mapping for " + code);
        }
        return r;
    }
}
