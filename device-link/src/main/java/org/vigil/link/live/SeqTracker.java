package org.vigil.link.live;

/**
 * Follows the {@code seq} of one device on one topic: counting up by one is normal, a jump means messages were
 * lost, a drop back means the device restarted. MQTT callback thread only.
 */
final class SeqTracker {
    enum Step { FIRST, NEXT, LOST, RESTART, DUPLICATE }

    private String device;
    private long last = -1;
    private long lost;

    Step step(String deviceId, long seq) {
        if (!deviceId.equals(device) || last < 0) {
            device = deviceId;
            last = seq;
            return Step.FIRST;
        }
        long expected = last + 1;
        Step s;
        if (seq == expected) {
            s = Step.NEXT;
        } else if (seq > expected) {
            lost = seq - expected;
            s = Step.LOST;
        } else if (seq == last) {
            return Step.DUPLICATE; // QoS 1 may deliver twice
        } else {
            s = Step.RESTART;
        }
        last = seq;
        return s;
    }

    /** Messages missing at the last {@link Step#LOST}. */
    long lost() {
        return lost;
    }
}
