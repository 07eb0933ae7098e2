package org.vigil.ui.alarms.history;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.vigil.data.store.AlarmLogEntry;

/**
 * Loads alarm log entries off the JavaFX thread (the composition root runs the query on its database thread); the
 * future completes on that thread, never on the JavaFX thread.
 */
@FunctionalInterface
public interface AlarmHistorySource {
    CompletableFuture<List<AlarmLogEntry>> load(HistoryQuery query);
}
