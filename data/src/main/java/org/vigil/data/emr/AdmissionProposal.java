package org.vigil.data.emr;

import java.util.Objects;

/**
 * A change of the ward's admissions that the EMR's Encounters call for; the station (or a nurse) decides.
 *
 * @param kind              admit, discharge or transfer
 * @param bedId             the bed the patient is admitted or transferred to, or discharged from
 * @param fromBedId         for a transfer, the bed the patient leaves; else null
 * @param patient           the EMR's patient
 * @param encounter         the in-progress Encounter ({@code Encounter/42}); for a discharge the one that ended
 * @param displaced         the station's patient now in {@code bedId} who would be replaced by an admission or
 *                          transfer, else null
 * @param needsConfirmation true when it would move or remove a patient whose bed has live data: a nurse must
 *                          confirm it; false when the station may apply it at once
 */
public record AdmissionProposal(Kind kind, String bedId, String fromBedId, EmrPatient patient, String encounter,
                                EncounterSync.Occupant displaced, boolean needsConfirmation) {

    /** What the proposal would do. */
    public enum Kind { ADMIT, DISCHARGE, TRANSFER }

    public AdmissionProposal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bedId, "bedId");
        Objects.requireNonNull(patient, "patient");
    }

    /** A stable key: the same change proposed by successive polls has the same key (for de-duplication in a UI). */
    public String key() {
        return kind + ":" + (fromBedId == null ? "" : fromBedId + ">") + bedId + ":" + patient.reference();
    }

    /** One line for a confirmation dialog or the log. */
    public String describe() {
        String who = patient.name() + (patient.mrn() == null ? "" : " (MRN " + patient.mrn() + ")");
        String text = switch (kind) {
            case ADMIT -> "EMR admits " + who + " to bed " + bedId;
            case DISCHARGE -> "EMR discharges " + who + " from bed " + bedId;
            case TRANSFER -> "EMR transfers " + who + " from bed " + fromBedId + " to bed " + bedId;
        };
        if (displaced != null) {
            text += ", replacing " + displaced.name();
        }
        return text;
    }
}
