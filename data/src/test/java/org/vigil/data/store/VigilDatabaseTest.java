package org.vigil.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigilDatabaseTest {
    private static final List<String> TABLES =
            List.of("bed", "patient", "admission", "device", "app_user", "alarm_log", "audit_log");

    @TempDir
    Path dir;

    @Test
    void migrationsCreateTheWholeSchemaOnAnEmptyFileAndAreANoOpOnTheNextOpen() throws Exception {
        Path data = dir.resolve("not/yet/there");
        String version;
        try (VigilDatabase db = VigilDatabase.openFile(data)) {
            assertThat(db.lastMigration().migrationsExecuted()).isPositive();
            version = db.lastMigration().schemaVersion();
            assertThat(version).isNotBlank();
            try (Connection c = db.dataSource().getConnection()) {
                DatabaseMetaData meta = c.getMetaData();
                for (String table : TABLES) {
                    String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
                    try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE", "BASE TABLE"})) {
                        assertThat(rs.next()).as("table %s exists", table).isTrue();
                    }
                }
            }
        }
        assertThat(data.resolve("vigil.mv.db")).exists();

        try (VigilDatabase db = VigilDatabase.openFile(data)) {
            assertThat(db.lastMigration()).isEqualTo(new MigrationReport(0, version));
        }
    }

    @Test
    void aFolderThatCannotBeCreatedGivesAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> VigilDatabase.openFile(file.resolve("data")))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("Cannot create the data folder");
    }

    @Test
    void aFileHeldByAnotherProcessGivesAClearError() throws Exception {
        Process holder = child("hold", dir.toString()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do { // skip its log lines (Logback writes to stdout too)
                line = out.readLine();
            } while (line != null && !line.startsWith("open "));
            assertThat(line).as("the other process opened the database").isNotNull();

            assertThatThrownBy(() -> VigilDatabase.openFile(dir))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("is in use by another process");
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        assertThat(holder.exitValue()).isZero();
        // Released on close: this JVM can open it now.
        try (VigilDatabase db = VigilDatabase.openFile(dir)) {
            assertThat(db.lastMigration().migrationsExecuted()).isZero();
        }
    }

    @Test
    void committedAlarmLogRowsSurviveAProcessCrash() throws Exception {
        Process crash = child("crash", dir.toString(), "20").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(crash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(crash.exitValue()).as("halted like kill -9").isEqualTo(9);

        try (VigilDatabase db = VigilDatabase.openFile(dir)) {
            assertThat(new AlarmLogStore(db).recent(null, 100)).hasSize(20);
        }
    }

    /** Another JVM running {@link TestChild}, with this test's class path. */
    private static ProcessBuilder child(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TestChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    }
}
