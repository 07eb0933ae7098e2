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
        header = new HBox(bed, unassigned, patient, simulated, clockFlag, spring, alarmText);
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
                numeric(model.hrLabelProperty(), model.hrProperty(), Styles.PARAM_HR, "hr", true),
                numeric(model.spo2LabelProperty(), model.spo2Property(), Styles.PARAM_SPO2, "spo2", true),
                numeric(new javafx.beans.property.SimpleStringProperty("RR"), model.rrProperty(), Styles.PARAM_RESP, "rr", false),
                nibp(),
                numeric(new javafx.beans.property.SimpleStringProperty("Temp °C"), model.tempProperty(), Styles.PARAM_TEMP, "temp", false));
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
        setBottom(new VBox(others, device));
        setMinSize(0, 0);
    }

    public BedTileViewModel model() {
        return model;
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
                                boolean large) {
        Label name = new Label();
        name.textProperty().bind(label);
        name.getStyleClass().addAll(Styles.NUMERIC_LABEL);
        Label v = new Label();
        v.textProperty().bind(value);
        v.getStyleClass().addAll(large ? Styles.NUMERIC_VALUE : Styles.NUMERIC_SMALL, paramStyle);
        v.setId(id);
        VBox box = new VBox(name, v);
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
        VBox box = new VBox(name, v, age);
        box.setAlignment(Pos.TOP_RIGHT);
        return box;
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
