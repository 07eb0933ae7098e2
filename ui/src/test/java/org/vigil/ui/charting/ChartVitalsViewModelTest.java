package org.vigil.ui.charting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.data.emr.Acvpu;
import org.vigil.data.emr.ChartedValue;
import org.vigil.data.emr.VitalSignCodes;
import org.vigil.data.recording.MinuteAggregate;

/** What the nurse may sign in "Chart vitals": changed values need a reason, a review shows what is signed. */
class ChartVitalsViewModelTest {
    private static final Instant MINUTE = Instant.parse("2026-11-24T09:45:00Z");

    private ChartVitalsViewModel model() {
        ChartVitalsViewModel m = new ChartVitalsViewModel("01", "Bed 01", "Anna Berg (MRN 1001)", ZoneOffset.UTC);
        m.loadMinute(MINUTE, List.of(
                new MinuteAggregate(VitalSignCodes.HEART_RATE, MINUTE, 72.4, 70, 75, 60, "/min"),
                new MinuteAggregate(VitalSignCodes.SPO2, MINUTE, 96.6, 95, 98, 60, "%"),
                new MinuteAggregate(VitalSignCodes.TEMP_BODY, MINUTE, 36.84, 36.8, 36.9, 60, "Cel")));
        return m;
    }

    @Test
    void theMedianOfAMinuteIsChartedAtThatMinuteAsMeasured() {
        ChartVitalsViewModel m = model();
        assertThat(m.sourceProperty().get()).isEqualTo("Median of the minute 09:45 (trends)");
        assertThat(m.row(VitalSignCodes.HEART_RATE).valueProperty().get()).isEqualTo("72");
        assertThat(m.row(VitalSignCodes.TEMP_BODY).valueProperty().get()).isEqualTo("36.8");
        assertThat(m.row(VitalSignCodes.RESP_RATE).valueProperty().get()).isEmpty();

        ChartingDraft d = m.review();
        assertThat(d).isNotNull();
        assertThat(d.effective()).isEqualTo(MINUTE);
        assertThat(d.values()).extracting(ChartedValue::code).containsExactly(VitalSignCodes.HEART_RATE,
                VitalSignCodes.SPO2, VitalSignCodes.TEMP_BODY);
        assertThat(d.values()).noneMatch(ChartedValue::edited);
        assertThat(m.summaryProperty().get()).isEqualTo("At 09:45:00: HR 72 /min, SpO2 97 %, Temp 36.8 Cel");
        assertThat(m.reviewedProperty().get()).isTrue();
    }

    @Test
    void aChangedValueNeedsAReasonAndAnyChangeAfterTheReviewNeedsANewOne() {
        ChartVitalsViewModel m = model();
        m.row(VitalSignCodes.HEART_RATE).valueProperty().set("80");
        assertThat(m.row(VitalSignCodes.HEART_RATE).changedProperty().get()).isTrue();
        assertThat(m.review()).isNull();
        assertThat(m.errorProperty().get()).isEqualTo("HR changed from 72 to 80: give a reason");
        assertThat(m.reviewedDraft()).isNull();

        m.row(VitalSignCodes.HEART_RATE).reasonProperty().set("counted for a minute");
        m.acvpuProperty().set(Acvpu.VOICE);
        m.oxygenProperty().set(ChartVitalsViewModel.Oxygen.YES);
        ChartingDraft d = m.review();
        assertThat(d.values().get(0)).isEqualTo(new ChartedValue(VitalSignCodes.HEART_RATE, 80, "/min", 72.4,
                "counted for a minute", null));
        assertThat(d.acvpu()).isEqualTo(Acvpu.VOICE);
        assertThat(d.supplementalOxygen()).isTrue();
        assertThat(m.summaryProperty().get()).contains("HR 80 /min (monitor 72: counted for a minute)",
                "ACVPU V", "supplemental oxygen yes");

        m.row(VitalSignCodes.SPO2).valueProperty().set("94");
        assertThat(m.reviewedDraft()).as("changed after the review").isNull();
        assertThat(m.summaryProperty().get()).isEmpty();
    }

    @Test
    void wrongEntriesAreRefusedWithWhatToFix() {
        ChartVitalsViewModel m = model();
        m.row(VitalSignCodes.RESP_RATE).valueProperty().set("sixteen");
        m.row(VitalSignCodes.NIBP_SYS).valueProperty().set("120");
        m.row(VitalSignCodes.TEMP_BODY).valueProperty().set("");
        assertThat(m.review()).isNull();
        assertThat(m.errorProperty().get()).isEqualTo("""
                RR: 'sixteen' is not a number
                Temp: left out of the chart: give a reason
                A blood pressure needs both systolic and diastolic""");
    }

    @Test
    void nothingRecordedInTheMinuteLeavesNothingToChartUntilTheNurseTypesIt() {
        ChartVitalsViewModel m = new ChartVitalsViewModel("01", "Bed 01", null, ZoneOffset.UTC);
        m.loadMinute(MINUTE, List.of());
        assertThat(m.sourceProperty().get()).isEqualTo("Nothing recorded in the minute 09:45");
        assertThat(m.review()).isNull();
        assertThat(m.errorProperty().get()).isEqualTo("Nothing to chart: no value, no ACVPU, no oxygen");
        // a value the monitor did not give is the nurse's own: no reason needed
        m.row(VitalSignCodes.RESP_RATE).valueProperty().set("18");
        assertThat(m.review().values()).containsExactly(ChartedValue.of(VitalSignCodes.RESP_RATE, 18, "/min"));
    }

    @Test
    void whileAMinutePickedInTheTrendsIsReadNothingCanBeSignedThenItsMediansAre() {
        ChartVitalsViewModel m = new ChartVitalsViewModel("01", "Bed 01", null, ZoneOffset.UTC);
        m.loadingMinute(MINUTE);
        assertThat(m.sourceProperty().get()).isEqualTo("Reading the minute 09:45 from the recording...");
        assertThat(m.minuteProperty().get()).isEqualTo("09:45");
        m.row(VitalSignCodes.RESP_RATE).valueProperty().set("18");
        assertThat(m.review()).isNull();
        assertThat(m.errorProperty().get()).isEqualTo("No time for the values: load the current values or a minute");

        m.loadMinute(MINUTE, List.of(new MinuteAggregate(VitalSignCodes.HEART_RATE, MINUTE, 72, 70, 75, 60, "/min")));
        ChartingDraft d = m.review();
        assertThat(d.effective()).isEqualTo(MINUTE);
        assertThat(d.values()).containsExactly(ChartedValue.of(VitalSignCodes.HEART_RATE, 72, "/min"));
    }

    @Test
    void theMinuteIsTypedAsHoursAndMinutesAndNeverInTheFuture() {
        ChartVitalsViewModel m = model();
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        m.minuteProperty().set("09:45");
        assertThat(m.typedMinute(now)).isEqualTo(MINUTE);
        m.minuteProperty().set("23:10");
        assertThat(m.typedMinute(now)).isEqualTo(Instant.parse("2026-11-23T23:10:00Z"));
        m.minuteProperty().set("9.45");
        assertThat(m.typedMinute(now)).isNull();
        assertThat(m.errorProperty().get()).isEqualTo("Type the minute as HH:mm, e.g. 14:05");
    }
}
