package org.vigil.data.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.vigil.data.store.VigilDatabase;
import org.vigil.testing.FhirTestServer;
import org.vigil.testing.MutableClock;
import org.vigil.testing.TestPki;
import org.vigil.testing.TestPki.Issued;

/**
 * The EMR over HTTPS with a hospital CA made in the test: with the CA file the station searches and charts; with
 * the JVM's trust store only, with another CA's file, or with a certificate for another host it is refused with a
 * message naming the certificate problem, and the outbox keeps the event pending (not refused) until the CA is
 * configured. No secret reaches the logs.
 */
class EmrTlsTest {
    private static final String MRN_SYSTEM = "urn:oid:1.2.3.4.5";
    private static final Issued HOSPITAL_CA = TestPki.ca("St Vigil Hospital Root CA");
    private static final Issued OTHER_CA = TestPki.ca("Another Hospital Root CA");
    private static final Issued EMR_CERT = TestPki.server(HOSPITAL_CA, "emr.hospital.local", "127.0.0.1", "localhost");
    private static FhirTestServer server;
    private static String anna;

    @TempDir
    Path dir;
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T10:00:00Z"));

    @BeforeAll
    static void startServer() {
        server = FhirTestServer.startHttps(EMR_CERT);
        anna = server.seedPatient(MRN_SYSTEM, "MRN-5001", "Anna", "Berg", LocalDate.of(1948, 3, 14));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private Path hospitalCa() {
        return TestPki.writeCert(dir.resolve("hospital-ca.pem"), HOSPITAL_CA.cert());
    }

    private static EmrSettings settings(FhirTestServer s, Path caFile) {
        return EmrSettings.of(s.baseUrl()).withMrnSystem(MRN_SYSTEM).withCaFile(caFile)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    private static List<String> stored(String eventId) {
        return server.observations().stream().map(o -> o.getIdentifierFirstRep().getValue())
                .filter(v -> v.startsWith("cs-1/" + eventId + "/")).toList();
    }

    @Test
    void withTheHospitalCaFileSearchAndChartingWorkOverHttps() {
        assertThat(server.baseUrl()).startsWith("https://127.0.0.1:");
        try (EmrClient c = new EmrClient(settings(server, hospitalCa()))) {
            assertThat(c.findPatientsByMrn("MRN-5001")).singleElement().satisfies(p -> {
                assertThat(p.reference()).isEqualTo(anna);
                assertThat(p.name()).isEqualTo("Anna Berg");
            });
            ChartingEvent event = Events.signed("tls-1", new EmrPatientRef(anna, "MRN-5001"), null, clock.instant());
            assertThat(c.chart(event)).isEqualTo(new TransactionOutcome(8, 0));
        }
        assertThat(stored("tls-1")).hasSize(8);
    }

    @Test
    void withTheJvmTrustStoreOnlyTheCertificateIsNotTrustedAndTheEventStaysPendingUntilTheCaIsConfigured() {
        int requestsBefore = server.requestCount();
        try (EmrClient c = new EmrClient(settings(server, null))) {
            assertThatThrownBy(() -> c.findPatientsByMrn("MRN-5001"))
                    .isInstanceOfSatisfying(EmrException.Unreachable.class, u -> {
                        assertThat(u.credentialsRefused()).isFalse();
                        assertThat(u.getMessage()).startsWith("EMR patient search by MRN failed: ")
                                .contains("certificate is not trusted", "no CA in the JVM's trust store signed it",
                                        "set the EMR CA file", "unable to find valid certification path")
                                .doesNotContain("HTTP 500");
                    });
        }

        try (VigilDatabase db = VigilDatabase.openFile(dir.resolve("db"))) {
            EmrOutbox outbox = new EmrOutbox(db, clock);
            outbox.sign(Events.signed("tls-2", new EmrPatientRef(anna, "MRN-5001"), null, clock.instant()), "n.jones");
            try (EmrClient untrusting = new EmrClient(settings(server, null));
                 EmrOutboxWorker w = EmrOutboxWorker.forClient(outbox, untrusting, clock)) {
                assertThat(w.runDue()).isZero();
                clock.advance(w.currentBackoff());
                assertThat(w.runDue()).isZero();
                OutboxEntry entry = outbox.find("cs-1/tls-2").orElseThrow();
                // A trust problem is the station's configuration, not the event's content: it waits, it is not refused.
                assertThat(entry.state()).isEqualTo(OutboxEntry.State.PENDING);
                assertThat(entry.refusal()).isNull();
                assertThat(entry.attempts()).isEqualTo(2);
                assertThat(entry.lastError()).contains("certificate is not trusted", "JVM's trust store");
                assertThat(outbox.counts()).isEqualTo(new EmrOutbox.Counts(1, 0));
                assertThat(w.status().connection()).isEqualTo(EmrStatus.Connection.UNREACHABLE);
            }
            // The handshake failed: no request ever reached the EMR.
            assertThat(server.requestCount()).isEqualTo(requestsBefore);
            assertThat(stored("tls-2")).isEmpty();

            // The administrator configures the hospital CA; the station restarts its client and the event goes.
            try (EmrClient trusting = new EmrClient(settings(server, hospitalCa()));
                 EmrOutboxWorker w = EmrOutboxWorker.forClient(outbox, trusting, clock)) {
                clock.advance(Duration.ofMinutes(5));
                assertThat(w.runDue()).isEqualTo(1);
                assertThat(w.status().connection()).isEqualTo(EmrStatus.Connection.CONNECTED);
            }
            assertThat(outbox.find("cs-1/tls-2").orElseThrow().state()).isEqualTo(OutboxEntry.State.SENT);
            assertThat(stored("tls-2")).hasSize(8);
        }
    }

    @Test
    void aCaFileThatDidNotSignTheEmrsCertificateIsRefusedTheSameWay() {
        Path otherCa = TestPki.writeCert(dir.resolve("other-ca.pem"), OTHER_CA.cert());
        try (EmrClient c = new EmrClient(settings(server, otherCa))) {
            assertThatThrownBy(() -> c.findPatientsByMrn("MRN-5001"))
                    .isInstanceOfSatisfying(EmrException.Unreachable.class, u -> assertThat(u.getMessage())
                            .contains("certificate is not trusted", "no CA in the EMR CA file signed it",
                                    "unable to find valid certification path")
                            .doesNotContain("JVM's trust store", otherCa.toString()));
            ChartingEvent event = Events.heartRate("tls-3", new EmrPatientRef(anna, "MRN-5001"), 70, clock.instant());
            assertThatThrownBy(() -> c.chart(event)).isInstanceOf(EmrException.Unreachable.class)
                    .hasMessageContaining("certificate is not trusted");
        }
        assertThat(stored("tls-3")).isEmpty();
    }

    @Test
    void aCertificateOfTheHospitalCaForAnotherHostIsRefused() {
        Issued elsewhere = TestPki.server(HOSPITAL_CA, "emr.elsewhere", "emr.elsewhere");
        try (FhirTestServer misnamed = FhirTestServer.startHttps(elsewhere);
             EmrClient c = new EmrClient(settings(misnamed, hospitalCa()))) {
            assertThatThrownBy(() -> c.findPatientsByMrn("MRN-5001"))
                    .isInstanceOfSatisfying(EmrException.Unreachable.class, u -> assertThat(u.getMessage())
                            .contains("certificate is not for this host", "127.0.0.1", "emr.elsewhere"));
            assertThat(misnamed.requestCount()).isZero();
        }
    }

    @Test
    void oauth2OverHttpsTrustsTheCaFileForTheTokenEndpointAndLogsNoSecret() {
        String secret = "Ward-icu3-client-S3cret";
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        List<String> exceptionTexts = new ArrayList<>();
        try (FhirTestServer s = FhirTestServer.startHttps(EMR_CERT)) {
            s.requireOAuth2("vigil-cs-1", secret, Duration.ofMinutes(10));
            EmrSettings.Auth auth = new EmrSettings.Auth.OAuth2(URI.create(s.tokenUrl()), "vigil-cs-1", secret, null);
            // Without the CA the token endpoint's certificate is refused before any secret is sent.
            try (EmrClient c = new EmrClient(settings(s, null).withAuth(auth))) {
                assertThatThrownBy(() -> c.findPatientsByMrn("MRN-5001"))
                        .isInstanceOfSatisfying(EmrException.Unreachable.class, u -> {
                            exceptionTexts.add(u.getMessage());
                            assertThat(u.getMessage()).contains("token endpoint", "certificate is not trusted",
                                    "JVM's trust store");
                        });
                assertThat(s.tokensIssued()).isZero();
            }
            try (EmrClient c = new EmrClient(settings(s, hospitalCa()).withAuth(auth))) {
                assertThat(c.findPatientsByMrn("MRN-5001")).isEmpty();
                assertThat(s.tokensIssued()).isEqualTo(1);
            }
            String token = s.authorizationHeaders().getLast().substring("Bearer ".length());
            assertThat(token).startsWith("tok-");

            List<String> logged = new ArrayList<>(exceptionTexts);
            for (ILoggingEvent e : logs.list) {
                logged.add(e.getFormattedMessage());
                for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                    logged.add(t.getMessage());
                }
            }
            assertThat(logged).as("log lines and error messages").isNotEmpty()
                    .noneMatch(line -> line != null && (line.contains(secret) || line.contains(token)));
        } finally {
            root.detachAppender(logs);
        }
    }
}
