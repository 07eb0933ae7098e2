package org.vigil.ui.patients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.data.emr.EmrPatient;
import org.vigil.data.model.PatientCategory;

/** The admit dialog's rules: how to search, when admission by hand is offered, the category picked by age. */
class AdmitViewModelTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Test
    void aSearchNeedsAnMrnOrANameAndABirthDate() {
        AdmitViewModel m = new AdmitViewModel("01", "Bed 01", true, TODAY);
        assertThat(m.search()).isNull();
        assertThat(m.messageProperty().get()).isEqualTo("Search by MRN, or by name and birth date");
        m.nameProperty().set("Berg");
        m.birthDateProperty().set("23.04.1961");
        assertThat(m.search()).isNull();
        assertThat(m.messageProperty().get()).isEqualTo("Type the birth date as YYYY-MM-DD, e.g. 1961-04-23 (not '23.04.1961')");
        m.birthDateProperty().set("1961-04-23");
        assertThat(m.search()).isEqualTo(new AdmitViewModel.Search(null, "Berg", LocalDate.of(1961, 4, 23)));
        m.mrnProperty().set(" MRN-1 ");
        assertThat(m.search()).isEqualTo(new AdmitViewModel.Search("MRN-1", null, null));
    }

    @Test
    void byHandIsOfferedOnlyOnceTheEmrCannotBeAsked() {
        AdmitViewModel m = new AdmitViewModel("01", "Bed 01", true, TODAY);
        assertThat(m.emrUnavailableProperty().get()).isFalse();
        m.found(new PatientService.Found(List.of(), null, false));
        assertThat(m.messageProperty().get()).isEqualTo("No patient found in the EMR");
        assertThat(m.emrUnavailableProperty().get()).isFalse();
        m.found(new PatientService.Found(List.of(), "EMR unreachable (connection refused)", true));
        assertThat(m.emrUnavailableProperty().get()).isTrue();
        assertThat(m.messageProperty().get()).startsWith("EMR unreachable (connection refused): admit by hand");

        assertThat(new AdmitViewModel("01", "Bed 01", false, TODAY).emrUnavailableProperty().get())
                .as("no EMR configured").isTrue();
    }

    @Test
    void aSingleMatchIsPickedWithTheCategoryOfItsAge() {
        AdmitViewModel m = new AdmitViewModel("01", "Bed 01", true, TODAY);
        EmrPatient baby = new EmrPatient("Patient/9", "MRN-9", "Baby Berg", TODAY.minusDays(3), null);
        m.found(new PatientService.Found(List.of(baby), null, false));
        assertThat(m.selectedProperty().get()).isEqualTo(baby);
        assertThat(m.categoryProperty().get()).isEqualTo(PatientCategory.NEONATE);
        assertThat(m.describe(baby)).isEqualTo("Baby Berg · MRN MRN-9 · " + TODAY.minusDays(3) + " (0 y)");
    }

    @Test
    void byHandNeedsNameMrnAndAPastBirthDate() {
        AdmitViewModel m = new AdmitViewModel("01", "Bed 01", false, TODAY);
        m.manualNameProperty().set("Bo Lind");
        assertThat(m.manual()).isNull();
        assertThat(m.messageProperty().get()).isEqualTo("Admitting by hand needs name, MRN and birth date");
        m.manualMrnProperty().set("MRN-2");
        m.manualBirthDateProperty().set("2027-01-01");
        assertThat(m.manual()).isNull();
        assertThat(m.messageProperty().get()).isEqualTo("The birth date 2027-01-01 is in the future");
        m.manualBirthDateProperty().set("1950-01-02");
        m.manualCategoryProperty().set(PatientCategory.ADULT);
        assertThat(m.manual()).isEqualTo(new AdmitViewModel.Manual("Bo Lind", "MRN-2", LocalDate.of(1950, 1, 2),
                PatientCategory.ADULT));
    }
}
