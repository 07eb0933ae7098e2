package org.vigil.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.AlarmMessage;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.DeviceEvent;
import org.vigil.data.model.DeviceState;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.Limit;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.PatientCategory;
import org.vigil.data.model.WardAudioPause;
import org.vigil.testing.MutableClock;

/** The rules of the alarm state machine, one by one, on a fake clock. */
class AlarmStateMachineTest {
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T05:00:00Z"));
    private final List<AlarmChange> changes = new ArrayList<>();
    private final List<AlarmUpdate> updates = new ArrayList<>();
    // NO_DATA has its own tests: a long silence limit keeps it out of these
    private final AlarmEvaluator ev = new AlarmEvaluator(Duration.ofHours(1), changes::add);

    {
        ev.onUpdate(updates::add);
    }

    private Instant now() {
        return clock.instant();
    }

    private Instant advance(long seconds) {
        Instant t = clock.advance(Duration.ofSeconds(seconds));
        ev.tick(t);
        return t;
    }

    private void send(String bed, String code, Double value) {
        Instant t = now();
        ev.onNumerics(bed, new Numerics("mon-" + bed, t, 1, List.of(new NumericValue(code, value, "u", t,
                value == null ? "sensor-off" : null))), t);
    }

    private DeviceEvent event(String condition, AlarmPriority p, String phase, Instant t) {
        return new DeviceEvent("mon", t, "evt-1", condition, p, phase, condition.toLowerCase());
    }

    private List<String> conditions() {
        return ev.active().stream().map(Alarm::condition).toList();
    }

    private Alarm only() {
        assertThat(ev.active()).hasSize(1);
        return ev.active().get(0);
    }

    // ------------------------------------------------------------------ conditions and limits

    @Test
    void everyListedParameterHasDefaultsInEveryCategory() {
        for (PatientCategory c : PatientCategory.values()) {
            assertThat(DefaultLimits.forCategory(c)).containsOnlyKeys(MeasurementCode.HEART_RATE, MeasurementCode.SPO2,
                    MeasurementCode.PULSE_RATE, MeasurementCode.RESP_RATE, MeasurementCode.NIBP_SYS,
                    MeasurementCode.NIBP_DIA, MeasurementCode.NIBP_MEAN, MeasurementCode.TEMP_BODY);
            DefaultLimits.forCategory(c).values().forEach(l ->
                    assertThat(l.low() == null || l.high() == null || l.low() < l.high()).isTrue());
        }
    }

    @Test
    void respirationBloodPressureAndTemperatureAlarmAgainstTheirDefaults() {
        send("01", MeasurementCode.RESP_RATE, 6.0);
        send("01", MeasurementCode.NIBP_SYS, 170.0);
        send("01", MeasurementCode.NIBP_DIA, 45.0);
        send("01", MeasurementCode.NIBP_MEAN, 60.0);
        send("01", MeasurementCode.TEMP_BODY, 39.4);
        send("01", MeasurementCode.PULSE_RATE, 130.0);
        assertThat(conditions()).containsExactlyInAnyOrder("RR_LOW", "NIBP_SYS_HIGH", "NIBP_DIA_LOW",
                "NIBP_MEAN_LOW", "TEMP_HIGH", "PR_HIGH");
        assertThat(ev.active()).filteredOn(a -> a.condition().equals("TEMP_HIGH"))
                .extracting(Alarm::priority).containsExactly(AlarmPriority.LOW);
    }

    @Test
    void anUnknownNumericAlarmsOnlyOnceALimitIsSetAndTheLastValueIsReevaluatedAtOnce() {
        send("02", "MDC_CONC_AWAY_CO2_ET", 60.0);
        assertThat(ev.active()).isEmpty();
        ev.setLimits("02", Map.of("MDC_CONC_AWAY_CO2_ET", new Limit(30.0, 50.0)), now());
        assertThat(only().condition()).isEqualTo("CONC_AWAY_CO2_ET_HIGH");
        assertThat(only().text()).isEqualTo("CONC_AWAY_CO2_ET 60 > 50");
        ev.setLimits("02", Map.of("MDC_CONC_AWAY_CO2_ET", new Limit(null, null)), now());
        assertThat(ev.active()).isEmpty();
    }

    @Test
    void editingALimitRaisesOrEndsAtOnce() {
        send("03", MeasurementCode.HEART_RATE, 110.0);
        ev.setLimits("03", Map.of(MeasurementCode.HEART_RATE, new Limit(50.0, 100.0)), now());
        assertThat(only().condition()).isEqualTo("HR_HIGH");
        assertThat(only().limit()).isEqualTo(100.0);
        ev.setLimits("03", Map.of(MeasurementCode.HEART_RATE, new Limit(50.0, 130.0)), now());
        assertThat(ev.active()).isEmpty();
        assertThat(ev.limits("03").get(MeasurementCode.SPO2)).isEqualTo(new Limit(90.0, null)); // others kept
    }

    @Test
    void sharedSettingsApplyCategoryLimitsAndAlarmOffAndTheLaterWins() {
        Instant t = now();
        assertThat(ev.applySettings(new BedSettings("04", PatientCategory.NEONATE,
                Map.of(MeasurementCode.HEART_RATE, new Limit(90.0, 180.0)), List.of(MeasurementCode.RESP_RATE),
                "charge", "cs-2", t), now())).isTrue();
        assertThat(ev.category("04")).isEqualTo(PatientCategory.NEONATE);
        assertThat(ev.limits("04").get(MeasurementCode.HEART_RATE)).isEqualTo(new Limit(90.0, 180.0));
        assertThat(ev.limits("04").get(MeasurementCode.SPO2)).isEqualTo(new Limit(85.0, 98.0));
        assertThat(ev.alarmOff("04")).containsExactly(MeasurementCode.RESP_RATE);
        assertThat(ev.applySettings(new BedSettings("04", PatientCategory.ADULT, Map.of(), List.of(), "x", "cs-3",
                t.minusSeconds(1)), now())).isFalse();
        assertThat(ev.category("04")).isEqualTo(PatientCategory.NEONATE);
        BedSettings out = ev.settings("04", "me", "cs-1", now());
        assertThat(out.limits()).containsEntry(MeasurementCode.HEART_RATE, new Limit(90.0, 180.0));
        assertThat(out.alarmOff()).containsExactly(MeasurementCode.RESP_RATE);
    }

    @Test
    void alarmOffEndsTheParametersAlarmsEvenLatchedRaisesNoneAndIsShownPermanently() {
        ev.onDeviceEvent("05", event("VTACH", AlarmPriority.HIGH, "start", now()), now()); // another parameter
        send("05", MeasurementCode.RESP_RATE, 50.0);
        assertThat(conditions()).contains("RR_HIGH");
        ev.setAlarmOff("05", MeasurementCode.RESP_RATE, true, now());
        assertThat(conditions()).containsExactly("VTACH");
        send("05", MeasurementCode.RESP_RATE, 55.0);
        assertThat(conditions()).containsExactly("VTACH");
        assertThat(ev.alarmOff("05")).containsExactly(MeasurementCode.RESP_RATE);
        assertThat(ev.board(now()).alarmOff("05")).containsExactly(MeasurementCode.RESP_RATE);
        ev.setAlarmOff("05", MeasurementCode.RESP_RATE, false, now());
        assertThat(conditions()).contains("RR_HIGH"); // the last value counts again
    }

    @Test
    void deviceEventsBecomeConditionsWithTheDevicesPriorityAndOnset() {
        Instant t = now().minusMillis(120);
        ev.onDeviceEvent("06", event("Asystole!", AlarmPriority.HIGH, "start", t), now());
        Alarm a = only();
        assertThat(a.condition()).isEqualTo("ASYSTOLE_");
        assertThat(a.id()).isEqualTo("06-ASYSTOLE_-" + t.toEpochMilli());
        assertThat(a.priority()).isEqualTo(AlarmPriority.HIGH);
        ev.onDeviceEvent("06", event("PVC", AlarmPriority.LOW, "start", t), now());
        ev.onDeviceEvent("06", event("PVC", AlarmPriority.MEDIUM, "update", t), now());
        assertThat(ev.active()).filteredOn(x -> x.condition().equals("PVC")).extracting(Alarm::priority)
                .containsExactly(AlarmPriority.MEDIUM);
        assertThat(updates).extracting(AlarmUpdate::what).contains(AlarmUpdate.PRIORITY);
        ev.onDeviceEvent("06", event("PVC", AlarmPriority.MEDIUM, "end", t), now());
        ev.onDeviceEvent("06", event("Asystole!", AlarmPriority.HIGH, "end", t), now());
        assertThat(ev.active()).extracting(Alarm::state).containsExactly(AlarmState.LATCHED); // high latches
    }

    @Test
    void lowBatteryIsALowTechnicalAlarm() {
        ev.onStatus("07", new DeviceStatus("m", DeviceState.ONLINE, null, 0.15, null, null), now());
        assertThat(only().condition()).isEqualTo(ConditionCatalog.LOW_BATTERY);
        assertThat(only().priority()).isEqualTo(AlarmPriority.LOW);
        assertThat(only().kind()).isEqualTo(AlarmKind.TECHNICAL);
        ev.onStatus("07", new DeviceStatus("m", DeviceState.ONLINE, null, 0.5, null, null), now());
        assertThat(ev.active()).isEmpty();
    }

    @Test
    void aValueInvalidForThirtySecondsIsALowTechnicalAlarmButNotWhileTheLeadsAreOff() {
        send("08", MeasurementCode.HEART_RATE, null);
        advance(29);
        send("08", MeasurementCode.HEART_RATE, null);
        assertThat(ev.active()).isEmpty();
        advance(1);
        assertThat(only().condition()).isEqualTo("HR_INVALID");
        assertThat(only().priority()).isEqualTo(AlarmPriority.LOW);
        assertThat(only().text()).isEqualTo("HR INVALID (sensor-off)");
        send("08", MeasurementCode.HEART_RATE, 70.0);
        assertThat(ev.active()).isEmpty();

        ev.onStatus("09", new DeviceStatus("m", DeviceState.ONLINE, null, null, Map.of("ECG", "off"), null), now());
        send("09", MeasurementCode.HEART_RATE, null);
        advance(60);
        send("09", MeasurementCode.HEART_RATE, null);
        assertThat(conditions()).containsExactly("LEADS_OFF");
        send("10", "MDC_UNKNOWN", null); // no limits: never an invalid alarm
        advance(60);
        assertThat(conditions()).containsExactly("LEADS_OFF");
    }

    @Test
    void aProbeOffIsATechnicalAlarmAndSilencesTheSpo2AndPulseItMakesInvalid() {
        ev.onStatus("05", new DeviceStatus("m", DeviceState.ONLINE, now(), null, Map.of("ECG", "on"),
                Map.of("SPO2", "off")), now());
        Alarm probe = only();
        assertThat(probe.condition()).isEqualTo("PROBE_OFF");
        assertThat(probe.kind()).isEqualTo(AlarmKind.TECHNICAL);
        assertThat(probe.priority()).isEqualTo(AlarmPriority.LOW);
        assertThat(probe.text()).isEqualTo("SpO2 PROBE OFF");
        // what the detached probe reports is invalid, not alarming: no SpO2 low, no pulse or SpO2 invalid
        Instant t = now();
        ev.onNumerics("05", new Numerics("m", t, 1, List.of(
                new NumericValue(MeasurementCode.SPO2, 40.0, "%", t, null),
                new NumericValue(MeasurementCode.PULSE_RATE, null, "/min", t, "sensor-off"),
                new NumericValue(MeasurementCode.HEART_RATE, 72.0, "/min", t, null))), t);
        advance(60);
        assertThat(conditions()).containsExactly("PROBE_OFF");
        // the ECG is not the probe: its heart rate still alarms
        send("05", MeasurementCode.HEART_RATE, 190.0);
        assertThat(conditions()).containsExactlyInAnyOrder("PROBE_OFF", "HR_HIGH");

        ev.onStatus("05", new DeviceStatus("m", DeviceState.ONLINE, now(), null, Map.of("ECG", "on"),
                Map.of("SPO2", "on")), now());
        assertThat(conditions()).containsExactly("HR_HIGH"); // technical alarms do not latch by default
        send("05", MeasurementCode.SPO2, 80.0);
        advance(10); // SpO2 low has a condition delay
        send("05", MeasurementCode.SPO2, 80.0);
        assertThat(conditions()).contains("SPO2_LOW");
    }

    @Test
    void stationConditionsLiveOnThePseudoBedAndAreNotInterruptions() {
        ev.stationCondition("recording stopped", true, "RECORDING STOPPED", AlarmPriority.MEDIUM, now());
        Alarm a = only();
        assertThat(a.bed()).isEqualTo("STATION");
        assertThat(a.condition()).isEqualTo("RECORDING_STOPPED");
        assertThat(a.id()).isEqualTo("STATION-RECORDING_STOPPED-" + now().toEpochMilli());
        ev.onLinkState(false, now());
        advance(3600); // the link is down long enough to interrupt monitoring of the beds
        assertThat(conditions()).containsExactly("RECORDING_STOPPED");
        ev.stationCondition(ConditionCatalog.RECORDING_STOPPED, false, null, AlarmPriority.MEDIUM, now());
        assertThat(ev.active()).isEmpty();
    }

    @Test
    void delayAndPriorityAreConfigurablePerCondition() {
        AlarmEvaluator e = new AlarmEvaluator(AlarmConfig.defaults()
                .withPolicy("HR_HIGH", new ConditionPolicy(AlarmPriority.HIGH, false, Duration.ofSeconds(5)))
                .withPolicy("SPO2_LOW", ConditionPolicy.delay(Duration.ZERO)), changes::add);
        Instant t = now();
        e.onNumerics("01", new Numerics("m", t, 1, List.of(new NumericValue(MeasurementCode.HEART_RATE, 150.0, "/min",
                t, null), new NumericValue(MeasurementCode.SPO2, 80.0, "%", t, null))), t);
        assertThat(e.active()).extracting(Alarm::condition).containsExactly("SPO2_LOW");
        e.tick(clock.advance(Duration.ofSeconds(5)));
        Alarm hr = e.active().stream().filter(a -> a.condition().equals("HR_HIGH")).findFirst().orElseThrow();
        assertThat(hr.priority()).isEqualTo(AlarmPriority.HIGH);
        assertThat(hr.onset()).isEqualTo(t);
    }

    @Test
    void aConditionThatDoesNotPersistForItsDelayIsNeverRaised() {
        send("01", MeasurementCode.SPO2, 85.0);
        advance(5);
        send("01", MeasurementCode.SPO2, 95.0);
        advance(5);
        send("01", MeasurementCode.SPO2, 85.0);
        advance(9);
        assertThat(changes).isEmpty();
        advance(1);
        assertThat(only().onset()).isEqualTo(now().minusSeconds(10));
    }

    // ------------------------------------------------------------------ states

    @Test
    void anAcknowledgedAlarmIsSilentUntilItsConditionEnds() {
        send("01", MeasurementCode.HEART_RATE, 150.0);
        Alarm a = only();
        assertThat(ev.soundingPriority(now())).isEqualTo(AlarmPriority.MEDIUM);
        assertThat(ev.acknowledge(a.id(), "nurse.b", now())).isTrue();
        assertThat(only().state()).isEqualTo(AlarmState.ACKNOWLEDGED);
        assertThat(only().ackBy()).isEqualTo("nurse.b");
        assertThat(ev.soundingPriority(now())).isNull();
        send("01", MeasurementCode.HEART_RATE, 80.0);
        assertThat(ev.active()).isEmpty();
        assertThat(changes).extracting(AlarmChange::state).containsExactly("active", "acknowledged", "ended");
    }

    @Test
    void aMediumAlarmDoesNotLatchAndALatchedOneKeepsSoundingUntilAcknowledged() {
        send("01", MeasurementCode.HEART_RATE, 150.0);
        send("01", MeasurementCode.HEART_RATE, 80.0);
        assertThat(ev.active()).isEmpty();
        ev.onDeviceEvent("01", event("VFIB", AlarmPriority.HIGH, "start", now()), now());
        ev.onDeviceEvent("01", event("VFIB", AlarmPriority.HIGH, "end", now()), now());
        assertThat(only().state()).isEqualTo(AlarmState.LATCHED);
        assertThat(only().active()).isFalse();
        advance(600);
        assertThat(only().state()).isEqualTo(AlarmState.LATCHED);
        assertThat(ev.soundingPriority(now())).isEqualTo(AlarmPriority.HIGH);
        ev.acknowledgeBed("01", "nurse", now());
        assertThat(ev.active()).isEmpty();
    }

    @Test
    void aNewOccurrenceWhileLatchedIsANewAlarm() {
        Instant t1 = now();
        ev.onDeviceEvent("01", event("VFIB", AlarmPriority.HIGH, "start", t1), now());
        ev.onDeviceEvent("01", event("VFIB", AlarmPriority.HIGH, "end", t1), now());
        Instant t2 = advance(1);
        ev.onDeviceEvent("01", event("VFIB", AlarmPriority.HIGH, "start", t2), now());
        assertThat(ev.active()).extracting(Alarm::state).containsExactlyInAnyOrder(AlarmState.LATCHED,
                AlarmState.ACTIVE);
        assertThat(ev.active()).extracting(Alarm::id).doesNotHaveDuplicates();
    }

    @Test
    void theReminderResoundsAnAcknowledgedConditionAfterThreeMinutes() {
        send("01", MeasurementCode.HEART_RATE, 150.0);
        ev.acknowledge(only().id(), "n", now());
        advance(179);
        assertThat(only().reminderDue()).isFalse();
        advance(1);
        assertThat(only().reminderDue()).isTrue();
        assertThat(only().state()).isEqualTo(AlarmState.ACKNOWLEDGED);
        assertThat(ev.soundingPriority(now())).isEqualTo(AlarmPriority.MEDIUM);
        assertThat(updates).extracting(AlarmUpdate::what).contains(AlarmUpdate.REMINDER);
        int before = changes.size();
        ev.acknowledge(only().id(), "n", now());
        assertThat(changes).hasSize(before); // not a state change
        assertThat(only().reminderDue()).isFalse();
        advance(180);
        assertThat(only().reminderDue()).isTrue();
    }

    // ------------------------------------------------------------------ audio pause

    @Test
    void aBedPauseSilencesWhatIsPresentAndNotHigherPrioritiesAndEndsAfterTwoMinutes() {
        send("01", MeasurementCode.HEART_RATE, 150.0); // medium
        Instant until = ev.pauseAudio("01", now());
        assertThat(until).isEqualTo(now().plus(Duration.ofMinutes(2)));
        assertThat(ev.soundingPriority(now())).isNull();
        advance(30);
        assertThat(ev.audioPauseRemaining("01", now())).isEqualTo(Duration.ofSeconds(90));
        assertThat(ev.board(now()).audioPauseRemaining("01", now())).isEqualTo(Duration.ofSeconds(90));
        send("01", MeasurementCode.RESP_RATE, 50.0); // medium: not higher, paused too
        assertThat(ev.soundingPriority(now())).isNull();
        send("02", MeasurementCode.RESP_RATE, 50.0); // another bed: not paused
        assertThat(ev.soundingPriority(now())).isEqualTo(AlarmPriority.MEDIUM);
        ev.acknowledgeBed("02", "n", now());
        ev.onDeviceEvent("01", event("ASYSTOLE", AlarmPriority.HIGH, "start", now()), now()); // higher: sounds
        assertThat(ev.soundingPriority(now())).isEqualTo(AlarmPriority.HIGH);
        ev.acknowledgeBed("01", "n", now());
        send("01", MeasurementCode.NIBP_SYS, 200.0);
        ev.acknowledge(ev.active().stream().filter(a -> a.condition().equals("HR_HIGH")).findFirst().orElseThrow()
                .id(), "n", now());
        advance(89);
        assertThat(ev.soundingPriority(now())).isNull(); // NIBP (raised during the pause) still paused
        advance(1);
        assertThat(ev.audioPauseRemaining("01", now())).isEqualTo(Duration.ZERO);
        assertThat(ev.soundingPriority(now())).isEqualTo(AlarmPriority.MEDIUM);
    }

    @Test
    void aPausedAlarmWhoseDeviceRaisesItsPrioritySoundsThroughThePause() {
        // found by the property test: a device event restarted at a higher priority kept the pause of the lower one
        send("01", MeasurementCode.HEART_RATE, 150.0); // medium
        ev.pauseAudio("01", now());
        clock.advance(Duration.ofMillis(1));
        ev.onDeviceEvent("01", event("VFIB", AlarmPriority.MEDIUM, "start", now()), now());
        assertThat(ev.soundingPriority(now())).as("medium under a medium pause").isNull();
        ev.onDeviceEvent("01", event("VFIB", AlarmPriority.HIGH, "start", now()), now());
        Alarm vfib = ev.active().stream().filter(a -> a.condition().equals("VFIB")).findFirst().orElseThrow();
        assertThat(vfib.priority()).isEqualTo(AlarmPriority.HIGH);
        assertThat(vfib.audioPaused(now())).isFalse();
        assertThat(ev.soundingPriority(now())).isEqualTo(AlarmPriority.HIGH);
        assertThat(ev.active().stream().filter(a -> a.condition().equals("HR_HIGH")).findFirst().orElseThrow()
                .audioPaused(now())).as("the medium alarm stays paused").isTrue();
    }

    @Test
    void aWardPauseAppliesToEveryBedAndCanBeResumedOrComeFromAnotherStation() {
        send("01", MeasurementCode.HEART_RATE, 150.0);
        send("02", MeasurementCode.HEART_RATE, 150.0);
        ev.pauseAudio(null, now());
        assertThat(ev.soundingPriority(now())).isNull();
        assertThat(ev.active()).allMatch(a -> a.audioPaused(now()));
        ev.resumeAudio(null, now());
        assertThat(ev.soundingPriority(now())).isEqualTo(AlarmPriority.MEDIUM);
        Instant later = now().plusSeconds(60);
        assertThat(ev.applyWardPause(new WardAudioPause(later, "charge", "cs-2", now()), now())).isFalse(); // older
        advance(1);
        assertThat(ev.applyWardPause(new WardAudioPause(later, "charge", "cs-2", now()), now())).isTrue();
        assertThat(ev.soundingPriority(now())).isNull();
        assertThat(ev.wardPausedUntil(now())).isEqualTo(later);
    }

    // ------------------------------------------------------------------ escalation

    @Test
    void anUnacknowledgedHighAlarmEscalatesAt30And60SecondsAndAcknowledgementResetsIt() {
        ev.onDeviceEvent("01", event("ASYSTOLE", AlarmPriority.HIGH, "start", now()), now());
        send("01", MeasurementCode.HEART_RATE, 150.0); // medium: no escalation by default
        advance(29);
        assertThat(ev.active()).allMatch(a -> a.escalationLevel() == 0);
        advance(1);
        assertThat(ev.active().get(0).escalationLevel()).isEqualTo(1);
        advance(30);
        assertThat(ev.active().get(0).escalationLevel()).isEqualTo(2);
        assertThat(ev.active().get(1).escalationLevel()).isZero();
        assertThat(updates).filteredOn(u -> u.what().equals(AlarmUpdate.ESCALATION)).hasSize(2);
        ev.acknowledge(ev.active().get(0).id(), "n", now());
        assertThat(ev.active().get(0).escalationLevel()).isZero();
        assertThat(changes.get(changes.size() - 1).alarm().escalationLevel()).isZero();
        advance(120);
        assertThat(ev.active().get(0).escalationLevel()).isZero();
    }

    @Test
    void escalationStepsAreConfigurablePerPriority() {
        AlarmEvaluator e = new AlarmEvaluator(AlarmConfig.defaults()
                .withEscalation(AlarmPriority.MEDIUM, List.of(Duration.ofSeconds(10))), changes::add);
        Instant t = now();
        e.onNumerics("01", new Numerics("m", t, 1, List.of(new NumericValue(MeasurementCode.HEART_RATE, 150.0,
                "/min", t, null))), t);
        e.tick(clock.advance(Duration.ofSeconds(10)));
        assertThat(e.active().get(0).escalationLevel()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ other stations

    private AlarmMessage message(Alarm a, String ackBy, Instant ackAt, int esc, Instant paused, Instant updatedAt) {
        return new AlarmMessage(a.id(), "icu3", a.bed(), a.condition(), a.kind().wireName(), a.priority(),
                "active", a.text(), a.value(), a.limit(), a.unit(), a.onset(), a.raisedAt(), ackBy, ackAt, paused,
                esc, "cs-2", updatedAt);
    }

    @Test
    void anAcknowledgementFromAnotherStationAppliesToAShownAlarmAndIsNeverUndone() {
        send("01", MeasurementCode.HEART_RATE, 150.0);
        Alarm a = only();
        ev.applyRemote(message(a, "nurse.c", now(), 0, null, now()), now());
        assertThat(only().state()).isEqualTo(AlarmState.ACKNOWLEDGED);
        assertThat(only().ackBy()).isEqualTo("nurse.c");
        ev.applyRemote(message(a, null, null, 0, null, now().plusSeconds(5)), now());
        assertThat(only().state()).isEqualTo(AlarmState.ACKNOWLEDGED);
        assertThat(only().ackBy()).isEqualTo("nurse.c");
    }

    @Test
    void anAcknowledgementReceivedBeforeTheAlarmIsRaisedHereIsApplied() {
        Instant onset = now();
        String id = "01-SPO2_LOW-" + onset.toEpochMilli();
        ev.applyRemote(new AlarmMessage(id, "icu3", "01", "SPO2_LOW", "physiological", AlarmPriority.HIGH,
                "acknowledged", "SpO2 85 < 90", 85.0, 90.0, "%", onset, onset, "nurse.d", onset.plusSeconds(10),
                null, 0, "cs-2", onset.plusSeconds(10)), now());
        send("01", MeasurementCode.SPO2, 85.0);
        advance(10);
        send("01", MeasurementCode.SPO2, 84.0);
        assertThat(only().id()).isEqualTo(id);
        assertThat(only().state()).isEqualTo(AlarmState.ACKNOWLEDGED);
        assertThat(only().ackBy()).isEqualTo("nurse.d");
        assertThat(changes).extracting(AlarmChange::state).containsExactly("active", "acknowledged");
    }

    @Test
    void remoteAcknowledgementsAreForgottenAfterTheRetention() {
        ev.applyRemote(new AlarmMessage("01-HR_HIGH-" + now().plusSeconds(700).toEpochMilli(), "w", "01", "HR_HIGH",
                "physiological", AlarmPriority.MEDIUM, "acknowledged", "", null, null, null, now(), now(), "x",
                now(), null, 0, "cs-2", now()), now());
        advance(600);
        advance(100);
        send("01", MeasurementCode.HEART_RATE, 150.0);
        assertThat(only().state()).isEqualTo(AlarmState.ACTIVE);
    }

    @Test
    void aRemoteAcknowledgementEndsALatchedAlarm() {
        ev.onDeviceEvent("01", event("VFIB", AlarmPriority.HIGH, "start", now()), now());
        ev.onDeviceEvent("01", event("VFIB", AlarmPriority.HIGH, "end", now()), now());
        ev.applyRemote(message(only(), "n", now(), 0, null, now()), now());
        assertThat(ev.active()).isEmpty();
        assertThat(changes).extracting(AlarmChange::state).containsExactly("active", "latched", "ended");
    }

    @Test
    void theLaterUpdatedAtWinsForEscalationAndAudioPause() {
        ev.onDeviceEvent("01", event("VFIB", AlarmPriority.HIGH, "start", now()), now());
        Alarm a = only();
        Instant paused = now().plusSeconds(120);
        ev.applyRemote(message(a, null, null, 2, paused, now().plusSeconds(1)), now());
        assertThat(only().escalationLevel()).isEqualTo(2);
        assertThat(only().audioPausedUntil()).isEqualTo(paused);
        ev.applyRemote(message(a, null, null, 1, null, now()), now()); // older: ignored
        assertThat(only().escalationLevel()).isEqualTo(2);
        assertThat(only().audioPausedUntil()).isEqualTo(paused);
        assertThat(updates).extracting(AlarmUpdate::what).containsExactly(AlarmUpdate.REMOTE);
    }

    @Test
    void theMessageCarriesTheContractsFields() {
        send("07", MeasurementCode.HEART_RATE, 182.0);
        ev.acknowledge(only().id(), "nurse.e", now());
        AlarmMessage m = only().toMessage("icu3", "cs-1");
        assertThat(m.alarm()).isEqualTo("07-HR_HIGH-" + now().toEpochMilli());
        assertThat(m.state()).isEqualTo("acknowledged");
        assertThat(m.kind()).isEqualTo("physiological");
        assertThat(m.ackBy()).isEqualTo("nurse.e");
        assertThat(m.ackAt()).isEqualTo(now());
        assertThat(m.sourceTime()).isEqualTo(now());
        assertThat(m.value()).isEqualTo(182.0);
        assertThat(m.limit()).isEqualTo(120.0);
        assertThat(m.station()).isEqualTo("cs-1");
        assertThat(m.updatedAt()).isEqualTo(now());
    }

    // ------------------------------------------------------------------ late data, discharge

    @Test
    void lateDataIsALateEventWithItsDeviceTimeAndNeverAnAlarm() {
        List<LateEvent> lates = new ArrayList<>();
        ev.onLate(lates::add);
        Instant deviceTime = now().minusSeconds(40);
        LateEvent e = ev.lateNumerics("01", new Numerics("m", deviceTime, 5, List.of(new NumericValue(
                MeasurementCode.HEART_RATE, 190.0, "/min", deviceTime, null))), now());
        assertThat(e.deviceTime()).isEqualTo(deviceTime);
        assertThat(e.at()).isEqualTo(now());
        assertThat(e.findings()).containsExactly("HR 190 > 120");
        assertThat(lates).containsExactly(e);
        assertThat(changes).isEmpty();
        advance(60);
        assertThat(ev.active()).isEmpty(); // not data from the bed either: no NO_DATA afterwards
    }

    @Test
    void dischargeEndsTheBedsAlarmsAndReturnsItsSettingsToTheDefaults() {
        ev.setCategory("01", PatientCategory.PAEDIATRIC, now());
        ev.setLimits("01", Map.of(MeasurementCode.HEART_RATE, new Limit(60.0, 100.0)), now());
        ev.setAlarmOff("01", MeasurementCode.RESP_RATE, true, now());
        ev.onDeviceEvent("01", event("VFIB", AlarmPriority.HIGH, "start", now()), now());
        ev.onDeviceEvent("01", event("VFIB", AlarmPriority.HIGH, "end", now()), now());
        send("01", MeasurementCode.HEART_RATE, 120.0);
        assertThat(ev.active()).hasSize(2);
        ev.pauseAudio("01", now());
        ev.discharge("01", now());
        assertThat(ev.active()).isEmpty();
        assertThat(changes).filteredOn(c -> c.state().equals("ended")).hasSize(2);
        assertThat(ev.limits("01")).isEqualTo(DefaultLimits.forCategory(PatientCategory.PAEDIATRIC));
        assertThat(ev.alarmOff("01")).isEmpty();
        assertThat(ev.audioPauseRemaining("01", now())).isEqualTo(Duration.ZERO);
        advance(60);
        assertThat(ev.active()).isEmpty(); // an empty bed is not silent
    }

    @Test
    void theBoardCarriesTheSoundingPriority() {
        ev.onDeviceEvent("01", event("VFIB", AlarmPriority.HIGH, "start", now()), now());
        AlarmBoard b = ev.board(now());
        assertThat(b.soundingPriority()).isEqualTo(AlarmPriority.HIGH);
        assertThat(b.forBed("01")).hasSize(1);
    }
}
