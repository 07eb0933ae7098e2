package org.vigil.ui.charting;

import java.time.Clock;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.vigil.data.emr.Acvpu;
import org.vigil.data.model.User;
import org.vigil.ui.DialogAction;
import org.vigil.ui.Styles;
import org.vigil.ui.users.StationActions;

/**
 * The "Chart vitals" dialog of a bed: per value the monitor's and the one to chart (a changed value asks for a
 * reason), ACVPU and supplemental oxygen, the source of the values (current, or the median of a minute from the
 * trends), then Review and Sign. Signing hands the reviewed draft to the {@link ChartingService} (off the JavaFX
 * thread); the dialog stays open with a refusal's text and closes once the event is in the outbox. JavaFX thread
 * only.
 */
public final class ChartVitalsView extends Dialog<StationActions.Result> {
    private final ChartVitalsViewModel model;
    private final ChartingService service;

    /**
     * @param signer the logged-in nurse (the signature), or null: signing is then refused by the service
     * @param onDone runs on the JavaFX thread with the outcome once signed
     */
    public ChartVitalsView(Window owner, ChartVitalsViewModel model, ChartingService service, User signer, Clock clock,
                           Consumer<StationActions.Result> onDone) {
        this.model = model;
        this.service = service;
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(model.title());
        setHeaderText(model.title());
        ButtonType review = new ButtonType("Review", ButtonBar.ButtonData.OTHER);
        ButtonType sign = new ButtonType(signer == null ? "Sign (log in first)" : "Sign as " + signer.displayName(),
                ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(review, sign, ButtonType.CANCEL);
        getDialogPane().getStylesheets().add(Styles.themeUrl());
        getDialogPane().getStyleClass().add(Styles.CHART_DIALOG);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        grid.addRow(0, header("Value"), header("Monitor"), header("Chart"), header("Unit"), header("Reason if changed"));
        int row = 1;
        for (ChartVitalsViewModel.Row r : model.rows()) {
            Label measured = new Label();
            measured.textProperty().bind(r.measuredTextProperty());
            measured.setId("chart-measured-" + r.code());
            TextField value = new TextField();
            value.textProperty().bindBidirectional(r.valueProperty());
            value.setPrefColumnCount(5);
            value.setId("chart-value-" + r.code());
            r.changedProperty().addListener((o, was, now) -> {
                if (now) {
                    value.getStyleClass().add(Styles.CHART_CHANGED);
                } else {
                    value.getStyleClass().remove(Styles.CHART_CHANGED);
                }
            });
            TextField reason = new TextField();
            reason.textProperty().bindBidirectional(r.reasonProperty());
            reason.setPrefColumnCount(18);
            reason.setId("chart-reason-" + r.code());
            reason.disableProperty().bind(r.changedProperty().not());
            grid.addRow(row++, new Label(r.label()), measured, value, new Label(r.unit()), reason);
        }

        ChoiceBox<Acvpu> acvpu = new ChoiceBox<>();
        acvpu.getItems().add(null);
        acvpu.getItems().addAll(Acvpu.values());
        acvpu.setConverter(new StringConverter<>() {
            @Override
            public String toString(Acvpu a) {
                return a == null ? "not assessed" : a.letter() + " · " + a.display();
            }

            @Override
            public Acvpu fromString(String s) {
                return null;
            }
        });
        acvpu.valueProperty().bindBidirectional(model.acvpuProperty());
        acvpu.setId("chart-acvpu");
        ChoiceBox<ChartVitalsViewModel.Oxygen> oxygen = new ChoiceBox<>();
        oxygen.getItems().addAll(ChartVitalsViewModel.Oxygen.values());
        oxygen.valueProperty().bindBidirectional(model.oxygenProperty());
        oxygen.setId("chart-oxygen");
        grid.addRow(row++, new Label("ACVPU"), acvpu);
        grid.add(new Label("Supplemental O2"), 0, row);
        grid.add(oxygen, 1, row++, 2, 1);

        Label source = new Label();
        source.textProperty().bind(model.sourceProperty());
        source.setId("chart-source");
        source.getStyleClass().add(Styles.CHART_SOURCE);
        TextField minute = new TextField();
        minute.setPromptText("HH:mm");
        minute.setPrefColumnCount(5);
        minute.textProperty().bindBidirectional(model.minuteProperty());
        minute.setId("chart-minute");
        Button fromTrends = new Button("Median of minute");
        fromTrends.setId("chart-from-trends");
        fromTrends.setOnAction(e -> {
            var at = model.typedMinute(clock.instant());
            if (at != null) {
                loadMinute(at);
            }
        });
        Button current = new Button("Current values");
        current.setId("chart-current");
        current.setOnAction(e -> reloadCurrent.run());
        HBox time = new HBox(8, current, new Label("or the minute"), minute, fromTrends);

        Label error = new Label();
        error.setId("chart-error");
        error.getStyleClass().add(Styles.LIMITS_ERROR);
        error.setWrapText(true);
        error.setMaxWidth(620);
        error.textProperty().bind(model.errorProperty());
        Label summary = new Label();
        summary.setId("chart-summary");
        summary.getStyleClass().add(Styles.CHART_SUMMARY);
        summary.setWrapText(true);
        summary.setMaxWidth(620);
        summary.textProperty().bind(model.summaryProperty());
        getDialogPane().setContent(new VBox(8, source, time, grid, error, summary));

        Button reviewButton = (Button) getDialogPane().lookupButton(review);
        reviewButton.setId("chart-review");
        reviewButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            model.review();
        });
        Button signButton = (Button) getDialogPane().lookupButton(sign);
        signButton.setId("chart-sign");
        signButton.disableProperty().bind(model.reviewedProperty().not());
        DialogAction signing = new DialogAction(this, model.errorProperty(), onDone);
        signButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // closes only once signed
            ChartingDraft draft = model.reviewedDraft();
            if (draft != null) {
                signing.run(() -> service.sign(model.bed(), draft));
            }
        });
        setResultConverter(b -> null);
    }

    /**
     * Loads the medians of the minute starting at {@code minute} from the recording (off the JavaFX thread) in
     * place of the values shown: "Median of minute", or the minute picked in the trends.
     */
    public void loadMinute(java.time.Instant minute) {
        service.minute(model.bed(), minute).whenComplete((aggs, failure) -> Platform.runLater(() -> {
            if (failure != null) {
                model.errorProperty().set("Trends not available: " + failure.getMessage());
            } else {
                model.loadMinute(minute, aggs);
            }
        }));
    }

    private Runnable reloadCurrent = () -> { };

    /** What "Current values" does (reloads the monitor's values); set by the opener. */
    public void setReloadCurrent(Runnable r) {
        reloadCurrent = r;
    }

    public ChartVitalsViewModel model() {
        return model;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.NUMERIC_LABEL);
        return l;
    }
}
