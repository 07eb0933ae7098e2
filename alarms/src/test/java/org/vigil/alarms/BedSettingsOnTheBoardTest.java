package org.vigil.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.Limit;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.PatientCategory;
import org.vigil.testing.MutableClock;

/** What the tiles and the limit editor read of a bed's settings, and how a limit change is checked. */
class BedSettingsOnTheBoardTest {
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T05:00:00Z"));
    private final List<AlarmChange> changes = new ArrayList<>();
    private final AlarmEvaluator evaluator = new AlarmEvaluator(Duration.ofSeconds(10), changes::add);

    @Test
    void theBoardCarriesEachBedsCategoryLimitsAlarmOffAndOwnPause() {
        evaluator.watch(List.of("01", "02"));
        evaluator.setCategory("02", PatientCategory.NEONATE, clock.instant());
        evaluator.applySettings(new BedSettings("01", PatientCategory.ADULT,
                Map.of(MeasurementCode.SPO2, new Limit(85.0, null)), List.of(MeasurementCode.RESP_RATE),
                "charge.ana", "cs-1", clock.instant()), clock.instant());
        Instant until = evaluator.pauseAudio("01", clock.instant());

        AlarmBoard board = evaluator.board(clock.instant());
        BedAlarmSettings one = board.settings("01");
        assertThat(one.category()).isEqualTo(PatientCategory.ADULT);
        assertThat(one.limit(MeasurementCode.SPO2)).isEqualTo(new Limit(85.0, null));
        assertThat(one.limit(MeasurementCode.HEART_RATE)).as("the category's default where the bed has none")
                .isEqualTo(new Limit(50.0, 120.0));
        assertThat(one.alarmOff()).containsExactly(MeasurementCode.RESP_RATE);
        assertThat(one.updatedAt()).as("a later change must be stamped after this").isEqualTo(clock.instant());
        assertThat(List.copyOf(one.limits().keySet()).subList(0, 2)).as("display order: the defaults' order")
                .containsExactly(MeasurementCode.HEART_RATE, MeasurementCode.SPO2);
        assertThat(board.settings("02").limit(MeasurementCode.HEART_RATE)).isEqualTo(new Limit(100.0, 200.0));
        assertThat(board.settings("02").alarmOff()).isEmpty();
        assertThat(board.settings("99")).as("unknown beds: adult defaults")
                .isEqualTo(BedAlarmSettings.defaults(PatientCategory.ADULT));
        assertThat(board.bedPausedUntil("01", clock.instant())).isEqualTo(until);
        assertThat(board.bedPausedUntil("02", clock.instant())).isNull();
        assertThat(board.bedPausedUntil("01", until)).as("over at its end").isNull();
        assertThat(board.settings()).doesNotContainKey(ConditionCatalog.STATION_BED);
    }

    @Test
    void anAlarmOffSetThroughTheConditionsParameterEndsThatAlarm() {
        Instant t = clock.instant();
        evaluator.onNumerics("01", new Numerics("mon-1", t, 1,
                List.of(new NumericValue(MeasurementCode.HEART_RATE, 150.0, "/min", t, null))), t);
        Alarm hr = evaluator.active().get(0);
        String code = ConditionCatalog.parameterCode(hr.condition());
        assertThat(code).isEqualTo(MeasurementCode.HEART_RATE);
        assertThat(evaluator.board(t).settings("01").alarmOff()).isEmpty();
        evaluator.setAlarmOff("01", code, true, t);
        assertThat(evaluator.active()).as("off ends the alarm of that parameter").isEmpty();
        // every later board shows each change (the board's copy is rebuilt after a change only)
        assertThat(evaluator.board(t).settings("01").alarmOff()).containsExactly(code);
        evaluator.setLimits("01", Map.of(MeasurementCode.SPO2, new Limit(88.0, null)), t);
        assertThat(evaluator.board(t).settings("01").limit(MeasurementCode.SPO2)).isEqualTo(new Limit(88.0, null));
        evaluator.setCategory("01", PatientCategory.PAEDIATRIC, t);
        assertThat(evaluator.board(t).settings("01").category()).isEqualTo(PatientCategory.PAEDIATRIC);
        assertThat(evaluator.board(t).settings("01").limit(MeasurementCode.SPO2)).isEqualTo(new Limit(90.0, null));
        evaluator.discharge("01", t.plusSeconds(1));
        assertThat(evaluator.board(t).settings("01").alarmOff()).isEmpty();
        assertThat(evaluator.board(t).settings("01").updatedAt()).isEqualTo(t.plusSeconds(1));
    }

    @Test
    void parameterCodesOfConditions() {
        assertThat(ConditionCatalog.parameterCode("SPO2_LOW")).isEqualTo(MeasurementCode.SPO2);
        assertThat(ConditionCatalog.parameterCode("NIBP_SYS_HIGH")).isEqualTo(MeasurementCode.NIBP_SYS);
        assertThat(ConditionCatalog.parameterCode("TEMP_LOW")).isEqualTo(MeasurementCode.TEMP_BODY);
        assertThat(ConditionCatalog.parameterCode(ConditionCatalog.limitCondition("MDC_AWAY_CO2", true)))
                .isEqualTo("MDC_AWAY_CO2");
        assertThat(ConditionCatalog.parameterCode("NO_DATA")).isNull();
        assertThat(ConditionCatalog.parameterCode("HR_INVALID")).isNull();
    }

    @Test
    void limitsAreCheckedForOrderAndPlausibleRanges() {
        assertThat(LimitRanges.check(MeasurementCode.SPO2, new Limit(85.0, null))).isNull();
        assertThat(LimitRanges.check(MeasurementCode.HEART_RATE, new Limit(50.0, 120.0))).isNull();
        assertThat(LimitRanges.check(MeasurementCode.HEART_RATE, new Limit(120.0, 50.0)))
                .isEqualTo("HR: low 120 must be below high 50");
        assertThat(LimitRanges.check(MeasurementCode.HEART_RATE, new Limit(60.0, 60.0)))
                .isEqualTo("HR: low 60 must be below high 60");
        assertThat(LimitRanges.check(MeasurementCode.SPO2, new Limit(900.0, null)))
                .isEqualTo("SpO2 low 900 is outside 50 to 100");
        assertThat(LimitRanges.check(MeasurementCode.TEMP_BODY, new Limit(35.0, 50.5)))
                .isEqualTo("Temp high 50.5 is outside 25 to 45");
        assertThat(LimitRanges.check("MDC_AWAY_CO2", new Limit(1.0, 9999.0))).as("unknown codes: order only")
                .isNull();
        assertThat(LimitRanges.check(Map.of(MeasurementCode.SPO2, new Limit(85.0, 80.0))))
                .isEqualTo("SpO2: low 85 must be below high 80");
        // every default is itself acceptable
        for (PatientCategory c : PatientCategory.values()) {
            assertThat(LimitRanges.check(DefaultLimits.forCategory(c))).as(c.wireName()).isNull();
        }
    }
}
