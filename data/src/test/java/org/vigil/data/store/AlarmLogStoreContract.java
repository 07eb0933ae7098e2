package org.vigil.data.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.AlarmPriority;

/** What {@link AlarmLogStore} does, the same on H2 and PostgreSQL (see {@link StoreContract}). */
abstract class AlarmLogStoreContract extends StoreContract {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.000001Z");


    static AlarmLogEntry entry(String bed, int second, String state) {
        Instant at = T0.plusSeconds(second);
        return new AlarmLogEntry(0, at, bed + "-HR_HIGH-" + T0.toEpochMilli(), bed, 42L, "HR_HIGH", "physiological",
                AlarmPriority.HIGH, state, 151.0, 50.0, 150.0, "/min", at.minusMillis(250), "nurse.kim", "station-a",
                "HR 151 > 150");
    }

    @Test
    void appendedEntriesComeBackNewestFirstPerBedOrForTheWard() {
        try (VigilDatabase db = openDatabase()) {
            AlarmLogStore log = new AlarmLogStore(db);
            log.append(entry("b1", 0, "active"));
            log.append(entry("b2", 1, "active"));
            log.append(entry("b1", 2, "acknowledged"));
            AlarmLogEntry sparse = new AlarmLogEntry(0, T0.plusSeconds(3), "b1-NO_DATA-1", "b1", null, "NO_DATA",
                    "technical", AlarmPriority.MEDIUM, "active", null, null, null, null, null, null, "station-a",
                    "No data from bed");
            log.append(sparse);

            assertThat(log.recent("b1", 10)).extracting(AlarmLogEntry::state)
                    .containsExactly("active", "acknowledged", "active");
            assertThat(log.recent(null, 2)).extracting(AlarmLogEntry::bedId, AlarmLogEntry::loggedAt)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("b1", T0.plusSeconds(3)),
                            org.assertj.core.groups.Tuple.tuple("b1", T0.plusSeconds(2)));

            AlarmLogEntry stored = log.recent("b2", 1).getFirst();
            assertThat(stored.id()).isPositive();
            assertThat(stored).isEqualTo(withId(entry("b2", 1, "active"), stored.id()));
            AlarmLogEntry storedSparse = log.recent("b1", 1).getFirst();
            assertThat(storedSparse).isEqualTo(withId(sparse, storedSparse.id()));
        }
        // Committed: still there after closing and reopening.
        try (VigilDatabase db = openDatabase()) {
            assertThat(new AlarmLogStore(db).recent(null, 100)).hasSize(4);
        }
    }

    static AlarmLogEntry entry(String bed, String condition, AlarmPriority p, int second, String state) {
        Instant at = T0.plusSeconds(second);
        return new AlarmLogEntry(0, at, bed + "-" + condition + "-" + T0.toEpochMilli(), bed, null, condition,
                "physiological", p, state, 1.0, null, null, null, at, null, "station-a", condition);
    }

    @Test
    void queryFiltersByBedPriorityAndTimeSpanNewestFirst() {
        try (VigilDatabase db = openDatabase()) {
            AlarmLogStore log = new AlarmLogStore(db);
            log.append(entry("b1", "HR_HIGH", AlarmPriority.HIGH, 0, "active"));
            log.append(entry("b2", "SPO2_LOW", AlarmPriority.MEDIUM, 10, "active"));
            log.append(entry("b1", "RR_LOW", AlarmPriority.LOW, 20, "active"));
            log.append(entry("b1", "HR_HIGH", AlarmPriority.HIGH, 30, "ended"));
            Instant from = T0;
            Instant to = T0.plusSeconds(60);

            assertThat(log.query(null, null, from, to, 100)).extracting(AlarmLogEntry::loggedAt)
                    .containsExactly(T0.plusSeconds(30), T0.plusSeconds(20), T0.plusSeconds(10), T0);
            assertThat(log.query("b1", null, from, to, 100)).extracting(AlarmLogEntry::conditionCode)
                    .containsExactly("HR_HIGH", "RR_LOW", "HR_HIGH");
            assertThat(log.query("b1", AlarmPriority.HIGH, from, to, 100)).extracting(AlarmLogEntry::state)
                    .containsExactly("ended", "active");
            assertThat(log.query(null, AlarmPriority.MEDIUM, from, to, 100)).extracting(AlarmLogEntry::bedId)
                    .containsExactly("b2");
            // from inclusive, to exclusive
            assertThat(log.query(null, null, T0.plusSeconds(10), T0.plusSeconds(30), 100))
                    .extracting(AlarmLogEntry::loggedAt).containsExactly(T0.plusSeconds(20), T0.plusSeconds(10));
            assertThat(log.query(null, null, from, to, 2)).hasSize(2);
        }
    }

    @Test
    void openAlarmsAreThoseWhoseLastStateIsNotEnded() {
        try (VigilDatabase db = openDatabase()) {
            AlarmLogStore log = new AlarmLogStore(db);
            log.append(entry("b1", "HR_HIGH", AlarmPriority.HIGH, 0, "active"));
            log.append(entry("b1", "HR_HIGH", AlarmPriority.HIGH, 5, "latched"));
            log.append(entry("b2", "SPO2_LOW", AlarmPriority.MEDIUM, 10, "active"));
            log.append(entry("b2", "SPO2_LOW", AlarmPriority.MEDIUM, 12, "ended"));
            log.append(entry("b3", "RR_LOW", AlarmPriority.LOW, 20, "active"));
            log.append(entry("b3", "RR_LOW", AlarmPriority.LOW, 21, "acknowledged"));
            log.append(new AlarmLogEntry(0, T0.plusSeconds(22), "late-b3-1", "b3", null, "LATE_DATA", "technical",
                    AlarmPriority.LOW, "late", null, null, null, null, null, null, "station-a", "late"));

            var open = log.openAlarms(T0.minusSeconds(1));
            assertThat(open).extracting(o -> o.last().bedId(), o -> o.last().state(), AlarmLogStore.OpenAlarm::firstLoggedAt)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("b1", "latched", T0),
                            org.assertj.core.groups.Tuple.tuple("b3", "acknowledged", T0.plusSeconds(20)));
            assertThat(log.openAlarms(T0.plusSeconds(100))).isEmpty();
        }
    }

    static AlarmLogEntry withId(AlarmLogEntry e, long id) {
        return new AlarmLogEntry(id, e.loggedAt(), e.alarmId(), e.bedId(), e.patientId(), e.conditionCode(), e.kind(),
                e.priority(), e.state(), e.value(), e.limitLow(), e.limitHigh(), e.unit(), e.sourceTime(),
                e.username(), e.station(), e.text());
    }
}
