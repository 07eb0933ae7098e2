package org.vigil.alarms;

import java.util.Map;
import org.vigil.data.model.Limit;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.PatientCategory;

/**
 * Default alarm limits by patient category, used until a bed has its own (docs/alarms-defaults.md lists them and
 * their sources). Only HR and SpO2 for now; the full set comes with the alarm system.
 */
public final class DefaultLimits {

    private static final Map<PatientCategory, Map<String, Limit>> DEFAULTS = Map.of(
            PatientCategory.ADULT, Map.of(
                    MeasurementCode.HEART_RATE, new Limit(50.0, 120.0),
                    MeasurementCode.SPO2, new Limit(90.0, null)),
            PatientCategory.PAEDIATRIC, Map.of(
                    MeasurementCode.HEART_RATE, new Limit(70.0, 150.0),
                    MeasurementCode.SPO2, new Limit(90.0, null)),
            PatientCategory.NEONATE, Map.of(
                    MeasurementCode.HEART_RATE, new Limit(100.0, 200.0),
                    // neonates also alarm high: hyperoxia harms premature retinas
                    MeasurementCode.SPO2, new Limit(85.0, 98.0)));

    private DefaultLimits() {
    }

    public static Map<String, Limit> forCategory(PatientCategory category) {
        return DEFAULTS.get(category);
    }
}
