package org.vigil.link.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.PatientCategory;

class PatientRosterTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Test
    void twelveBedsHaveAdultsOneChildAndOneNewborn() {
        List<SimulatedBed> beds = PatientRoster.beds("icu3", 12, TODAY);
        assertThat(beds).extracting(SimulatedBed::bedId)
                .containsExactly("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12");
        assertThat(beds).extracting(SimulatedBed::deviceId).startsWith("sim-icu3-01", "sim-icu3-02");
        assertThat(beds).filteredOn(b -> b.category() == PatientCategory.PAEDIATRIC).singleElement()
                .satisfies(b -> assertThat(Period.between(b.birthDate(), TODAY).getYears()).isBetween(3, 12));
        assertThat(beds).filteredOn(b -> b.category() == PatientCategory.NEONATE).singleElement()
                .satisfies(b -> assertThat(b.birthDate()).isAfter(TODAY.minusDays(28)));
        assertThat(beds).filteredOn(b -> b.category() == PatientCategory.ADULT).hasSize(10)
                .allSatisfy(b -> assertThat(Period.between(b.birthDate(), TODAY).getYears()).isBetween(18, 100));
        assertThat(beds).extracting(SimulatedBed::patientName).doesNotHaveDuplicates().allMatch(n -> n.contains(" "));
        // scenario beds are adults
        assertThat(beds.get(2).category()).isEqualTo(PatientCategory.ADULT);
        assertThat(beds.get(4).category()).isEqualTo(PatientCategory.ADULT);
        assertThat(beds.get(8).category()).isEqualTo(PatientCategory.ADULT);
    }

    @Test
    void fewBedsAreAllAdultsAndManyBedsGetThreeDigits() {
        assertThat(PatientRoster.beds("w", 5, TODAY)).extracting(SimulatedBed::category).containsOnly(PatientCategory.ADULT);
        List<SimulatedBed> many = PatientRoster.beds("w", 120, TODAY);
        assertThat(many.getFirst().bedId()).isEqualTo("001");
        assertThat(many.getLast().bedId()).isEqualTo("120");
        assertThat(many.getLast().deviceId()).isEqualTo("sim-w-120");
        assertThat(PatientRoster.beds("w", 99, TODAY).getLast().bedId()).isEqualTo("99");
    }

    @Test
    void theSameWardGetsTheSamePatients() {
        assertThat(PatientRoster.beds("icu3", 12, TODAY)).isEqualTo(PatientRoster.beds("icu3", 12, TODAY));
        assertThat(PatientRoster.beds("icu3", 12, TODAY)).isNotEqualTo(PatientRoster.beds("icu4", 12, TODAY));
    }
}
