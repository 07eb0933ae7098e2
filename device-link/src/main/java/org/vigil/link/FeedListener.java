package org.vigil.link;

import java.time.Instant;
import org.vigil.data.model.AlarmMessage;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.DeviceEvent;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.StationHealth;
import org.vigil.data.model.WardAudioPause;
import org.vigil.data.model.Wave;
import org.vigil.link.live.BedLive;

/**
 * Receives decoded, validated messages after they are in the live buffers. Called on the MQTT callback thread:
 * implementations must only hand off (queue to their own executor), never block or draw. A null payload means the
 * retained topic was cleared.
 */
public interface FeedListener {
    default void onNumerics(BedLive bed, Numerics numerics, Instant receivedAt) {
    }

    default void onWave(BedLive bed, Wave wave, Instant receivedAt) {
    }

    /** Backlog older than 30 s (after a reconnect): for the record and the alarm log, never annunciated as current. */
    default void onLateNumerics(BedLive bed, Numerics numerics, Instant receivedAt) {
    }

    default void onLateWave(BedLive bed, Wave wave, Instant receivedAt) {
    }

    default void onStatus(BedLive bed, DeviceStatus status, Instant receivedAt) {
    }

    default void onDeviceEvent(BedLive bed, DeviceEvent event, Instant receivedAt) {
    }

    default void onAlarm(String bed, String alarmId, AlarmMessage alarm) {
    }

    default void onSettings(String bed, BedSettings settings) {
    }

    default void onAudioPause(WardAudioPause pause) {
    }

    default void onStationHealth(String station, StationHealth health) {
    }

    /** The broker connection changed; see {@link LinkState}. */
    default void onLinkState(LinkState state, Instant since) {
    }
}
