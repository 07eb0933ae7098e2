package org.vigil.link.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.vigil.data.model.PatientCategory;

class BedScenarioTest {

    @Test
    void bedIndicesPickTheScenarios() {
        assertThat(BedScenario.forBed(0, PatientCategory.ADULT, 1).kind()).isEqualTo(BedScenario.Kind.STABLE);
        assertThat(BedScenario.forBed(2, PatientCategory.ADULT, 1).kind()).isEqualTo(BedScenario.Kind.DETERIORATION);
        assertThat(BedScenario.forBed(4, PatientCategory.ADULT, 1).kind()).isEqualTo(BedScenario.Kind.LEADS_OFF);
        assertThat(BedScenario.forBed(8, PatientCategory.ADULT, 1).kind()).isEqualTo(BedScenario.Kind.DROPOUT);
        assertThat(BedScenario.forBed(9, PatientCategory.ADULT, 1).kind()).isEqualTo(BedScenario.Kind.STABLE);
    }

    @Test
    void deteriorationDriftsIntoAlarmRangeHoldsRecoversAndRepeats() {
        BedScenario s = BedScenario.forBed(2, PatientCategory.ADULT, 1);
        BedScenario.Vitals start = s.at(30);
        assertThat(start.spo2()).isCloseTo(95, within(1.0));
        assertThat(start.heartRate()).isCloseTo(88, within(5.0));

        BedScenario.Vitals midway = s.at(150);
        assertThat(midway.spo2()).isBetween(86.0, 94.0);

        for (double t = 240; t <= 420; t += 10) {
            BedScenario.Vitals worst = s.at(t);
            assertThat(worst.spo2()).as("SpO2 at %s s", t).isCloseTo(85, within(1.0));
            assertThat(worst.heartRate()).as("HR at %s s", t).isCloseTo(135, within(5.0));
        }
        BedScenario.Vitals recovered = s.at(570);
        assertThat(recovered.spo2()).isCloseTo(95, within(1.0));
        assertThat(recovered.heartRate()).isCloseTo(88, within(5.0));
        assertThat(s.at(600 + 300).spo2()).isCloseTo(85, within(1.0));
        // smooth: never more than a little change per second
        for (double t = 0; t < 600; t += 1) {
            assertThat(Math.abs(s.at(t + 1).heartRate() - s.at(t).heartRate())).isLessThan(1.5);
            assertThat(Math.abs(s.at(t + 1).spo2() - s.at(t).spo2())).isLessThan(0.3);
        }
    }

    @Test
    void leadsComeOffForTwentySecondsEveryTwoMinutes() {
        BedScenario s = BedScenario.forBed(4, PatientCategory.ADULT, 1);
        int off = 0;
        for (int t = 0; t < 600; t++) {
            if (!s.leadsOn(t)) {
                off++;
            }
        }
        assertThat(off).isEqualTo(5 * 20);
        assertThat(s.leadsOn(39.9)).isTrue();
        assertThat(s.leadsOn(40)).isFalse();
        assertThat(s.leadsOn(59.9)).isFalse();
        assertThat(s.leadsOn(60)).isTrue();
        assertThat(s.at(45).leadsOn()).isFalse();
        assertThat(BedScenario.forBed(0, PatientCategory.ADULT, 1).leadsOn(45)).isTrue();
    }

    @Test
    void dropoutGoesSilentAfterAMinuteForNinetySeconds() {
        BedScenario s = BedScenario.forBed(8, PatientCategory.ADULT, 1);
        assertThat(s.linkUp(59)).isTrue();
        assertThat(s.linkUp(61)).isFalse();
        assertThat(s.linkUp(149)).isFalse();
        assertThat(s.linkUp(150)).isTrue();
        assertThat(s.linkUp(600 + 100)).isFalse();
        assertThat(BedScenario.forBed(0, PatientCategory.ADULT, 1).linkUp(100)).isTrue();
    }

    @Test
    void stableBedsStayInNormalRangesAndDifferFromEachOther() {
        java.util.Set<Long> heartRates = new java.util.HashSet<>();
        for (int bed = 0; bed < 40; bed++) {
            if (bed == 2) {
                continue;
            }
            BedScenario s = BedScenario.forBed(bed, PatientCategory.ADULT, WardSimulator.bedSeed(7, bed));
            heartRates.add(Math.round(s.heartRate(0)));
            for (double t = 0; t < 3600; t += 7) {
                BedScenario.Vitals v = s.at(t);
                assertThat(v.heartRate()).isBetween(60.0, 100.0);
                assertThat(v.spo2()).isBetween(95.0, 99.4);
                assertThat(v.respRate()).isBetween(12.0, 20.0);
                assertThat(v.temperature()).isBetween(36.5, 37.5);
            }
        }
        assertThat(heartRates).hasSizeGreaterThan(10);
    }

    @Test
    void childAndNewbornHaveTheirAgesVitals() {
        BedScenario child = BedScenario.forBed(6, PatientCategory.PAEDIATRIC, 3);
        BedScenario newborn = BedScenario.forBed(10, PatientCategory.NEONATE, 3);
        for (double t = 0; t < 1800; t += 13) {
            assertThat(child.at(t).heartRate()).isBetween(80.0, 115.0);
            assertThat(newborn.at(t).heartRate()).isBetween(120.0, 160.0);
            assertThat(newborn.at(t).respRate()).isBetween(30.0, 55.0);
        }
    }

    @Test
    void nibpReadingsArePlausibleAndRepeatable() {
        BedScenario s = BedScenario.forBed(0, PatientCategory.ADULT, 42);
        for (long k = 0; k < 10; k++) {
            BedScenario.BloodPressure bp = s.bloodPressure(k);
            assertThat(bp.systolic()).isBetween(95, 150);
            assertThat(bp.diastolic()).isBetween(55, 95);
            assertThat(bp.mean()).isStrictlyBetween(bp.diastolic(), bp.systolic());
            assertThat(s.bloodPressure(k)).isEqualTo(bp);
        }
    }
}
