package org.vigil.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.vigil.data.model.AlarmPriority;
import org.vigil.testing.FreePorts;
import org.vigil.testing.PostgresServer;

/** Opening the ward-wide store on PostgreSQL: schema, errors an operator can act on, durable commits. */
class VigilDatabasePostgresTest {
    private static final List<String> TABLES =
            List.of("bed", "patient", "admission", "device", "app_user", "alarm_log", "audit_log");

    PostgresServer pg;

    @BeforeEach
    void server() {
        pg = PostgresServer.shared();
    }

    @Test
    void migrationsCreateTheWholeSchemaOnAnEmptyDatabaseAndAreANoOpOnTheNextOpen() throws Exception {
        String url = pg.createDatabase();
        String version;
        try (VigilDatabase db = VigilDatabase.open(url, pg.user(), pg.password())) {
            assertThat(db.lastMigration().migrationsExecuted()).isPositive();
            version = db.lastMigration().schemaVersion();
            try (Connection c = db.dataSource().getConnection()) {
                DatabaseMetaData meta = c.getMetaData();
                assertThat(meta.getDatabaseProductName()).isEqualTo("PostgreSQL");
                for (String table : TABLES) {
                    try (ResultSet rs = meta.getTables(null, "public", table, new String[] {"TABLE"})) {
                        assertThat(rs.next()).as("table %s exists", table).isTrue();
                    }
                }
            }
        }
        try (VigilDatabase db = VigilDatabase.open(url, pg.user(), pg.password())) {
            assertThat(db.lastMigration()).isEqualTo(new MigrationReport(0, version));
        }
    }

    @Test
    void aRefusedLoginIsOneLineNamingTheUserNeverThePassword() {
        assertThatThrownBy(() -> VigilDatabase.open(pg.jdbcUrl(), pg.user(), "Not-The-Password-9"))
                .isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("The database " + pg.jdbcUrl() + " refused the login of user 'vigil': ")
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining("Not-The-Password-9")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anUnreachableServerOrAMissingDatabaseIsOneClearLine() {
        String nobody = "jdbc:postgresql://127.0.0.1:" + FreePorts.loopback() + "/vigil";
        assertThatThrownBy(() -> VigilDatabase.open(nobody, pg.user(), pg.password()))
                .isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("Cannot reach the database " + nobody + ": ")
                .hasMessageContaining("refused")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> VigilDatabase.open("jdbc:postgresql://no-such-host.invalid/vigil", "u", "p"))
                .isInstanceOf(DatabaseException.class)
                .hasMessage("Cannot reach the database jdbc:postgresql://no-such-host.invalid/vigil: "
                        + "unknown host no-such-host.invalid");
        assertThatThrownBy(() -> VigilDatabase.open(pg.jdbcUrl("no_such_db"), pg.user(), pg.password()))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("database \"no_such_db\" does not exist")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aPasswordInTheUrlIsUsedButNeverLoggedNorShown() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        Map<String, Level> before = Map.of("com.zaxxer.hikari", Level.WARN, "org.flywaydb", Level.WARN);
        // Everything, including the pool's and Flyway's debug output, which print their configuration.
        before.keySet().forEach(name -> ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.TRACE));
        String url = pg.createDatabase() + "?ApplicationName=ward-3&password=" + pg.password();
        try (VigilDatabase db = VigilDatabase.open(url, pg.user(), null)) {
            assertThat(new AlarmLogStore(db).recent(null, 1)).isEmpty();
        } finally {
            root.detachAppender(captured);
            before.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
        }
        assertThat(captured.list).isNotEmpty()
                .noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(pg.password()));
        assertThat(captured.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("?ApplicationName=ward-3").doesNotContain("password"));

        String wrong = pg.jdbcUrl() + "?password=Not-The-Password-9";
        assertThatThrownBy(() -> VigilDatabase.open(wrong, pg.user(), pg.password()))
                .hasMessageContaining("refused the login")
                .hasMessageNotContaining("Not-The-Password-9");
    }

    @Test
    void connectionsCommitSynchronouslyEvenWhereTheDatabaseDefaultIsOff() throws Exception {
        String url = pg.createDatabase();
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password());
             Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + name + " SET synchronous_commit = off");
        }
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
            assertThat(show(c, "synchronous_commit")).as("the database's default").isEqualTo("off");
        }
        try (VigilDatabase db = VigilDatabase.open(url, pg.user(), pg.password())) {
            for (int i = 0; i < 6; i++) { // more than the pool holds: every pooled connection
                String setting = db.query(c -> show(c, "synchronous_commit"));
                assertThat(setting).isEqualTo("on");
            }
        }
    }

    @Test
    void committedAlarmLogRowsSurviveACrashOfTheDatabaseServer() {
        // A server that would lose recent commits: asynchronous commit, WAL written only every 10 s. The station's
        // connections commit synchronously all the same, so an immediate stop (no checkpoint, WAL buffers dropped,
        // as in a crash) loses none of the alarm log.
        try (PostgresServer server = PostgresServer.create()
                .config("synchronous_commit = off", "wal_writer_delay = 10s").start()) {
            try (VigilDatabase db = VigilDatabase.open(server.jdbcUrl(), server.user(), server.password())) {
                AlarmLogStore log = new AlarmLogStore(db);
                for (int i = 0; i < 50; i++) {
                    log.append(new AlarmLogEntry(0, Instant.now(), "b1-HR_HIGH-" + i, "b1", null, "HR_HIGH",
                            "physiological", AlarmPriority.HIGH, "active", 151.0, null, 150.0, "/min", null, null,
                            "station-a", "HR 151 > 150"));
                }
                server.crash();
            }
            server.start();
            try (VigilDatabase db = VigilDatabase.open(server.jdbcUrl(), server.user(), server.password())) {
                assertThat(new AlarmLogStore(db).recent(null, 100)).hasSize(50);
            }
        }
    }

    private static String show(Connection c, String setting) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
