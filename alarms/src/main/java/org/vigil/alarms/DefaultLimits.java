package org.vigil.alarms;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vigil.data.model.Limit;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.PatientCategory;

/**
 * Default alarm limits by patient category, used until a bed has its own. docs/alarms-defaults.md lists every value
 * with its rationale; keep the two in step. Parameters not listed have no default limit, hence no alarm unless a
 * limit is set for the bed.
 */
public final class DefaultLimits {

    private static final Map<PatientCategory, Map<String, Limit>> DEFAULTS = Map.of(
            PatientCategory.ADULT, table(
                    50, 120,      // HR
                    90, null,     // SpO2
                    50, 120,      // PR
                    8, 30,        // RR
                    90, 160,      // NIBP sys
                    50, 90,       // NIBP dia
                    65, 110,      // NIBP mean
                    35.0, 39.0),  // Temp
            PatientCategory.PAEDIATRIC, table(
                    70, 150,
                    90, null,
                    70, 150,
                    12, 40,
                    80, 130,
                    45, 85,
                    55, 100,
                    35.5, 39.0),
            PatientCategory.NEONATE, table(
                    100, 200,
                    // neonates also alarm high: hyperoxia harms premature retinas
                    85, 98,
                    100, 200,
                    25, 70,
                    50, 90,
                    30, 60,
                    35, 65,
                    36.0, 37.8));

    private DefaultLimits() {
    }

    private static Map<String, Limit> table(Number... v) {
        String[] codes = {MeasurementCode.HEART_RATE, MeasurementCode.SPO2, MeasurementCode.PULSE_RATE,
                MeasurementCode.RESP_RATE, MeasurementCode.NIBP_SYS, MeasurementCode.NIBP_DIA,
                MeasurementCode.NIBP_MEAN, MeasurementCode.TEMP_BODY};
        Map<String, Limit> m = new LinkedHashMap<>();
        for (int i = 0; i < codes.length; i++) {
            m.put(codes[i], new Limit(d(v[2 * i]), d(v[2 * i + 1])));
        }
        return Collections.unmodifiableMap(m);
    }

    private static Double d(Number n) {
        return n == null ? null : n.doubleValue();
    }

    /** The category's defaults, in a fixed order (HR, SpO2, PR, RR, NIBP sys/dia/mean, Temp); unmodifiable. */
    public static Map<String, Limit> forCategory(PatientCategory category) {
        return DEFAULTS.get(category);
    }
}
