package org.vigil.ui.alarms.volume;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.vigil.ui.DialogAction;
import org.vigil.ui.Styles;
import org.vigil.ui.users.StationActions;

/**
 * This console's alarm volume: a slider from the floor (never silent) to 100 % in steps of 5. Apply hands the
 * setting to the station's actions (off the JavaFX thread), which play the test tone at it; the dialog stays open
 * with the refusal's text (a nurse: it needs a charge nurse) and closes once applied. JavaFX thread only.
 */
public final class AlarmVolumeView extends Dialog<StationActions.Result> {
    private final AlarmVolumeViewModel model;

    /** @param onDone runs on the JavaFX thread with the outcome once applied */
    public AlarmVolumeView(Window owner, AlarmVolumeViewModel model, StationActions actions,
                           Consumer<StationActions.Result> onDone) {
        this.model = model;
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Alarm volume");
        setHeaderText("Alarm volume of this console  (changes need a charge nurse)");
        ButtonType ok = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        getDialogPane().getStylesheets().add(Styles.themeUrl());
        getDialogPane().getStyleClass().add(Styles.LIMITS_DIALOG);

        Slider slider = new Slider(AlarmVolumeViewModel.FLOOR_PERCENT, 100, model.percentProperty().get());
        slider.setId("volume-slider");
        slider.setMajorTickUnit(25);
        slider.setMinorTickCount(4);
        slider.setBlockIncrement(AlarmVolumeViewModel.STEP);
        slider.setSnapToTicks(true);
        slider.setShowTickMarks(true);
        slider.setShowTickLabels(true);
        slider.setPrefWidth(360);
        slider.valueProperty().addListener((o, was, now) -> model.percentProperty().set(now.intValue()));
        model.percentProperty().addListener((o, was, now) -> slider.setValue(now.intValue()));
        Label value = new Label();
        value.setId("volume-value");
        value.textProperty().bind(Bindings.createStringBinding(model::describe, model.percentProperty()));
        Label message = new Label();
        message.setId("volume-message");
        message.getStyleClass().add(Styles.LIMITS_ERROR);
        message.setWrapText(true);
        message.setMaxWidth(360);
        message.textProperty().bind(model.messageProperty());
        getDialogPane().setContent(new VBox(8, slider, value, message));

        Button okButton = (Button) getDialogPane().lookupButton(ok);
        okButton.setId("volume-apply");
        DialogAction apply = new DialogAction(this, model.messageProperty(), onDone);
        okButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // closes only once applied
            if (!model.changed()) {
                close();
                return;
            }
            apply.run(() -> actions.setAlarmVolume(model.percentProperty().get()));
        });
        setResultConverter(b -> null);
    }

    public AlarmVolumeViewModel model() {
        return model;
    }
}
