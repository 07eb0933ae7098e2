package org.vigil.ui.diagnostics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vigil.link.live.BedDiagnostics;
import org.vigil.link.live.BedLive;
import org.vigil.link.wire.RejectReason;
import org.vigil.ui.StationContext;

/**
 * Per bed, what hospital IT needs to judge a device's link: device id, last message, message rates, lost messages,
 * restarts, late backlog, rejects by reason and clock offset. Refreshed once a second on the JavaFX thread; never
 * touches a Node.
 */
public final class DeviceDiagnosticsViewModel {

    /** One row of the table, as text. */
    public record Row(String bed, String device, String lastMessage, String numericsPerSecond, String wavesPerSecond,
                      String lostWaves, String lostNumerics, String restarts, String late, String rejects,
                      String clockOffset) {
    }

    private final StationContext context;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();

    public DeviceDiagnosticsViewModel(StationContext context) {
        this.context = context;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public void refresh() {
        Instant now = context.clock().instant();
        Map<String, Map<RejectReason, Long>> rejects = context.link().rejects().snapshot();
        List<Row> next = new ArrayList<>();
        for (BedLive b : context.live().beds()) {
            BedDiagnostics d = b.diagnostics();
            Map<RejectReason, Long> mine = new TreeMap<>();
            merge(mine, rejects.get("bed " + b.bedId()));
            if (b.deviceId() != null) {
                merge(mine, rejects.get(b.deviceId()));
            }
            StringBuilder r = new StringBuilder();
            mine.forEach((reason, n) -> r.append(r.isEmpty() ? "" : ", ").append(reason).append(' ').append(n));
            long offset = b.deviceClock().offsetMillis();
            next.add(new Row(b.label() + (b.configured() ? "" : " (unassigned)"),
                    b.deviceId() == null ? "none heard" : b.deviceId(),
                    d.lastMessageAt() == null ? "never" : age(d.lastMessageAt(), now),
                    String.format(Locale.ROOT, "%.1f", d.numericsPerSecond(now)),
                    String.format(Locale.ROOT, "%.1f", d.wavesPerSecond(now)),
                    Long.toString(d.lostWaveMessages()), Long.toString(d.lostNumericsMessages()),
                    Long.toString(d.restarts()), Long.toString(d.lateMessages()),
                    r.isEmpty() ? "0" : r.toString(),
                    !b.deviceClock().known() ? "unknown"
                            : String.format(Locale.ROOT, "%+.1f s%s", -offset / 1000.0,
                            b.deviceClock().flagged() ? "  OFF BY MORE THAN 5 s" : "")));
        }
        if (!next.equals(rows)) {
            rows.setAll(next);
        }
    }

    private static void merge(Map<RejectReason, Long> into, Map<RejectReason, Long> from) {
        if (from != null) {
            from.forEach((k, v) -> into.merge(k, v, Long::sum));
        }
    }

    private static String age(Instant at, Instant now) {
        long ms = Math.max(0, Duration.between(at, now).toMillis());
        return ms < 10_000 ? String.format(Locale.ROOT, "%.1f s ago", ms / 1000.0) : (ms / 1000) + " s ago";
    }
}
