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
            + " p.birth_date, p.category, p.simulated, p.confirmed FROM admission a JOIN patient p ON p.id = a.patient_id"
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
        return admit(bedId, p, false, by, at);
    }

    /**
     * As {@link #admit(String, NewPatient, String, Instant)}, marking the patient confirmed (identity taken from
     * the EMR) or not (admitted by hand: unconfirmed until matched by MRN, see {@link #confirm}).
     */
    public Admission admit(String bedId, NewPatient p, boolean confirmed, String by, Instant at) {
        Objects.requireNonNull(bedId, "bedId");
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        return db.durable(c -> {
            WardStore.ensureBed(c, bedId, at);
            lockBed(c, bedId);
            dischargeOpen(c, "bed_id = ?", bedId, by, at, "replaced by a new admission");
            long patientId = upsertPatient(c, p);
            setConfirmed(c, patientId, confirmed);
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
                    new Patient(patientId, p.mrn(), p.name(), p.birthDate(), p.category(), p.simulated(), confirmed), at);
        });
    }

    /** Discharges the open admission on {@code bedId}; does nothing when the bed has none. */
    public void discharge(String bedId, String by, Instant at) {
        Objects.requireNonNull(bedId, "bedId");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        db.durable(c -> {
            lockBed(c, bedId);
            dischargeOpen(c, "bed_id = ?", bedId, by, at, null);
            return null;
        });
    }

    /** Audit action of a transfer between beds. */
    public static final String TRANSFER = "transfer";
    /** Audit action of a patient admitted by hand being matched to the EMR's patient. */
    public static final String CONFIRM = "patient_confirmed";

    /**
     * Moves the patient admitted to {@code fromBed} to {@code toBed}: the admission on {@code fromBed} ends and one
     * for the same patient (same id, so everything recorded stays theirs) opens on {@code toBed}, with the audit
     * row in the same commit.
     *
     * @throws IllegalStateException when {@code fromBed} has no patient or {@code toBed} has one
     */
    public Admission transfer(String fromBed, String toBed, String by, Instant at) {
        return transfer(fromBed, toBed, by, at, null);
    }

    /**
     * {@link #transfer(String, String, String, Instant)} with {@code note} (nullable) appended to its audit row's
     * detail, e.g. the alarm settings that follow the patient to {@code toBed}.
     */
    public Admission transfer(String fromBed, String toBed, String by, Instant at, String note) {
        Objects.requireNonNull(fromBed, "fromBed");
        Objects.requireNonNull(toBed, "toBed");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        if (fromBed.equals(toBed)) {
            throw new IllegalStateException("the patient is already in bed " + toBed);
        }
        return db.durable(c -> {
            WardStore.ensureBed(c, toBed, at);
            // always in the same order, so two transfers between the same beds cannot deadlock
            lockBed(c, fromBed.compareTo(toBed) < 0 ? fromBed : toBed);
            lockBed(c, fromBed.compareTo(toBed) < 0 ? toBed : fromBed);
            Admission from = openIn(c, fromBed);
            if (from == null) {
                throw new IllegalStateException("bed " + fromBed + " has no patient to transfer");
            }
            if (openIn(c, toBed) != null) {
                throw new IllegalStateException("bed " + toBed + " is occupied: discharge or transfer its patient first");
            }
            dischargeOpen(c, "bed_id = ?", fromBed, by, at, "transferred to bed " + toBed);
            long admissionId;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO admission (patient_id, bed_id, admitted_at, admitted_by) VALUES (?, ?, ?, ?)",
                    new String[] {"id"})) {
                ps.setLong(1, from.patient().id());
                ps.setString(2, toBed);
                Jdbc.setInstant(ps, 3, at);
                ps.setString(4, by);
                ps.executeUpdate();
                admissionId = Jdbc.generatedId(ps);
            }
            AuditLog.insert(c, by, station, TRANSFER, toBed, from.patient().id(),
                    "admission " + admissionId + ", from bed " + fromBed
                            + (note == null || note.isBlank() ? "" : "; " + note), at);
            return new Admission(admissionId, toBed, from.patient(), at);
        });
    }

    /**
     * Marks a patient confirmed against the EMR (matched by MRN), taking the EMR's name and birth date when given.
     *
     * @return true when the patient was unconfirmed until now
     */
    public boolean confirm(long patientId, String emrName, LocalDate emrBirthDate, String by, Instant at) {
        Objects.requireNonNull(by, "by");
        return db.durable(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE patient SET confirmed = TRUE, "
                    + "name = COALESCE(?, name), birth_date = COALESCE(?, birth_date) WHERE id = ? AND confirmed = FALSE")) {
                ps.setString(1, emrName);
                if (emrBirthDate == null) {
                    ps.setNull(2, Types.DATE);
                } else {
                    ps.setObject(2, emrBirthDate);
                }
                ps.setLong(3, patientId);
                n = ps.executeUpdate();
            }
            if (n > 0) {
                AuditLog.insert(c, by, station, CONFIRM, null, patientId, "matched to the EMR by MRN", at);
            }
            return n > 0;
        });
    }

    /** One stay of a patient in a bed; {@code dischargedAt} null while it lasts. */
    public record Stay(String bedId, Instant admittedAt, Instant dischargedAt) {
    }

    /** Every stay of the patient, oldest first: which bed's recording is theirs when (it follows transfers). */
    public List<Stay> stays(long patientId) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT bed_id, admitted_at, discharged_at FROM admission"
                    + " WHERE patient_id = ? ORDER BY admitted_at, id")) {
                ps.setLong(1, patientId);
                List<Stay> stays = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stays.add(new Stay(rs.getString("bed_id"), Jdbc.getInstant(rs, "admitted_at"),
                                Jdbc.getInstant(rs, "discharged_at")));
                    }
                }
                return stays;
            }
        });
    }

    private static Admission openIn(Connection c, String bedId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_OPEN + " AND a.bed_id = ? ORDER BY a.admitted_at, a.id")) {
            ps.setString(1, bedId);
            Admission last = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last = admission(rs);
                }
            }
            return last;
        }
    }

    private static void setConfirmed(Connection c, long patientId, boolean confirmed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE patient SET confirmed = ? WHERE id = ?")) {
            ps.setBoolean(1, confirmed);
            ps.setLong(2, patientId);
            ps.executeUpdate();
        }
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
                rs.getBoolean("simulated"), rs.getBoolean("confirmed"));
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
            Long known = updatePatient(c, p);
            if (known != null) {
                return known;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO patient (name, birth_date, category, simulated, mrn) VALUES (?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            setPatient(ps, p);
            ps.setString(5, p.mrn());
            if (Jdbc.insertUnlessDuplicate(c, ps)) {
                return Jdbc.generatedId(ps);
            }
        }
        // Another station admitted the same MRN (to another bed) at the same moment: it is the same patient.
        Long known = updatePatient(c, p);
        if (known == null) {
            throw new SQLException("patient with MRN " + p.mrn() + " neither insertable nor found");
        }
        return known;
    }

    /** Updates the patient with {@code p}'s MRN; its id, or null when there is none. */
    private static Long updatePatient(Connection c, NewPatient p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE patient SET name = ?, birth_date = ?, category = ?, simulated = ? WHERE mrn = ?")) {
            setPatient(ps, p);
            ps.setString(5, p.mrn());
            if (ps.executeUpdate() == 0) {
                return null;
            }
        }
        try (PreparedStatement find = c.prepareStatement("SELECT id FROM patient WHERE mrn = ?")) {
            find.setString(1, p.mrn());
            try (ResultSet rs = find.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
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
