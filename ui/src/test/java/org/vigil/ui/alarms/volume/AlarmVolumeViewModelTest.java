package org.vigil.ui.alarms.volume;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The alarm volume dialog's state: steps of 5 between the floor and 100, never silent, and what it says. */
class AlarmVolumeViewModelTest {

    @Test
    void theSettingStaysOnStepsBetweenTheFloorAndFullScale() {
        AlarmVolumeViewModel m = new AlarmVolumeViewModel(50);
        m.percentProperty().set(0);
        assertThat(m.percentProperty().get()).isEqualTo(25);
        m.percentProperty().set(-5);
        assertThat(m.percentProperty().get()).as("never below the floor").isEqualTo(25);
        m.percentProperty().set(63);
        assertThat(m.percentProperty().get()).isEqualTo(65);
        m.percentProperty().set(250);
        assertThat(m.percentProperty().get()).isEqualTo(100);
        assertThat(new AlarmVolumeViewModel(3).percentProperty().get()).as("a stored value below the floor")
                .isEqualTo(25);
    }

    @Test
    void itSaysTheNewSettingTheOneInForceAndTheFloor() {
        AlarmVolumeViewModel m = new AlarmVolumeViewModel(50);
        assertThat(m.describe()).isEqualTo("50 %  (unchanged; never below 25 %)");
        assertThat(m.changed()).isFalse();
        m.percentProperty().set(55);
        assertThat(m.describe()).isEqualTo("55 %  (now 50 %; never below 25 %)");
        assertThat(m.changed()).isTrue();
    }
}
