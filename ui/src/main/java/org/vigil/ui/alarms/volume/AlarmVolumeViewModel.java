package org.vigil.ui.alarms.volume;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vigil.alarms.sound.AlarmVolume;

/**
 * The alarm volume dialog's state: the setting being chosen (whole percent, from the floor to 100, in steps of 5)
 * and the message under it. It cannot go below {@link AlarmVolume#FLOOR}: an alarm is never silent. Who may apply
 * it is checked where it is applied (the station's actions). JavaFX thread only; never touches a Node.
 */
public final class AlarmVolumeViewModel {
    public static final int FLOOR_PERCENT = (int) Math.round(AlarmVolume.FLOOR * 100);
    public static final int STEP = 5;

    private final int current;
    private final IntegerProperty percent = new SimpleIntegerProperty();
    private final StringProperty message = new SimpleStringProperty("");

    /** @param current the console's volume setting in force, percent */
    public AlarmVolumeViewModel(int current) {
        this.current = current;
        percent.set(clamp(current));
        percent.addListener((o, was, now) -> {
            if (now.intValue() != clamp(now.intValue())) {
                percent.set(clamp(now.intValue()));
            }
        });
    }

    /** Within the floor and 100, on a step of 5. */
    static int clamp(int p) {
        int stepped = Math.round(p / (float) STEP) * STEP;
        return Math.max(FLOOR_PERCENT, Math.min(100, stepped));
    }

    public IntegerProperty percentProperty() {
        return percent;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** "Alarm volume 50 %" with what it was when the dialog opened, and the floor. */
    public String describe() {
        int p = percent.get();
        String change = p == current ? "unchanged" : "now " + current + " %";
        return p + " %  (" + change + "; never below " + FLOOR_PERCENT + " %)";
    }

    /** Whether applying would change anything. */
    public boolean changed() {
        return percent.get() != current;
    }
}
