package org.vigil.data.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;

/**
 * The audit trail: who did what, where and when. Any thread may call it; calls block on I/O (never call from the
 * JavaFX or MQTT callback thread). Each record is committed before {@link #record} returns.
 */
public final class AuditLog {
    public static final String ADMIT = "admit";
    public static final String DISCHARGE = "discharge";

    private final VigilDatabase db;

    public AuditLog(VigilDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Appends one audit row; username, bedId, patientId and detail may be null. */
    public void record(String username, String station, String action, String bedId, Long patientId, String detail,
                       Instant at) {
        db.durable(c -> {
            insert(c, username, station, action, bedId, patientId, detail, at);
            return null;
        });
    }

    /** Inserts on the caller's connection, so that a change and its audit row commit together. */
    public static void insert(Connection c, String username, String station, String action, String bedId, Long patientId,
                       String detail, Instant at) throws SQLException {
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log "
                + "(logged_at, username, station, action, bed_id, patient_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            Jdbc.setInstant(ps, 1, at);
            ps.setString(2, username);
            ps.setString(3, station);
            ps.setString(4, action);
            ps.setString(5, bedId);
            Jdbc.setLong(ps, 6, patientId);
            ps.setString(7, detail);
            ps.executeUpdate();
        }
    }
}
