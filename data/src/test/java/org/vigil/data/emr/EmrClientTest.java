package org.vigil.data.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigil.testing.FhirTestServer;
import org.vigil.testing.MutableClock;

/** EmrClient against the validating FHIR test server: search, encounters, charting, authentication. */
class EmrClientTest {
    private static final String MRN_SYSTEM = "urn:oid:1.2.3.4.5";
    private static FhirTestServer server;
    private static String anna;

    @BeforeAll
    static void startServer() {
        server = FhirTestServer.start();
        anna = server.seedPatient(MRN_SYSTEM, "MRN-1001", "Anna", "Berg", LocalDate.of(1948, 3, 14));
        server.seedPatient(MRN_SYSTEM, "MRN-1002", "Anders", "Berglund", LocalDate.of(1990, 1, 2));
        server.seedPatient(MRN_SYSTEM, "MRN-1003", "Annika", "Berg", LocalDate.of(1948, 3, 14));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static EmrClient client() {
        return new EmrClient(EmrSettings.of(server.baseUrl()).withMrnSystem(MRN_SYSTEM));
    }

    @Test
    void findsAPatientByMrn() {
        try (EmrClient c = client()) {
            List<EmrPatient> found = c.findPatientsByMrn("MRN-1001");
            assertThat(found).singleElement().satisfies(p -> {
                assertThat(p.reference()).isEqualTo(anna);
                assertThat(p.mrn()).isEqualTo("MRN-1001");
                assertThat(p.name()).isEqualTo("Anna Berg");
                assertThat(p.birthDate()).isEqualTo(LocalDate.of(1948, 3, 14));
            });
            assertThat(c.findPatientsByMrn("MRN-9999")).isEmpty();
        }
    }

    @Test
    void findsPatientsByNameAndBirthDate() {
        try (EmrClient c = client()) {
            assertThat(c.findPatientsByNameAndBirthDate("Berg", LocalDate.of(1948, 3, 14)))
                    .extracting(EmrPatient::name).containsExactlyInAnyOrder("Anna Berg", "Annika Berg");
            assertThat(c.findPatientsByNameAndBirthDate("anna", LocalDate.of(1948, 3, 14)))
                    .extracting(EmrPatient::mrn).containsExactly("MRN-1001");
            assertThat(c.findPatientsByNameAndBirthDate("Berg", LocalDate.of(1948, 3, 15))).isEmpty();
        }
    }

    @Test
    void chartingRoundTripIsAcceptedByTheValidatorAndStoredWithCodesUnitsAndReferences() {
        Instant at = Instant.parse("2026-11-24T10:00:00Z");
        ChartingEvent event = Events.signed("rt-1", new EmrPatientRef(anna, "MRN-1001"), "Encounter/77", at);
        try (EmrClient c = client()) {
            TransactionOutcome outcome = c.chart(event);
            assertThat(outcome).isEqualTo(new TransactionOutcome(8, 0));
        }
        List<Observation> stored = server.observations().stream()
                .filter(o -> o.getIdentifierFirstRep().getValue().startsWith("cs-1/rt-1/")).toList();
        // HR, SpO2, RR, BP panel, MAP, temperature, ACVPU, supplemental oxygen
        assertThat(stored).hasSize(8);
        Observation hr = byLoinc(stored, "8867-4");
        assertThat(hr.getCode().getCoding()).extracting(Coding::getSystem, Coding::getCode)
                .contains(org.assertj.core.groups.Tuple.tuple("http://loinc.org", "8867-4"),
                        org.assertj.core.groups.Tuple.tuple("urn:iso:std:iso:11073:10101", "147842"));
        assertThat(hr.getValueQuantity().getValue().doubleValue()).isEqualTo(72.0);
        assertThat(hr.getValueQuantity().getSystem()).isEqualTo("http://unitsofmeasure.org");
        assertThat(hr.getValueQuantity().getCode()).isEqualTo("/min");
        assertThat(hr.getSubject().getReference()).isEqualTo(anna);
        assertThat(hr.getEncounter().getReference()).isEqualTo("Encounter/77");
        assertThat(hr.getPerformerFirstRep().getIdentifier().getValue()).isEqualTo("n.jones");
        assertThat(hr.getDevice().getIdentifier().getValue()).isEqualTo("mon-01");
        assertThat(hr.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
        assertThat(hr.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("vital-signs");
        assertThat(hr.getEffectiveDateTimeType().getValue().toInstant()).isEqualTo(at);

        Observation bp = byLoinc(stored, "85354-9");
        assertThat(bp.getComponent()).hasSize(2);
        assertThat(bp.getComponent().get(0).getCode().getCodingFirstRep().getCode()).isEqualTo("8480-6");
        assertThat(bp.getComponent().get(0).getValueQuantity().getCode()).isEqualTo("mm[Hg]");
        assertThat(bp.getComponent().get(1).getCode().getCodingFirstRep().getCode()).isEqualTo("8462-4");
        assertThat(bp.getEffectiveDateTimeType().getValue().toInstant()).isEqualTo(at.minusSeconds(80));
        assertThat(byLoinc(stored, "8478-0").getValueQuantity().getValue().intValue()).isEqualTo(93);
        Observation temp = byLoinc(stored, "8310-5");
        assertThat(temp.getValueQuantity().getCode()).isEqualTo("Cel");
        assertThat(temp.getNoteFirstRep().getText()).contains("36.8", "37.2", "probe displaced");
        assertThat(byLoinc(stored, "2708-6").getCode().getCoding()).extracting(Coding::getCode).contains("59408-5", "150456");
        assertThat(byLoinc(stored, "67775-7").getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("248234008");
    }

    @Test
    void resendingTheSameEventCreatesNothingNew() {
        ChartingEvent event = Events.heartRate("dup-1", new EmrPatientRef(anna, "MRN-1001"), 80, Instant.parse("2026-11-24T10:05:00Z"));
        try (EmrClient c = client()) {
            assertThat(c.chart(event)).isEqualTo(new TransactionOutcome(1, 0));
            assertThat(c.chart(event)).isEqualTo(new TransactionOutcome(0, 1));
        }
        assertThat(server.observations()).filteredOn(o -> o.getIdentifierFirstRep().getValue().startsWith("cs-1/dup-1/"))
                .hasSize(1);
    }

    @Test
    void aNonConformantObservationIsRefusedWithTheServersOperationOutcome() {
        // "{beats}/min" is valid UCUM but the R4 heart rate profile fixes the unit code to "/min".
        ChartingEvent bad = new ChartingEvent("cs-1", "bad-1", new EmrPatientRef(anna, "MRN-1001"), null, null, "01",
                null, "n.jones", Instant.parse("2026-11-24T10:06:00Z"),
                List.of(ChartedValue.of(VitalSignCodes.HEART_RATE, 72, "{beats}/min")), null, null, ChartingEvent.Status.FINAL);
        int before = server.observations().size();
        try (EmrClient c = client()) {
            assertThatThrownBy(() -> c.chart(bad)).isInstanceOfSatisfying(EmrException.Refused.class, r -> {
                assertThat(r.httpStatus()).isEqualTo(422);
                assertThat(r.getMessage()).startsWith("error: ").contains("/min");
            });
        }
        assertThat(server.observations()).hasSize(before);
    }

    @Test
    void aCaFileThatIsNoCertificateIsAClearError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path notPem = dir.resolve("ca.pem");
        java.nio.file.Files.writeString(notPem, "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> new EmrClient(EmrSettings.of("https://emr.example/fhir").withCaFile(notPem)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(notPem.toString());
        assertThatThrownBy(() -> new EmrClient(EmrSettings.of("https://emr.example/fhir").withCaFile(dir.resolve("missing.pem"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.pem");
    }

    @Test
    void aSlowEmrTimesOutAsUnreachable() {
        server.slow(Duration.ofSeconds(3));
        try (EmrClient c = new EmrClient(EmrSettings.of(server.baseUrl()).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)))) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> c.findPatientsByMrn("MRN-1001")).isInstanceOf(EmrException.Unreachable.class)
                    .hasMessageContaining("timed out");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2500);
        } finally {
            server.slow(Duration.ZERO);
        }
    }

    @Test
    void aDownEmrIsReportedAsUnreachableNotAsAnAnswer() {
        FhirTestServer s = FhirTestServer.start();
        try (EmrClient c = new EmrClient(EmrSettings.of(s.baseUrl()))) {
            s.down();
            // HAPI reports a refused connection as an HTTP 500 exception: the EMR answered nothing.
            assertThatThrownBy(() -> c.findPatientsByMrn("MRN-1001")).isInstanceOf(EmrException.Unreachable.class)
                    .hasMessageStartingWith("EMR unreachable (patient search by MRN): ")
                    .hasMessageContaining("Connection refused")
                    .hasMessageNotContaining("HTTP 500");
        } finally {
            s.close();
        }
    }

    @Test
    void basicAndBearerHeadersAreSent() {
        FhirTestServer s = FhirTestServer.start();
        try {
            s.requireBasic("station", "s3cret:pw");
            try (EmrClient c = new EmrClient(EmrSettings.of(s.baseUrl()).withAuth(new EmrSettings.Auth.Basic("station", "s3cret:pw")))) {
                c.findPatientsByMrn("x");
            }
            assertThat(s.authorizationHeaders()).last().isEqualTo("Basic c3RhdGlvbjpzM2NyZXQ6cHc=");
            s.requireBearer("abc.def");
            try (EmrClient c = new EmrClient(EmrSettings.of(s.baseUrl()).withAuth(new EmrSettings.Auth.Bearer("abc.def")))) {
                c.findPatientsByMrn("x");
            }
            assertThat(s.authorizationHeaders()).last().isEqualTo("Bearer abc.def");
            try (EmrClient c = new EmrClient(EmrSettings.of(s.baseUrl()).withAuth(new EmrSettings.Auth.Bearer("wrong")))) {
                assertThatThrownBy(() -> c.findPatientsByMrn("x")).isInstanceOfSatisfying(EmrException.Unreachable.class,
                        u -> assertThat(u.credentialsRefused()).isTrue());
            }
        } finally {
            s.close();
        }
    }

    @Test
    void oauth2TokenIsCachedRenewedBeforeExpiryAndAfterA401() {
        FhirTestServer s = FhirTestServer.start();
        try {
            s.requireOAuth2("vigil-cs-1", "top&secret", Duration.ofMinutes(10));
            MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T10:00:00Z"));
            EmrSettings settings = EmrSettings.of(s.baseUrl()).withAuth(new EmrSettings.Auth.OAuth2(
                    URI.create(s.tokenUrl()), "vigil-cs-1", "top&secret", "system/*.write"));
            assertThat(settings.toString()).doesNotContain("top&secret");
            try (EmrClient c = new EmrClient(settings, clock)) {
                c.findPatientsByMrn("x");
                c.findPatientsByMrn("x");
                assertThat(s.tokensIssued()).isEqualTo(1);
                // 401: the server revoked it; the client renews once and repeats the request
                s.expireTokens();
                c.findPatientsByMrn("x");
                assertThat(s.tokensIssued()).isEqualTo(2);
                assertThat(s.authorizationHeaders()).last().asString().startsWith("Bearer tok-2-");
                // renewed before expiry: 10 min lifetime, renewed with 60 s left
                clock.advance(Duration.ofMinutes(9).plusSeconds(1));
                c.findPatientsByMrn("x");
                assertThat(s.tokensIssued()).isEqualTo(3);
            }
        } finally {
            s.close();
        }
    }

    private static Observation byLoinc(List<Observation> list, String loinc) {
        return list.stream().filter(o -> o.getCode().getCoding().stream().anyMatch(c -> loinc.equals(c.getCode())))
                .findFirst().orElseThrow(() -> new AssertionError("no Observation coded " + loinc));
    }
}
