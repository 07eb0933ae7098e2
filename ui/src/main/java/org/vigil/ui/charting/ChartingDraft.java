package org.vigil.ui.charting;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.vigil.data.emr.Acvpu;
import org.vigil.data.emr.ChartedValue;

/**
 * What the nurse reviewed and signs for a bed, before the station adds the patient, encounter and signature.
 * Immutable; any thread.
 *
 * @param effective          when the values were taken (now, or the minute picked from the trends)
 * @param deviceId           the bedside device the values came from, or null
 * @param values             the numeric values, each as measured or changed with a reason
 * @param acvpu              level of consciousness, or null when not assessed
 * @param supplementalOxygen yes / no, or null when not assessed
 */
public record ChartingDraft(Instant effective, String deviceId, List<ChartedValue> values, Acvpu acvpu,
                            Boolean supplementalOxygen) {
    public ChartingDraft {
        Objects.requireNonNull(effective, "effective");
        values = values == null ? List.of() : List.copyOf(values);
    }
}
