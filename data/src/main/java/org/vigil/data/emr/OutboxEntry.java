package org.vigil.data.emr;

import java.time.Instant;

/**
 * One charting event in the outbox, as the nurse sees it in the patient's event list.
 *
 * @param id            outbox row id (increasing in enqueue order)
 * @param state         pending, sent or refused
 * @param attempts      sends tried so far
 * @param nextAttemptAt when a pending event will next be tried
 * @param lastError     why the last attempt failed (network, 5xx...), or null
 * @param refusal       the EMR's OperationOutcome text when refused, else null
 * @param doneAt        when it was sent or refused, else null
 */
public record OutboxEntry(long id, String eventIdentifier, String patientKey, Long patientId, String bedId,
                          Instant effectiveAt, Instant createdAt, State state, int attempts, Instant nextAttemptAt,
                          String lastError, String refusal, Instant doneAt, ChartingEvent event) {

    /** Where an event is on its way to the chart. */
    public enum State {
        PENDING, SENT, REFUSED;

        String dbName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State fromDb(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
