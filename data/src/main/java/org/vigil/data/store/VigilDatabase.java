package org.vigil.data.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's database: a small HikariCP pool ("vigil-db") over an H2 file (the embedded default) or a PostgreSQL
 * database (the ward-wide store, shared by the ward's stations; docs/decisions/0007-postgresql-ward-store.md),
 * migrated by Flyway when opened. Open once at start-up and close at shut-down (off the JavaFX thread: both block on
 * I/O); between those, any thread may use it and the stores built on it.
 */
public final class VigilDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VigilDatabase.class);
    private static final int POOL_SIZE = 4;

    private final HikariDataSource pool;
    private final MigrationReport lastMigration;
    /** H2 in a file: a commit reaches the file but not the disk until CHECKPOINT SYNC (see {@link #durable}). */
    private final boolean h2File;

    private VigilDatabase(HikariDataSource pool, MigrationReport lastMigration, boolean h2File) {
        this.h2File = h2File;
        this.pool = pool;
        this.lastMigration = lastMigration;
    }

    /**
     * Opens (creating if needed) the H2 database {@code dataDir/vigil}.
     *
     * @throws DatabaseException when the folder cannot be created or written, or another process holds the file
     */
    public static VigilDatabase openFile(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DatabaseException("Cannot create the data folder " + dir + ": " + e, e);
        }
        // Checked up front: H2's own error for an unwritable folder does not name the cause.
        if (!Files.isWritable(dir)) {
            throw new DatabaseException("The data folder " + dir + " is not writable by this user");
        }
        // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook could close the database while alarms are still being
        // logged during our orderly shut-down; close() does it instead.
        // WRITE_DELAY=0: with H2's default (500 ms) a commit waits in memory for the background writer, and a
        // kill -9 lost every alarm-log row committed just before it (checked: 0 of 5 survived). With 0 each commit
        // is written to the file before it returns (about 0.6 ms instead of 0.25 ms per append); it survives a
        // process crash; what must also survive a power loss is committed through durable(), which adds
        // H2's CHECKPOINT SYNC (fsync, 1.5-2.5 ms).
        String url = "jdbc:h2:file:" + dir.resolve("vigil") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        return open(url, "sa", "");
    }

    /**
     * Opens the database at {@code jdbcUrl} (H2, or PostgreSQL for a ward-wide store shared by several stations:
     * {@code jdbc:postgresql://host:port/database}) and migrates it to the newest schema. Several stations may open
     * the same PostgreSQL database at once: Flyway holds a lock while it migrates, so the migrations run once.
     *
     * <p>A {@code password=} parameter in the URL is taken out of it (and wins over {@code password}, as the
     * drivers do), so the URL that the pool, Flyway and the logs see never holds it. On PostgreSQL every connection
     * commits synchronously ({@code synchronous_commit} is set back to {@code on} should the server or database
     * default be {@code off}): an alarm-log or audit row is on the server's disk when its commit returns.
     *
     * @throws DatabaseException when it cannot be reached, refuses the login, is locked by another process, or a
     *         migration fails; the message is one line naming the database (without password) and the cause
     */
    public static VigilDatabase open(String jdbcUrl, String user, String password) {
        JdbcUrl url = JdbcUrl.parse(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setPoolName("vigil-db");
        config.setJdbcUrl(url.withoutPassword());
        config.setUsername(user);
        config.setPassword(url.password() != null ? url.password() : password);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        // Fail fast at start-up instead of waiting 30 s with the station showing nothing.
        config.setConnectionTimeout(10_000);
        if (url.isPostgres()) {
            config.addDataSourceProperty("ApplicationName", "vigil");
            // Only 'off' loses commits (the last ~200 ms) on a server crash; local/remote_* are kept as configured.
            config.setConnectionInitSql("SELECT set_config('synchronous_commit', 'on', false)"
                    + " WHERE current_setting('synchronous_commit') = 'off'");
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw openFailure(url, user, e);
        }
        try {
            MigrationReport report = migrate(pool);
            String product = checkDurability(pool, url);
            LOG.info("Database {} ({}) open, schema version {} ({} migrations applied now)", url.redacted(), product,
                    report.schemaVersion(), report.migrationsExecuted());
            return new VigilDatabase(pool, report, url.withoutPassword().startsWith("jdbc:h2:file:"));
        } catch (FlywayException e) {
            pool.close();
            throw new DatabaseException("Migrating the database " + url.redacted() + " failed: "
                    + oneLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * The product and version; on PostgreSQL also checks that commits are durable: synchronous_commit must be on
     * for our connections (it is refused otherwise), and a server running with fsync off is named in the log.
     */
    private static String checkDurability(DataSource ds, JdbcUrl url) {
        try (Connection c = ds.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
            if (url.isPostgres()) {
                if ("off".equals(show(c, "synchronous_commit"))) {
                    throw new DatabaseException("The database " + url.redacted() + " keeps synchronous_commit off "
                            + "for this station's connections: alarm-log and audit commits would not be durable");
                }
                if ("off".equals(show(c, "fsync"))) {
                    LOG.warn("The PostgreSQL server of {} runs with fsync off: a power loss of that server can lose "
                            + "committed alarm-log and audit rows. Ask its administrator to turn fsync on.",
                            url.redacted());
                }
            }
            return product;
        } catch (SQLException e) {
            throw new DatabaseException("Cannot read the settings of the database " + url.redacted() + ": "
                    + oneLine(e.getMessage()), e);
        }
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static MigrationReport migrate(DataSource ds) {
        Flyway flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load();
        MigrateResult result = flyway.migrate();
        MigrationInfo current = flyway.info().current();
        return new MigrationReport(result.migrationsExecuted,
                current == null || current.getVersion() == null ? null : current.getVersion().getVersion());
    }

    private static DatabaseException openFailure(JdbcUrl url, String user, RuntimeException e) {
        String where = url.redacted();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1
                    && !url.isPostgres()) {
                return new DatabaseException("The database " + where + " is in use by another process "
                        + "(is another Vigil station running with the same data folder?): " + oneLine(s.getMessage()), e);
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("28")) { // invalid authorization / password
                    return new DatabaseException("The database " + where + " refused the login of user '" + user
                            + "': " + oneLine(s.getMessage()), e);
                }
                if (state.equals("3D000")) { // invalid catalog name: no such database
                    return new DatabaseException("Cannot open the database " + where + ": "
                            + oneLine(s.getMessage()), e);
                }
                if (state.startsWith("08")) { // connection exception
                    Throwable root = rootCause(s);
                    String why = root instanceof java.net.UnknownHostException
                            ? "unknown host " + root.getMessage() : oneLine(s.getMessage());
                    return new DatabaseException("Cannot reach the database " + where + ": " + why, e);
                }
            }
        }
        return new DatabaseException("Cannot open the database " + where + ": " + oneLine(rootCause(e).getMessage()), e);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** Server messages may carry detail lines; the operator gets one line. */
    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * {@code jdbcUrl} as it may be logged or shown: without a {@code password=} parameter (nor a password in a
     * {@code user:password@} part). Other parameters stay.
     */
    public static String redact(String jdbcUrl) {
        return jdbcUrl == null ? null : JdbcUrl.parse(jdbcUrl).redacted();
    }

    /** True for a {@code jdbc:postgresql:} URL. */
    public static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl != null && JdbcUrl.parse(jdbcUrl).isPostgres();
    }

    /** What the migration did when this database was opened. */
    public MigrationReport lastMigration() {
        return lastMigration;
    }

    /** The pooled data source; connections are auto-commit unless the caller changes that. */
    public DataSource dataSource() {
        return pool;
    }

    /** Work done on one connection; the connection is the caller's for the duration of the call only. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on a pooled auto-commit connection. */
    public <T> T query(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DatabaseException("Database query failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T transaction(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException("Database transaction failed: " + e.getMessage(), e);
        }
    }

    /**
     * Like {@link #transaction}, for what must survive a power loss once this returns: the alarm log, the audit log
     * (acknowledgements, pauses, limit changes), the EMR outbox. On H2 the commit is followed by
     * {@code CHECKPOINT SYNC}, which writes the store and forces it to the disk (a few ms; these commits are rare);
     * on PostgreSQL the synchronous commit already flushed the WAL to disk.
     */
    public <T> T durable(SqlWork<T> work) {
        T result = transaction(work);
        if (h2File) {
            query(c -> {
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT SYNC");
                }
                return null;
            });
        }
        return result;
    }

    /** Closes the pool, which closes an embedded H2 database and releases its file. */
    @Override
    public void close() {
        pool.close();
        LOG.info("Database closed");
    }
}
