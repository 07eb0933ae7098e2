package org.vigil.ui;

import javafx.css.PseudoClass;
import org.vigil.data.model.AlarmPriority;

/** Style-class names of {@code dark-theme.css}; views use these, never inline styles. */
public final class Styles {
    public static final String THEME = "/org/vigil/ui/dark-theme.css";

    public static final String STATUS_BAR = "status-bar";
    public static final String STATUS_ITEM = "status-item";
    public static final String STATUS_OK = "status-ok";
    public static final String STATUS_BAD = "status-bad";
    public static final String STATUS_CLOCK = "status-clock";

    public static final String ALARM_BAR = "alarm-bar";
    public static final String ALARM_BAR_EMPTY = "alarm-bar-empty";
    public static final String ALARM_CHIP = "alarm-chip";

    public static final String DIAGNOSTICS = "diagnostics";
    public static final String DIAGNOSTICS_TITLE = "diagnostics-title";
    public static final String STATUS_BUTTON = "status-button";

    public static final String BED_GRID = "bed-grid";
    public static final String BED_TILE = "bed-tile";
    public static final String BED_TILE_HEADER = "bed-tile-header";
    public static final String BED_LABEL = "bed-label";
    public static final String BED_PATIENT = "bed-patient";
    public static final String BED_SIMULATED = "bed-simulated";
    public static final String BED_UNASSIGNED = "bed-unassigned";
    public static final String BED_CLOCK_FLAG = "bed-clock-flag";
    public static final String BED_ALARM_TEXT = "bed-alarm-text";
    public static final String BED_DEVICE_STATE = "bed-device-state";
    public static final String BED_OTHER_NUMERICS = "bed-other-numerics";
    public static final String BED_NO_DATA = "bed-no-data";
    public static final String BED_EMPTY_NOTE = "bed-empty-note";
    public static final String NUMERIC_BOX = "numeric-box";
    public static final String NUMERIC_LABEL = "numeric-label";
    public static final String NUMERIC_VALUE = "numeric-value";
    public static final String NUMERIC_SMALL = "numeric-small";
    public static final String NUMERIC_AGE = "numeric-age";
    public static final String NUMERIC_INVALID = "numeric-invalid";
    public static final String IN_ALARM = "in-alarm";
    public static final String PARAM_HR = "param-hr";
    public static final String PARAM_SPO2 = "param-spo2";
    public static final String PARAM_RESP = "param-resp";
    public static final String PARAM_NIBP = "param-nibp";
    public static final String PARAM_TEMP = "param-temp";

    /** Toggled by the one shared flash timeline for the "off" half of an alarm's flash cycle. */
    public static final PseudoClass FLASH_OFF = PseudoClass.getPseudoClass("flash-off");
    /** Set on a bed tile too short for the full-size numerics. */
    public static final PseudoClass COMPACT = PseudoClass.getPseudoClass("compact");

    private Styles() {
    }

    public static String priorityClass(AlarmPriority p) {
        return "priority-" + p.wireName();
    }

    /** Removes any priority class and adds the one of {@code p} (none when null). */
    public static void setPriorityClass(javafx.scene.Node node, AlarmPriority p) {
        node.getStyleClass().removeIf(c -> c.startsWith("priority-"));
        if (p != null) {
            node.getStyleClass().add(priorityClass(p));
        }
    }
}
