package org.vigil.data.model;

import java.time.Instant;

/** A ward-wide audio pause, shared between stations (retained, later updatedAt wins). */
public record WardAudioPause(Instant pausedUntil, String by, String station, Instant updatedAt) {
}
