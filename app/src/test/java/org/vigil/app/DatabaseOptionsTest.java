package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --db} and the config file's {@code database} section: what they resolve to, and their errors. */
class DatabaseOptionsTest {
    private static final String URL = "jdbc:postgresql://db.icu3.hospital.local:5432/vigil";

    @TempDir
    Path dir;

    private static StationConfig resolve(Map<String, String> env, String... args) {
        VigilCommand c = new VigilCommand();
        c.env = env;
        new picocli.CommandLine(c).parseArgs(args);
        return c.resolve();
    }

    private String configFile(String yaml) throws Exception {
        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, yaml);
        return file.toString();
    }

    @Test
    void withoutDbTheStationKeepsItsH2DatabaseAndIgnoresADbPasswordInTheEnvironment() {
        StationConfig c = resolve(Map.of(VigilCommand.ENV_DB_PASSWORD, "Secret-Env-1"));
        assertThat(c.database()).isNull();
        assertThat(c.toString()).contains("database=H2 in dataDir");
    }

    @Test
    void dbTakesUserFromTheFileAndThePasswordFromTheEnvironmentOverTheFile() throws Exception {
        String file = configFile("database:\n  user: station\n  password: Secret-File-1\n");
        StationConfig fromFile = resolve(Map.of(), "--config", file, "--db", URL);
        assertThat(fromFile.database()).isEqualTo(new DatabaseSettings(URL, "station", "Secret-File-1".toCharArray()));

        StationConfig fromEnv = resolve(Map.of(VigilCommand.ENV_DB_PASSWORD, "Secret-Env-1"), "--config", file,
                "--db", URL);
        assertThat(fromEnv.database().password()).containsExactly("Secret-Env-1".toCharArray());
        assertThat(fromEnv.toString()).contains("url=" + URL, "user=station", "password=(hidden)")
                .doesNotContain("Secret");
    }

    @Test
    void theUrlMayComeFromTheFileAndDbWins() throws Exception {
        String file = configFile("database:\n  url: jdbc:postgresql://other:5432/ward2?password=Secret-Url-1\n"
                + "  user: station\n");
        StationConfig fromFile = resolve(Map.of(), "--config", file);
        assertThat(fromFile.database().url()).isEqualTo("jdbc:postgresql://other:5432/ward2?password=Secret-Url-1");
        assertThat(fromFile.toString()).contains("jdbc:postgresql://other:5432/ward2").doesNotContain("Secret");
        assertThat(resolve(Map.of(), "--config", file, "--db", URL).database().url()).isEqualTo(URL);
    }

    @Test
    void wrongValuesAreOneLineNamingTheOptionAndNeverThePassword() throws Exception {
        String user = configFile("database:\n  user: station\n");
        assertThatThrownBy(() -> resolve(Map.of(), "--config", user, "--db", "jdbc:h2:file:/tmp/x"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--db: 'jdbc:h2:file:/tmp/x' is not a PostgreSQL URL (expected "
                        + "jdbc:postgresql://host:port/database");
        assertThatThrownBy(() -> resolve(Map.of(), "--config", user, "--db", "jdbc:postgresql://db.icu3:99999/vigil"))
                .hasMessageContaining("--db: ").hasMessageContaining("bad host or port 'db.icu3:99999'");
        assertThatThrownBy(() -> resolve(Map.of(), "--config", user, "--db", "jdbc:postgresql://db.icu3:5432"))
                .hasMessageContaining("names no host or no database");
        assertThatThrownBy(() -> resolve(Map.of(), "--config", user, "--db", URL + "?password=Secret-Cli-1"))
                .hasMessageStartingWith("--db: the URL holds a password").hasMessageContaining("VIGIL_DB_PASSWORD")
                .hasMessageNotContaining("Secret");
        assertThatThrownBy(() -> resolve(Map.of(), "--db", URL))
                .hasMessageStartingWith("database.user: the PostgreSQL account is needed with --db");
        assertThat(resolve(Map.of(), "--db", URL + "?user=station").database().user()).as("or user= in the URL")
                .isNull();

        String badInFile = configFile("database:\n  url: jdbc:postgres://db/vigil?password=Secret-File-2\n"
                + "  user: station\n");
        assertThatThrownBy(() -> resolve(Map.of(), "--config", badInFile))
                .hasMessageStartingWith("database.url: 'jdbc:postgres://db/vigil' is not a PostgreSQL URL")
                .hasMessageNotContaining("Secret");

        String noUrl = configFile("database:\n  user: station\n  password: Secret-File-3\n");
        assertThatThrownBy(() -> resolve(Map.of(), "--config", noUrl))
                .hasMessage("database: user or password given without database.url (or --db)");

        String unknown = configFile("database:\n  url: " + URL + "\n  username: station\n");
        assertThatThrownBy(() -> resolve(Map.of(), "--config", unknown))
                .hasMessageContaining("unknown key 'username'").hasMessageContaining("password, url, user");
    }

    @Test
    void helpShowsDbAndWhereItsPasswordComesFrom() {
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("--db=URL", "jdbc:postgresql://host:port/database", "VIGIL_DB_PASSWORD");
    }
}
