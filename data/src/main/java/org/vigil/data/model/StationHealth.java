package org.vigil.data.model;

import java.time.Instant;

/**
 * A station's health, published every 5 s, retained. {@code fps} and the render figures are null when headless;
 * the last will carries only station and state "offline". {@code alarmThreadStalls} and {@code fxThreadStalls}
 * (this project's additions to the contract's fields, null when not reported) count the watchdog's stalls since
 * the station started.
 */
public record StationHealth(String station, String state, Instant time, Integer beds, Integer bedsWithData,
                            Double fps, Double cpuPercent, Long heapMb, Double ingestLatencyMsP99,
                            Double renderLatencyMsP99, Long droppedFrames, Long rejectedMessages, Long emrBacklog,
                            Long alarmThreadStalls, Long fxThreadStalls) {

    /** The contract's fields only. */
    public StationHealth(String station, String state, Instant time, Integer beds, Integer bedsWithData,
                         Double fps, Double cpuPercent, Long heapMb, Double ingestLatencyMsP99,
                         Double renderLatencyMsP99, Long droppedFrames, Long rejectedMessages, Long emrBacklog) {
        this(station, state, time, beds, bedsWithData, fps, cpuPercent, heapMb, ingestLatencyMsP99,
                renderLatencyMsP99, droppedFrames, rejectedMessages, emrBacklog, null, null);
    }

    public static StationHealth offline(String station) {
        return new StationHealth(station, "offline", null, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean isOnline() {
        return "online".equals(state);
    }
}
