package org.vigil.data.store;

import java.time.LocalDate;
import java.util.Objects;
import org.vigil.data.model.PatientCategory;

/**
 * A patient to admit. {@code mrn} and {@code birthDate} may be null; a blank MRN counts as none (MRNs are unique,
 * so empty strings would collide). Immutable, safe on any thread.
 */
public record NewPatient(String mrn, String name, LocalDate birthDate, PatientCategory category, boolean simulated) {
    public NewPatient {
        mrn = mrn == null || mrn.isBlank() ? null : mrn.strip();
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a patient needs a name");
        }
        Objects.requireNonNull(category, "category");
    }
}
