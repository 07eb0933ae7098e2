package org.vigil.ui.alarms.history;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.vigil.data.model.AlarmPriority;
import org.vigil.ui.Styles;

/**
 * The alarm history window: the alarm log with filters by bed, priority and time span; F5 or "Refresh" reloads,
 * Escape closes. Loads off the JavaFX thread through its {@link AlarmHistoryViewModel}. JavaFX thread only.
 */
public final class AlarmHistoryView extends VBox {
    private static final String ALL_BEDS = "All beds";
    private static final String ALL_PRIORITIES = "All priorities";

    private final AlarmHistoryViewModel model;
    private final TableView<AlarmHistoryViewModel.Row> table;

    /** @param bedIds the beds offered in the bed filter (the ward's beds) */
    public AlarmHistoryView(AlarmHistoryViewModel model, List<String> bedIds, Function<String, String> bedLabel) {
        this(model, bedIds, bedLabel, null);
    }

    /**
     * @param bedIds       the beds offered in the bed filter (the ward's beds)
     * @param showWaveform opens the waveform of the selected row's alarm ("Show waveform", Enter, double-click);
     *                     null when the station records no waveforms
     */
    public AlarmHistoryView(AlarmHistoryViewModel model, List<String> bedIds, Function<String, String> bedLabel,
                            java.util.function.Consumer<org.vigil.data.store.AlarmLogEntry> showWaveform) {
        this.model = model;
        getStyleClass().add(Styles.DIAGNOSTICS);
        setId("alarm-history");
        Label title = new Label("Alarm history: every change of every alarm, newest first");
        title.getStyleClass().add(Styles.DIAGNOSTICS_TITLE);

        ComboBox<String> bed = new ComboBox<>();
        bed.setId("history-bed");
        List<String> beds = new ArrayList<>();
        beds.add(ALL_BEDS);
        beds.addAll(bedIds);
        bed.getItems().setAll(beds);
        bed.setCellFactory(l -> labelled(bedLabel));
        bed.setButtonCell(labelled(bedLabel));
        bed.setValue(model.bed().get() == null ? ALL_BEDS : model.bed().get());
        bed.valueProperty().addListener((o, was, now) -> {
            model.bed().set(now == null || now.equals(ALL_BEDS) ? null : now);
            model.load();
        });

        ComboBox<String> priority = new ComboBox<>();
        priority.setId("history-priority");
        priority.getItems().add(ALL_PRIORITIES);
        for (AlarmPriority p : AlarmPriority.values()) {
            priority.getItems().add(p.marker() + " " + p.wireName());
        }
        priority.setValue(ALL_PRIORITIES);
        priority.valueProperty().addListener((o, was, now) -> {
            AlarmPriority chosen = null;
            for (AlarmPriority p : AlarmPriority.values()) {
                if ((p.marker() + " " + p.wireName()).equals(now)) {
                    chosen = p;
                }
            }
            model.priority().set(chosen);
            model.load();
        });

        ComboBox<AlarmHistoryViewModel.Span> span = new ComboBox<>();
        span.setId("history-span");
        span.getItems().setAll(AlarmHistoryViewModel.Span.values());
        span.setValue(model.span().get());
        span.valueProperty().addListener((o, was, now) -> {
            model.span().set(now == null ? AlarmHistoryViewModel.Span.LAST_24_HOURS : now);
            model.load();
        });

        Button refresh = new Button("Refresh (F5)");
        refresh.setId("history-refresh");
        refresh.setOnAction(e -> model.load());
        Label status = new Label();
        status.setId("history-status");
        status.textProperty().bind(model.status());
        Button waveform = new Button("Show waveform (Enter)");
        waveform.setId("history-waveform");
        waveform.setVisible(showWaveform != null);
        waveform.setManaged(showWaveform != null);
        HBox filters = new HBox(8, new Label("Bed"), bed, new Label("Priority"), priority, new Label("Time"), span,
                refresh, waveform, status);
        filters.setPadding(new Insets(4, 0, 4, 0));

        table = new TableView<>(model.rows());
        table.setId("history-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("Time", AlarmHistoryViewModel.Row::time),
                column("Bed", AlarmHistoryViewModel.Row::bed),
                column("Patient", AlarmHistoryViewModel.Row::patientId),
                column("Condition", AlarmHistoryViewModel.Row::condition),
                column("Priority", AlarmHistoryViewModel.Row::priority),
                column("State", AlarmHistoryViewModel.Row::state),
                column("Value", AlarmHistoryViewModel.Row::value),
                column("Limits", AlarmHistoryViewModel.Row::limits),
                column("User", AlarmHistoryViewModel.Row::user),
                column("Station", AlarmHistoryViewModel.Row::station),
                column("Text", AlarmHistoryViewModel.Row::text)));
        table.setPlaceholder(new Label("No alarm in this span"));
        if (showWaveform != null) {
            // the jump to the alarm's waveform, 10 s before its onset
            Runnable show = () -> {
                AlarmHistoryViewModel.Row row = table.getSelectionModel().getSelectedItem();
                if (row != null && row.entry() != null) {
                    showWaveform.accept(row.entry());
                }
            };
            waveform.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
            waveform.setOnAction(e -> show.run());
            table.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2) {
                    show.run();
                }
            });
            table.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ENTER) {
                    show.run();
                    e.consume();
                }
            });
        }
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(title, filters, table);
    }

    public AlarmHistoryViewModel model() {
        return model;
    }

    public TableView<AlarmHistoryViewModel.Row> table() {
        return table;
    }

    private static ListCell<String> labelled(Function<String, String> bedLabel) {
        return new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.equals(ALL_BEDS) ? ALL_BEDS : bedLabel.apply(item));
            }
        };
    }

    private static TableColumn<AlarmHistoryViewModel.Row, String> column(String name,
            Function<AlarmHistoryViewModel.Row, String> value) {
        TableColumn<AlarmHistoryViewModel.Row, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    /**
     * Opens the window and loads the last 24 hours of the whole ward. Escape closes it.
     *
     * @param bedIds   the beds offered in the bed filter
     * @param bedLabel the label of a bed id
     */
    public static Stage open(Window owner, String ward, java.time.Clock clock, List<String> bedIds,
                             Function<String, String> bedLabel, AlarmHistorySource source) {
        return open(owner, ward, clock, bedIds, bedLabel, source, null);
    }

    /**
     * Opens the window as {@link #open(Window, String, java.time.Clock, List, Function, AlarmHistorySource)} does,
     * with the jump from an alarm to its waveform.
     *
     * @param showWaveform opens an alarm's waveform; null when the station records no waveforms
     */
    public static Stage open(Window owner, String ward, java.time.Clock clock, List<String> bedIds,
                             Function<String, String> bedLabel, AlarmHistorySource source,
                             java.util.function.Consumer<org.vigil.data.store.AlarmLogEntry> showWaveform) {
        AlarmHistoryViewModel model = new AlarmHistoryViewModel(source, clock, Platform::runLater, bedLabel,
                java.time.ZoneId.systemDefault());
        AlarmHistoryView view = new AlarmHistoryView(model, bedIds, bedLabel, showWaveform);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Vigil — alarm history, ward " + ward);
        Scene scene = new Scene(view, 1400, 700);
        scene.getStylesheets().add(Styles.themeUrl());
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            } else if (e.getCode() == KeyCode.F5) {
                model.load();
            }
        });
        stage.setScene(scene);
        stage.show();
        model.load();
        return stage;
    }
}
