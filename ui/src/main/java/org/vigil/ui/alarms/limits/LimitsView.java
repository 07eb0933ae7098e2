package org.vigil.ui.alarms.limits;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.PatientCategory;
import org.vigil.ui.DialogAction;
import org.vigil.ui.Styles;
import org.vigil.ui.users.StationActions;

/**
 * The limit editor of one bed: low and high per parameter, alarm off per parameter, the patient category with
 * "Reset to category defaults". Apply checks what was typed, then hands the settings to the station's actions (off
 * the JavaFX thread); the dialog stays open with the refusal's text (e.g. a nurse: it needs a charge nurse) and
 * closes once they are applied. Enter applies, Escape cancels. JavaFX thread only.
 */
public final class LimitsView extends Dialog<StationActions.Result> {
    private final LimitsViewModel model;

    /**
     * @param apply   applies the checked settings (the station's {@code setBedSettings})
     * @param onDone  runs on the JavaFX thread with the outcome once applied
     */
    public LimitsView(Window owner, LimitsViewModel model,
                      Function<BedSettings, CompletableFuture<StationActions.Result>> apply,
                      Consumer<StationActions.Result> onDone) {
        this.model = model;
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(model.title());
        setHeaderText(model.title() + "  (changes need a charge nurse)");
        ButtonType ok = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        getDialogPane().getStylesheets().add(Styles.themeUrl());
        getDialogPane().getStyleClass().add(Styles.LIMITS_DIALOG);

        ChoiceBox<PatientCategory> category = new ChoiceBox<>();
        category.getItems().addAll(PatientCategory.values());
        category.setConverter(new StringConverter<>() {
            @Override
            public String toString(PatientCategory c) {
                return c == null ? "" : c.wireName();
            }

            @Override
            public PatientCategory fromString(String s) {
                return PatientCategory.fromWire(s);
            }
        });
        category.valueProperty().bindBidirectional(model.categoryProperty());
        category.setId("limits-category");
        Button reset = new Button("Reset to category defaults");
        reset.setId("limits-reset");
        reset.setOnAction(e -> model.resetToCategoryDefaults());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        grid.addRow(0, new Label("Category"), new HBox(8, category, reset));
        grid.addRow(1, header("Parameter"), header("Low"), header("High"), header("Alarm off"));
        int row = 2;
        for (LimitsViewModel.Row r : model.rows()) {
            TextField low = field(r.lowProperty(), "limit-low-" + r.code());
            TextField high = field(r.highProperty(), "limit-high-" + r.code());
            CheckBox off = new CheckBox();
            off.selectedProperty().bindBidirectional(r.alarmOffProperty());
            off.setId("limit-off-" + r.code());
            grid.addRow(row++, new Label(r.label()), low, high, off);
        }
        Label error = new Label();
        error.setId("limits-error");
        error.getStyleClass().add(Styles.LIMITS_ERROR);
        error.setWrapText(true);
        error.setMaxWidth(460);
        error.textProperty().bind(model.errorProperty());
        grid.add(error, 0, row, 4, 1);
        getDialogPane().setContent(grid);

        Button okButton = (Button) getDialogPane().lookupButton(ok);
        okButton.setId("limits-apply");
        DialogAction applying = new DialogAction(this, model.errorProperty(), onDone);
        okButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // closes only once applied
            BedSettings settings = model.validate();
            if (settings != null) {
                applying.run(() -> apply.apply(settings));
            }
        });
        setResultConverter(b -> null);
    }

    public LimitsViewModel model() {
        return model;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.NUMERIC_LABEL);
        return l;
    }

    private static TextField field(javafx.beans.property.StringProperty value, String id) {
        TextField f = new TextField();
        f.textProperty().bindBidirectional(value);
        f.setPrefColumnCount(5);
        f.setId(id);
        return f;
    }
}
