package org.vigil.data.emr;

import java.util.Objects;

/**
 * An in-progress Encounter that the EMR places at one of the ward's beds.
 *
 * @param bedId     the bed (from the Location identifier {@code ward/bed})
 * @param encounter the Encounter's reference, e.g. {@code Encounter/42}
 * @param patient   the Encounter's subject
 */
public record BedEncounter(String bedId, String encounter, EmrPatient patient) {
    public BedEncounter {
        Objects.requireNonNull(bedId, "bedId");
        Objects.requireNonNull(encounter, "encounter");
        Objects.requireNonNull(patient, "patient");
    }
}
