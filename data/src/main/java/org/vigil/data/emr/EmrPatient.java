package org.vigil.data.emr;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import org.vigil.data.model.PatientCategory;

/**
 * A patient as the EMR knows them.
 *
 * @param reference the EMR's resource reference, e.g. {@code Patient/123} (what Observations point to)
 * @param mrn       the medical record number (the identifier of the configured MRN system, else the first
 *                  identifier typed MR, else the first identifier); null when the EMR gave none
 * @param name      display name, "Given Family"
 * @param birthDate null when unknown
 * @param gender    FHIR administrative gender code, or null
 */
public record EmrPatient(String reference, String mrn, String name, LocalDate birthDate, String gender) {
    public EmrPatient {
        Objects.requireNonNull(reference, "reference");
        name = name == null || name.isBlank() ? "(no name)" : name;
    }

    /** The category whose alarm limits fit the patient's age on {@code today}: neonate under 28 days, paediatric under 18 years. */
    public PatientCategory suggestedCategory(LocalDate today) {
        if (birthDate == null) {
            return PatientCategory.ADULT;
        }
        if (birthDate.plusDays(28).isAfter(today)) {
            return PatientCategory.NEONATE;
        }
        return Period.between(birthDate, today).getYears() < 18 ? PatientCategory.PAEDIATRIC : PatientCategory.ADULT;
    }

    /** As a charting subject. */
    public EmrPatientRef ref() {
        return new EmrPatientRef(reference, mrn);
    }
}
