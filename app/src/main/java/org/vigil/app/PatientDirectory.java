package org.vigil.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vigil.data.model.Patient;
import org.vigil.data.store.Admission;

/** The patient admitted to each bed, kept in memory for the screen; updated from the database. Any thread. */
final class PatientDirectory {
    private final Map<String, Patient> byBed = new ConcurrentHashMap<>();

    void load(Map<String, Admission> admissions) {
        byBed.clear();
        admissions.forEach((bed, a) -> byBed.put(bed, a.patient()));
    }

    /** Takes the open admissions after a change: beds keep a patient throughout (no blank moment on screen). */
    void reload(Map<String, Admission> admissions) {
        admissions.forEach((bed, a) -> byBed.put(bed, a.patient()));
        byBed.keySet().retainAll(admissions.keySet());
    }

    /** Every bed with its patient now. */
    Map<String, Patient> all() {
        return Map.copyOf(byBed);
    }

    void admitted(Admission a) {
        byBed.put(a.bedId(), a.patient());
    }

    /** The bed's patient, or null. */
    Patient patientOf(String bed) {
        return byBed.get(bed);
    }
}
