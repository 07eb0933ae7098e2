package org.vigil.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.AlarmMessage;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.testing.MutableClock;

/** A restart is never a silent all clear: alarms come back from the log or the retained topic, then data rules. */
class AlarmRestoreTest {
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T05:00:00Z"));
    private final List<AlarmChange> changes = new ArrayList<>();
    private final AlarmEvaluator evaluator = new AlarmEvaluator(Duration.ofSeconds(10), changes::add);

    private Numerics hr(double value) {
        Instant t = clock.instant();
        return new Numerics("mon-1", t, 1, List.of(new NumericValue(MeasurementCode.HEART_RATE, value, "/min", t, null)));
    }

    private static Alarm alarm(String bed, String condition, AlarmState state, Instant onset, String ackBy) {
        return new Alarm(AlarmMessage.alarmId(bed, condition, onset), bed, condition, AlarmKind.PHYSIOLOGICAL,
                AlarmPriority.HIGH, state == AlarmState.ACTIVE || state == AlarmState.ACKNOWLEDGED, "HR 190 > 120",
                190.0, 120.0, "/min", onset, onset.plusMillis(10), state, ackBy, ackBy == null ? null : onset.plusSeconds(5),
                0, null, false, onset.plusMillis(10));
    }

    @Test
    void restoredAlarmsShowWithTheirIdStateAndAcknowledgementWithoutBeingReportedAgain() {
        Instant onset = clock.instant().minusSeconds(60);
        Alarm latched = alarm("01", "HR_HIGH", AlarmState.LATCHED, onset, null);
        Alarm acked = alarm("02", "HR_HIGH", AlarmState.ACKNOWLEDGED, onset, "nurse.kim");
        assertThat(evaluator.restore(latched, clock.instant())).isTrue();
        assertThat(evaluator.restore(acked, clock.instant())).isTrue();
        assertThat(evaluator.restore(latched, clock.instant())).as("twice").isFalse();
        assertThat(evaluator.restore(alarm("03", "HR_HIGH", AlarmState.ENDED, onset, null), clock.instant())).isFalse();
        assertThat(changes).isEmpty();
        assertThat(evaluator.active()).extracting(Alarm::id, Alarm::state, Alarm::ackBy, Alarm::onset).containsExactly(
                org.assertj.core.groups.Tuple.tuple(latched.id(), AlarmState.LATCHED, null, onset),
                org.assertj.core.groups.Tuple.tuple(acked.id(), AlarmState.ACKNOWLEDGED, "nurse.kim", onset));
        // a latched one stays through normal data until acknowledged
        evaluator.onNumerics("01", hr(70), clock.instant());
        assertThat(evaluator.alarm(latched.id()).state()).isEqualTo(AlarmState.LATCHED);
        evaluator.acknowledge(latched.id(), "nurse.lee", clock.instant());
        assertThat(evaluator.alarm(latched.id())).isNull();
        // an acknowledged one ends when data says the condition is over
        evaluator.onNumerics("02", hr(70), clock.instant());
        assertThat(evaluator.active()).isEmpty();
        assertThat(changes).extracting(AlarmChange::state).containsExactly("ended", "ended");
    }

    @Test
    void aRestoredActiveConditionThatPersistsKeepsItsIdAndOneThatIsOverLatches() {
        Instant onset = clock.instant().minusSeconds(30);
        Alarm active = alarm("01", "HR_HIGH", AlarmState.ACTIVE, onset, null);
        evaluator.restore(active, clock.instant());
        evaluator.onNumerics("01", hr(190), clock.instant());
        assertThat(evaluator.active()).extracting(Alarm::id).containsExactly(active.id());
        assertThat(changes).isEmpty();
        evaluator.onNumerics("01", hr(80), clock.instant());
        // a high-priority physiological alarm latches
        assertThat(evaluator.active()).extracting(Alarm::id, Alarm::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(active.id(), AlarmState.LATCHED));
    }

    @Test
    void retainedAlarmsOfAWatchedSilentBedAreShownDuringTheStartUpWindowOnly() {
        evaluator.watch(List.of("01", "02"));
        evaluator.restoreRetainedUntil(clock.instant().plusSeconds(5));
        Alarm a = alarm("01", "HR_HIGH", AlarmState.ACTIVE, clock.instant().minusSeconds(20), null);
        evaluator.applyRemote(a.toMessage("w", "cs-9"), clock.instant());
        assertThat(evaluator.active()).extracting(Alarm::id).containsExactly(a.id());
        clock.advance(Duration.ofSeconds(6));
        Alarm b = alarm("02", "HR_HIGH", AlarmState.ACTIVE, clock.instant().minusSeconds(20), null);
        evaluator.applyRemote(b.toMessage("w", "cs-9"), clock.instant());
        assertThat(evaluator.active()).extracting(Alarm::id).containsExactly(a.id());
    }
}
