package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.data.store.AlarmLogEntry;
import org.vigil.data.store.AlarmLogStore;
import org.vigil.data.store.VigilDatabase;
import org.vigil.link.LinkState;
import org.vigil.link.wire.WireCodec;
import org.vigil.testing.EmbeddedMqttBroker;
import org.vigil.testing.FreePorts;
import org.vigil.testing.MqttTestClient;
import org.vigil.testing.PostgresServer;

/**
 * Stations on the ward-wide PostgreSQL store ({@code --db}): the alarm log is written there, two stations share it,
 * and a wrong URL, login or server is one line with exit code 2.
 */
class PostgresStoreStationTest {
    @TempDir
    Path dir;
    PostgresServer pg;
    String url;

    @BeforeEach
    void database() {
        pg = PostgresServer.shared();
        url = pg.createDatabase();
    }

    /** A headless station resolved as from its command line, its config file and its environment. */
    private StationConfig config(String station, String broker) throws Exception {
        Path file = dir.resolve(station + ".yaml");
        Files.writeString(file, """
                database:
                  user: %s
                beds:
                  - id: "01"
                    label: Bed 1
                """.formatted(pg.user()));
        VigilCommand c = new VigilCommand();
        c.env = Map.of(VigilCommand.ENV_DB_PASSWORD, pg.password());
        new picocli.CommandLine(c).parseArgs("--headless", "--broker", broker, "--ward", "pgw", "--station", station,
                "--data-dir", dir.resolve(station).toString(), "--config", file.toString(), "--db", url);
        return c.resolve().withAdminPassword(StationTest.ADMIN_PASSWORD.toCharArray());
    }

    private static void heartRate(String brokerUrl, double value) throws Exception {
        try (MqttTestClient device = new MqttTestClient()) {
            device.connect(brokerUrl);
            device.publish("ward/pgw/bed/01/numerics", ("{\"v\":1,\"device\":\"mon-1\",\"time\":\""
                    + WireCodec.formatTime(Instant.now()) + "\",\"seq\":1,\"values\":[{\"code\":"
                    + "\"MDC_ECG_HEART_RATE\",\"value\":" + value + ",\"unit\":\"/min\"}]}")
                    .getBytes(StandardCharsets.UTF_8), 1, false);
        }
    }

    /** Connected and subscribed: device data is no longer lost. */
    private static void awaitOnline(Station s) throws InterruptedException {
        await().atMost(Duration.ofSeconds(10)).until(() -> s.link().state() == LinkState.CONNECTED);
        Thread.sleep(500);
    }

    private List<AlarmLogEntry> alarmLog() {
        try (VigilDatabase db = VigilDatabase.open(url, pg.user(), pg.password())) {
            return new AlarmLogStore(db).recent("01", 100);
        }
    }

    @Test
    void aStationStartedWithDbRecordsItsAlarmsInTheAlarmLogOnPostgres() throws Exception {
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start();
             Station station = new Station(config("cs-pg", broker.url()), Clock.systemUTC())) {
            station.start();
            awaitOnline(station);
            heartRate(broker.url(), 143);

            await().atMost(Duration.ofSeconds(10)).until(() -> !alarmLog().isEmpty());
            AlarmLogEntry logged = alarmLog().getFirst();
            assertThat(logged.conditionCode()).isEqualTo("HR_HIGH");
            assertThat(logged.state()).isEqualTo("active");
            assertThat(logged.value()).isEqualTo(143.0);
            assertThat(logged.station()).isEqualTo("cs-pg");
        }
        try (Stream<Path> files = Files.walk(dir.resolve("cs-pg"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no H2 database beside the logs")
                    .noneMatch(name -> name.endsWith(".mv.db"));
        }
    }

    @Test
    void twoStationsStartingAtOnceOnOneStoreMigrateItOnceAndBothLogTheAlarm() throws Exception {
        ExecutorService starter = Executors.newFixedThreadPool(2);
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start();
             Station a = new Station(config("cs-a", broker.url()), Clock.systemUTC());
             Station b = new Station(config("cs-b", broker.url()), Clock.systemUTC())) {
            // Both first starts at the same moment: one migrates and creates the administrator, neither fails.
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<?>> started = new ArrayList<>();
            for (Station s : List.of(a, b)) {
                started.add(starter.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    s.start();
                    return null;
                }));
            }
            for (Future<?> f : started) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(a.database().lastMigration().migrationsExecuted()
                    + b.database().lastMigration().migrationsExecuted())
                    .isEqualTo(Math.max(a.database().lastMigration().migrationsExecuted(),
                            b.database().lastMigration().migrationsExecuted()));
            var users = new org.vigil.data.store.UserStore(a.database(), "test");
            assertThat(users.users()).extracting(org.vigil.data.model.User::username).containsExactly("admin");

            awaitOnline(a);
            awaitOnline(b);
            heartRate(broker.url(), 143);

            await().atMost(Duration.ofSeconds(10)).until(() -> alarmLog().stream()
                    .map(AlarmLogEntry::station).distinct().count() == 2);
            assertThat(alarmLog()).extracting(AlarmLogEntry::conditionCode).containsOnly("HR_HIGH");
        } finally {
            starter.shutdownNow();
        }
    }

    @Test
    void aWrongUrlLoginOrServerIsOneLineWithExitCode2() throws Exception {
        Path file = dir.resolve("db.yaml");
        Files.writeString(file, "database:\n  user: " + pg.user() + "\n  password: Not-The-Password-9\n");
        String[] common = {"--headless", "--embedded-port", Integer.toString(FreePorts.loopback()), "--simulate", "0",
                "--station", "x", "--data-dir", dir.toString(), "--config", file.toString()};

        String refused = run(common, "--db", url);
        assertThat(refused).startsWith("vigil: --db: The database " + url + " refused the login of user 'vigil'")
                .doesNotContain("Not-The-Password-9");

        String nobody = "jdbc:postgresql://127.0.0.1:" + FreePorts.loopback() + "/vigil";
        assertThat(run(common, "--db", nobody)).startsWith("vigil: --db: Cannot reach the database " + nobody);

        assertThat(run(common, "--db", "jdbc:mysql://db/vigil"))
                .startsWith("vigil: --db: 'jdbc:mysql://db/vigil' is not a PostgreSQL URL");
    }

    /** Runs vigil with {@code common} and {@code more}; asserts exit code 2 and one line, and returns it. */
    private static String run(String[] common, String... more) {
        StringWriter err = new StringWriter();
        String[] args = Stream.concat(Stream.of(common), Stream.of(more)).toArray(String[]::new);
        int code = Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        String line = err.toString().strip();
        assertThat(code).as(line).isEqualTo(2);
        assertThat(line).doesNotContain("\n");
        return line;
    }
}
