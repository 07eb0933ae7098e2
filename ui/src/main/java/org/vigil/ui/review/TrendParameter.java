package org.vigil.ui.review;

import java.util.List;
import java.util.Set;
import org.vigil.data.model.MeasurementCode;
import org.vigil.ui.Styles;

/**
 * The parameters of the trends view, one pane each, in the order a nurse reads them: HR, SpO2, RR, NIBP
 * (systolic, diastolic, mean in one pane), temperature. Each has its colour and a default scale used until data
 * widens it. Any thread.
 */
public enum TrendParameter {
    HR("HR", "/min", Styles.PARAM_HR, "#33ff66", 40, 160, List.of(MeasurementCode.HEART_RATE)),
    SPO2("SpO2", "%", Styles.PARAM_SPO2, "#33e0ff", 80, 100, List.of(MeasurementCode.SPO2)),
    RR("RR", "/min", Styles.PARAM_RESP, "#ffe033", 0, 40, List.of(MeasurementCode.RESP_RATE)),
    NIBP("NIBP", "mmHg", Styles.PARAM_NIBP, "#ff5c5c", 40, 180,
            List.of(MeasurementCode.NIBP_SYS, MeasurementCode.NIBP_DIA, MeasurementCode.NIBP_MEAN)),
    TEMP("Temp", "°C", Styles.PARAM_TEMP, "#ffffff", 35, 39, List.of(MeasurementCode.TEMP_BODY));

    private final String label;
    private final String unit;
    private final String styleClass;
    private final String colour;
    private final double low;
    private final double high;
    private final List<String> codes;

    TrendParameter(String label, String unit, String styleClass, String colour, double low, double high,
                   List<String> codes) {
        this.label = label;
        this.unit = unit;
        this.styleClass = styleClass;
        this.colour = colour;
        this.low = low;
        this.high = high;
        this.codes = codes;
    }

    public String label() {
        return label;
    }

    /** The unit as shown (the wire's UCUM {@code mm[Hg]} and {@code Cel} read as mmHg and °C). */
    public String unit() {
        return unit;
    }

    /** The parameter's style class of {@code dark-theme.css}. */
    public String styleClass() {
        return styleClass;
    }

    /** The parameter's colour on the canvas (the same as its style class). */
    public String colour() {
        return colour;
    }

    /** The default lower end of the pane's scale. */
    public double low() {
        return low;
    }

    public double high() {
        return high;
    }

    /** The measurement codes drawn in this pane (NIBP: systolic, diastolic, mean). */
    public List<String> codes() {
        return codes;
    }

    /** Every code of every parameter: what the trends view asks the recording for. */
    public static Set<String> allCodes() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        for (TrendParameter p : values()) {
            all.addAll(p.codes);
        }
        return Set.copyOf(all);
    }

    /** A UCUM unit of the wire as a nurse reads it. */
    public static String displayUnit(String ucum) {
        if (ucum == null) {
            return "";
        }
        return switch (ucum) {
            case "mm[Hg]" -> "mmHg";
            case "Cel" -> "°C";
            case "Ohm" -> "Ω";
            case "uV" -> "µV";
            default -> ucum;
        };
    }
}
