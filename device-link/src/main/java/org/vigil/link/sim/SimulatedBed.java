package org.vigil.link.sim;

import java.time.LocalDate;
import java.util.Objects;
import org.vigil.data.model.PatientCategory;

/**
 * One bed of the ward simulator: its bed id ("01".."NN"), its simulated device's id ({@code sim-{ward}-{bed}})
 * and the invented patient the station admits to it (marked SIMULATED there).
 */
public record SimulatedBed(String bedId, String deviceId, String patientName, LocalDate birthDate,
                           PatientCategory category) {
    public SimulatedBed {
        Objects.requireNonNull(bedId, "bedId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(patientName, "patientName");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(category, "category");
    }
}
