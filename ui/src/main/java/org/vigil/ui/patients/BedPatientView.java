package org.vigil.ui.patients;

import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.vigil.ui.DialogAction;
import org.vigil.ui.Styles;
import org.vigil.ui.users.StationActions;

/**
 * Discharge or transfer of a bed's patient. Discharging ends the bed's alarms; transferring moves the admission
 * (the recorded history stays the patient's). Both go through the {@link PatientService} off the JavaFX thread;
 * the dialog stays open with a refusal's text. JavaFX thread only.
 */
public final class BedPatientView extends Dialog<StationActions.Result> {
    private final BedPatientViewModel model;
    private final DialogAction action;

    public BedPatientView(Window owner, BedPatientViewModel model, PatientService service,
                          Consumer<StationActions.Result> onDone) {
        this.model = model;
        this.action = new DialogAction(this, model.messageProperty(), onDone);
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Discharge or transfer · " + model.title());
        setHeaderText(model.title());
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().getStylesheets().add(Styles.themeUrl());
        getDialogPane().getStyleClass().add(Styles.ADMIT_DIALOG);

        Button discharge = new Button("Discharge " + model.patientText());
        discharge.setId("patient-discharge");
        discharge.setOnAction(e -> action.run(() -> service.discharge(model.bed())));
        ChoiceBox<BedPatientViewModel.Target> target = new ChoiceBox<>(model.targets());
        target.valueProperty().bindBidirectional(model.targetProperty());
        target.setId("patient-transfer-target");
        Button transfer = new Button("Transfer");
        transfer.setId("patient-transfer");
        transfer.disableProperty().bind(model.targetProperty().isNull());
        transfer.setOnAction(e -> {
            String to = model.transferTarget();
            if (to != null) {
                action.run(() -> service.transfer(model.bed(), to));
            }
        });
        Label note = new Label("Discharging ends the bed's alarms and resets its alarm settings.");
        note.getStyleClass().add(Styles.NUMERIC_LABEL);
        Label message = new Label();
        message.setId("patient-message");
        message.getStyleClass().add(Styles.ADMIT_MESSAGE);
        message.setWrapText(true);
        message.setMaxWidth(520);
        message.textProperty().bind(model.messageProperty());
        getDialogPane().setContent(new VBox(10, new HBox(8, discharge), note,
                new HBox(8, new Label("Transfer to"), target, transfer), message));
        setResultConverter(b -> null);
    }

    public BedPatientViewModel model() {
        return model;
    }
}
