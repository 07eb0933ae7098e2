package org.vigil.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.DeviceState;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.PatientCategory;
import org.vigil.testing.MutableClock;

class AlarmEvaluatorTest {
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T05:00:00Z"));
    private final List<AlarmChange> changes = new ArrayList<>();
    private final AlarmEvaluator evaluator = new AlarmEvaluator(Duration.ofSeconds(10), changes::add);

    private Numerics numerics(double hr, double spo2) {
        Instant t = clock.instant();
        return new Numerics("mon-1", t, 1, List.of(
                new NumericValue(MeasurementCode.HEART_RATE, hr, "/min", t, null),
                new NumericValue(MeasurementCode.SPO2, spo2, "%", t, null)));
    }

    @Test
    void heartRateAboveTheAdultDefaultRaisesAMediumAlarmWithValueAndLimit() {
        evaluator.onNumerics("07", numerics(182, 97), clock.instant());
        assertThat(changes).hasSize(1);
        Alarm a = changes.get(0).alarm();
        assertThat(a.condition()).isEqualTo("HR_HIGH");
        assertThat(a.priority()).isEqualTo(AlarmPriority.MEDIUM);
        assertThat(a.text()).isEqualTo("HR 182 > 120");
        assertThat(a.value()).isEqualTo(182.0);
        assertThat(a.limit()).isEqualTo(120.0);
        assertThat(a.id()).isEqualTo("07-HR_HIGH-" + clock.instant().toEpochMilli());
        assertThat(a.kind()).isEqualTo(AlarmKind.PHYSIOLOGICAL);
    }

    @Test
    void desaturationIsHighPriorityAfterTenSecondsLatchesAndEndsOnAcknowledgement() {
        Instant onset = clock.instant();
        evaluator.onNumerics("03", numerics(80, 84), clock.instant());
        assertThat(evaluator.active()).isEmpty(); // SpO2 low must persist 10 s (motion artefacts)
        clock.advance(Duration.ofSeconds(10));
        evaluator.onNumerics("03", numerics(80, 83), clock.instant());
        assertThat(evaluator.active()).extracting(Alarm::condition).containsExactly("SPO2_LOW");
        Alarm a = evaluator.active().get(0);
        assertThat(a.priority()).isEqualTo(AlarmPriority.HIGH);
        assertThat(a.id()).isEqualTo("03-SPO2_LOW-" + onset.toEpochMilli()); // the data that started it
        clock.advance(Duration.ofSeconds(1));
        evaluator.onNumerics("03", numerics(80, 82), clock.instant());
        assertThat(changes).hasSize(1); // still the same alarm, its value follows
        assertThat(evaluator.active().get(0).text()).isEqualTo("SpO2 82 < 90");
        clock.advance(Duration.ofSeconds(1));
        evaluator.onNumerics("03", numerics(80, 95), clock.instant());
        assertThat(evaluator.active()).extracting(Alarm::state).containsExactly(AlarmState.LATCHED);
        evaluator.acknowledge(a.id(), "nurse.a", clock.instant());
        assertThat(evaluator.active()).isEmpty();
        assertThat(changes).extracting(AlarmChange::state).containsExactly("active", "latched", "ended");
        assertThat(changes.get(2).alarm().ackBy()).isEqualTo("nurse.a");
    }

    @Test
    void neonateLimitsDifferFromAdults() {
        evaluator.setCategory("N1", PatientCategory.NEONATE);
        evaluator.onNumerics("N1", numerics(160, 99), clock.instant()); // normal for a neonate, but SpO2 too high
        assertThat(evaluator.active()).extracting(Alarm::condition).containsExactly("SPO2_HIGH");
    }

    @Test
    void aBedSilentForTenSecondsRaisesNoDataWithTheLastDataAsOnsetAndEndsWhenDataReturns() {
        Instant lastData = clock.instant();
        evaluator.onNumerics("05", numerics(70, 97), lastData);
        clock.advance(Duration.ofMillis(9_999));
        evaluator.tick(clock.instant());
        assertThat(evaluator.active()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        evaluator.tick(clock.instant());
        assertThat(evaluator.active()).extracting(Alarm::condition).containsExactly("NO_DATA");
        assertThat(evaluator.active().get(0).id()).isEqualTo("05-NO_DATA-" + lastData.toEpochMilli());
        assertThat(evaluator.active().get(0).kind()).isEqualTo(AlarmKind.TECHNICAL);
        evaluator.onData("05", clock.instant(), clock.instant());
        assertThat(evaluator.active()).isEmpty();
    }

    @Test
    void aBedNeverHeardIsNotAnAlarmAndStandbyRaisesNoNoData() {
        evaluator.tick(clock.instant().plusSeconds(60));
        assertThat(evaluator.active()).isEmpty();
        evaluator.onNumerics("02", numerics(70, 97), clock.instant());
        evaluator.onStatus("02", new DeviceStatus("mon-2", DeviceState.STANDBY, null, null, null, null), clock.instant());
        evaluator.tick(clock.advance(Duration.ofSeconds(30)));
        assertThat(evaluator.active()).isEmpty();
    }

    @Test
    void offlineDeviceAndLeadsOffAreTechnicalAlarms() {
        evaluator.onNumerics("09", numerics(70, 97), clock.instant());
        evaluator.onStatus("09", new DeviceStatus("mon-9", DeviceState.OFFLINE, null, null, null, null), clock.instant());
        assertThat(evaluator.active()).extracting(Alarm::condition).containsExactly("DEVICE_OFFLINE");
        evaluator.tick(clock.advance(Duration.ofSeconds(30)));
        assertThat(evaluator.active()).extracting(Alarm::condition).containsExactly("DEVICE_OFFLINE");

        evaluator.onStatus("09", new DeviceStatus("mon-9", DeviceState.ONLINE, null, null, Map.of("ECG", "off"), null),
                clock.instant());
        assertThat(evaluator.active()).extracting(Alarm::condition).containsExactly("LEADS_OFF");
    }

    @Test
    void theWardListIsSortedByPriorityThenAge() {
        evaluator.onNumerics("01", numerics(130, 97), clock.instant());   // medium
        clock.advance(Duration.ofSeconds(1));
        evaluator.onNumerics("02", numerics(70, 85), clock.instant());    // high, newer
        evaluator.onNumerics("02", numerics(70, 85), clock.advance(Duration.ofSeconds(10)));
        clock.advance(Duration.ofSeconds(1));
        evaluator.onNumerics("03", numerics(40, 97), clock.instant());    // medium, newest
        assertThat(evaluator.active()).extracting(a -> a.bed() + ":" + a.condition())
                .containsExactly("02:SPO2_LOW", "01:HR_HIGH", "03:HR_LOW");
    }

    @Test
    void anInvalidValueNeitherRaisesNorKeepsALimitAlarm() {
        evaluator.onNumerics("04", numerics(190, 97), clock.instant());
        Instant t = clock.advance(Duration.ofSeconds(1));
        evaluator.onNumerics("04", new Numerics("mon", t, 2, List.of(
                new NumericValue(MeasurementCode.HEART_RATE, null, "/min", t, "leads-off"))), t);
        assertThat(evaluator.active()).isEmpty();
    }

    @Test
    void aBrokerUnreachableForTenSecondsInterruptsMonitoringOfEveryBedUntilItIsBack() {
        evaluator.watch(List.of("01", "02", "03"));
        evaluator.onNumerics("01", numerics(70, 97), clock.instant());
        evaluator.onLinkState(false, clock.instant());
        evaluator.tick(clock.advance(Duration.ofMillis(9_999)));
        assertThat(evaluator.active()).isEmpty();
        evaluator.tick(clock.advance(Duration.ofMillis(1)));
        assertThat(evaluator.active()).extracting(a -> a.bed() + ":" + a.condition()).containsExactlyInAnyOrder(
                "01:MONITORING_INTERRUPTED", "02:MONITORING_INTERRUPTED", "03:MONITORING_INTERRUPTED");
        assertThat(evaluator.active()).allMatch(a -> a.priority() == AlarmPriority.HIGH && a.kind() == AlarmKind.TECHNICAL);
        evaluator.tick(clock.advance(Duration.ofSeconds(30)));
        assertThat(evaluator.active()).noneMatch(a -> a.condition().equals("NO_DATA")); // one cause, said once

        evaluator.onLinkState(true, clock.instant());
        evaluator.tick(clock.advance(Duration.ofMillis(250)));
        // bed 01 is still silent after the broker came back: that is now NO DATA, never calm
        assertThat(evaluator.active()).extracting(a -> a.bed() + ":" + a.condition()).containsExactly("01:NO_DATA");
    }

    @Test
    void aShortBrokerHiccupRaisesNothing() {
        evaluator.watch(List.of("01"));
        evaluator.onLinkState(false, clock.instant());
        evaluator.tick(clock.advance(Duration.ofSeconds(3)));
        evaluator.onLinkState(true, clock.instant());
        evaluator.tick(clock.advance(Duration.ofSeconds(30)));
        assertThat(changes).isEmpty();
    }

    @Test
    void probeOffIsATechnicalAlarmAndSilencesSpo2Limits() {
        evaluator.onStatus("06", new DeviceStatus("mon-6", DeviceState.ONLINE, null, null, null, Map.of("SPO2", "off")),
                clock.instant());
        evaluator.onNumerics("06", numerics(70, 60), clock.instant());
        assertThat(evaluator.active()).extracting(Alarm::condition).containsExactly("PROBE_OFF");
    }
}
