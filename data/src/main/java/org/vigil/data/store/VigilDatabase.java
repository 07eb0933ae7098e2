package org.vigil.data.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's database: a small HikariCP pool ("vigil-db") over an H2 file or any JDBC URL, migrated by Flyway
 * when opened. Open once at start-up and close at shut-down (off the JavaFX thread: both block on I/O); between
 * those, any thread may use it and the stores built on it.
 */
public final class VigilDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VigilDatabase.class);
    private static final int POOL_SIZE = 4;

    private final HikariDataSource pool;
    private final MigrationReport lastMigration;

    private VigilDatabase(HikariDataSource pool, MigrationReport lastMigration) {
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
        // process crash, not a power loss (no fsync; H2's CHECKPOINT SYNC would add that, at 1.5-2.5 ms).
        String url = "jdbc:h2:file:" + dir.resolve("vigil") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        return open(url, "sa", "");
    }

    /**
     * Opens the database at {@code jdbcUrl} (H2 or PostgreSQL) and migrates it to the newest schema.
     *
     * @throws DatabaseException when it cannot be reached, is locked by another process, or a migration fails
     */
    public static VigilDatabase open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("vigil-db");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        // Fail fast at start-up instead of waiting 30 s with the station showing nothing.
        config.setConnectionTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw openFailure(jdbcUrl, e);
        }
        try {
            MigrationReport report = migrate(pool);
            LOG.info("Database {} open, schema version {} ({} migrations applied now)", redact(jdbcUrl),
                    report.schemaVersion(), report.migrationsExecuted());
            return new VigilDatabase(pool, report);
        } catch (FlywayException e) {
            pool.close();
            throw new DatabaseException("Migrating the database " + redact(jdbcUrl) + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static MigrationReport migrate(DataSource ds) {
        Flyway flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load();
        MigrateResult result = flyway.migrate();
        MigrationInfo current = flyway.info().current();
        return new MigrationReport(result.migrationsExecuted,
                current == null || current.getVersion() == null ? null : current.getVersion().getVersion());
    }

    private static DatabaseException openFailure(String jdbcUrl, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                return new DatabaseException("The database " + redact(jdbcUrl) + " is in use by another process "
                        + "(is another Vigil station running with the same data folder?): " + s.getMessage(), e);
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new DatabaseException("Cannot open the database " + redact(jdbcUrl) + ": " + root.getMessage(), e);
    }

    /** The URL without its options, which may carry credentials. */
    private static String redact(String jdbcUrl) {
        int semi = jdbcUrl.indexOf(';');
        int query = jdbcUrl.indexOf('?');
        int cut = semi < 0 ? query : query < 0 ? semi : Math.min(semi, query);
        return cut < 0 ? jdbcUrl : jdbcUrl.substring(0, cut);
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

    /** Closes the pool, which closes an embedded H2 database and releases its file. */
    @Override
    public void close() {
        pool.close();
        LOG.info("Database closed");
    }
}
