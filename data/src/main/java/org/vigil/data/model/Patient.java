package org.vigil.data.model;

import java.time.LocalDate;

/**
 * A patient. {@code simulated} marks the ward simulator's made-up patients, shown as SIMULATED everywhere they are
 * shown. {@code confirmed}: the identity has been confirmed against the EMR (admitted from an EMR search or an
 * Encounter, or matched by MRN once the EMR was reachable); a patient admitted by hand is unconfirmed until then.
 */
public record Patient(long id, String mrn, String name, LocalDate birthDate, PatientCategory category, boolean simulated,
                      boolean confirmed) {

    /** An unconfirmed patient (admitted by hand, or simulated). */
    public Patient(long id, String mrn, String name, LocalDate birthDate, PatientCategory category, boolean simulated) {
        this(id, mrn, name, birthDate, category, simulated, false);
    }
}
