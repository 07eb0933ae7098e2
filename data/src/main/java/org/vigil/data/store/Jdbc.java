package org.vigil.data.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Null-safe parameter and column helpers. Instants are stored as TIMESTAMP WITH TIME ZONE in UTC, truncated to the
 * microsecond (both H2 and PostgreSQL keep microseconds, but round nanoseconds each their own way); nulls are bound
 * with an explicit SQL type, which PostgreSQL needs.
 */
final class Jdbc {
    private Jdbc() {
    }

    static void setInstant(PreparedStatement ps, int i, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        }
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    static Double getDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    static Long getLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** The generated id of the row just inserted with {@code prepareStatement(sql, new String[] {"id"})}. */
    static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no generated id returned");
            }
            return keys.getLong(1);
        }
    }

    /**
     * Runs {@code insert} (inside the caller's transaction on {@code c}) unless another transaction inserted the same
     * key first, as two stations sharing a PostgreSQL store do when both see a new bed or device at once.
     *
     * @return true if inserted, false if the row exists (a unique violation, SQLSTATE 23505); the transaction stays
     *         usable either way: a savepoint undoes only the failed insert (PostgreSQL aborts the whole transaction
     *         on an error otherwise)
     */
    static boolean insertUnlessDuplicate(Connection c, PreparedStatement insert) throws SQLException {
        Savepoint before = c.getAutoCommit() ? null : c.setSavepoint();
        try {
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            if (before != null) {
                c.rollback(before);
            }
            return false;
        }
        if (before != null) {
            c.releaseSavepoint(before);
        }
        return true;
    }

    /** SQLSTATE of a unique-key violation, on H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";
}
