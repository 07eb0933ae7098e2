package org.vigil.ui.alarms;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vigil.alarms.Alarm;
import org.vigil.alarms.AlarmBoard;
import org.vigil.data.model.AlarmPriority;

/**
 * The alarm bar's list: every active alarm of the ward, highest priority first, then oldest. JavaFX thread only;
 * never touches a Node.
 */
public final class AlarmBarViewModel {

    /** One chip: what the bar says of one alarm. */
    public record Entry(String alarmId, AlarmPriority priority, String text) {
    }

    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final Function<String, String> bedLabel;
    private AlarmBoard shown;

    /** @param bedLabel the label nurses know a bed by, from its id */
    public AlarmBarViewModel(Function<String, String> bedLabel) {
        this.bedLabel = bedLabel;
    }

    /** Active alarms say nothing extra; the others say what they wait for or who answered. */
    public static String stateSuffix(Alarm a) {
        return switch (a.state()) {
            case ACKNOWLEDGED -> "  (ack " + (a.ackBy() == null ? "" : a.ackBy()) + ")";
            case LATCHED -> "  (LATCHED: acknowledge)";
            default -> a.escalationLevel() > 0 ? "  ESCALATED " + a.escalationLevel() : "";
        };
    }

    public ObservableList<Entry> entries() {
        return entries;
    }

    public void refresh(AlarmBoard board) {
        if (board == shown) {
            return; // boards are immutable: the same one means nothing changed
        }
        shown = board;
        List<Entry> next = new ArrayList<>(board.active().size());
        for (Alarm a : board.active()) {
            next.add(new Entry(a.id(), a.priority(),
                    a.priority().marker() + " " + bedLabel.apply(a.bed()) + "  " + a.text() + stateSuffix(a)));
        }
        if (!next.equals(entries)) {
            entries.setAll(next);
        }
    }
}
