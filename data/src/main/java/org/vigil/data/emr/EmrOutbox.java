package org.vigil.data.emr;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.data.store.AuditLog;
import org.vigil.data.store.VigilDatabase;

/**
 * The EMR outbox (table {@code emr_outbox}, migration V3): every charting event from the moment it is signed
 * until the EMR accepts or refuses it. {@link #sign} writes the event and the nurse's signature (an audit row)
 * in one durable commit. {@link EmrOutboxWorker} sends pending events, oldest first per patient.
 *
 * <p>Any thread may call it; every call blocks on the database (never on the JavaFX or MQTT callback thread).
 * Listeners are called on the calling thread after the change is committed.
 */
public final class EmrOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(EmrOutbox.class);
    /** Audit action of a signed charting event. */
    public static final String AUDIT_CHART = "chart";
    private static final String COLUMNS = "id, event_identifier, patient_key, patient_id, bed_id, effective_at, "
            + "created_at, state, attempts, next_attempt_at, last_error, refusal, done_at, event_json";

    /** Told about every change of an outbox row (enqueued, sent, refused, retried). */
    @FunctionalInterface
    public interface Listener {
        void changed(OutboxEntry entry);
    }

    /** How many events are pending and refused. */
    public record Counts(int pending, int refused) {
    }

    private final VigilDatabase db;
    private final Clock clock;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public EmrOutbox(VigilDatabase db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void addListener(Listener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /**
     * The nurse signs {@code event}: the outbox row and the audit row ({@value #AUDIT_CHART}, by {@code username})
     * are committed together, so a signed event is never lost and never charted unsigned.
     *
     * @throws IllegalArgumentException when an event with the same identifier is already in the outbox
     */
    public OutboxEntry sign(ChartingEvent event, String username) {
        Objects.requireNonNull(username, "username");
        OutboxEntry entry = db.durable(c -> {
            OutboxEntry e = insert(c, event);
            AuditLog.insert(c, username, event.station(), AUDIT_CHART, event.bedId(), event.localPatientId(),
                    "charting event " + event.identifier() + " (" + summary(event) + ")", e.createdAt());
            return e;
        });
        fire(entry);
        return entry;
    }

    /** Enqueues an unattended (preliminary) event in its own commit. */
    public OutboxEntry enqueue(ChartingEvent event) {
        OutboxEntry entry = db.durable(c -> insert(c, event));
        fire(entry);
        return entry;
    }

    /**
     * Enqueues on the caller's connection and transaction, for a caller that commits it with other changes.
     * Listeners are not told (the caller has not committed yet); call {@link #notifyCommitted} after the commit.
     */
    public OutboxEntry enqueue(Connection c, ChartingEvent event) throws SQLException {
        return insert(c, event);
    }

    /** Tells the listeners about an entry enqueued with {@link #enqueue(Connection, ChartingEvent)}, once committed. */
    public void notifyCommitted(OutboxEntry entry) {
        fire(entry);
    }

    private OutboxEntry insert(Connection c, ChartingEvent event) throws SQLException {
        Objects.requireNonNull(event, "event");
        Instant now = clock.instant();
        String json = ChartingEventJson.write(event);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO emr_outbox (event_identifier, patient_key, "
                + "patient_id, bed_id, effective_at, created_at, state, attempts, next_attempt_at, event_json) "
                + "VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)", new String[] {"id"})) {
            ps.setString(1, event.identifier());
            ps.setString(2, event.patient().orderKey());
            setLong(ps, 3, event.localPatientId());
            ps.setString(4, event.bedId());
            setInstant(ps, 5, event.effective());
            setInstant(ps, 6, now);
            setInstant(ps, 7, now);
            ps.setString(8, json);
            ps.executeUpdate();
            long id;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            return new OutboxEntry(id, event.identifier(), event.patient().orderKey(), event.localPatientId(),
                    event.bedId(), event.effective(), now, OutboxEntry.State.PENDING, 0, now, null, null, null, event);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new IllegalArgumentException("charting event " + event.identifier() + " is already in the outbox", e);
            }
            throw e;
        }
    }

    /**
     * The pending events that may be sent at {@code now}: for each patient only the oldest pending one (a
     * patient's later event waits for the earlier), and only when its next attempt is due. Oldest first.
     */
    public List<OutboxEntry> dueHeads(Instant now, int limit) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM emr_outbox o"
                    + " WHERE o.state = 'pending' AND o.next_attempt_at <= ? AND NOT EXISTS (SELECT 1 FROM emr_outbox p"
                    + " WHERE p.state = 'pending' AND p.patient_key = o.patient_key AND p.id < o.id)"
                    + " ORDER BY o.id FETCH FIRST ? ROWS ONLY")) {
                setInstant(ps, 1, now);
                ps.setInt(2, limit);
                return list(ps);
            }
        });
    }

    /** The earliest next attempt of any pending event, or empty when none is pending. */
    public Optional<Instant> nextAttempt() {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT MIN(next_attempt_at) AS t FROM emr_outbox WHERE state = 'pending'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(getInstant(rs, "t"));
            }
        });
    }

    /** The EMR accepted the event. */
    public void markSent(long id, Instant at) {
        finish(id, "sent", null, at);
    }

    /** The EMR refused the event; {@code outcome} is its OperationOutcome text. The patient's next event proceeds. */
    public void markRefused(long id, String outcome, Instant at) {
        finish(id, "refused", truncate(outcome == null ? "refused without an OperationOutcome" : outcome, 4000), at);
    }

    private void finish(long id, String state, String refusal, Instant at) {
        OutboxEntry e = db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE emr_outbox SET state = ?, attempts = attempts + 1,"
                    + " last_attempt_at = ?, done_at = ?, refusal = ? WHERE id = ? AND state = 'pending'")) {
                ps.setString(1, state);
                setInstant(ps, 2, at);
                setInstant(ps, 3, at);
                ps.setString(4, refusal);
                ps.setLong(5, id);
                ps.executeUpdate();
            }
            return byId(c, id);
        });
        fire(e);
    }

    /** The attempt failed (network, timeout, 5xx): the event stays pending until {@code nextAttempt}. */
    public void markRetry(long id, String error, Instant nextAttempt, Instant at) {
        OutboxEntry e = db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE emr_outbox SET attempts = attempts + 1,"
                    + " last_attempt_at = ?, next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'pending'")) {
                setInstant(ps, 1, at);
                setInstant(ps, 2, nextAttempt);
                ps.setString(3, truncate(error, 2000));
                ps.setLong(4, id);
                ps.executeUpdate();
            }
            return byId(c, id);
        });
        fire(e);
    }

    public Counts counts() {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) AS p,"
                    + " SUM(CASE WHEN state = 'refused' THEN 1 ELSE 0 END) AS r FROM emr_outbox");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Counts(rs.getInt("p"), rs.getInt("r"));
            }
        });
    }

    /** One event by its identifier ({@code station/eventId}). */
    public Optional<OutboxEntry> find(String eventIdentifier) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM emr_outbox WHERE event_identifier = ?")) {
                ps.setString(1, eventIdentifier);
                return list(ps).stream().findFirst();
            }
        });
    }

    /** A patient's events (station patient id), newest first. */
    public List<OutboxEntry> forPatient(long patientId, int limit) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM emr_outbox WHERE patient_id = ?"
                    + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY")) {
                ps.setLong(1, patientId);
                ps.setInt(2, limit);
                return list(ps);
            }
        });
    }

    /** A bed's events, newest first. */
    public List<OutboxEntry> forBed(String bedId, int limit) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM emr_outbox WHERE bed_id = ?"
                    + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY")) {
                ps.setString(1, bedId);
                ps.setInt(2, limit);
                return list(ps);
            }
        });
    }

    /** Every event in enqueue order (tests, diagnostics; the benchmark's backlog is 10,000 rows). */
    public List<OutboxEntry> all() {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM emr_outbox ORDER BY id")) {
                return list(ps);
            }
        });
    }

    private static OutboxEntry byId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM emr_outbox WHERE id = ?")) {
            ps.setLong(1, id);
            List<OutboxEntry> l = list(ps);
            return l.isEmpty() ? null : l.get(0);
        }
    }

    private static List<OutboxEntry> list(PreparedStatement ps) throws SQLException {
        List<OutboxEntry> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(entry(rs));
            }
        }
        return result;
    }

    private static OutboxEntry entry(ResultSet rs) throws SQLException {
        long pid = rs.getLong("patient_id");
        Long patientId = rs.wasNull() ? null : pid;
        return new OutboxEntry(rs.getLong("id"), rs.getString("event_identifier"), rs.getString("patient_key"),
                patientId, rs.getString("bed_id"), getInstant(rs, "effective_at"), getInstant(rs, "created_at"),
                OutboxEntry.State.fromDb(rs.getString("state")), rs.getInt("attempts"), getInstant(rs, "next_attempt_at"),
                rs.getString("last_error"), rs.getString("refusal"), getInstant(rs, "done_at"),
                ChartingEventJson.read(rs.getString("event_json")));
    }

    private void fire(OutboxEntry e) {
        if (e == null) {
            return;
        }
        for (Listener l : listeners) {
            try {
                l.changed(e);
            } catch (RuntimeException ex) {
                LOG.warn("EMR outbox listener failed", ex);
            }
        }
    }

    static String summary(ChartingEvent e) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.values().size()).append(" values");
        if (e.acvpu() != null) {
            sb.append(", ACVPU ").append(e.acvpu().letter());
        }
        if (e.supplementalOxygen() != null) {
            sb.append(e.supplementalOxygen() ? ", on O2" : ", on air");
        }
        return sb.append(", ").append(e.status().name().toLowerCase(java.util.Locale.ROOT)).toString();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static void setInstant(PreparedStatement ps, int i, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            // Truncated, never rounded up by the database: a row stamped after "now" would not be due yet, and the
            // worker would spin on a next attempt that is already in the past.
            ps.setObject(i, OffsetDateTime.ofInstant(at.truncatedTo(java.time.temporal.ChronoUnit.MICROS), ZoneOffset.UTC));
        }
    }

    private static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}
