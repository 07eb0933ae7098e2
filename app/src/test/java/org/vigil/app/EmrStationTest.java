package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.data.emr.EmrSettings;
import org.vigil.data.model.PatientCategory;
import org.vigil.data.store.AdmissionStore;
import org.vigil.data.store.NewPatient;
import org.vigil.data.store.VigilDatabase;
import org.vigil.link.wire.WireCodec;
import org.vigil.testing.FhirTestServer;
import org.vigil.testing.FreePorts;
import org.vigil.testing.MqttTestClient;

/** The EMR options on the command line and in the config file, and a headless station charting automatically. */
class EmrStationTest {
    @TempDir
    Path dir;

    private StationConfig resolve(Map<String, String> env, String... args) {
        VigilCommand c = new VigilCommand();
        c.env = env;
        new picocli.CommandLine(c).parseArgs(args);
        return c.resolve();
    }

    private Path config(String yaml) throws Exception {
        Path f = dir.resolve("vigil.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void emrOptionsComeFromTheCommandLineTheConfigFileAndTheEnvironment() throws Exception {
        assertThat(resolve(Map.of()).emr()).isNull();
        StationConfig plain = resolve(Map.of(), "--emr", "https://emr.example/fhir");
        assertThat(plain.emr().settings().auth()).isInstanceOf(EmrSettings.Auth.None.class);
        assertThat(plain.emr().autoChart()).isNull();
        assertThat(plain.emr().syncInterval()).isEqualTo(Duration.ofSeconds(30));

        Files.writeString(dir.resolve("ca.pem"), "not read until the client starts");
        Path file = config("""
                emr:
                  url: https://emr.example/fhir
                  auth: oauth2
                  tokenUrl: https://emr.example/oauth/token
                  clientId: vigil-cs-1
                  clientSecret: from-file
                  scope: system/Observation.write
                  caFile: ca.pem
                  mrnSystem: urn:oid:1.2.3
                  syncSeconds: 20
                """);
        StationConfig c = resolve(Map.of("VIGIL_EMR_CLIENT_SECRET", "from-env"), "--config", file.toString(),
                "--emr-auto-chart", "60");
        EmrSettings s = c.emr().settings();
        assertThat(s.auth()).isEqualTo(new EmrSettings.Auth.OAuth2(java.net.URI.create("https://emr.example/oauth/token"),
                "vigil-cs-1", "from-env", "system/Observation.write"));
        assertThat(s.caFile()).isEqualTo(dir.resolve("ca.pem"));
        assertThat(s.mrnSystem()).isEqualTo("urn:oid:1.2.3");
        assertThat(c.emr().syncInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.emr().autoChart()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.toString()).doesNotContain("from-env", "from-file");

        Path basic = config("emr: {url: 'http://emr.local/fhir', auth: basic, user: station, password: pw}");
        assertThat(resolve(Map.of("VIGIL_EMR_PASSWORD", "envpw"), "--config", basic.toString()).emr().settings().auth())
                .isEqualTo(new EmrSettings.Auth.Basic("station", "envpw"));
        Path bearer = config("emr: {url: 'http://emr.local/fhir', auth: bearer}");
        assertThat(resolve(Map.of("VIGIL_EMR_TOKEN", "t0k"), "--config", bearer.toString()).emr().settings().auth())
                .isEqualTo(new EmrSettings.Auth.Bearer("t0k"));
    }

    @Test
    void wrongEmrOptionsAreOneLineErrorsNamingThem() throws Exception {
        assertThatThrownBy(() -> resolve(Map.of(), "--emr", "ftp://emr/fhir")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--emr: 'ftp://emr/fhir' is not an http:// or https://");
        assertThatThrownBy(() -> resolve(Map.of(), "--emr", "https://user:pw@emr/fhir"))
                .hasMessageContaining("holds credentials").hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> resolve(Map.of(), "--emr-auto-chart", "60"))
                .hasMessageStartingWith("--emr-auto-chart: needs --emr");
        assertThatThrownBy(() -> resolve(Map.of(), "--emr", "https://emr/fhir", "--emr-auto-chart", "1"))
                .hasMessageStartingWith("--emr-auto-chart: 1 s is outside");
        Path bad = config("emr: {url: 'https://emr/fhir', auth: kerberos}");
        assertThatThrownBy(() -> resolve(Map.of(), "--config", bad.toString()))
                .hasMessage("emr.auth: 'kerberos' is not none, basic, bearer or oauth2");
        Path noSecret = config("emr: {url: 'https://emr/fhir', auth: bearer}");
        assertThatThrownBy(() -> resolve(Map.of(), "--config", noSecret.toString()))
                .hasMessageStartingWith("emr.auth bearer: needs emr.token (or VIGIL_EMR_TOKEN)");
        Path unknown = config("emr: {url: 'https://emr/fhir', secret: x}");
        assertThatThrownBy(() -> resolve(Map.of(), "--config", unknown.toString()))
                .hasMessageContaining("unknown key 'secret'");
    }

    @Test
    void aHeadlessStationChartsItsAdmittedBedsAutomaticallyThroughTheOutbox() throws Exception {
        int port = FreePorts.loopback();
        try (FhirTestServer emr = FhirTestServer.start()) {
            emr.requireOAuth2("vigil-cs-1", "s3cret", Duration.ofHours(1));
            String patient = emr.seedPatient(null, "MRN-5001", "Ida", "Kron", LocalDate.of(1950, 4, 4));
            String encounter = emr.seedEncounter(patient, emr.seedBedLocation("aw", "01"));
            // A patient admitted before this start (by hand, with her MRN).
            try (VigilDatabase db = VigilDatabase.openFile(dir.resolve("data"))) {
                new AdmissionStore(db, "cs-1").admit("01", new NewPatient("MRN-5001", "Ida Kron",
                        LocalDate.of(1950, 4, 4), PatientCategory.ADULT, false), "test", Instant.now());
            }
            Path file = config("""
                    beds: [{id: "01"}, {id: "02"}]
                    emr:
                      url: %s
                      auth: oauth2
                      tokenUrl: %s
                      clientId: vigil-cs-1
                    """.formatted(emr.baseUrl(), emr.tokenUrl()));
            StationConfig config = resolve(Map.of("VIGIL_EMR_CLIENT_SECRET", "s3cret"), "--config", file.toString(),
                    "--headless", "--embedded-port", Integer.toString(port), "--data-dir", dir.resolve("data").toString(),
                    "--station", "cs-1", "--ward", "aw", "--simulate", "0", "--emr-auto-chart", "3600")
                    .withAdminPassword(StationTest.ADMIN_PASSWORD.toCharArray());
            try (Station station = new Station(config, Clock.systemUTC())) {
                station.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> station.link().state() == org.vigil.link.LinkState.CONNECTED);
                Thread.sleep(500); // the subscription follows the connection
                await().atMost(Duration.ofSeconds(30)).until(() -> station.patientsAndCharting().sync().lastPoll() != null);
                try (MqttTestClient device = new MqttTestClient()) {
                    device.connect("tcp://127.0.0.1:" + port);
                    String t = WireCodec.formatTime(Instant.now());
                    device.publish("ward/aw/bed/01/numerics", ("{\"v\":1,\"device\":\"mon-1\",\"time\":\"" + t
                            + "\",\"seq\":1,\"values\":[{\"code\":\"MDC_ECG_HEART_RATE\",\"value\":77,\"unit\":\"/min\"},"
                            + "{\"code\":\"MDC_PULS_OXIM_SAT_O2\",\"value\":95,\"unit\":\"%\"},"
                            + "{\"code\":\"MDC_PRESS_BLD_NONINV_SYS\",\"value\":118,\"unit\":\"mm[Hg]\",\"time\":\"" + t + "\"},"
                            + "{\"code\":\"MDC_PRESS_BLD_NONINV_DIA\",\"value\":76,\"unit\":\"mm[Hg]\",\"time\":\"" + t + "\"}]}")
                            .getBytes(StandardCharsets.UTF_8), 1, false);
                    await().atMost(Duration.ofSeconds(5)).until(() -> station.live().bed("01").lastNumericsAt() != null);
                }
                // one round now instead of waiting the interval
                assertThat(station.autoCharter().chartNow()).hasSize(1);
                await().atMost(Duration.ofSeconds(30)).until(() -> emr.observations().size() == 3);
                List<Observation> obs = emr.observations();
                assertThat(obs).allSatisfy(o -> {
                    assertThat(o.getStatus()).isEqualTo(Observation.ObservationStatus.PRELIMINARY);
                    assertThat(o.hasPerformer()).isFalse();
                    assertThat(o.getSubject().getReference()).isEqualTo(patient);
                    assertThat(o.getEncounter().getReference()).isEqualTo(encounter);
                    assertThat(o.getDevice().getIdentifier().getValue()).isEqualTo("mon-1");
                });
                await().atMost(Duration.ofSeconds(5)).until(() -> station.emrStatus().equals("EMR: connected, 0 pending"));
                assertThat(emr.tokensIssued()).isEqualTo(1);
            }
        }
    }
}
