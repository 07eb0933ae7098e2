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
    /** The limits beside a value on a tile ("120 / 50"). */
    public static final String NUMERIC_LIMITS = "numeric-limits";
    /** The permanent "OFF" of a parameter whose alarm is switched off, on the tile itself. */
    public static final String PARAM_ALARM_OFF = "param-alarm-off";
    /** The bed's own audio pause countdown in its tile header. */
    public static final String BED_AUDIO_PAUSED = "bed-audio-paused";
    /** The tile's line for the top alarm of the other kind (technical vs physiological). */
    public static final String BED_SECOND_ALARM = "bed-second-alarm";
    /** The full-width banner under the alarm bar for escalated alarms; level 2 adds {@link #ESCALATION_LEVEL_2}. */
    public static final String ESCALATION_BANNER = "escalation-banner";
    public static final String ESCALATION_LEVEL_2 = "escalation-level-2";
    public static final String LIMITS_DIALOG = "limits-dialog";
    public static final String LIMITS_ERROR = "limits-error";

    /** Review windows (trends, full disclosure): the window, its status lines, the drawing area, the time shown. */
    public static final String REVIEW = "review";
    public static final String REVIEW_STATUS = "review-status";
    public static final String REVIEW_CANVAS = "review-canvas";
    public static final String REVIEW_TIME = "review-time";
    /** An alarm's marker on the trends (with its priority class). */
    public static final String TREND_ALARM_MARKER = "trend-alarm-marker";

    /** Patients and EMR charting (issue 6): the tile's patient details and UNCONFIRMED tag, the dialogs. */
    public static final String BED_PATIENT_DETAIL = "bed-patient-detail";
    public static final String BED_UNCONFIRMED = "bed-unconfirmed";
    public static final String ADMIT_DIALOG = "admit-dialog";
    public static final String ADMIT_MESSAGE = "admit-message";
    public static final String EMR_PROPOSALS = "emr-proposals";
    public static final String EMR_PROPOSAL_TEXT = "emr-proposal-text";
    public static final String CHART_DIALOG = "chart-dialog";
    public static final String CHART_CHANGED = "chart-changed";
    public static final String CHART_SOURCE = "chart-source";
    public static final String CHART_SUMMARY = "chart-summary";
    public static final String CHART_EVENTS = "chart-events";
    public static final String CHART_PENDING = "chart-pending";
    public static final String CHART_SENT = "chart-sent";
    public static final String CHART_REFUSED = "chart-refused";

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

    /** The theme's stylesheet URL, for a scene or dialog pane's stylesheets. */
    public static String themeUrl() {
        return Styles.class.getResource(THEME).toExternalForm();
    }
}
