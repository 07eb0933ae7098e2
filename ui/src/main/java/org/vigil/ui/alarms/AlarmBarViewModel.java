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
    public record Entry(String alarmId, AlarmPriority priority, String text, String bed, String parameter) {
        public Entry(String alarmId, AlarmPriority priority, String text) {
            this(alarmId, priority, text, null, null);
        }
    }

    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final Function<String, String> bedLabel;
    private AlarmBoard shown;
    private final javafx.beans.property.StringProperty wardPause = new javafx.beans.property.SimpleStringProperty("");
    private final javafx.beans.property.StringProperty alarmOff = new javafx.beans.property.SimpleStringProperty("");
    private final ObservableList<Off> offs = FXCollections.observableArrayList();

    /** One parameter whose alarms are switched off at a bed, e.g. HR of "Bed 01". */
    public record Off(String bed, String code, String bedLabel) {
    }

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
                    a.priority().marker() + " " + bedLabel.apply(a.bed()) + "  " + a.text() + stateSuffix(a),
                    a.bed(), parameterOf(a)));
        }
        if (!next.equals(entries)) {
            entries.setAll(next);
        }
        List<String> off = new ArrayList<>();
        List<Off> nextOffs = new ArrayList<>();
        board.alarmOff().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> {
            if (!e.getValue().isEmpty()) {
                String label = bedLabel.apply(e.getKey());
                java.util.TreeSet<String> codes = new java.util.TreeSet<>(e.getValue());
                off.add(label + " " + String.join(", ",
                        codes.stream().map(org.vigil.data.model.MeasurementCode::shortLabel).toList()));
                codes.forEach(c -> nextOffs.add(new Off(e.getKey(), c, label)));
            }
        });
        alarmOff.set(off.isEmpty() ? "" : "ALARM OFF: " + String.join("; ", off));
        if (!nextOffs.equals(offs)) {
            offs.setAll(nextOffs);
        }
    }

    /** The ward audio pause's countdown, "Ward audio paused 01:45", or "" when none runs. Call a few times a second. */
    public void refreshPause(AlarmBoard board, java.time.Instant now) {
        java.time.Instant until = board.wardPausedUntil();
        if (until == null || !now.isBefore(until)) {
            wardPause.set("");
            return;
        }
        long s = (java.time.Duration.between(now, until).toMillis() + 999) / 1000; // 0.2 s left still says 00:01
        wardPause.set(String.format("Ward audio paused %02d:%02d", s / 60, s % 60));
    }

    /**
     * The parameter (numeric code, e.g. MDC_ECG_HEART_RATE of HR_HIGH) whose alarm this is, the key of "Alarm off";
     * null for technical alarms.
     */
    public static String parameterOf(Alarm a) {
        if (a.value() == null && a.limit() == null) {
            return null;
        }
        return org.vigil.alarms.ConditionCatalog.parameterCode(a.condition());
    }

    /** The parameters whose alarms are off, by bed, for the "Alarm on" menu. */
    public ObservableList<Off> alarmsOff() {
        return offs;
    }

    public javafx.beans.property.StringProperty wardPauseProperty() {
        return wardPause;
    }

    /** "ALARM OFF: Bed 01 HR; Bed 03 SPO2", permanent while any alarm is off; "" when none. */
    public javafx.beans.property.StringProperty alarmOffProperty() {
        return alarmOff;
    }
}
