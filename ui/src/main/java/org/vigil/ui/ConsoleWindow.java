package org.vigil.ui;

import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/**
 * Puts the console in a window: dark theme, full size, and a confirmation before closing, because closing stops
 * monitoring of the ward at this station. JavaFX thread only.
 */
public final class ConsoleWindow {
    private ConsoleWindow() {
    }

    /**
     * @param onConfirmedClose runs (on the JavaFX thread) after the nurse confirmed closing
     */
    public static ConsoleView show(Stage stage, StationContext context, Runnable onConfirmedClose) {
        ConsoleView console = new ConsoleView(context);
        // a central station uses the whole screen; without a window manager (kiosk, Xvfb) maximising is a no-op
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(console, screen.getWidth(), screen.getHeight());
        scene.getStylesheets().add(Styles.themeUrl());
        stage.setTitle("Vigil — ward " + context.ward() + " · station " + context.station());
        stage.setScene(scene);
        console.installShortcuts(scene);
        stage.setOnCloseRequest(e -> {
            if (!confirmClose(stage, context)) {
                e.consume();
                return;
            }
            console.stop();
            onConfirmedClose.run();
        });
        stage.setX(screen.getMinX());
        stage.setY(screen.getMinY());
        stage.setMaximized(true);
        stage.show();
        console.start();
        return console;
    }

    private static boolean confirmClose(Stage owner, StationContext context) {
        ButtonType close = new ButtonType("Stop monitoring and close", ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Keep monitoring", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.WARNING,
                "Monitoring of ward " + context.ward() + " stops at this station: its beds, alarms and sounds will no"
                        + " longer show here. Other stations on the ward are not affected.", keep, close);
        alert.initOwner(owner);
        alert.setTitle("Close Vigil?");
        alert.setHeaderText("Stop monitoring ward " + context.ward() + " at this station?");
        alert.getDialogPane().getStylesheets().add(Styles.themeUrl());
        return alert.showAndWait().filter(close::equals).isPresent();
    }
}
