package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.data.model.StationHealth;
import org.vigil.link.DuplicateStationException;
import org.vigil.link.wire.Decoded;
import org.vigil.link.wire.WireCodec;
import org.vigil.testing.FreePorts;
import org.vigil.testing.MqttTestClient;

/** The embedded default, started for real: broker, simulator, database, health, refusal of a twin station. */
class StationTest {
    /** A headless station's first start needs the first administrator's password. */
    static final String ADMIN_PASSWORD = "correct-horse-battery-9";

    @TempDir
    Path dir;

    private StationConfig config(int port, String station) {
        VigilCommand c = new VigilCommand();
        new picocli.CommandLine(c).parseArgs("--headless", "--embedded-port", Integer.toString(port), "--data-dir",
                dir.toString(), "--station", station, "--ward", "t1");
        return c.resolve().withAdminPassword(ADMIN_PASSWORD.toCharArray());
    }

    @Test
    void theEmbeddedDefaultMonitorsTwelveSimulatedBedsAndPublishesItsHealth() throws Exception {
        int port = FreePorts.loopback();
        try (Station station = new Station(config(port, "cs-1"), Clock.systemUTC())) {
            station.start();
            try (MqttTestClient it = new MqttTestClient()) {
                it.connect("tcp://127.0.0.1:" + port);
                it.subscribe("ward/t1/station/cs-1/health", 1);
                var msg = it.awaitMessage(m -> healthOf(m.payload()) != null && healthOf(m.payload()).bedsWithData() == 12,
                        Duration.ofSeconds(20));
                StationHealth h = healthOf(msg.payload());
                assertThat(h.isOnline()).isTrue();
                assertThat(h.beds()).isEqualTo(12);
                assertThat(h.fps()).as("headless").isNull();
                assertThat(h.cpuPercent()).isNotNull().isGreaterThanOrEqualTo(0);
                assertThat(h.heapMb()).isPositive();
                assertThat(h.rejectedMessages()).isZero();
            }
            // simulated patients are admitted, marked as such
            assertThat(station.uiContext().patientOfBed().apply("01")).isNotNull()
                    .satisfies(p -> assertThat(p.simulated()).isTrue());
        }
    }

    @Test
    void aSecondStationWithTheSameIdOnTheWardIsRefused() throws Exception {
        int port = FreePorts.loopback();
        try (Station first = new Station(config(port, "cs-1"), Clock.systemUTC())) {
            first.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> first.health() != null && first.health().last() != null);
            StationConfig twin = new StationConfig(true, "tcp://127.0.0.1:" + port, port, "t1", "cs-1", 0,
                    dir.resolve("twin"), Duration.ofSeconds(10), java.util.List.of())
                    .withAdminPassword(ADMIN_PASSWORD.toCharArray());
            try (Station second = new Station(twin, Clock.systemUTC())) {
                assertThatThrownBy(second::start).isInstanceOf(DuplicateStationException.class)
                        .hasMessageContaining("cs-1").hasMessageContaining("already online");
            }
            StationConfig other = new StationConfig(true, "tcp://127.0.0.1:" + port, port, "t1", "cs-2", 0,
                    dir.resolve("other"), Duration.ofSeconds(10), java.util.List.of())
                    .withAdminPassword(ADMIN_PASSWORD.toCharArray());
            try (Station second = new Station(other, Clock.systemUTC())) {
                second.start(); // another id is welcome
                await().atMost(Duration.ofSeconds(10)).until(() -> second.live().size() == 12);
            }
        }
    }

    @Test
    void aTakenEmbeddedPortIsAOneLineErrorNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            int code = Main.run(new String[] {"--headless", "--embedded-port", Integer.toString(taken.getLocalPort()),
                    "--data-dir", dir.toString(), "--station", "x"}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
            assertThat(code).isEqualTo(2);
            assertThat(err.toString().strip()).doesNotContain("\n")
                    .contains("--embedded-port").contains(Integer.toString(taken.getLocalPort())).contains("in use");
        }
    }

    @Test
    void aHeadlessFirstStartWithoutAnAdministratorPasswordIsRefusedInOneLine() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(org.vigil.data.store.FirstRun.ENV_ADMIN_PASSWORD) == null,
                "VIGIL_ADMIN_PASSWORD is set in this environment");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--headless", "--embedded-port", Integer.toString(FreePorts.loopback()),
                "--data-dir", dir.resolve("fresh").toString(), "--station", "x", "--simulate", "0"},
                new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("administrator")
                .contains(org.vigil.data.store.FirstRun.ENV_ADMIN_PASSWORD);
    }

    @Test
    void aHeadlessFirstStartCreatesTheAdministratorFromTheConfiguration() throws Exception {
        int port = FreePorts.loopback();
        try (Station station = new Station(config(port, "cs-1"), Clock.systemUTC())) {
            station.start();
            var users = new org.vigil.data.store.UserStore(station.database(), "test");
            assertThat(users.authenticate("admin", ADMIN_PASSWORD.toCharArray())).isPresent()
                    .hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(org.vigil.data.model.Role.ADMIN));
        }
    }

    private static StationHealth healthOf(byte[] payload) {
        return WireCodec.decodeHealth(payload) instanceof Decoded.Ok<StationHealth> ok ? ok.value() : null;
    }
}
