package org.vigil.data.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.data.store.StoreContract;
import org.vigil.data.store.VigilDatabase;
import org.vigil.testing.FhirTestServer;
import org.vigil.testing.MutableClock;

/**
 * The outbox and its worker against the validating FHIR test server, the same on H2 and PostgreSQL
 * ({@link EmrOutboxH2Test}, {@link EmrOutboxPostgresTest}; see {@link StoreContract}).
 */
abstract class EmrOutboxContract extends StoreContract {
    private static FhirTestServer server;
    private static String anna;
    private static String bo;

    private VigilDatabase db;
    private EmrClient client;
    private EmrOutbox outbox;
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T10:00:00Z"));
    private final List<EmrStatus> statuses = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = FhirTestServer.start();
        anna = server.seedPatient(null, "MRN-2001", "Anna", "Berg", LocalDate.of(1948, 3, 14));
        bo = server.seedPatient(null, "MRN-2002", "Bo", "Lind", LocalDate.of(1960, 5, 1));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void open() {
        server.up();
        db = openDatabase();
        // Short read timeout: the "slow" fault must count as unreachable without a long wait.
        client = new EmrClient(EmrSettings.of(server.baseUrl()).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)));
        outbox = new EmrOutbox(db, clock);
    }

    @AfterEach
    void close() {
        server.up();
        server.dropResponses(0);
        server.fail5xx(0);
        // Null when the database could not be had (PostgreSQL absent: the test is skipped, not failed).
        if (client != null) {
            client.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private EmrOutboxWorker worker() {
        EmrOutboxWorker w = EmrOutboxWorker.forClient(outbox, client, clock);
        w.addListener(statuses::add);
        return w;
    }

    private static List<Observation> stored(String eventPrefix) {
        return server.observations().stream()
                .filter(o -> o.getIdentifierFirstRep().getValue().startsWith("cs-1/" + eventPrefix)).toList();
    }

    @Test
    void signingWritesTheEventAndTheNursesSignatureInOneCommit() {
        ChartingEvent e = Events.signed("sig-1", new EmrPatientRef(anna, "MRN-2001"), null, clock.instant());
        OutboxEntry entry = outbox.sign(e, "n.jones");
        assertThat(entry.state()).isEqualTo(OutboxEntry.State.PENDING);
        String audit = db.query(c -> {
            try (var ps = c.prepareStatement("SELECT username, action, detail FROM audit_log WHERE action = 'chart'");
                 var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3);
            }
        });
        assertThat(audit).isEqualTo("n.jones chart charting event cs-1/sig-1 (7 values, ACVPU A, on air, final)");
        // The stored event reads back equal (it is what will be charted, after any restart).
        assertThat(outbox.find("cs-1/sig-1")).get().extracting(OutboxEntry::event).isEqualTo(e);
    }

    @Test
    void aRefusalIsShownWithTheOperationOutcomeAndThePatientsNextEventProceeds() {
        ChartingEvent bad = new ChartingEvent("cs-1", "ref-1", new EmrPatientRef(anna, "MRN-2001"), 7L, null, "01", null,
                "n.jones", clock.instant(), List.of(ChartedValue.of(VitalSignCodes.HEART_RATE, 72, "{beats}/min")),
                null, null, ChartingEvent.Status.FINAL);
        outbox.sign(bad, "n.jones");
        outbox.sign(Events.signed("ref-2", new EmrPatientRef(anna, "MRN-2001"), null, clock.instant()), "n.jones");
        try (EmrOutboxWorker w = worker()) {
            assertThat(w.runDue()).isEqualTo(2);
            OutboxEntry refused = outbox.find("cs-1/ref-1").orElseThrow();
            assertThat(refused.state()).isEqualTo(OutboxEntry.State.REFUSED);
            assertThat(refused.refusal()).contains("fixed to '/min'", "heartrate");
            assertThat(outbox.find("cs-1/ref-2").orElseThrow().state()).isEqualTo(OutboxEntry.State.SENT);
            assertThat(outbox.forPatient(7L, 10)).extracting(OutboxEntry::state)
                    .containsExactly(OutboxEntry.State.SENT, OutboxEntry.State.REFUSED);
            assertThat(w.status().text(ZoneOffset.UTC)).isEqualTo("EMR: connected, 0 pending, 1 refused");
        }
        assertThat(stored("ref-1")).isEmpty();
        assertThat(stored("ref-2")).hasSize(8);
    }

    @Test
    void aRetryAfterADroppedResponseMakesNoDuplicate() {
        outbox.enqueue(Events.heartRate("drop-1", new EmrPatientRef(bo, "MRN-2002"), 88, clock.instant()));
        server.dropResponses(1);
        try (EmrOutboxWorker w = worker()) {
            assertThat(w.runDue()).isZero();
            // The server committed the Observation, but the station never heard: it stays pending.
            assertThat(stored("drop-1")).hasSize(1);
            OutboxEntry pending = outbox.find("cs-1/drop-1").orElseThrow();
            assertThat(pending.state()).isEqualTo(OutboxEntry.State.PENDING);
            assertThat(pending.lastError()).isNotBlank();
            assertThat(pending.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(1));
            clock.advance(Duration.ofSeconds(1));
            assertThat(w.runDue()).isEqualTo(1);
        }
        assertThat(outbox.find("cs-1/drop-1").orElseThrow().state()).isEqualTo(OutboxEntry.State.SENT);
        assertThat(stored("drop-1")).hasSize(1);
        assertThat(server.transactionCount()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anEmrOutageLosesNothingAndKeepsEachPatientsOrder() {
        server.down();
        Instant downSince = clock.instant();
        try (EmrOutboxWorker w = worker()) {
            for (int i = 0; i < 5; i++) {
                outbox.enqueue(Events.heartRate("out-a" + i, new EmrPatientRef(anna, "MRN-2001"), 60 + i, clock.instant()));
                outbox.enqueue(Events.heartRate("out-b" + i, new EmrPatientRef(bo, "MRN-2002"), 90 + i, clock.instant()));
                clock.advance(Duration.ofSeconds(1));
            }
            // Back-off doubles from 1 s to 5 min: attempts at +1, +2, +4 ... measured by the injected clock.
            List<Duration> backoffs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                w.runDue();
                backoffs.add(w.currentBackoff());
                clock.advance(w.currentBackoff());
            }
            assertThat(backoffs).startsWith(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                    Duration.ofSeconds(8));
            assertThat(backoffs).last().isEqualTo(Duration.ofMinutes(5));
            assertThat(w.status().connection()).isEqualTo(EmrStatus.Connection.UNREACHABLE);
            assertThat(w.status().since()).isAfter(downSince);
            assertThat(w.status().pending()).isEqualTo(10);
            assertThat(w.status().text(ZoneOffset.UTC)).matches("EMR: unreachable since 10:00, 10 pending");
            assertThat(outbox.counts().pending()).isEqualTo(10);

            server.up();
            clock.advance(Duration.ofMinutes(5));
            assertThat(w.runDue()).isEqualTo(10);
            assertThat(w.status().text(ZoneOffset.UTC)).isEqualTo("EMR: connected, 0 pending");
            assertThat(w.currentBackoff()).isZero();
        }
        List<String> annaOrder = server.observations().stream()
                .filter(o -> o.getSubject().getReference().equals(anna))
                .map(o -> o.getIdentifierFirstRep().getValue()).filter(v -> v.startsWith("cs-1/out-")).toList();
        List<String> boOrder = server.observations().stream()
                .filter(o -> o.getSubject().getReference().equals(bo))
                .map(o -> o.getIdentifierFirstRep().getValue()).filter(v -> v.startsWith("cs-1/out-")).toList();
        assertThat(annaOrder).containsExactly("cs-1/out-a0/8867-4", "cs-1/out-a1/8867-4", "cs-1/out-a2/8867-4",
                "cs-1/out-a3/8867-4", "cs-1/out-a4/8867-4");
        assertThat(boOrder).containsExactly("cs-1/out-b0/8867-4", "cs-1/out-b1/8867-4", "cs-1/out-b2/8867-4",
                "cs-1/out-b3/8867-4", "cs-1/out-b4/8867-4");
        assertThat(statuses).extracting(EmrStatus::connection).contains(EmrStatus.Connection.UNREACHABLE,
                EmrStatus.Connection.CONNECTED);
    }

    @Test
    void a5xxOrASlowEmrIsRetriedNotRefused() {
        outbox.enqueue(Events.heartRate("5xx-1", new EmrPatientRef(anna, "MRN-2001"), 70, clock.instant()));
        server.fail5xx(1);
        try (EmrOutboxWorker w = worker()) {
            assertThat(w.runDue()).isZero();
            assertThat(outbox.find("cs-1/5xx-1").orElseThrow().lastError()).contains("503");
            server.slow(Duration.ofSeconds(6));
            clock.advance(Duration.ofSeconds(1));
            assertThat(w.runDue()).isZero();
            assertThat(outbox.find("cs-1/5xx-1").orElseThrow().attempts()).isEqualTo(2);
            server.slow(Duration.ZERO);
            clock.advance(Duration.ofSeconds(2));
            assertThat(w.runDue()).isEqualTo(1);
        } finally {
            server.slow(Duration.ZERO);
        }
        assertThat(outbox.find("cs-1/5xx-1").orElseThrow().state()).isEqualTo(OutboxEntry.State.SENT);
        assertThat(stored("5xx-1")).hasSize(1);
    }

    @Test
    void aRestartedWorkerResendsWhatWasPending() {
        server.down();
        try (EmrOutboxWorker w = worker()) {
            outbox.sign(Events.signed("rs-1", new EmrPatientRef(anna, "MRN-2001"), null, clock.instant()), "n.jones");
            w.runDue();
            assertThat(outbox.counts().pending()).isEqualTo(1);
        }
        // The station restarts: a new database handle, outbox and worker thread over the same database.
        db.close();
        db = openDatabase();
        outbox = new EmrOutbox(db, clock);
        server.up();
        try (EmrOutboxWorker w = worker()) {
            assertThat(w.status().pending()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(1));
            w.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> outbox.counts().pending() == 0);
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).contains(EmrOutboxWorker.THREAD_NAME);
        }
        assertThat(outbox.find("cs-1/rs-1").orElseThrow().state()).isEqualTo(OutboxEntry.State.SENT);
        assertThat(stored("rs-1")).hasSize(8);
    }
}
