package org.vigil.data.emr;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The EMR link as the status bar shows it.
 *
 * @param connection  the link's state
 * @param since       since when it is in that state (null while not yet contacted)
 * @param pending     charting events waiting to be sent
 * @param refused     charting events the EMR refused
 * @param lastError   why the last contact failed, or null
 */
public record EmrStatus(Connection connection, Instant since, int pending, int refused, String lastError) {

    /** State of the link to the EMR. */
    public enum Connection {
        /** Nothing sent or asked yet. */
        NOT_YET_CONTACTED,
        /** The EMR answered the last request (accepting or refusing it). */
        CONNECTED,
        /** Network error, timeout or 5xx: retrying with back-off. */
        UNREACHABLE,
        /** The EMR refuses the station's credentials (401/403 even after renewing a token). */
        CREDENTIALS_REFUSED
    }

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** "EMR: connected, 0 pending" / "EMR: unreachable since 10:02, 14 pending" in {@code zone}. */
    public String text(ZoneId zone) {
        String backlog = pending + " pending" + (refused > 0 ? ", " + refused + " refused" : "");
        return switch (connection) {
            case NOT_YET_CONTACTED -> "EMR: not yet contacted, " + backlog;
            case CONNECTED -> "EMR: connected, " + backlog;
            case UNREACHABLE -> "EMR: unreachable since " + HH_MM.format(since.atZone(zone)) + ", " + backlog;
            case CREDENTIALS_REFUSED -> "EMR: credentials refused since " + HH_MM.format(since.atZone(zone)) + ", " + backlog;
        };
    }
}
