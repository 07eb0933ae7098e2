package org.vigil.ui.patients;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.vigil.data.emr.EmrPatient;
import org.vigil.data.model.PatientCategory;
import org.vigil.ui.DialogAction;
import org.vigil.ui.Styles;
import org.vigil.ui.users.StationActions;

/**
 * The admit dialog of a bed: EMR search (MRN, or name and birth date), the matches, the category, "Admit"; and
 * "Admit by hand", offered once the EMR proved unreachable or is not configured. Searches and admissions run
 * through the {@link PatientService} (off the JavaFX thread); the dialog stays open with a refusal's text and
 * closes once the admission is done. JavaFX thread only.
 */
public final class AdmitView extends Dialog<StationActions.Result> {
    private final AdmitViewModel model;
    private final DialogAction action;

    public AdmitView(Window owner, AdmitViewModel model, PatientService service,
                     Consumer<StationActions.Result> onDone) {
        this.model = model;
        this.action = new DialogAction(this, model.messageProperty(), onDone);
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(model.title());
        setHeaderText(model.title());
        ButtonType admit = new ButtonType("Admit", ButtonBar.ButtonData.OK_DONE);
        ButtonType byHand = new ButtonType("Admit by hand (unconfirmed)", ButtonBar.ButtonData.OTHER);
        getDialogPane().getButtonTypes().addAll(admit, byHand, ButtonType.CANCEL);
        getDialogPane().getStylesheets().add(Styles.themeUrl());
        getDialogPane().getStyleClass().add(Styles.ADMIT_DIALOG);

        TextField mrn = field(model.mrnProperty(), "admit-search-mrn", 10);
        TextField name = field(model.nameProperty(), "admit-search-name", 14);
        TextField birth = field(model.birthDateProperty(), "admit-search-birth", 10);
        birth.setPromptText("YYYY-MM-DD");
        Button search = new Button("Search EMR");
        search.setId("admit-search");
        search.setDefaultButton(true);
        search.disableProperty().bind(model.searchingProperty());
        search.setOnAction(e -> {
            AdmitViewModel.Search s = model.search();
            if (s == null) {
                return;
            }
            model.searchStarted();
            CompletableFuture<PatientService.Found> f = s.byMrn() ? service.searchByMrn(s.mrn())
                    : service.searchByNameAndBirthDate(s.name(), s.birthDate());
            f.whenComplete((found, failure) -> Platform.runLater(() -> model.found(failure == null ? found
                    : new PatientService.Found(java.util.List.of(), "Search failed: " + failure.getMessage(), false))));
        });
        GridPane searchGrid = new GridPane();
        searchGrid.setHgap(8);
        searchGrid.setVgap(4);
        searchGrid.addRow(0, new Label("MRN"), mrn, new Label("or name"), name, new Label("born"), birth, search);
        ListView<EmrPatient> results = new ListView<>(model.found());
        results.setId("admit-results");
        results.setPrefHeight(140);
        results.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(EmrPatient p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : model.describe(p));
            }
        });
        results.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> model.selectedProperty().set(now));
        model.selectedProperty().addListener((o, was, now) -> {
            if (now != null && results.getSelectionModel().getSelectedItem() != now) {
                results.getSelectionModel().select(now);
            }
        });
        ChoiceBox<PatientCategory> category = categories(model.categoryProperty(), "admit-category");
        VBox fromEmr = new VBox(6, searchGrid, results, new HBox(8, new Label("Category"), category));

        GridPane manualGrid = new GridPane();
        manualGrid.setHgap(8);
        manualGrid.setVgap(4);
        TextField manualBirth = field(model.manualBirthDateProperty(), "admit-manual-birth", 10);
        manualBirth.setPromptText("YYYY-MM-DD");
        manualGrid.addRow(0, new Label("Name"), field(model.manualNameProperty(), "admit-manual-name", 16),
                new Label("MRN"), field(model.manualMrnProperty(), "admit-manual-mrn", 10));
        manualGrid.addRow(1, new Label("Born"), manualBirth, new Label("Category"),
                categories(model.manualCategoryProperty(), "admit-manual-category"));
        TitledPane manual = new TitledPane("By hand, while the EMR cannot be asked", manualGrid);
        manual.setCollapsible(false);
        manual.disableProperty().bind(model.emrUnavailableProperty().not());
        manual.setId("admit-manual");

        Label message = new Label();
        message.setId("admit-message");
        message.getStyleClass().add(Styles.ADMIT_MESSAGE);
        message.setWrapText(true);
        message.setMaxWidth(640);
        message.textProperty().bind(model.messageProperty());
        getDialogPane().setContent(new VBox(10, fromEmr, manual, message));

        Button admitButton = (Button) getDialogPane().lookupButton(admit);
        admitButton.setId("admit-selected");
        admitButton.disableProperty().bind(model.selectedProperty().isNull());
        admitButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            EmrPatient p = model.selectedProperty().get();
            if (p != null) {
                action.run(() -> service.admitFromEmr(model.bed(), p, model.categoryProperty().get()));
            }
        });
        Button byHandButton = (Button) getDialogPane().lookupButton(byHand);
        byHandButton.setId("admit-by-hand");
        byHandButton.disableProperty().bind(model.emrUnavailableProperty().not());
        byHandButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            AdmitViewModel.Manual m = model.manual();
            if (m != null) {
                action.run(() -> service.admitByHand(model.bed(), m.name(), m.mrn(), m.birthDate(), m.category()));
            }
        });
        setResultConverter(b -> null);
    }

    public AdmitViewModel model() {
        return model;
    }

    static ChoiceBox<PatientCategory> categories(javafx.beans.property.ObjectProperty<PatientCategory> value, String id) {
        ChoiceBox<PatientCategory> c = new ChoiceBox<>();
        c.getItems().addAll(PatientCategory.values());
        c.setConverter(new StringConverter<>() {
            @Override
            public String toString(PatientCategory p) {
                return p == null ? "" : p.wireName();
            }

            @Override
            public PatientCategory fromString(String s) {
                return PatientCategory.fromWire(s);
            }
        });
        c.valueProperty().bindBidirectional(value);
        c.setId(id);
        return c;
    }

    private static TextField field(javafx.beans.property.StringProperty value, String id, int columns) {
        TextField f = new TextField();
        f.textProperty().bindBidirectional(value);
        f.setPrefColumnCount(columns);
        f.setId(id);
        return f;
    }
}
