package org.vigil.data.store;

import java.time.Instant;
import java.util.Objects;
import org.vigil.data.model.Patient;

/** An open admission: {@code patient} lies in bed {@code bedId} since {@code admittedAt}. Immutable, safe on any thread. */
public record Admission(long id, String bedId, Patient patient, Instant admittedAt) {
    public Admission {
        Objects.requireNonNull(bedId, "bedId");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(admittedAt, "admittedAt");
    }
}
