package org.vigil.ui.patients;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.vigil.data.emr.AdmissionProposal;
import org.vigil.data.emr.EmrPatient;
import org.vigil.data.model.PatientCategory;
import org.vigil.ui.users.StationActions.Result;

/**
 * Admissions at the console, implemented by the composition root: EMR patient search, admission (from the EMR or
 * by hand), discharge, transfer, and the EMR's admission changes that a nurse must confirm. Every method returns
 * at once; the EMR and database work runs off the JavaFX thread, and the futures complete there (the console
 * applies the outcome with one {@code Platform.runLater}). Changes need a logged-in nurse and are audited before
 * they take effect, done or refused. {@link #emrConfigured()} and {@link #awaitingConfirmation()} are cheap and
 * non-blocking (the JavaFX thread calls them).
 */
public interface PatientService {

    /**
     * What an EMR search found.
     *
     * @param patients       the matches (empty when none or when the EMR could not be asked)
     * @param problem        why the EMR could not be asked (unreachable, not configured, a refused query), else null
     * @param emrUnavailable true when the nurse should admit by hand (EMR not configured or unreachable)
     */
    record Found(List<EmrPatient> patients, String problem, boolean emrUnavailable) {
        public Found {
            patients = patients == null ? List.of() : List.copyOf(patients);
        }
    }

    /** True when an EMR is configured at this station. */
    boolean emrConfigured();

    CompletableFuture<Found> searchByMrn(String mrn);

    CompletableFuture<Found> searchByNameAndBirthDate(String name, LocalDate birthDate);

    /** Admits the EMR's patient to {@code bed} (confirmed): whoever lay there is discharged. */
    CompletableFuture<Result> admitFromEmr(String bed, EmrPatient patient, PatientCategory category);

    /**
     * Admits by hand while the EMR cannot be asked: the patient is unconfirmed until a background matcher finds
     * the EMR's patient with this MRN.
     */
    CompletableFuture<Result> admitByHand(String bed, String name, String mrn, LocalDate birthDate,
                                          PatientCategory category);

    /** Discharges the bed's patient and ends the bed's alarms (its alarm settings go back to the defaults). */
    CompletableFuture<Result> discharge(String bed);

    /** Moves the patient of {@code fromBed} to the empty {@code toBed}; their recorded history stays theirs. */
    CompletableFuture<Result> transfer(String fromBed, String toBed);

    /** The EMR's admission changes waiting for a nurse (they would move or remove a patient with live data). */
    List<AdmissionProposal> awaitingConfirmation();

    /** A nurse confirms one of {@link #awaitingConfirmation()}: it is applied (and audited as theirs). */
    CompletableFuture<Result> confirm(AdmissionProposal proposal);

    /** "Not now": hidden until the EMR proposes something else for that bed. */
    void dismiss(AdmissionProposal proposal);
}
