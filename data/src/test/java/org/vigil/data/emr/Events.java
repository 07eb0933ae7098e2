package org.vigil.data.emr;

import java.time.Instant;
import java.util.List;

/** Charting events for the EMR tests. */
final class Events {
    private Events() {
    }

    /** A full set of vitals signed by nurse {@code n.jones}. */
    static ChartingEvent signed(String eventId, EmrPatientRef patient, String encounter, Instant at) {
        return new ChartingEvent("cs-1", eventId, patient, 7L, encounter, "01", "mon-01", "n.jones", at,
                List.of(ChartedValue.of(VitalSignCodes.HEART_RATE, 72, "/min"),
                        ChartedValue.of(VitalSignCodes.SPO2, 97, "%"),
                        ChartedValue.of(VitalSignCodes.RESP_RATE, 16, "/min"),
                        new ChartedValue(VitalSignCodes.NIBP_SYS, 121, "mm[Hg]", null, null, at.minusSeconds(80)),
                        new ChartedValue(VitalSignCodes.NIBP_DIA, 79, "mm[Hg]", null, null, at.minusSeconds(80)),
                        new ChartedValue(VitalSignCodes.NIBP_MEAN, 93, "mm[Hg]", null, null, at.minusSeconds(80)),
                        new ChartedValue(VitalSignCodes.TEMP_BODY, 37.2, "Cel", 36.8, "probe displaced, re-measured", null)),
                Acvpu.ALERT, false, ChartingEvent.Status.FINAL);
    }

    /** One heart rate, preliminary (unattended). */
    static ChartingEvent heartRate(String eventId, EmrPatientRef patient, double hr, Instant at) {
        return new ChartingEvent("cs-1", eventId, patient, null, null, "01", "mon-01", null, at,
                List.of(ChartedValue.of(VitalSignCodes.HEART_RATE, hr, "/min")), null, null,
                ChartingEvent.Status.PRELIMINARY);
    }
}
