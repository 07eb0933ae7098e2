package org.vigil.link.replay;

import java.time.Instant;
import java.util.Objects;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.data.model.DeviceEvent;
import org.vigil.data.model.DeviceState;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.link.sim.RateLimitedLog;
import org.vigil.link.wire.WardTopic;
import org.vigil.link.wire.WardTopic.BedFeed;
import org.vigil.link.wire.WireCodec;

/**
 * The device replaying one recording on the ward broker, like a simulated bedside monitor: its own MQTT client
 * ({@code vigil-replay-{ward}-{bed}}) with its own last will (its status topic, {@code offline}, QoS 1,
 * retained), publishing what its {@link RecordingReplay} produces: wave QoS 0, numerics, events and status
 * QoS 1 (status retained). The {@code online} status goes out on the first tick after each (re)connection;
 * Paho reconnects by itself after a lost connection. When a replay without loop has finished, the device
 * publishes its {@code offline} status and disconnects cleanly.
 *
 * <p>{@link #tick} runs on the replay thread and never waits for the broker (Paho's asynchronous client); a
 * failed publish is logged, rate-limited, and dropped, as is what is due while disconnected (its sequence
 * numbers are used up, so a station sees the loss). Paho's callbacks only log and set a flag.
 */
final class ReplayDevice implements RecordingReplay.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayDevice.class);
    static final int CONNECT_TIMEOUT_SECONDS = 5;

    private final RecordingReplay replay;
    private final String device;
    private final RateLimitedLog warnings;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final String statusTopic;
    private final String numericsTopic;
    private final String waveTopic;
    private final String eventTopic;

    private volatile boolean announce;
    private volatile boolean ended;
    private volatile IMqttToken endToken;

    ReplayDevice(String brokerUrl, String ward, RecordingReplay replay, RateLimitedLog warnings) throws MqttException {
        this.replay = Objects.requireNonNull(replay, "replay");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        String bed = replay.recording().name();
        this.device = replay.recording().deviceId();
        this.statusTopic = WardTopic.bed(ward, bed, BedFeed.STATUS);
        this.numericsTopic = WardTopic.bed(ward, bed, BedFeed.NUMERICS);
        this.waveTopic = WardTopic.bed(ward, bed, BedFeed.WAVE);
        this.eventTopic = WardTopic.bed(ward, bed, BedFeed.EVENT);
        this.client = new MqttAsyncClient(brokerUrl, "vigil-replay-" + ward + "-" + bed, new MemoryPersistence());
        client.setCallback(new Callback());
        options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        options.setKeepAliveInterval(10);
        options.setMaxInflight(1000);
        options.setWill(statusTopic, offline(), 1, true);
    }

    String device() {
        return device;
    }

    RecordingReplay replay() {
        return replay;
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /** True once the replay has finished and the offline status and disconnect are under way. */
    boolean ended() {
        return ended;
    }

    /** Starts connecting; the token completes when the broker accepted the connection (or failed). */
    IMqttToken connect() throws MqttException {
        return client.connect(options);
    }

    /** One step at clock time {@code now}. Replay thread. */
    void tick(Instant now) {
        if (ended) {
            return;
        }
        if (announce && client.isConnected()) {
            announce = false;
            publish(statusTopic, WireCodec.encode(replay.online(now)), 1, true, "status");
        }
        replay.tick(now, this);
        if (replay.finished()) {
            ended = true;
            LOG.info("Replay of {} finished: device {} goes offline", replay.recording().source(), device);
            if (client.isConnected()) {
                publish(statusTopic, offline(), 1, true, "offline status");
                try {
                    endToken = client.disconnect(1_000);
                } catch (MqttException | RuntimeException e) {
                    warnings.warn(device + ":disconnect", "Replay device " + device + " could not disconnect", e);
                }
            }
        }
    }

    @Override
    public void wave(Wave wave) {
        publish(waveTopic, WireCodec.encode(wave), 0, false, "wave");
    }

    @Override
    public void numerics(Numerics numerics) {
        publish(numericsTopic, WireCodec.encode(numerics), 1, false, "numerics");
    }

    @Override
    public void event(DeviceEvent event) {
        publish(eventTopic, WireCodec.encode(event), 1, false, "event");
    }

    /** At close (replay thread stopped): the offline status if still connected and not ended, or null. */
    IMqttDeliveryToken publishOffline() {
        if (ended || !client.isConnected()) {
            return null;
        }
        try {
            return client.publish(statusTopic, offline(), 1, true);
        } catch (MqttException | RuntimeException e) {
            LOG.warn("Replay device {} could not publish its offline status: {}", device, e.toString());
            return null;
        }
    }

    /** At close: a clean DISCONNECT (or the one under way since the end), or null if not connected. */
    IMqttToken disconnect(long quiesceMillis) {
        if (endToken != null) {
            return endToken;
        }
        if (!client.isConnected()) {
            return null;
        }
        try {
            return client.disconnect(quiesceMillis);
        } catch (MqttException | RuntimeException e) {
            LOG.warn("Replay device {} could not disconnect cleanly: {}", device, e.toString());
            return null;
        }
    }

    /** Releases the client, dropping the connection first if it is still up. */
    void closeClient() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 100, true);
            }
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("Replay device {}: close failed", device, e);
        }
    }

    private byte[] offline() {
        return WireCodec.encode(new DeviceStatus(device, DeviceState.OFFLINE, null, null, null, null));
    }

    private void publish(String topic, byte[] payload, int qos, boolean retained, String what) {
        if (!client.isConnected()) {
            return; // lost: Paho is reconnecting, and the connection loss was logged
        }
        try {
            client.publish(topic, payload, qos, retained);
        } catch (MqttException | RuntimeException e) {
            warnings.warn(device + ":" + what, "Replay device " + device + " could not publish its " + what, e);
        }
    }

    /** Runs on Paho's threads: only logs and sets the flag. */
    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            announce = true;
            if (reconnect) {
                LOG.info("Replay device {} reconnected to {}", device, serverURI);
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            warnings.warn(device + ":lost", "Replay device " + device + " lost its connection to "
                    + client.getServerURI() + "; reconnecting", cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // subscribes to nothing
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // fire and forget
        }
    }

    @Override
    public String toString() {
        return "ReplayDevice[" + device + "]";
    }
}
