package org.vigil.ui.charting;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.vigil.data.emr.EmrStatus;
import org.vigil.data.emr.OutboxEntry;
import org.vigil.data.recording.MinuteAggregate;
import org.vigil.ui.users.StationActions.Result;

/**
 * Charting at the console, implemented by the composition root. Every method but {@link #status()} returns at
 * once and does its database work off the JavaFX thread. {@link #status()} is cheap and non-blocking.
 */
public interface ChartingService {

    /**
     * The logged-in nurse signs {@code draft} for the bed's patient: it goes into the EMR outbox together with the
     * signature (one durable commit) and is sent from there. Refused without a logged-in nurse or a patient.
     */
    CompletableFuture<Result> sign(String bed, ChartingDraft draft);

    /** The charting events of the bed's current patient, newest first (empty without a patient). */
    CompletableFuture<List<OutboxEntry>> events(String bed);

    /**
     * The recorded minute of the bed starting at {@code minute} (median, min, max per code), empty when nothing
     * is recorded then or this station records nothing.
     */
    CompletableFuture<List<MinuteAggregate>> minute(String bed, Instant minute);

    /** The EMR link and its backlog; null when no EMR is configured. */
    EmrStatus status();
}
