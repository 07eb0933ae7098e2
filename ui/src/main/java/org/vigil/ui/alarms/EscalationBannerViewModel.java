package org.vigil.ui.alarms;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vigil.alarms.Alarm;
import org.vigil.alarms.AlarmBoard;

/**
 * The escalation banner's state: the escalated alarm (level 1 or 2, unacknowledged) that has waited longest at the
 * highest level, e.g. "ESCALATED: Bed 03 SpO2 84 < 90 - unacknowledged 45 s", and its level; "" and 0 when none.
 * An acknowledgement resets the level to 0, so the banner goes with it. JavaFX thread only; never touches a Node.
 */
public final class EscalationBannerViewModel {
    private final Function<String, String> bedLabel;
    private final StringProperty text = new SimpleStringProperty("");
    private final IntegerProperty level = new SimpleIntegerProperty(0);

    /** @param bedLabel the label nurses know a bed by, from its id */
    public EscalationBannerViewModel(Function<String, String> bedLabel) {
        this.bedLabel = bedLabel;
    }

    /** Call a few times a second (the waiting time counts up). */
    public void refresh(AlarmBoard board, Instant now) {
        List<Alarm> escalated = board.active().stream()
                .filter(a -> a.escalationLevel() > 0 && !a.acknowledged())
                .sorted(Comparator.comparingInt(Alarm::escalationLevel).reversed()
                        .thenComparing(Alarm::byPriorityThenAge))
                .toList();
        if (escalated.isEmpty()) {
            text.set("");
            level.set(0);
            return;
        }
        Alarm a = escalated.get(0);
        long waited = Math.max(0, Duration.between(a.raisedAt(), now).toSeconds());
        text.set("ESCALATED" + (a.escalationLevel() > 1 ? " (level " + a.escalationLevel() + ")" : "") + ": "
                + bedLabel.apply(a.bed()) + " " + a.text() + " - unacknowledged " + waited + " s"
                + (escalated.size() > 1 ? "  (+" + (escalated.size() - 1) + " more)" : ""));
        level.set(a.escalationLevel());
    }

    public StringProperty textProperty() {
        return text;
    }

    /** 0 (no banner), 1 or 2 (more prominent). */
    public IntegerProperty levelProperty() {
        return level;
    }
}
