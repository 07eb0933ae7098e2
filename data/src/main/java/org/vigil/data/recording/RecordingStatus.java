package org.vigil.data.recording;

import java.time.Instant;

/**
 * A snapshot of the recorder. {@code stoppedReason} is null while recording; {@code since} when the current
 * uninterrupted recording began (start or last resume); {@code bytesUsed} the store's size as last measured
 * (-1 before the first measurement); {@code backlogBytes} what is held in memory and not yet in the store, the open
 * blocks included (about 10 s of every channel); {@code droppedValues}/{@code droppedSamples} what was lost because the
 * hand-off queue or the in-memory backlog overflowed; {@code duplicateSamples} samples received twice and
 * recorded once.
 */
public record RecordingStatus(String stoppedReason, Instant since, long bytesUsed, long backlogBytes,
                              long droppedValues, long droppedSamples, long droppedMessages, long duplicateSamples) {

    public boolean recording() {
        return stoppedReason == null;
    }
}
