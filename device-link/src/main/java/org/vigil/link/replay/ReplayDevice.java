package org.vigil.link.replay;

import java.time.Instant;
import java.util.Objects;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.data.model.DeviceEvent;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.link.device.PublishingDevice;
import org.vigil.link.device.RateLimitedLog;
import org.vigil.link.wire.WardTopic;
import org.vigil.link.wire.WardTopic.BedFeed;
import org.vigil.link.wire.WireCodec;

/**
 * The device replaying one recording on the ward broker, like a simulated bedside monitor: its own MQTT client
 * ({@code vigil-replay-{ward}-{bed}}) with its own last will (its status topic, {@code offline}, QoS 1,
 * retained), publishing what its {@link RecordingReplay} produces: wave QoS 0, numerics, events and status
 * QoS 1 (status retained). The {@code online} status goes out on the first tick after each (re)connection;
 * Paho reconnects by itself after a lost connection. When a replay without loop has finished, the device
 * publishes its {@code offline} status and disconnects cleanly. The client, the last will, publishing and
 * closing are {@link PublishingDevice}'s.
 *
 * <p>{@link #tick} runs on the replay thread and never waits for the broker (Paho's asynchronous client); a
 * failed publish is logged, rate-limited, and dropped, as is what is due while disconnected (its sequence
 * numbers are used up, so a station sees the loss). Paho's callbacks only log and set a flag.
 */
final class ReplayDevice extends PublishingDevice implements RecordingReplay.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayDevice.class);

    private final RecordingReplay replay;
    private final String numericsTopic;
    private final String waveTopic;
    private final String eventTopic;

    private volatile boolean announce;
    private volatile boolean ended;
    private volatile IMqttToken endToken;

    ReplayDevice(String brokerUrl, String ward, RecordingReplay replay, RateLimitedLog warnings) throws MqttException {
        this.replay = Objects.requireNonNull(replay, "replay");
        Objects.requireNonNull(warnings, "warnings");
        String bed = replay.recording().name();
        this.numericsTopic = WardTopic.bed(ward, bed, BedFeed.NUMERICS);
        this.waveTopic = WardTopic.bed(ward, bed, BedFeed.WAVE);
        this.eventTopic = WardTopic.bed(ward, bed, BedFeed.EVENT);
        super(brokerUrl, "vigil-replay-" + ward + "-" + bed, replay.recording().deviceId(),
                WardTopic.bed(ward, bed, BedFeed.STATUS), "Replay device", true, warnings);
    }

    RecordingReplay replay() {
        return replay;
    }

    /** True once the replay has finished and the offline status and disconnect are under way. */
    boolean ended() {
        return ended;
    }

    /** One step at clock time {@code now}. Replay thread. */
    @Override
    protected void tick(Instant now) {
        if (ended) {
            return;
        }
        if (announce && isConnected()) {
            announce = false;
            publishIfConnected(statusTopic(), WireCodec.encode(replay.online(now)), 1, true, "status");
        }
        replay.tick(now, this);
        if (replay.finished()) {
            ended = true;
            LOG.info("Replay of {} finished: device {} goes offline", replay.recording().source(), deviceId());
            if (isConnected()) {
                publishIfConnected(statusTopic(), lastWill(deviceId()), 1, true, "offline status");
                try {
                    endToken = client().disconnect(1_000);
                } catch (MqttException | RuntimeException e) {
                    warn("disconnect", "could not disconnect", e);
                }
            }
        }
    }

    @Override
    public void wave(Wave wave) {
        publishIfConnected(waveTopic, WireCodec.encode(wave), 0, false, "wave");
    }

    @Override
    public void numerics(Numerics numerics) {
        publishIfConnected(numericsTopic, WireCodec.encode(numerics), 1, false, "numerics");
    }

    @Override
    public void event(DeviceEvent event) {
        publishIfConnected(eventTopic, WireCodec.encode(event), 1, false, "event");
    }

    /** At close (replay thread stopped): the offline status if still connected and not ended, or null. */
    @Override
    protected IMqttDeliveryToken publishOffline() {
        if (ended) {
            return null;
        }
        return super.publishOffline();
    }

    /** At close: a clean DISCONNECT (or the one under way since the end), or null if not connected. */
    @Override
    protected IMqttToken disconnect(long quiesceMillis) {
        if (endToken != null) {
            return endToken;
        }
        return super.disconnect(quiesceMillis);
    }

    /** Paho's callback thread: the next tick publishes the online status first. */
    @Override
    protected void connectComplete(boolean reconnect, String serverUri) {
        announce = true;
        if (reconnect) {
            LOG.info("Replay device {} reconnected to {}", deviceId(), serverUri);
        }
    }

    private void publishIfConnected(String topic, byte[] payload, int qos, boolean retained, String what) {
        if (!isConnected()) {
            return; // lost: Paho is reconnecting, and the connection loss was logged
        }
        publish(topic, payload, qos, retained, what);
    }

    @Override
    public String toString() {
        return "ReplayDevice[" + deviceId() + "]";
    }
}
