package org.vigil.data.emr;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One charting event: what a nurse signed for a bed at one time (or what {@code --emr-auto-chart} recorded),
 * becoming one FHIR transaction Bundle ({@link ObservationBundles}). Immutable; any thread.
 *
 * @param station            this station's id (part of the identifier)
 * @param eventId            unique within the station (part of the identifier); letters, digits, {@code . _ -}
 * @param patient            the subject as the EMR knows them
 * @param localPatientId     the station's patient id (for the per-patient event list), or null
 * @param encounter          the patient's in-progress Encounter reference ({@code Encounter/42}), or null
 * @param bedId              the bed
 * @param deviceId           the bedside device the values came from, or null
 * @param performer          the nurse's practitioner identifier; null only for a preliminary event
 * @param effective          when the values were taken
 * @param values             the numeric values (codes with a LOINC mapping only)
 * @param acvpu              level of consciousness, or null when not assessed
 * @param supplementalOxygen true/false when assessed, else null
 * @param status             final (a nurse signed) or preliminary (recorded unattended)
 */
public record ChartingEvent(String station, String eventId, EmrPatientRef patient, Long localPatientId,
                            String encounter, String bedId, String deviceId, String performer, Instant effective,
                            List<ChartedValue> values, Acvpu acvpu, Boolean supplementalOxygen, Status status) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Observation status of every Observation of the event. */
    public enum Status { FINAL, PRELIMINARY }

    public ChartingEvent {
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(bedId, "bedId");
        Objects.requireNonNull(effective, "effective");
        Objects.requireNonNull(status, "status");
        // The identifier goes into an ifNoneExist query: no '|', ',', '&' or '=' that would change its meaning.
        if (!ID.matcher(station).matches() || !ID.matcher(eventId).matches()) {
            throw new IllegalArgumentException("station and event id may hold only letters, digits, '.', '_' and '-' "
                    + "(got '" + station + "', '" + eventId + "')");
        }
        values = values == null ? List.of() : List.copyOf(values);
        if (values.isEmpty() && acvpu == null && supplementalOxygen == null) {
            throw new IllegalArgumentException("a charting event needs at least one value");
        }
        if (status == Status.FINAL && (performer == null || performer.isBlank())) {
            throw new IllegalArgumentException("a final charting event needs the nurse who signed it");
        }
        Set<String> seen = new HashSet<>();
        for (ChartedValue v : values) {
            if (!VitalSignCodes.isChartable(v.code())) {
                throw new IllegalArgumentException("cannot chart " + v.code() + ": it has no LOINC mapping");
            }
            if (!seen.add(v.code())) {
                throw new IllegalArgumentException(v.code() + " is charted twice in one event");
            }
        }
        if (seen.contains(VitalSignCodes.NIBP_SYS) != seen.contains(VitalSignCodes.NIBP_DIA)) {
            throw new IllegalArgumentException("blood pressure needs both systolic and diastolic");
        }
    }

    /** The event's identifier value, {@code {station}/{eventId}}: unique across the hospital's stations. */
    public String identifier() {
        return station + "/" + eventId;
    }
}
