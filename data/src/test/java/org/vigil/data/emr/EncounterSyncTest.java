package org.vigil.data.emr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigil.testing.FhirTestServer;
import org.vigil.testing.MutableClock;

/** Admission sync against the FHIR test server: Encounters at the ward's beds become proposals. */
class EncounterSyncTest {
    private static FhirTestServer server;

    @BeforeAll
    static void startServer() {
        server = FhirTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** The station's side of a ward, as a test double of the app's admissions. */
    private static final class TestWard implements EncounterSync.Ward {
        final String id;
        final List<String> beds;
        final Map<String, EncounterSync.Occupant> occupants = new HashMap<>();

        TestWard(String id, String... beds) {
            this.id = id;
            this.beds = List.of(beds);
        }

        @Override
        public String wardId() {
            return id;
        }

        @Override
        public Collection<String> bedIds() {
            return beds;
        }

        @Override
        public Map<String, EncounterSync.Occupant> occupants() {
            return Map.copyOf(occupants);
        }

        void admit(String bed, EmrPatient p, boolean live) {
            occupants.values().removeIf(o -> o.mrn() != null && o.mrn().equals(p.mrn()));
            occupants.put(bed, new EncounterSync.Occupant(bed, p.name(), p.mrn(), p.reference(), live));
        }
    }

    private static final class Recorder implements EncounterSync.Listener {
        final List<List<AdmissionProposal>> polls = new ArrayList<>();
        final List<EmrException> failures = new ArrayList<>();

        @Override
        public void proposals(List<AdmissionProposal> proposals) {
            polls.add(proposals);
        }

        @Override
        public void pollFailed(EmrException e) {
            failures.add(e);
        }
    }

    @Test
    void anEncounterAtABedIsProposedAsAnAdmissionThenATransferThenADischarge() {
        String p = server.seedPatient(null, "MRN-3001", "Cecilia", "Dahl", LocalDate.of(1975, 7, 1));
        String bed1 = server.seedBedLocation("icu3", "01");
        String bed2 = server.seedBedLocation("icu3", "02");
        server.seedBedLocation("icu4", "01");
        String enc = server.seedEncounter(p, bed1);
        // Another ward's patient is not ours.
        String other = server.seedPatient(null, "MRN-3999", "Other", "Ward", LocalDate.of(1980, 1, 1));
        server.seedEncounter(other, server.seedBedLocation("icu4", "02"));

        TestWard ward = new TestWard("icu3", "01", "02", "03");
        Recorder recorder = new Recorder();
        MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T10:00:00Z"));
        try (EmrClient client = new EmrClient(EmrSettings.of(server.baseUrl()));
             EncounterSync sync = new EncounterSync(client, ward, recorder, Duration.ofSeconds(30), clock)) {
            List<AdmissionProposal> first = sync.pollOnce();
            assertThat(first).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(AdmissionProposal.Kind.ADMIT);
                assertThat(a.bedId()).isEqualTo("01");
                assertThat(a.patient().mrn()).isEqualTo("MRN-3001");
                assertThat(a.patient().name()).isEqualTo("Cecilia Dahl");
                assertThat(a.encounter()).isEqualTo(enc);
                assertThat(a.needsConfirmation()).isFalse();
            });
            assertThat(sync.encounterAt("01")).get().extracting(BedEncounter::encounter).isEqualTo(enc);

            // The station applies it; the next poll proposes nothing.
            ward.admit("01", first.get(0).patient(), true);
            assertThat(sync.pollOnce()).isEmpty();

            // The EMR moves her to bed 02: a transfer of a patient with live data needs a nurse.
            server.moveEncounter(enc, bed2);
            List<AdmissionProposal> move = sync.pollOnce();
            assertThat(move).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(AdmissionProposal.Kind.TRANSFER);
                assertThat(a.fromBedId()).isEqualTo("01");
                assertThat(a.bedId()).isEqualTo("02");
                assertThat(a.needsConfirmation()).isTrue();
                assertThat(a.describe()).isEqualTo("EMR transfers Cecilia Dahl (MRN MRN-3001) from bed 01 to bed 02");
            });
            ward.admit("02", move.get(0).patient(), false);
            assertThat(sync.pollOnce()).isEmpty();

            // The Encounter ends: discharge, without confirmation (no live data in bed 02).
            server.finishEncounter(enc);
            assertThat(sync.pollOnce()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(AdmissionProposal.Kind.DISCHARGE);
                assertThat(a.bedId()).isEqualTo("02");
                assertThat(a.needsConfirmation()).isFalse();
            });
            assertThat(sync.encounterAt("02")).isEmpty();
        }
        assertThat(recorder.polls).hasSize(5);
        assertThat(recorder.failures).isEmpty();
    }

    @Test
    void aPatientAdmittedByHandIsLeftAloneAndADisplacedLivePatientNeedsConfirmation() {
        String p = server.seedPatient(null, "MRN-4001", "Dan", "Ek", LocalDate.of(2015, 2, 2));
        String bed = server.seedBedLocation("ward9", "07");
        TestWard ward = new TestWard("ward9", "07", "08");
        EmrPatient manual = new EmrPatient("local", "MRN-LOCAL", "Eva Fors", null, null);
        ward.admit("08", manual, true);
        ward.admit("07", new EmrPatient("local2", "MRN-OTHER", "Gus Holm", null, null), true);
        Recorder recorder = new Recorder();
        try (EmrClient client = new EmrClient(EmrSettings.of(server.baseUrl()));
             EncounterSync sync = new EncounterSync(client, ward, recorder, null, MutableClock.at(Instant.EPOCH))) {
            assertThat(sync.pollOnce()).isEmpty();
            server.seedEncounter(p, bed);
            assertThat(sync.pollOnce()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(AdmissionProposal.Kind.ADMIT);
                assertThat(a.displaced().name()).isEqualTo("Gus Holm");
                assertThat(a.needsConfirmation()).isTrue();
                assertThat(a.patient().suggestedCategory(LocalDate.of(2026, 11, 24)))
                        .isEqualTo(org.vigil.data.model.PatientCategory.PAEDIATRIC);
            });
        }
    }

    @Test
    void anUnreachableEmrIsReportedNotProposedAsDischarges() {
        TestWard ward = new TestWard("icu3", "01");
        Recorder recorder = new Recorder();
        FhirTestServer s = FhirTestServer.start();
        try (EmrClient client = new EmrClient(EmrSettings.of(s.baseUrl()));
             EncounterSync sync = new EncounterSync(client, ward, recorder, null, MutableClock.at(Instant.EPOCH))) {
            s.down();
            assertThat(sync.pollOnce()).isEmpty();
            assertThat(recorder.failures).singleElement().isInstanceOf(EmrException.Unreachable.class);
            assertThat(recorder.polls).isEmpty();
        } finally {
            s.close();
        }
    }
}
