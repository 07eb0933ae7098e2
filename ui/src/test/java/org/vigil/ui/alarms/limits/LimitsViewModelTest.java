package org.vigil.ui.alarms.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigil.alarms.BedAlarmSettings;
import org.vigil.alarms.DefaultLimits;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.Limit;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.PatientCategory;

/** The limit editor's checks and its "reset to category defaults", without a window. */
class LimitsViewModelTest {
    private final LimitsViewModel model = new LimitsViewModel("03", "Bed 03",
            new BedAlarmSettings(PatientCategory.ADULT, inForce(), Set.of(MeasurementCode.RESP_RATE)));

    /** As the alarm board gives them: the category's defaults overlaid by the bed's own. */
    private static Map<String, Limit> inForce() {
        Map<String, Limit> m = new java.util.LinkedHashMap<>(DefaultLimits.forCategory(PatientCategory.ADULT));
        m.put(MeasurementCode.SPO2, new Limit(88.0, null));
        m.put("MDC_AWAY_CO2", new Limit(null, 50.0));
        return m;
    }

    @Test
    void showsTheBedsSettingsInForce() {
        assertThat(model.title()).isEqualTo("Alarm limits: Bed 03");
        assertThat(model.rows()).extracting(LimitsViewModel.Row::label)
                .startsWith("HR", "SpO2", "PR", "RR", "NIBP sys", "NIBP dia", "NIBP mean", "Temp").contains("CO2");
        assertThat(model.row(MeasurementCode.SPO2).lowProperty().get()).isEqualTo("88");
        assertThat(model.row(MeasurementCode.SPO2).highProperty().get()).isEmpty();
        assertThat(model.row(MeasurementCode.RESP_RATE).alarmOffProperty().get()).isTrue();
        assertThat(model.categoryProperty().get()).isEqualTo(PatientCategory.ADULT);
    }

    @Test
    void aValidEditBecomesTheBedsSettings() {
        model.row(MeasurementCode.SPO2).lowProperty().set("85");
        model.row(MeasurementCode.HEART_RATE).highProperty().set(" 130,0 ");
        model.row(MeasurementCode.TEMP_BODY).alarmOffProperty().set(true);
        BedSettings s = model.validate();
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(s.bed()).isEqualTo("03");
        assertThat(s.limits()).containsEntry(MeasurementCode.SPO2, new Limit(85.0, null))
                .containsEntry(MeasurementCode.HEART_RATE, new Limit(50.0, 130.0))
                .containsEntry("MDC_AWAY_CO2", new Limit(null, 50.0));
        assertThat(s.alarmOff()).containsExactlyInAnyOrder(MeasurementCode.RESP_RATE, MeasurementCode.TEMP_BODY);
    }

    @Test
    void wrongEntriesAreRefusedWithAClearMessage() {
        model.row(MeasurementCode.HEART_RATE).lowProperty().set("130");
        assertThat(model.validate()).isNull();
        assertThat(model.errorProperty().get()).isEqualTo("HR: low 130 must be below high 120");

        model.row(MeasurementCode.HEART_RATE).lowProperty().set("5o");
        assertThat(model.validate()).isNull();
        assertThat(model.errorProperty().get()).isEqualTo("HR: '5o' is not a number");

        model.row(MeasurementCode.HEART_RATE).lowProperty().set("50");
        model.row(MeasurementCode.SPO2).lowProperty().set("900");
        assertThat(model.validate()).isNull();
        assertThat(model.errorProperty().get()).isEqualTo("SpO2 low 900 is outside 50 to 100");

        // an empty row would silence the parameter without the alarm-off indicator
        model.row(MeasurementCode.SPO2).lowProperty().set("");
        assertThat(model.validate()).isNull();
        assertThat(model.errorProperty().get()).isEqualTo("SpO2: give a low or a high limit, or switch its alarm off");
        model.row(MeasurementCode.SPO2).alarmOffProperty().set(true);
        assertThat(model.validate()).isNotNull();
        assertThat(model.errorProperty().get()).isEmpty();
    }

    @Test
    void resetToTheChosenCategorysDefaults() {
        model.categoryProperty().set(PatientCategory.NEONATE);
        model.resetToCategoryDefaults();
        assertThat(model.row(MeasurementCode.HEART_RATE).lowProperty().get()).isEqualTo("100");
        assertThat(model.row(MeasurementCode.HEART_RATE).highProperty().get()).isEqualTo("200");
        assertThat(model.row(MeasurementCode.SPO2).highProperty().get()).isEqualTo("98");
        assertThat(model.row(MeasurementCode.TEMP_BODY).lowProperty().get()).isEqualTo("36");
        assertThat(model.row(MeasurementCode.RESP_RATE).alarmOffProperty().get()).as("alarms on again").isFalse();
        BedSettings s = model.validate();
        assertThat(s.category()).isEqualTo(PatientCategory.NEONATE);
        assertThat(s.alarmOff()).isEmpty();
        assertThat(s.limits()).doesNotContainKey("MDC_AWAY_CO2");
        assertThat(List.copyOf(s.limits().keySet())).contains(MeasurementCode.NIBP_MEAN);
    }
}
