package org.vigil.data.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vigil.data.model.Patient;
import org.vigil.data.model.PatientCategory;

/**
 * Admissions of patients to beds. A bed has at most one open admission; a patient (known by MRN) is in at most
 * one bed. Every change writes its audit row in the same transaction. Any thread may call it; calls block on I/O
 * (never call from the JavaFX or MQTT callback thread).
 */
public final class AdmissionStore {
    private static final String SELECT_OPEN = "SELECT a.id, a.bed_id, a.admitted_at, p.id AS patient_id, p.mrn, p.name,"
            + " p.birth_date, p.category, p.simulated FROM admission a JOIN patient p ON p.id = a.patient_id"
            + " WHERE a.discharged_at IS NULL";

    private final VigilDatabase db;
    private final String station;

    /** @param station this station's name, written to the audit log */
    public AdmissionStore(VigilDatabase db, String station) {
        this.db = Objects.requireNonNull(db, "db");
        this.station = Objects.requireNonNull(station, "station");
    }

    /**
     * Admits {@code p} to {@code bedId}, first discharging whoever is open on that bed and, when the MRN is known,
     * the same patient's open admission on another bed (a move). A patient with a known MRN keeps the row and id;
     * name, birth date, category and simulated are updated from {@code p}.
     */
    public Admission admit(String bedId, NewPatient p, String by, Instant at) {
        Objects.requireNonNull(bedId, "bedId");
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        return db.transaction(c -> {
            WardStore.ensureBed(c, bedId, at);
            lockBed(c, bedId);
            dischargeOpen(c, "bed_id = ?", bedId, by, at, "replaced by a new admission");
            long patientId = upsertPatient(c, p);
            dischargeOpen(c, "patient_id = ?", patientId, by, at, "moved to bed " + bedId);
            long admissionId;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO admission (patient_id, bed_id, admitted_at, admitted_by) VALUES (?, ?, ?, ?)",
                    new String[] {"id"})) {
                ps.setLong(1, patientId);
                ps.setString(2, bedId);
                Jdbc.setInstant(ps, 3, at);
                ps.setString(4, by);
                ps.executeUpdate();
                admissionId = Jdbc.generatedId(ps);
            }
            AuditLog.insert(c, by, station, AuditLog.ADMIT, bedId, patientId,
                    "admission " + admissionId + ", " + p.category().wireName() + (p.simulated() ? ", simulated" : ""), at);
            return new Admission(admissionId, bedId,
                    new Patient(patientId, p.mrn(), p.name(), p.birthDate(), p.category(), p.simulated()), at);
        });
    }

    /** Discharges the open admission on {@code bedId}; does nothing when the bed has none. */
    public void discharge(String bedId, String by, Instant at) {
        Objects.requireNonNull(bedId, "bedId");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        db.transaction(c -> {
            lockBed(c, bedId);
            dischargeOpen(c, "bed_id = ?", bedId, by, at, null);
            return null;
        });
    }

    public Optional<Admission> currentAdmission(String bedId) {
        Objects.requireNonNull(bedId, "bedId");
        return Optional.ofNullable(currentAdmissions(bedId).get(bedId));
    }

    /** The open admissions by bed id. */
    public Map<String, Admission> currentAdmissions() {
        return currentAdmissions(null);
    }

    private Map<String, Admission> currentAdmissions(String bedIdOrNull) {
        return db.query(c -> {
            String sql = SELECT_OPEN + (bedIdOrNull == null ? "" : " AND a.bed_id = ?") + " ORDER BY a.admitted_at, a.id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (bedIdOrNull != null) {
                    ps.setString(1, bedIdOrNull);
                }
                Map<String, Admission> open = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // Ordered oldest first, so should two ever be open the newest wins.
                        Admission a = admission(rs);
                        open.put(a.bedId(), a);
                    }
                }
                return open;
            }
        });
    }

    private static Admission admission(ResultSet rs) throws SQLException {
        Patient patient = new Patient(rs.getLong("patient_id"), rs.getString("mrn"), rs.getString("name"),
                rs.getObject("birth_date", LocalDate.class), PatientCategory.fromWire(rs.getString("category")),
                rs.getBoolean("simulated"));
        return new Admission(rs.getLong("id"), rs.getString("bed_id"), patient, Jdbc.getInstant(rs, "admitted_at"));
    }

    /** Serialises admission changes per bed, also between stations sharing a PostgreSQL store. */
    private static void lockBed(Connection c, String bedId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM bed WHERE id = ? FOR UPDATE")) {
            ps.setString(1, bedId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    private record Open(long id, String bedId, long patientId) {
    }

    /** Closes every open admission matching {@code where} (one parameter), with an audit row each. */
    private void dischargeOpen(Connection c, String where, Object key, String by, Instant at, String detail)
            throws SQLException {
        List<Open> open = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, bed_id, patient_id FROM admission WHERE discharged_at IS NULL AND " + where)) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.add(new Open(rs.getLong("id"), rs.getString("bed_id"), rs.getLong("patient_id")));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE admission SET discharged_at = ?, discharged_by = ? WHERE id = ?")) {
            for (Open o : open) {
                Jdbc.setInstant(ps, 1, at);
                ps.setString(2, by);
                ps.setLong(3, o.id());
                ps.executeUpdate();
                AuditLog.insert(c, by, station, AuditLog.DISCHARGE, o.bedId(), o.patientId(),
                        "admission " + o.id() + (detail == null ? "" : ", " + detail), at);
            }
        }
    }

    private static long upsertPatient(Connection c, NewPatient p) throws SQLException {
        if (p.mrn() != null) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE patient SET name = ?, birth_date = ?, category = ?, simulated = ? WHERE mrn = ?")) {
                setPatient(ps, p);
                ps.setString(5, p.mrn());
                if (ps.executeUpdate() > 0) {
                    try (PreparedStatement find = c.prepareStatement("SELECT id FROM patient WHERE mrn = ?")) {
                        find.setString(1, p.mrn());
                        try (ResultSet rs = find.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO patient (name, birth_date, category, simulated, mrn) VALUES (?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            setPatient(ps, p);
            ps.setString(5, p.mrn());
            ps.executeUpdate();
            return Jdbc.generatedId(ps);
        }
    }

    private static void setPatient(PreparedStatement ps, NewPatient p) throws SQLException {
        ps.setString(1, p.name());
        if (p.birthDate() == null) {
            ps.setNull(2, Types.DATE);
        } else {
            ps.setObject(2, p.birthDate());
        }
        ps.setString(3, p.category().wireName());
        ps.setBoolean(4, p.simulated());
    }
}
