package org.vigil.data.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.data.auth.PasswordHasher;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.Bed;
import org.vigil.data.model.PatientCategory;
import org.vigil.data.model.User;
import org.vigil.testing.PostgresServer;

/**
 * Two stations of one ward sharing one PostgreSQL store: each opens it with its own pool at the same moment
 * (the migrations run once, under Flyway's lock), and both write at once, also the same new bed or device when both
 * see it appear.
 */
class SharedPostgresStoreTest {
    PostgresServer pg;
    String url;
    ExecutorService stations = Executors.newFixedThreadPool(2);

    @BeforeEach
    void database() {
        pg = PostgresServer.shared();
        url = pg.createDatabase();
    }

    @AfterEach
    void stop() {
        stations.shutdownNow();
    }

    /** Runs {@code a} and {@code b} on two threads released together; their results, or the first failure. */
    private <T> List<T> together(Callable<T> a, Callable<T> b) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> work : List.of(a, b)) {
            futures.add(stations.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return work.call();
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    void twoStationsOpeningAtOnceMigrateOnceAndBothWrite() throws Exception {
        List<VigilDatabase> dbs = together(() -> VigilDatabase.open(url, pg.user(), pg.password()),
                () -> VigilDatabase.open(url, pg.user(), pg.password()));
        try (VigilDatabase a = dbs.get(0); VigilDatabase b = dbs.get(1)) {
            assertThat(List.of(a.lastMigration().migrationsExecuted(), b.lastMigration().migrationsExecuted()))
                    .as("one station migrated, the other found the schema done").contains(0)
                    .anySatisfy(n -> assertThat(n).isPositive());
            assertThat(a.lastMigration().schemaVersion()).isEqualTo(b.lastMigration().schemaVersion());
            boolean twice = a.query(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT version, count(*) FROM flyway_schema_history"
                        + " WHERE version IS NOT NULL GROUP BY version HAVING count(*) > 1");
                     ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            });
            assertThat(twice).as("a migration applied twice").isFalse();

            AlarmLogStore logA = new AlarmLogStore(a);
            AlarmLogStore logB = new AlarmLogStore(b);
            together(() -> append(logA, "station-a", 40), () -> append(logB, "station-b", 40));

            assertThat(logB.recent(null, 1000)).hasSize(80)
                    .filteredOn(e -> e.station().equals("station-a")).hasSize(40);
            assertThat(logA.recent(null, 1000)).filteredOn(e -> e.station().equals("station-b")).hasSize(40);
        }
    }

    private static Void append(AlarmLogStore log, String station, int n) {
        for (int i = 0; i < n; i++) {
            Instant at = Instant.now();
            log.append(new AlarmLogEntry(0, at, "b1-HR_HIGH-" + i, "b1", null, "HR_HIGH", "physiological",
                    AlarmPriority.HIGH, "active", 151.0, null, 150.0, "/min", at, null, station, "HR 151 > 150"));
        }
        return null;
    }

    @Test
    void bothStationsRecordingTheSameNewBedsDevicesAndPatientsAtOnceNeitherFails() throws Exception {
        try (VigilDatabase a = VigilDatabase.open(url, pg.user(), pg.password());
             VigilDatabase b = VigilDatabase.open(url, pg.user(), pg.password())) {
            List<Bed> configured = List.of(new Bed("01", "Bed 1", true), new Bed("02", "Bed 2", true));
            together(() -> sync(a, configured), () -> sync(b, configured));

            WardStore wardA = new WardStore(a);
            WardStore wardB = new WardStore(b);
            DeviceStore devicesA = new DeviceStore(a);
            DeviceStore devicesB = new DeviceStore(b);
            Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
            for (int i = 0; i < 30; i++) {
                String bed = "u" + i;
                String device = "mon-" + i;
                // Both stations receive the same messages: both see the bed and its device appear at once.
                together(() -> {
                    wardA.recordUnassignedBed(bed);
                    devicesA.deviceSeen(device, bed, t0);
                    return null;
                }, () -> {
                    wardB.recordUnassignedBed(bed);
                    devicesB.deviceSeen(device, bed, t0);
                    return null;
                });
            }
            assertThat(wardA.beds()).hasSize(32).extracting(Bed::id).startsWith("01", "02").doesNotHaveDuplicates();
            int devices = a.query(c -> count(c, "device"));
            assertThat(devices).isEqualTo(30);

            // The same patient (MRN) admitted at once to two beds from two stations is one patient.
            AdmissionStore admitA = new AdmissionStore(a, "station-a");
            AdmissionStore admitB = new AdmissionStore(b, "station-b");
            for (int i = 0; i < 10; i++) {
                NewPatient p = new NewPatient("MRN-" + i, "Patient " + i, null, PatientCategory.ADULT, false);
                together(() -> admitA.admit("01", p, "nurse.a", t0), () -> admitB.admit("02", p, "nurse.b", t0));
            }
            int patients = a.query(c -> count(c, "patient"));
            assertThat(patients).isEqualTo(10);
        }
    }

    @Test
    void twoHeadlessStationsFirstStartingAtOnceMakeOneAdministratorAndNeitherFails() throws Exception {
        Map<String, String> env = Map.of(FirstRun.ENV_ADMIN_PASSWORD, "Tulip-Orbit-42");
        for (int i = 0; i < 5; i++) {
            String fresh = pg.createDatabase();
            try (VigilDatabase a = VigilDatabase.open(fresh, pg.user(), pg.password());
                 VigilDatabase b = VigilDatabase.open(fresh, pg.user(), pg.password())) {
                UserStore usersA = new UserStore(a, "station-a", new PasswordHasher(1_000), Clock.systemUTC());
                UserStore usersB = new UserStore(b, "station-b", new PasswordHasher(1_000), Clock.systemUTC());
                List<Optional<User>> created = together(() -> FirstRun.ensureHeadlessAdmin(usersA, env, null),
                        () -> FirstRun.ensureHeadlessAdmin(usersB, env, null));
                assertThat(created).filteredOn(Optional::isPresent).hasSize(1);
                assertThat(usersA.users()).extracting(User::username).containsExactly("admin");
            }
        }
    }

    private static Void sync(VigilDatabase db, List<Bed> beds) {
        new WardStore(db).syncConfiguredBeds(beds);
        return null;
    }

    private static int count(Connection c, String table) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
