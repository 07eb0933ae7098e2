package org.vigil.ui.charting;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vigil.data.emr.ChartingEvent;
import org.vigil.data.emr.EmrStatus;
import org.vigil.data.emr.OutboxEntry;

/**
 * The charting events of a bed's patient as the nurse follows them to the chart: pending, sent, or refused with
 * the EMR's OperationOutcome text, plus the EMR link's state. Holds state only. JavaFX thread only.
 */
public final class ChartingEventsViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM. HH:mm:ss");

    /**
     * One line of the list.
     *
     * @param state   "PENDING", "SENT" or "REFUSED"
     * @param text    when, what and by whom
     * @param detail  the refusal's OperationOutcome text, or why the last attempt failed, or ""
     */
    public record Line(String identifier, String state, String text, String detail) {
    }

    private final String title;
    private final ZoneId zone;
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final StringProperty emr = new SimpleStringProperty("");
    private final StringProperty note = new SimpleStringProperty("");

    public ChartingEventsViewModel(String bedLabel, String patientText, ZoneId zone) {
        this.title = "Charting events · " + bedLabel + (patientText == null ? "" : " · " + patientText);
        this.zone = zone;
    }

    public String title() {
        return title;
    }

    /** Shows these entries (newest first as given) and the EMR link's state (null: not configured). */
    public void show(List<OutboxEntry> entries, EmrStatus status) {
        lines.setAll(entries.stream().map(this::line).toList());
        note.set(entries.isEmpty() ? "No charting events for this patient" : "");
        emr.set(status == null ? "EMR not configured: events wait in the outbox" : status.text(zone));
    }

    public void failed(String why) {
        note.set("Cannot read the charting events: " + why);
    }

    private Line line(OutboxEntry e) {
        ChartingEvent ev = e.event();
        String what = ev == null ? "" : summary(ev);
        String detail = switch (e.state()) {
            case REFUSED -> e.refusal() == null ? "refused" : e.refusal();
            case PENDING -> e.lastError() == null ? (e.attempts() == 0 ? "waiting to be sent" : "")
                    : "attempt " + e.attempts() + " failed: " + e.lastError() + "; next at "
                    + TIME.format(e.nextAttemptAt().atZone(zone));
            case SENT -> "in the chart since " + TIME.format(e.doneAt().atZone(zone));
        };
        return new Line(e.eventIdentifier(), e.state().name(),
                TIME.format(e.effectiveAt().atZone(zone)) + "  " + what
                        + (ev != null && ev.performer() != null ? "  · signed by " + ev.performer() : "  · unattended"),
                detail);
    }

    private static String summary(ChartingEvent e) {
        StringBuilder b = new StringBuilder();
        for (var v : e.values()) {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(org.vigil.data.model.MeasurementCode.shortLabel(v.code())).append(' ')
                    .append(ChartVitalsViewModel.format(v.code(), v.value()));
        }
        if (e.acvpu() != null) {
            b.append(b.isEmpty() ? "" : ", ").append("ACVPU ").append(e.acvpu().letter());
        }
        if (e.supplementalOxygen() != null) {
            b.append(b.isEmpty() ? "" : ", ").append("O2 ").append(e.supplementalOxygen() ? "yes" : "no");
        }
        return b.toString();
    }

    public ObservableList<Line> lines() { return lines; }
    /** The EMR link and its backlog, as the status bar says it. */
    public StringProperty emrProperty() { return emr; }
    /** "No charting events…" or a read failure, else "". */
    public StringProperty noteProperty() { return note; }
}
