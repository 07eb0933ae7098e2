package org.vigil.data.model;

import java.time.LocalDate;

/** A patient. {@code simulated} marks the ward simulator's made-up patients, shown as SIMULATED everywhere. */
public record Patient(long id, String mrn, String name, LocalDate birthDate, PatientCategory category, boolean simulated) {
}
