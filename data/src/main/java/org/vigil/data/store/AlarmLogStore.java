package org.vigil.data.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
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
        // Forced to disk before we return (IEC 60601-1-8 alarm system log; a power loss must not lose it).
        db.durable(c -> {
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
                return read(ps);
            }
        });
    }

    /**
     * The entries logged in [{@code from}, {@code to}), newest first, at most {@code max}: of one bed (or the whole
     * ward when {@code bedOrNull} is null), of one priority (or all when {@code priorityOrNull} is null). Portable
     * SQL; the (bed_id, logged_at) and (logged_at) indexes serve it.
     */
    public List<AlarmLogEntry> query(String bedOrNull, AlarmPriority priorityOrNull, Instant from, Instant to,
                                     int max) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (max <= 0) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM alarm_log WHERE logged_at >= ? AND logged_at < ?");
        if (bedOrNull != null) {
            sql.append(" AND bed_id = ?");
        }
        if (priorityOrNull != null) {
            sql.append(" AND priority = ?");
        }
        sql.append(" ORDER BY logged_at DESC, id DESC FETCH FIRST ? ROWS ONLY");
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                Jdbc.setInstant(ps, i++, from);
                Jdbc.setInstant(ps, i++, to);
                if (bedOrNull != null) {
                    ps.setString(i++, bedOrNull);
                }
                if (priorityOrNull != null) {
                    ps.setString(i++, priorityOrNull.wireName());
                }
                ps.setInt(i, max);
                return read(ps);
            }
        });
    }

    /**
     * An alarm whose last logged state is not ended (active, acknowledged or latched): what a restarting station
     * shows again. {@code last} is its newest entry, {@code firstLoggedAt} when it was first logged (raised).
     */
    public record OpenAlarm(AlarmLogEntry last, Instant firstLoggedAt) {
    }

    /**
     * The alarms logged since {@code since} whose newest entry says active, acknowledged or latched, oldest first.
     * Late-data entries and other states are not alarms and are never returned.
     */
    public List<OpenAlarm> openAlarms(Instant since) {
        Objects.requireNonNull(since, "since");
        String sql = "SELECT l.*, f.first_at FROM alarm_log l JOIN (SELECT alarm_id, MAX(id) AS last_id,"
                + " MIN(logged_at) AS first_at FROM alarm_log WHERE logged_at >= ? GROUP BY alarm_id) f"
                + " ON l.id = f.last_id WHERE l.state IN ('active', 'acknowledged', 'latched')"
                + " ORDER BY l.logged_at, l.id";
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Jdbc.setInstant(ps, 1, since);
                List<OpenAlarm> open = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        open.add(new OpenAlarm(row(rs), Jdbc.getInstant(rs, "first_at")));
                    }
                }
                return open;
            }
        });
    }

    private static List<AlarmLogEntry> read(PreparedStatement ps) throws java.sql.SQLException {
        List<AlarmLogEntry> entries = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                entries.add(row(rs));
            }
        }
        return entries;
    }

    private static AlarmLogEntry row(ResultSet rs) throws java.sql.SQLException {
        return new AlarmLogEntry(rs.getLong("id"), Jdbc.getInstant(rs, "logged_at"),
                rs.getString("alarm_id"), rs.getString("bed_id"), Jdbc.getLong(rs, "patient_id"),
                rs.getString("condition_code"), rs.getString("kind"),
                priority(rs.getString("priority")), rs.getString("state"),
                Jdbc.getDouble(rs, "alarm_value"), Jdbc.getDouble(rs, "limit_low"),
                Jdbc.getDouble(rs, "limit_high"), rs.getString("unit"),
                Jdbc.getInstant(rs, "source_time"), rs.getString("username"),
                rs.getString("station"), rs.getString("text"));
    }

    private static AlarmPriority priority(String wire) {
        AlarmPriority p = AlarmPriority.fromWire(wire);
        if (p == null) {
            throw new DatabaseException("alarm_log holds an unknown priority '" + wire + "'");
        }
        return p;
    }
}
