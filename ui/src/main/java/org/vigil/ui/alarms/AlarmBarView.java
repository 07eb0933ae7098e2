package org.vigil.ui.alarms;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.vigil.data.model.AlarmPriority;
import org.vigil.ui.Styles;

/** The alarm bar across the top of the console. JavaFX thread only. */
public final class AlarmBarView extends HBox {
    private final Label empty = new Label("No active alarms");

    public AlarmBarView(AlarmBarViewModel model) {
        getStyleClass().add(Styles.ALARM_BAR);
        setAlignment(Pos.CENTER_LEFT);
        setId("alarm-bar");
        empty.getStyleClass().add(Styles.ALARM_BAR_EMPTY);
        getChildren().add(empty);
        model.entries().addListener((ListChangeListener<AlarmBarViewModel.Entry>) c -> rebuild(model));
    }

    private void rebuild(AlarmBarViewModel model) {
        getChildren().clear();
        if (model.entries().isEmpty()) {
            getChildren().add(empty);
            return;
        }
        for (AlarmBarViewModel.Entry e : model.entries()) {
            Label chip = new Label(e.text());
            chip.getStyleClass().addAll(Styles.ALARM_CHIP, Styles.priorityClass(e.priority()));
            chip.setUserData(e.priority());
            chip.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            getChildren().add(chip);
        }
    }

    /** The shared flash timeline's phase: high and medium chips flash, low ones stay steady. */
    public void setFlash(boolean highOff, boolean mediumOff) {
        for (var n : getChildren()) {
            if (n.getUserData() instanceof AlarmPriority p) {
                n.pseudoClassStateChanged(Styles.FLASH_OFF,
                        p == AlarmPriority.HIGH ? highOff : p == AlarmPriority.MEDIUM && mediumOff);
            }
        }
    }
}
