package org.vigil.data.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
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
import org.vigil.data.model.Patient;
import org.vigil.data.model.PatientCategory;

/** What {@link AdmissionStore} does, the same on H2 and PostgreSQL (see {@link StoreContract}). */
abstract class AdmissionStoreContract extends StoreContract {
    private static final Instant T0 = Instant.parse("2026-03-01T08:15:30.123456Z");

    VigilDatabase db;
    AdmissionStore store;

    @BeforeEach
    void open() {
        db = openDatabase();
        new WardStore(db).syncConfiguredBeds(List.of(new Bed("b1", "Bed 1", true), new Bed("b2", "Bed 2", true)));
        store = new AdmissionStore(db, "station-a");
    }

    @AfterEach
    void close() {
        db.close();
    }

    record AuditRow(String action, String username, String station, String bedId, Long patientId, Instant at) {
    }

    List<AuditRow> audit() throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT action, username, station, bed_id, patient_id, logged_at FROM audit_log ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            List<AuditRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new AuditRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Jdbc.getLong(rs, "patient_id"), Jdbc.getInstant(rs, "logged_at")));
            }
            return rows;
        }
    }

    @Test
    void admitAndDischargeRoundTripWithAuditRows() throws Exception {
        NewPatient p = new NewPatient("MRN-1", "Ada Lovelace", LocalDate.of(1985, 12, 10), PatientCategory.ADULT, false);
        Admission a = store.admit("b1", p, "nurse.kim", T0);

        Patient expected = new Patient(a.patient().id(), "MRN-1", "Ada Lovelace", LocalDate.of(1985, 12, 10),
                PatientCategory.ADULT, false);
        assertThat(a).isEqualTo(new Admission(a.id(), "b1", expected, T0));
        assertThat(store.currentAdmission("b1")).contains(a);
        assertThat(store.currentAdmission("b2")).isEmpty();
        assertThat(store.currentAdmissions()).containsOnlyKeys("b1").containsEntry("b1", a);

        // Reopening finds it: it is on disk, not in a cache.
        db.close();
        db = openDatabase();
        store = new AdmissionStore(db, "station-a");
        assertThat(store.currentAdmission("b1")).contains(a);

        store.discharge("b1", "nurse.lee", T0.plusSeconds(3600));
        assertThat(store.currentAdmission("b1")).isEmpty();
        assertThat(store.currentAdmissions()).isEmpty();
        store.discharge("b1", "nurse.lee", T0.plusSeconds(3700)); // nothing open: no-op, no audit row

        long pid = a.patient().id();
        assertThat(audit()).containsExactly(
                new AuditRow(AuditLog.ADMIT, "nurse.kim", "station-a", "b1", pid, T0),
                new AuditRow(AuditLog.DISCHARGE, "nurse.lee", "station-a", "b1", pid, T0.plusSeconds(3600)));
    }

    @Test
    void aSecondAdmitOnTheSameBedDischargesTheFirst() throws Exception {
        Admission first = store.admit("b1", new NewPatient(null, "First", null, PatientCategory.NEONATE, true), "n", T0);
        Admission second = store.admit("b1", new NewPatient("", "Second", null, PatientCategory.PAEDIATRIC, false), "n",
                T0.plusSeconds(60));

        assertThat(second.patient().id()).isNotEqualTo(first.patient().id());
        assertThat(second.patient().mrn()).isNull();
        assertThat(store.currentAdmissions()).containsOnlyKeys("b1").containsEntry("b1", second);
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT discharged_at, discharged_by FROM admission WHERE id = ?")) {
            ps.setLong(1, first.id());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(Jdbc.getInstant(rs, "discharged_at")).isEqualTo(T0.plusSeconds(60));
                assertThat(rs.getString("discharged_by")).isEqualTo("n");
            }
        }
        assertThat(audit()).extracting(AuditRow::action, AuditRow::patientId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AuditLog.ADMIT, first.patient().id()),
                org.assertj.core.groups.Tuple.tuple(AuditLog.DISCHARGE, first.patient().id()),
                org.assertj.core.groups.Tuple.tuple(AuditLog.ADMIT, second.patient().id()));
    }

    @Test
    void admittingAKnownMrnToAnotherBedMovesThePatient() {
        Admission inB1 = store.admit("b1", new NewPatient("MRN-7", "Bo", null, PatientCategory.ADULT, false), "n", T0);
        Admission inB2 = store.admit("b2", new NewPatient("MRN-7", "Bo Renamed", null, PatientCategory.ADULT, false),
                "n", T0.plusSeconds(5));

        assertThat(inB2.patient().id()).isEqualTo(inB1.patient().id());
        assertThat(store.currentAdmissions()).containsOnlyKeys("b2");
        assertThat(store.currentAdmission("b2").orElseThrow().patient().name()).isEqualTo("Bo Renamed");
    }

    @Test
    void admittingToABedNobodyRecordedRecordsItAsUnassigned() {
        store.admit("b9", new NewPatient(null, "Cy", null, PatientCategory.ADULT, false), "n", T0);

        assertThat(new WardStore(db).beds()).extracting(Bed::id).containsExactly("b1", "b2", "b9");
        assertThat(store.currentAdmission("b9")).isPresent();
    }
}
