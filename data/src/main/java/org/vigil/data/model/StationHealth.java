package org.vigil.data.model;

import java.time.Instant;

/**
 * A station's health, published every 5 s, retained. {@code fps} and the render figures are null when headless;
 * the last will carries only station and state "offline".
 */
public record StationHealth(String station, String state, Instant time, Integer beds, Integer bedsWithData,
                            Double fps, Double cpuPercent, Long heapMb, Double ingestLatencyMsP99,
                            Double renderLatencyMsP99, Long droppedFrames, Long rejectedMessages, Long emrBacklog) {

    public static StationHealth offline(String station) {
        return new StationHealth(station, "offline", null, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean isOnline() {
        return "online".equals(state);
    }
}
