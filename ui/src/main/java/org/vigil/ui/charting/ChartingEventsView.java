package org.vigil.ui.charting;

import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.vigil.ui.Styles;

/**
 * A small window listing a bed's patient's charting events (pending, sent, refused with the EMR's text); it reads
 * them again every few seconds while open (off the JavaFX thread). JavaFX thread only.
 */
public final class ChartingEventsView extends BorderPane {
    private final ChartingEventsViewModel model;

    public ChartingEventsView(ChartingEventsViewModel model, Runnable refresh) {
        this.model = model;
        getStyleClass().addAll(Styles.CHART_EVENTS);
        Label emr = new Label();
        emr.textProperty().bind(model.emrProperty());
        emr.setId("chart-events-emr");
        Label note = new Label();
        note.textProperty().bind(model.noteProperty());
        note.setId("chart-events-note");
        Button again = new Button("Refresh");
        again.setOnAction(e -> refresh.run());
        setTop(new VBox(4, new HBox(8, emr, again), note));
        ListView<ChartingEventsViewModel.Line> list = new ListView<>(model.lines());
        list.setId("chart-events");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ChartingEventsViewModel.Line line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll(Styles.CHART_PENDING, Styles.CHART_SENT, Styles.CHART_REFUSED);
                if (empty || line == null) {
                    setText(null);
                    return;
                }
                setText(line.state() + "  " + line.text() + (line.detail().isEmpty() ? "" : "\n    " + line.detail()));
                getStyleClass().add(switch (line.state()) {
                    case "SENT" -> Styles.CHART_SENT;
                    case "REFUSED" -> Styles.CHART_REFUSED;
                    default -> Styles.CHART_PENDING;
                });
            }
        });
        setCenter(list);
    }

    public ChartingEventsViewModel model() {
        return model;
    }

    /**
     * Opens the window for a bed and keeps it current.
     *
     * @param load reads the events (and the EMR status) off the JavaFX thread and shows them via the model
     */
    public static Stage open(Window owner, ChartingEventsViewModel model, Supplier<java.util.concurrent.CompletableFuture<Runnable>> load) {
        Runnable refresh = () -> load.get().whenComplete((apply, failure) -> Platform.runLater(() -> {
            if (failure != null) {
                model.failed(failure.getMessage());
            } else {
                apply.run();
            }
        }));
        ChartingEventsView view = new ChartingEventsView(model, refresh);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(model.title());
        Scene scene = new Scene(view, 820, 420);
        scene.getStylesheets().add(Styles.themeUrl());
        stage.setScene(scene);
        Timeline every = new Timeline(new KeyFrame(Duration.seconds(3), e -> refresh.run()));
        every.setCycleCount(Timeline.INDEFINITE);
        stage.setOnHidden(e -> every.stop());
        stage.show();
        refresh.run();
        every.play();
        return stage;
    }
}
