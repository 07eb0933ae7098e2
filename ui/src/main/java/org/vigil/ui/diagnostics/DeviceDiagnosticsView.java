package org.vigil.ui.diagnostics;

import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.vigil.ui.StationContext;
import org.vigil.ui.Styles;

/** The device diagnostics window, for hospital IT; refreshed once a second. JavaFX thread only. */
public final class DeviceDiagnosticsView extends VBox {
    private final DeviceDiagnosticsViewModel model;

    public DeviceDiagnosticsView(DeviceDiagnosticsViewModel model) {
        this.model = model;
        getStyleClass().add(Styles.DIAGNOSTICS);
        setId("device-diagnostics");
        Label title = new Label("Device diagnostics: what each bed's device sends, and what the station dropped");
        title.getStyleClass().add(Styles.DIAGNOSTICS_TITLE);
        TableView<DeviceDiagnosticsViewModel.Row> table = new TableView<>(model.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        java.util.List<TableColumn<DeviceDiagnosticsViewModel.Row, String>> columns = java.util.List.of(
                column("Bed", DeviceDiagnosticsViewModel.Row::bed),
                column("Device", DeviceDiagnosticsViewModel.Row::device),
                column("Last message", DeviceDiagnosticsViewModel.Row::lastMessage),
                column("Numerics/s", DeviceDiagnosticsViewModel.Row::numericsPerSecond),
                column("Waves/s", DeviceDiagnosticsViewModel.Row::wavesPerSecond),
                column("Lost waves", DeviceDiagnosticsViewModel.Row::lostWaves),
                column("Lost numerics", DeviceDiagnosticsViewModel.Row::lostNumerics),
                column("Restarts", DeviceDiagnosticsViewModel.Row::restarts),
                column("Late", DeviceDiagnosticsViewModel.Row::late),
                column("Rejected (by reason)", DeviceDiagnosticsViewModel.Row::rejects),
                column("Device clock", DeviceDiagnosticsViewModel.Row::clockOffset));
        table.getColumns().setAll(columns);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(title, table);
        model.refresh();
    }

    private static TableColumn<DeviceDiagnosticsViewModel.Row, String> column(String name,
            Function<DeviceDiagnosticsViewModel.Row, String> value) {
        TableColumn<DeviceDiagnosticsViewModel.Row, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    /** Opens the window (or brings it to front); Escape closes it. */
    public static Stage open(Window owner, StationContext context) {
        DeviceDiagnosticsView view = new DeviceDiagnosticsView(new DeviceDiagnosticsViewModel(context));
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Vigil — device diagnostics, ward " + context.ward());
        Scene scene = new Scene(view, 1200, 600);
        scene.getStylesheets().add(Styles.themeUrl());
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        stage.setScene(scene);
        Timeline tick = new Timeline(new KeyFrame(Duration.seconds(1), e -> view.model.refresh()));
        tick.setCycleCount(Timeline.INDEFINITE);
        tick.play();
        stage.setOnHidden(e -> tick.stop());
        stage.show();
        return stage;
    }
}
