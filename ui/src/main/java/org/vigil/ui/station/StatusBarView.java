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

    public StatusBarView(StatusBarViewModel model) {
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
        getChildren().addAll(item(model.wardProperty(), "status-ward"), broker, item(model.emrProperty(), "status-emr"),
                item(model.recordingProperty(), "status-recording"), item(model.audioProperty(), "status-audio"),
                item(model.userProperty(), "status-user"), spring, clock);
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
