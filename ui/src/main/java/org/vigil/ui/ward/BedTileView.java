package org.vigil.ui.ward;

import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.vigil.data.model.MeasurementCode;
import org.vigil.ui.Styles;

/**
 * One bed on the ward overview: header (bed, patient, top alarm), sweeping ECG and pleth on the left, numerics on
 * the right, device state below; NO DATA over the traces when the bed is silent. Builds nodes and binds them to
 * its {@link BedTileViewModel}; draws traces when the ward pulse asks. JavaFX thread only.
 */
public final class BedTileView extends BorderPane {
    static final Color ECG_COLOR = Color.web("#33ff66");
    static final Color PLETH_COLOR = Color.web("#33e0ff");

    private final BedTileViewModel model;
    private final Canvas canvas = new Canvas();
    private final SweepTrace ecg;
    private final SweepTrace pleth;
    private final HBox header;
    private final Label alarmText = new Label();

    public BedTileView(BedTileViewModel model) {
        this.model = model;
        getStyleClass().add(Styles.BED_TILE);
        setId("bed-" + model.bed().bedId());
        ecg = SweepTrace.fixed(model.bed(), MeasurementCode.ECG_II, ECG_COLOR, -0.6, 1.6);
        pleth = SweepTrace.autoScaled(model.bed(), MeasurementCode.PLETH, PLETH_COLOR);

        Label bed = new Label();
        bed.getStyleClass().add(Styles.BED_LABEL);
        bed.textProperty().bind(model.bedLabelProperty());
        bed.setMinWidth(Region.USE_PREF_SIZE); // the bed is never truncated; the patient's name gives way
        Label patient = new Label();
        patient.getStyleClass().add(Styles.BED_PATIENT);
        patient.textProperty().bind(model.patientProperty());
        patient.setMinWidth(0);
        Label simulated = tag("SIMULATED", Styles.BED_SIMULATED);
        simulated.visibleProperty().bind(model.simulatedProperty());
        simulated.managedProperty().bind(model.simulatedProperty());
        Label unassigned = tag("UNASSIGNED", Styles.BED_UNASSIGNED);
        unassigned.visibleProperty().bind(model.unassignedProperty());
        unassigned.managedProperty().bind(model.unassignedProperty());
        Label clockFlag = tag("", Styles.BED_CLOCK_FLAG);
        clockFlag.textProperty().bind(model.clockFlagProperty());
        clockFlag.visibleProperty().bind(model.clockFlagProperty().isNotEmpty());
        clockFlag.managedProperty().bind(clockFlag.visibleProperty());
        clockFlag.setId("clock-flag");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        alarmText.getStyleClass().add(Styles.BED_ALARM_TEXT);
        alarmText.textProperty().bind(model.alarmTextProperty());
        alarmText.setMinWidth(Region.USE_PREF_SIZE);
        Label paused = tag("", Styles.BED_AUDIO_PAUSED);
        paused.textProperty().bind(model.audioPauseProperty());
        paused.visibleProperty().bind(model.audioPauseProperty().isNotEmpty());
        paused.managedProperty().bind(paused.visibleProperty());
        paused.setId("bed-audio-paused");
        Label patientDetail = new Label();
        patientDetail.getStyleClass().add(Styles.BED_PATIENT_DETAIL);
        patientDetail.textProperty().bind(model.patientDetailProperty());
        patientDetail.setMinWidth(0);
        patientDetail.setId("patient-detail-" + model.bed().bedId());
        Label unconfirmed = tag("UNCONFIRMED", Styles.BED_UNCONFIRMED);
        unconfirmed.visibleProperty().bind(model.unconfirmedProperty());
        unconfirmed.managedProperty().bind(model.unconfirmedProperty());
        unconfirmed.setId("unconfirmed-" + model.bed().bedId());
        header = new HBox(bed, unassigned, patient, patientDetail, unconfirmed, simulated, clockFlag, spring, paused, alarmText);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add(Styles.BED_TILE_HEADER);
        model.highestPriorityProperty().addListener((o, was, now) -> Styles.setPriorityClass(header, now));
        setTop(header);

        Pane traces = new Pane(canvas) {
            @Override
            protected void layoutChildren() {
                double w = Math.floor(getWidth());
                double h = Math.floor(getHeight());
                if (w != canvas.getWidth() || h != canvas.getHeight()) {
                    canvas.setWidth(w);
                    canvas.setHeight(h);
                    canvas.getGraphicsContext2D().clearRect(0, 0, w, h);
                    ecg.restart();
                    pleth.restart();
                }
            }
        };
        traces.setMinSize(0, 0);
        Label noData = new Label();
        noData.getStyleClass().add(Styles.BED_NO_DATA);
        noData.textProperty().bind(model.noDataTextProperty());
        noData.visibleProperty().bind(model.noDataProperty());
        noData.setId("no-data-" + model.bed().bedId());
        StackPane traceStack = new StackPane(traces, noData);
        traceStack.setMinSize(0, 0);

        // a vertical flow: numerics wrap into a second column when the tile is short (many beds on one screen)
        javafx.scene.layout.FlowPane numerics = new javafx.scene.layout.FlowPane(javafx.geometry.Orientation.VERTICAL, 8, 0,
                numeric(model.hrLabelProperty(), model.hrProperty(), Styles.PARAM_HR, "hr", true,
                        model.hrLimitsProperty(), model.hrAlarmOffProperty()),
                numeric(model.spo2LabelProperty(), model.spo2Property(), Styles.PARAM_SPO2, "spo2", true,
                        model.spo2LimitsProperty(), model.spo2AlarmOffProperty()),
                numeric(new javafx.beans.property.SimpleStringProperty("RR"), model.rrProperty(), Styles.PARAM_RESP, "rr", false,
                        model.rrLimitsProperty(), model.rrAlarmOffProperty()),
                nibp(),
                numeric(new javafx.beans.property.SimpleStringProperty("Temp °C"), model.tempProperty(), Styles.PARAM_TEMP, "temp", false,
                        model.tempLimitsProperty(), model.tempAlarmOffProperty()));
        numerics.getStyleClass().add(Styles.NUMERIC_BOX);
        numerics.setColumnHalignment(javafx.geometry.HPos.RIGHT);
        numerics.setAlignment(Pos.TOP_RIGHT);
        numerics.prefWrapLengthProperty().bind(traceStack.heightProperty());
        numerics.setMinWidth(Region.USE_PREF_SIZE);
        bindAlarmStyle(numerics, "hr", model.hrInAlarmProperty());
        bindAlarmStyle(numerics, "spo2", model.spo2InAlarmProperty());

        setCenter(traceStack);
        setRight(numerics);
        Label device = new Label();
        device.getStyleClass().add(Styles.BED_DEVICE_STATE);
        device.textProperty().bind(model.deviceStateProperty());
        device.setMinWidth(0);
        Label others = new Label();
        others.getStyleClass().add(Styles.BED_OTHER_NUMERICS);
        others.textProperty().bind(model.otherNumericsProperty());
        others.visibleProperty().bind(model.otherNumericsProperty().isNotEmpty());
        others.managedProperty().bind(others.visibleProperty());
        others.setMinWidth(0);
        others.setId("other-numerics");
        Label second = new Label();
        second.getStyleClass().add(Styles.BED_SECOND_ALARM);
        second.textProperty().bind(model.secondAlarmTextProperty());
        second.visibleProperty().bind(model.secondAlarmTextProperty().isNotEmpty());
        second.managedProperty().bind(second.visibleProperty());
        second.setMinWidth(0);
        second.setId("second-alarm");
        setBottom(new VBox(second, others, device));
        setMinSize(0, 0);
        // keyboard path: Tab to a tile, then A acknowledges the bed, P pauses its audio, L opens its limits, C charts
        // its vitals, and the context-menu key or Shift+F10 opens the same menu as a right click
        setFocusTraversable(true);
        addEventHandler(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            // the right button opens the menu on every platform, popup trigger or not (a headless one has none)
            if (e.getButton() == javafx.scene.input.MouseButton.SECONDARY && actions != null) {
                menu().show(this, e.getScreenX(), e.getScreenY());
                e.consume();
            }
        });
        setOnContextMenuRequested(e -> {
            if (actions != null) {
                menu().show(this, e.getScreenX(), e.getScreenY());
                e.consume();
            }
        });
        addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (actions == null || e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            String id = model.bed().bedId();
            switch (e.getCode()) {
                case A -> actions.acknowledgeBed(id);
                case P -> actions.pauseBedAudio(id);
                case L -> actions.editLimits(id);
                case C -> actions.chartVitals(id);
                case CONTEXT_MENU -> menu().show(this, javafx.geometry.Side.BOTTOM, 0, -getHeight() / 2);
                case F10 -> {
                    if (e.isShiftDown()) {
                        menu().show(this, javafx.geometry.Side.BOTTOM, 0, -getHeight() / 2);
                    } else {
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    private BedTileActions actions;
    private javafx.scene.control.ContextMenu menu;

    /** What the tile's context menu and keys do; null: none (a tile without actions). */
    public void setActions(BedTileActions actions) {
        this.actions = actions;
    }

    private javafx.scene.control.ContextMenu menu() {
        if (menu == null) {
            String id = model.bed().bedId();
            javafx.scene.control.MenuItem ack = new javafx.scene.control.MenuItem("Acknowledge bed (A)");
            ack.setId("tile-acknowledge-bed");
            ack.setOnAction(e -> actions.acknowledgeBed(id));
            javafx.scene.control.MenuItem pause = new javafx.scene.control.MenuItem("Pause audio of this bed (P)");
            pause.setId("tile-pause-bed");
            pause.setOnAction(e -> actions.pauseBedAudio(id));
            javafx.scene.control.MenuItem limits = new javafx.scene.control.MenuItem("Alarm limits… (L)");
            limits.setId("tile-limits");
            limits.setOnAction(e -> actions.editLimits(id));
            menu = new javafx.scene.control.ContextMenu(ack, pause, limits);
            menu.getItems().addAll(patientMenuItems(id));
            java.util.List<javafx.scene.control.MenuItem> review = actions.reviewMenuItems(id);
            if (!review.isEmpty()) {
                menu.getItems().add(new javafx.scene.control.SeparatorMenuItem());
                menu.getItems().addAll(review);
            }
        }
        return menu;
    }

    public BedTileViewModel model() {
        return model;
    }

    /** Admission and charting entries of the tile's menu (issue 6). */
    private java.util.List<javafx.scene.control.MenuItem> patientMenuItems(String id) {
        javafx.scene.control.MenuItem admit = new javafx.scene.control.MenuItem("Admit patient…");
        admit.setId("tile-admit");
        admit.setOnAction(e -> actions.admit(id));
        javafx.scene.control.MenuItem move = new javafx.scene.control.MenuItem("Discharge or transfer…");
        move.setId("tile-discharge-transfer");
        move.setOnAction(e -> actions.dischargeOrTransfer(id));
        javafx.scene.control.MenuItem chart = new javafx.scene.control.MenuItem("Chart vitals… (C)");
        chart.setId("tile-chart-vitals");
        chart.setOnAction(e -> actions.chartVitals(id));
        javafx.scene.control.MenuItem events = new javafx.scene.control.MenuItem("Charting events…");
        events.setId("tile-charting-events");
        events.setOnAction(e -> actions.chartingEvents(id));
        return java.util.List.of(new javafx.scene.control.SeparatorMenuItem(), admit, move, chart, events);
    }

    /** Draws the samples that became due; called once per frame by the ward pulse. */
    int drawTraces(double dtSeconds) {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w < 10 || h < 10) {
            return 0;
        }
        var g = canvas.getGraphicsContext2D();
        g.setLineWidth(1.2);
        double ecgHeight = Math.floor(h * 0.58);
        return ecg.draw(g, w, 0, ecgHeight, dtSeconds) + pleth.draw(g, w, ecgHeight, h - ecgHeight, dtSeconds);
    }

    /** The shared flash timeline's phase for this tile's alarm colour. */
    void setFlashOff(boolean off) {
        header.pseudoClassStateChanged(Styles.FLASH_OFF, off);
    }

    private static Label tag(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static VBox numeric(javafx.beans.value.ObservableValue<String> label,
                                javafx.beans.value.ObservableValue<String> value, String paramStyle, String id,
                                boolean large, javafx.beans.value.ObservableValue<String> limits,
                                javafx.beans.value.ObservableValue<Boolean> alarmOff) {
        Label name = new Label();
        name.textProperty().bind(label);
        name.getStyleClass().addAll(Styles.NUMERIC_LABEL);
        Label v = new Label();
        v.textProperty().bind(value);
        v.getStyleClass().addAll(large ? Styles.NUMERIC_VALUE : Styles.NUMERIC_SMALL, paramStyle);
        v.setId(id);
        HBox row = new HBox(4, limitsColumn(id, limits, alarmOff), v);
        row.setAlignment(Pos.CENTER_RIGHT);
        VBox box = new VBox(name, row);
        box.setAlignment(Pos.TOP_RIGHT);
        box.setUserData(v);
        return box;
    }

    private VBox nibp() {
        Label name = new Label("NIBP");
        name.getStyleClass().add(Styles.NUMERIC_LABEL);
        Label v = new Label();
        v.textProperty().bind(model.nibpProperty());
        v.getStyleClass().addAll(Styles.NUMERIC_SMALL, Styles.PARAM_NIBP);
        v.setId("nibp");
        Label age = new Label();
        age.textProperty().bind(model.nibpAgeProperty());
        age.getStyleClass().add(Styles.NUMERIC_AGE);
        HBox row = new HBox(4, limitsColumn("nibp", model.nibpLimitsProperty(), model.nibpAlarmOffProperty()), v);
        row.setAlignment(Pos.CENTER_RIGHT);
        VBox box = new VBox(name, row, age);
        box.setAlignment(Pos.TOP_RIGHT);
        return box;
    }

    /** The small limits beside a value ("120 / 50") over a permanent "OFF" while that parameter's alarm is off. */
    private static VBox limitsColumn(String id, javafx.beans.value.ObservableValue<String> limits,
                                     javafx.beans.value.ObservableValue<Boolean> alarmOff) {
        Label l = new Label();
        l.textProperty().bind(limits);
        l.getStyleClass().add(Styles.NUMERIC_LIMITS);
        l.setId(id + "-limits");
        Label off = new Label("OFF");
        off.getStyleClass().add(Styles.PARAM_ALARM_OFF);
        off.setId(id + "-alarm-off");
        off.visibleProperty().bind(alarmOff);
        off.managedProperty().bind(alarmOff);
        off.setMinWidth(Region.USE_PREF_SIZE);
        VBox column = new VBox(off, l);
        column.setAlignment(Pos.CENTER_RIGHT);
        return column;
    }

    /** Short tiles (many beds) get a compact style: smaller numerics, so that all of them stay visible. */
    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        boolean compact = getHeight() < COMPACT_BELOW_PX;
        if (compact != isCompact) {
            isCompact = compact;
            pseudoClassStateChanged(Styles.COMPACT, compact);
        }
    }

    private static final double COMPACT_BELOW_PX = 170;
    private boolean isCompact;

    private static void bindAlarmStyle(javafx.scene.layout.Pane numerics, String id, javafx.beans.value.ObservableValue<Boolean> inAlarm) {
        for (var child : numerics.getChildren()) {
            if (child.getUserData() instanceof Label v && id.equals(v.getId())) {
                inAlarm.addListener((o, was, now) -> {
                    if (now) {
                        v.getStyleClass().add(Styles.IN_ALARM);
                    } else {
                        v.getStyleClass().remove(Styles.IN_ALARM);
                    }
                });
            }
        }
    }
}
