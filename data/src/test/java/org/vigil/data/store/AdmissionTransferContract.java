package org.vigil.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.Bed;
import org.vigil.data.model.PatientCategory;

/**
 * Transfers between beds, confirmation against the EMR and a patient's stays ({@link AdmissionStore}), the same on
 * H2 and PostgreSQL (see {@link StoreContract}).
 */
abstract class AdmissionTransferContract extends StoreContract {
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    VigilDatabase db;
    AdmissionStore store;

    @BeforeEach
    void open() {
        db = openDatabase();
        new WardStore(db).syncConfiguredBeds(List.of(new Bed("b1", "Bed 1", true), new Bed("b2", "Bed 2", true),
                new Bed("b3", "Bed 3", true)));
        store = new AdmissionStore(db, "station-a");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<String> audit() {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT action, username, bed_id, patient_id FROM audit_log ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getLong(4));
                }
                return rows;
            }
        });
    }

    @Test
    void aTransferMovesTheAdmissionAndThePatientsStaysFollowThem() {
        long id = store.admit("b1", new NewPatient("MRN-1", "Anna Berg", LocalDate.of(1961, 4, 23),
                PatientCategory.ADULT, false), true, "n.kim", T0).patient().id();
        Admission moved = store.transfer("b1", "b2", "n.kim", T0.plusSeconds(3600));

        assertThat(moved.bedId()).isEqualTo("b2");
        assertThat(moved.patient().id()).isEqualTo(id);
        assertThat(store.currentAdmission("b1")).isEmpty();
        assertThat(store.currentAdmission("b2")).get().extracting(a -> a.patient().id()).isEqualTo(id);
        // which bed's recording is the patient's, when
        assertThat(store.stays(id)).containsExactly(
                new AdmissionStore.Stay("b1", T0, T0.plusSeconds(3600)),
                new AdmissionStore.Stay("b2", T0.plusSeconds(3600), null));
        assertThat(audit()).containsExactly("admit n.kim b1 " + id, "discharge n.kim b1 " + id,
                "transfer n.kim b2 " + id);
        assertThat(store.currentAdmission("b2").orElseThrow().patient().confirmed()).isTrue();
    }

    @Test
    void aTransferIsRefusedFromAnEmptyBedOrToAnOccupiedOneAndChangesNothing() {
        store.admit("b1", new NewPatient("MRN-1", "Anna", null, PatientCategory.ADULT, false), "n", T0);
        store.admit("b2", new NewPatient("MRN-2", "Bo", null, PatientCategory.ADULT, false), "n", T0);
        assertThatThrownBy(() -> store.transfer("b3", "b1", "n", T0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("bed b3 has no patient to transfer");
        assertThatThrownBy(() -> store.transfer("b1", "b2", "n", T0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("bed b2 is occupied: discharge or transfer its patient first");
        assertThat(store.currentAdmission("b1").orElseThrow().patient().name()).isEqualTo("Anna");
        assertThat(store.currentAdmission("b2").orElseThrow().patient().name()).isEqualTo("Bo");
        assertThat(audit()).hasSize(2);
    }

    @Test
    void aPatientAdmittedByHandIsConfirmedOnceWithTheEmrsNameAndAudited() {
        long id = store.admit("b1", new NewPatient("MRN-9", "bo lind", null, PatientCategory.ADULT, false), "n", T0)
                .patient().id();
        assertThat(store.currentAdmission("b1").orElseThrow().patient().confirmed()).isFalse();

        assertThat(store.confirm(id, "Bo Lind", LocalDate.of(1950, 1, 2), "emr-match", T0)).isTrue();
        assertThat(store.confirm(id, "Bo Lind", LocalDate.of(1950, 1, 2), "emr-match", T0)).as("once").isFalse();
        var p = store.currentAdmission("b1").orElseThrow().patient();
        assertThat(p.confirmed()).isTrue();
        assertThat(p.name()).isEqualTo("Bo Lind");
        assertThat(p.birthDate()).isEqualTo(LocalDate.of(1950, 1, 2));
        assertThat(audit()).containsExactly("admit n b1 " + id, "patient_confirmed emr-match null " + id);

        // admitted by hand again (same MRN): unconfirmed again until matched
        store.admit("b2", new NewPatient("MRN-9", "Bo Lind", null, PatientCategory.ADULT, false), "n", T0);
        assertThat(store.currentAdmission("b2").orElseThrow().patient().confirmed()).isFalse();
    }
}
