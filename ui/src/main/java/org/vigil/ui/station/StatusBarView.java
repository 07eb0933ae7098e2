package org.vigil.ui.station;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.vigil.ui.Styles;

/** The station's state line under the alarm bar. JavaFX thread only. */
public final class StatusBarView extends HBox {

    /** @param openDiagnostics opens the device diagnostics window (also Ctrl+D) */
    public StatusBarView(StatusBarViewModel model, Runnable openDiagnostics) {
        this(model, openDiagnostics, null);
    }

    /** Clears the action message after this long. */
    static final javafx.util.Duration MESSAGE_SHOWN = javafx.util.Duration.seconds(5);

    /** @param logInOrLock opens the login dialog, or locks when someone is logged in (also Ctrl+L); null: no button */
    public StatusBarView(StatusBarViewModel model, Runnable openDiagnostics, Runnable logInOrLock) {
        getStyleClass().add(Styles.STATUS_BAR);
        setAlignment(Pos.CENTER_LEFT);
        Label broker = item(model.brokerProperty(), "status-broker");
        model.brokerDownProperty().addListener((o, was, down) -> {
            broker.getStyleClass().removeAll(Styles.STATUS_BAD, Styles.STATUS_OK);
            broker.getStyleClass().add(down ? Styles.STATUS_BAD : Styles.STATUS_OK);
        });
        broker.getStyleClass().add(model.brokerDownProperty().get() ? Styles.STATUS_BAD : Styles.STATUS_OK);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Label clock = item(model.clockProperty(), "status-clock");
        clock.getStyleClass().add(Styles.STATUS_CLOCK);
        javafx.scene.control.Button diagnostics = new javafx.scene.control.Button("Diagnostics (Ctrl+D)");
        diagnostics.getStyleClass().add(Styles.STATUS_BUTTON);
        diagnostics.setId("open-diagnostics");
        diagnostics.setFocusTraversable(false);
        diagnostics.setOnAction(e -> openDiagnostics.run());
        getChildren().addAll(item(model.wardProperty(), "status-ward"), broker, item(model.emrProperty(), "status-emr"),
                item(model.recordingProperty(), "status-recording"), item(model.audioProperty(), "status-audio"),
                item(model.userProperty(), "status-user"));
        if (logInOrLock != null) {
            javafx.scene.control.Button session = new javafx.scene.control.Button();
            session.textProperty().bind(javafx.beans.binding.Bindings.when(model.loggedInProperty())
                    .then("Lock (Ctrl+L)").otherwise("Log in (Ctrl+L)"));
            session.getStyleClass().add(Styles.STATUS_BUTTON);
            session.setId("session-button");
            session.setFocusTraversable(false);
            session.setOnAction(e -> logInOrLock.run());
            getChildren().add(session);
        }
        Label message = item(model.messageProperty(), "status-message");
        message.getStyleClass().add("status-message");
        javafx.animation.PauseTransition clear = new javafx.animation.PauseTransition(MESSAGE_SHOWN);
        clear.setOnFinished(e -> model.messageProperty().set(""));
        model.messageProperty().addListener((o, was, now) -> {
            if (now != null && !now.isEmpty()) {
                clear.playFromStart();
            }
        });
        getChildren().addAll(message, spring, diagnostics, clock);
    }

    private static Label item(ObservableValue<String> text, String id) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.getStyleClass().add(Styles.STATUS_ITEM);
        l.setId(id);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }
}
