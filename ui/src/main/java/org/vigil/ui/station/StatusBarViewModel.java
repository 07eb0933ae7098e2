package org.vigil.ui.station;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vigil.link.LinkState;
import org.vigil.ui.StationContext;

/** The station's own state: broker, EMR, recording, audio, user, ward and time. JavaFX thread only. */
public final class StatusBarViewModel {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final StationContext context;
    private final StringProperty broker = new SimpleStringProperty();
    private final BooleanProperty brokerDown = new SimpleBooleanProperty();
    private final StringProperty emr = new SimpleStringProperty();
    private final StringProperty recording = new SimpleStringProperty();
    private final StringProperty audio = new SimpleStringProperty();
    private final StringProperty user = new SimpleStringProperty("Not logged in");
    private final StringProperty ward = new SimpleStringProperty();
    private final StringProperty clock = new SimpleStringProperty();
    private final BooleanProperty loggedIn = new SimpleBooleanProperty();
    /** A short message of the last action (a refusal, a confirmation); the view clears it after a few seconds. */
    private final StringProperty message = new SimpleStringProperty("");

    public StatusBarViewModel(StationContext context) {
        this.context = context;
        ward.set("Ward " + context.ward() + " · station " + context.station());
        refresh();
    }

    public void refresh() {
        LinkState s = context.linkState();
        broker.set(s.text());
        brokerDown.set(s != LinkState.CONNECTED);
        emr.set(context.emrStatus().get());
        recording.set(context.recordingStatus().get());
        audio.set(context.audioStatus().get());
        clock.set(CLOCK.format(context.clock().instant().atZone(ZoneId.systemDefault())));
    }

    /** Shows who is logged in: the user's name and role, or "Locked" / "Not logged in". */
    public void setSession(org.vigil.data.model.User user, boolean locked) {
        loggedIn.set(user != null);
        this.user.set(user != null ? user.displayName() + " (" + user.role().label() + ")"
                : locked ? "Locked" : "Not logged in");
    }

    public void showMessage(String text) {
        message.set(""); // the same text again still restarts the view's clearing timer
        message.set(text == null ? "" : text);
    }

    public BooleanProperty loggedInProperty() { return loggedIn; }
    public StringProperty messageProperty() { return message; }
    public StringProperty brokerProperty() { return broker; }
    public BooleanProperty brokerDownProperty() { return brokerDown; }
    public StringProperty emrProperty() { return emr; }
    public StringProperty recordingProperty() { return recording; }
    public StringProperty audioProperty() { return audio; }
    public StringProperty userProperty() { return user; }
    public StringProperty wardProperty() { return ward; }
    public StringProperty clockProperty() { return clock; }
}
