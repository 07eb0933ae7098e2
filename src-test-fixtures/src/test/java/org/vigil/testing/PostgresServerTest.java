package org.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @BeforeEach
    void requirePostgres() {
        PostgresServer.assumeAvailable();
    }

    private static String query(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theTestUserLogsInWithItsPasswordOnlyAndCommitsSurviveACrashOfTheServer() throws Exception {
        var server = PostgresServer.create();
        try (server) {
            server.start();
            assertThat(query(server.jdbcUrl(), server.user(), server.password(), "SELECT current_user"))
                    .isEqualTo(PostgresServer.USER);
            assertThat(query(server.jdbcUrl(), server.user(), server.password(), "SHOW synchronous_commit"))
                    .isEqualTo("on");
            assertThat(query(server.jdbcUrl(), server.user(), server.password(), "SHOW fsync")).isEqualTo("on");
            assertThat(query(server.jdbcUrl(), server.user(), server.password(), "SELECT rolsuper::text FROM pg_roles"
                    + " WHERE rolname = current_user")).isEqualTo("false");
            assertThatThrownBy(() -> query(server.jdbcUrl(), server.user(), "wrong", "SELECT 1"))
                    .hasMessageContaining("password authentication failed");

            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v INT)");
                s.execute("INSERT INTO t VALUES (42)");
            }
            int port = server.port();
            server.crash();
            assertThat(server.isRunning()).isFalse();
            server.start();

            assertThat(server.port()).isEqualTo(port);
            assertThat(query(server.jdbcUrl(), server.user(), server.password(), "SELECT v FROM t")).isEqualTo("42");
        }
        assertThat(server.dir()).doesNotExist();
        assertThatThrownBy(() -> query(server.jdbcUrl(), server.user(), server.password(), "SELECT 1"))
                .as("stopped on close").isInstanceOf(SQLException.class);
    }

    @Test
    void configLinesReachTheServerAndEachCreatedDatabaseStartsEmpty() throws Exception {
        try (var server = PostgresServer.create().config("synchronous_commit = off").start()) {
            assertThat(query(server.jdbcUrl(), server.user(), server.password(), "SHOW synchronous_commit"))
                    .isEqualTo("off");

            String a = server.createDatabase();
            String b = server.createDatabase();
            assertThat(a).isNotEqualTo(b);
            try (Connection c = DriverManager.getConnection(a, server.user(), server.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE only_in_a (v INT)");
            }
            assertThat(query(b, server.user(), server.password(),
                    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_in_a'")).isEqualTo("0");
        }
    }

    @Test
    void theSharedServerIsOneServerPerJvm() {
        assertThat(PostgresServer.shared()).isSameAs(PostgresServer.shared());
        assertThat(PostgresServer.shared().isRunning()).isTrue();
    }
}
