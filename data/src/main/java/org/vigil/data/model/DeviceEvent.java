package org.vigil.data.model;

import java.time.Instant;

/** An alarm condition the bedside device detected itself (arrhythmias); phase is start, update or end. */
public record DeviceEvent(String device, Instant time, String id, String condition, AlarmPriority priority,
                          String phase, String text) {
}
