package org.vigil.link.device;

import java.time.Instant;
import java.util.Objects;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
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
import org.vigil.data.model.DeviceState;
import org.vigil.data.model.DeviceStatus;
import org.vigil.link.wire.WireCodec;

/**
 * One bedside device that Vigil itself plays on the ward broker (a simulated monitor, a replayed recording):
 * what every such device shares, whatever it publishes. It owns its own Paho {@link MqttAsyncClient} (client id
 * given by the subclass, MQTT 3.1.1, clean session, connection timeout {@value #CONNECT_TIMEOUT_SECONDS} s,
 * keep-alive {@value #KEEP_ALIVE_SECONDS} s, up to 1000 messages in flight, no persistence) with its last will:
 * its status topic, {@code offline} ({@link #lastWill(String)}), QoS 1, retained. Paho reconnects by itself
 * after a lost connection only if the subclass asks for it; otherwise reconnection is the subclass's.
 *
 * <p>What it gives its subclass: {@link #publish} (publish and forget: a failure is logged, rate-limited, and
 * dropped, never waited for), rate-limited warnings named after the device ({@link #warn}), and hooks for
 * Paho's connection events. What it gives the {@link DeviceFleet} running it: {@link #connect()}, one
 * {@link #tick} per period, and at close {@link #publishOffline()}, {@link #disconnect(long)} and
 * {@link #closeClient()}.
 *
 * <h2>Threads</h2>
 * {@link #tick} runs on the fleet's thread and must never wait for the broker. {@link #connectComplete} and
 * {@link #connectionLost} run on Paho's callback thread: they only log and set flags. {@link #connect()} runs on
 * the thread that starts the fleet (and on the fleet's thread for a subclass that reconnects by itself); the
 * close methods run on the thread closing the fleet, once the fleet's thread has stopped.
 */
public abstract class PublishingDevice {

    /** How long a connection attempt may take. */
    public static final int CONNECT_TIMEOUT_SECONDS = 5;
    public static final int KEEP_ALIVE_SECONDS = 10;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String deviceId;
    private final String statusTopic;
    private final String kind;
    private final boolean automaticReconnect;
    private final RateLimitedLog warnings;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;

    /**
     * Creates the client (nothing is connected yet).
     *
     * @param clientId           the MQTT client id
     * @param deviceId           the device id of the wire contract (in the last will, and in log messages)
     * @param statusTopic        where the last will and {@link #publishOffline()} go
     * @param kind               what the device is, in log messages: {@code "Simulated device"}
     * @param automaticReconnect whether Paho reconnects by itself after a lost connection
     * @param warnings           the rate-limited log of the device's failures (shared by a fleet)
     * @throws MqttException            if Paho cannot create the client
     * @throws IllegalArgumentException if {@code brokerUrl} is not a URL Paho accepts
     */
    protected PublishingDevice(String brokerUrl, String clientId, String deviceId, String statusTopic, String kind,
                               boolean automaticReconnect, RateLimitedLog warnings) throws MqttException {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.statusTopic = Objects.requireNonNull(statusTopic, "statusTopic");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.automaticReconnect = automaticReconnect;
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        client.setCallback(new Callback());
        options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(automaticReconnect);
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        options.setMaxInflight(1000);
        options.setWill(statusTopic, lastWill(deviceId), 1, true);
    }

    /** The device's last will payload, exactly as the wire contract gives it: {@code {"v":1,"device":...,"state":"offline"}}. */
    public static byte[] lastWill(String device) {
        return WireCodec.encode(new DeviceStatus(device, DeviceState.OFFLINE, null, null, null, null));
    }

    /** The device id of the wire contract. */
    public final String deviceId() {
        return deviceId;
    }

    public final String statusTopic() {
        return statusTopic;
    }

    public final boolean isConnected() {
        return client.isConnected();
    }

    /** The client, for what only the subclass does with it (dropping or ending its connection). */
    protected final MqttAsyncClient client() {
        return client;
    }

    /** Starts connecting; the token completes when the broker accepted the connection (or failed). */
    protected IMqttToken connect() throws MqttException {
        return connect(null);
    }

    /** Starts connecting, telling {@code listener} (if not null) how it went. */
    protected final IMqttToken connect(IMqttActionListener listener) throws MqttException {
        return client.connect(options, null, listener);
    }

    /** One step at clock time {@code now}: publishes what is due. The fleet's thread; never waits for the broker. */
    protected abstract void tick(Instant now);

    /**
     * Publishes without waiting: a failure is logged (rate-limited, under {@code what}: "could not publish its
     * {@code what}") and the message dropped.
     */
    protected final void publish(String topic, byte[] payload, int qos, boolean retained, String what) {
        try {
            client.publish(topic, payload, qos, retained);
        } catch (MqttException | RuntimeException e) {
            warn(what, "could not publish its " + what, e);
        }
    }

    /**
     * Logs a warning about this device, at most once a minute per {@code what}: "{kind} {device} {message}",
     * with the cause.
     */
    protected final void warn(String what, String message, Throwable cause) {
        warnings.warn(deviceId + ":" + what, kind + " " + deviceId + " " + message, cause);
    }

    /**
     * Paho's callback thread, after every successful connection ({@code reconnect}: made by Paho's automatic
     * reconnection). Does nothing unless overridden.
     */
    protected void connectComplete(boolean reconnect, String serverUri) {
    }

    /** Paho's callback thread, when the connection is lost: logs it, rate-limited. */
    protected void connectionLost(Throwable cause) {
        warn("lost", "lost its connection to " + client.getServerURI() + (automaticReconnect ? "; reconnecting" : ""),
                cause);
    }

    /** At close: publishes the {@code offline} status (retained, QoS 1) if connected; null if not. */
    protected IMqttDeliveryToken publishOffline() {
        if (!client.isConnected()) {
            return null;
        }
        try {
            return client.publish(statusTopic, lastWill(deviceId), 1, true);
        } catch (MqttException | RuntimeException e) {
            log.warn("{} {} could not publish its offline status: {}", kind, deviceId, e.toString());
            return null;
        }
    }

    /** At close: a clean DISCONNECT (no last will), or null if not connected. */
    protected IMqttToken disconnect(long quiesceMillis) {
        if (!client.isConnected()) {
            return null;
        }
        try {
            return client.disconnect(quiesceMillis);
        } catch (MqttException | RuntimeException e) {
            log.warn("{} {} could not disconnect cleanly: {}", kind, deviceId, e.toString());
            return null;
        }
    }

    /** Releases the client's resources, dropping the connection first if it is still up. */
    protected final void closeClient() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 100, true);
            }
        } catch (MqttException | RuntimeException e) {
            log.debug("{} {}: forced disconnect at close failed", kind, deviceId, e);
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            log.debug("{} {}: close failed", kind, deviceId, e);
        }
    }

    /** Runs on Paho's callback thread: only passes the connection events on. */
    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            PublishingDevice.this.connectComplete(reconnect, serverURI);
        }

        @Override
        public void connectionLost(Throwable cause) {
            PublishingDevice.this.connectionLost(cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // the devices subscribe to nothing
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // fire and forget
        }
    }
}
