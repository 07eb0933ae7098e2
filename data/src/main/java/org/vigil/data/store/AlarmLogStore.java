package org.vigil.data.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vigil.data.model.AlarmPriority;

/**
 * The alarm log. Any thread may call it; calls block on I/O (never call from the JavaFX or MQTT callback thread,
 * nor from the alarm evaluation thread, which must not wait on disk: hand entries to a writer thread).
 */
public final class AlarmLogStore {
    private final VigilDatabase db;

    public AlarmLogStore(VigilDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Appends {@code e} (its id is ignored); committed before this returns. */
    public void append(AlarmLogEntry e) {
        Objects.requireNonNull(e, "e");
        // One auto-commit statement: the commit happens inside executeUpdate, before we return.
        db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alarm_log (logged_at, alarm_id, bed_id,"
                    + " patient_id, condition_code, kind, priority, state, alarm_value, limit_low, limit_high, unit,"
                    + " source_time, username, station, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Jdbc.setInstant(ps, 1, e.loggedAt());
                ps.setString(2, e.alarmId());
                ps.setString(3, e.bedId());
                Jdbc.setLong(ps, 4, e.patientId());
                ps.setString(5, e.conditionCode());
                ps.setString(6, e.kind());
                ps.setString(7, e.priority().wireName());
                ps.setString(8, e.state());
                Jdbc.setDouble(ps, 9, e.value());
                Jdbc.setDouble(ps, 10, e.limitLow());
                Jdbc.setDouble(ps, 11, e.limitHigh());
                ps.setString(12, e.unit());
                Jdbc.setInstant(ps, 13, e.sourceTime());
                ps.setString(14, e.username());
                ps.setString(15, e.station());
                ps.setString(16, e.text());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The newest {@code max} entries, newest first, of one bed or (bedIdOrNull == null) of the whole ward. */
    public List<AlarmLogEntry> recent(String bedIdOrNull, int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        String sql = "SELECT * FROM alarm_log" + (bedIdOrNull == null ? "" : " WHERE bed_id = ?")
                + " ORDER BY logged_at DESC, id DESC FETCH FIRST ? ROWS ONLY";
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (bedIdOrNull != null) {
                    ps.setString(i++, bedIdOrNull);
                }
                ps.setInt(i, max);
                List<AlarmLogEntry> entries = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new AlarmLogEntry(rs.getLong("id"), Jdbc.getInstant(rs, "logged_at"),
                                rs.getString("alarm_id"), rs.getString("bed_id"), Jdbc.getLong(rs, "patient_id"),
                                rs.getString("condition_code"), rs.getString("kind"),
                                priority(rs.getString("priority")), rs.getString("state"),
                                Jdbc.getDouble(rs, "alarm_value"), Jdbc.getDouble(rs, "limit_low"),
                                Jdbc.getDouble(rs, "limit_high"), rs.getString("unit"),
                                Jdbc.getInstant(rs, "source_time"), rs.getString("username"),
                                rs.getString("station"), rs.getString("text")));
                    }
                }
                return entries;
            }
        });
    }

    private static AlarmPriority priority(String wire) {
        AlarmPriority p = AlarmPriority.fromWire(wire);
        if (p == null) {
            throw new DatabaseException("alarm_log holds an unknown priority '" + wire + "'");
        }
        return p;
    }
}
