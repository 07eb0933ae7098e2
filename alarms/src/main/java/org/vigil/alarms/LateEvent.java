package org.vigil.alarms;

import java.time.Instant;
import java.util.List;

/**
 * Numerics that arrived too late to be current: logged with their device time, never raised or annunciated.
 * {@code findings} are the limit violations they would have been (e.g. {@code "HR 182 > 120"}), possibly empty;
 * {@code at} is the station clock when they arrived.
 */
public record LateEvent(String bed, String device, Instant deviceTime, Instant at, List<String> findings) {
    public LateEvent {
        findings = List.copyOf(findings);
    }
}
