package org.vigil.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A Paho MQTT 3.1.1 client for tests, playing a device, another station or a pager forwarder: it publishes,
 * and collects every message of its subscriptions so that a test can wait for the one it expects.
 *
 * <pre>{@code
 * try (var client = new MqttTestClient().connect(broker.url())) {
 *     client.subscribe("ward/+/alarm/#", 1);
 *     Received r = client.awaitMessage(m -> m.retained() && m.text().contains("HR"), Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Paho's callback thread only queues what arrives. The other methods are for the test thread(s); the
 * await and assert methods are synchronized, and each message is returned by at most one
 * {@link #awaitMessage} call, in arrival order among those that match.
 */
public final class MqttTestClient implements AutoCloseable {

    /** A message as it arrived: topic, payload, whether the broker delivered it as retained, and its QoS. */
    public record Received(String topic, byte[] payload, boolean retained, int qos) {

        /** The payload decoded as UTF-8. */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Received r && topic.equals(r.topic) && Arrays.equals(payload, r.payload)
                    && retained == r.retained && qos == r.qos;
        }

        @Override
        public int hashCode() {
            return Objects.hash(topic, Arrays.hashCode(payload), retained, qos);
        }

        @Override
        public String toString() {
            String text = text();
            if (text.length() > 200) {
                text = text.substring(0, 200) + "...";
            }
            return topic + " qos=" + qos + (retained ? " retained" : "") + " (" + payload.length + " bytes) "
                    + text.replace("\n", "\\n");
        }
    }

    private static final int LISTED_AT_MOST = 50;

    private final String clientId;
    private final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();
    private final List<Received> arrived = new CopyOnWriteArrayList<>();
    private final List<Received> skipped = new ArrayList<>(); // guarded by this
    private final List<String> subscriptions = new CopyOnWriteArrayList<>();
    private volatile MqttClient client;
    private volatile Throwable connectionLost;

    /** A client with a random id {@code vigil-test-...}, not yet connected. */
    public MqttTestClient() {
        this("vigil-test-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A client with the given MQTT client id, not yet connected. */
    public MqttTestClient(String clientId) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
    }

    /** Connects with a clean session, a 10 s connect and action timeout, and no automatic reconnection. */
    public MqttTestClient connect(String url) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(1000);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        return connect(url, options);
    }

    /** Connects with the caller's options (credentials, TLS socket factory, last will...). */
    public MqttTestClient connect(String url, MqttConnectOptions options) {
        if (client != null) {
            throw new IllegalStateException(clientId + " is already connected to " + client.getServerURI());
        }
        MqttClient c = null;
        try {
            c = new MqttClient(url, clientId, new MemoryPersistence());
            c.setTimeToWait(10_000);
            c.setCallback(new Collector());
            c.connect(options);
            client = c;
            return this;
        } catch (MqttException e) {
            closeQuietly(c);
            throw new IllegalStateException(clientId + " cannot connect to " + url + ": " + e, e);
        }
    }

    /** Subscribes and waits for the broker's acknowledgement; matching messages are collected from now on. */
    public MqttTestClient subscribe(String topicFilter, int qos) {
        try {
            connected().subscribe(topicFilter, qos);
        } catch (MqttException e) {
            throw new IllegalStateException(clientId + " cannot subscribe to " + topicFilter + ": " + e, e);
        }
        subscriptions.add(topicFilter + " (qos " + qos + ")");
        return this;
    }

    /** Publishes and, for QoS 1 and 2, waits for the broker's acknowledgement (10 s at most). */
    public void publish(String topic, byte[] payload, int qos, boolean retained) {
        try {
            connected().publish(topic, payload, qos, retained);
        } catch (MqttException e) {
            throw new IllegalStateException(clientId + " cannot publish to " + topic + ": " + e, e);
        }
    }

    /** Publishes {@code payload} encoded as UTF-8; see {@link #publish(String, byte[], int, boolean)}. */
    public void publish(String topic, String payload, int qos, boolean retained) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained);
    }

    /**
     * Waits for the first message (in arrival order, not yet returned by an earlier call) that matches, and
     * returns it. Messages that do not match stay available for later calls.
     *
     * @throws AssertionError if none matches within {@code timeout}; its message lists what did arrive
     */
    public synchronized Received awaitMessage(Predicate<? super Received> match, Duration timeout) {
        for (Iterator<Received> it = skipped.iterator(); it.hasNext(); ) {
            Received r = it.next();
            if (match.test(r)) {
                it.remove();
                return r;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Received r = poll(deadline);
            if (r == null) {
                throw new AssertionError("no matching MQTT message within " + timeout + describe());
            }
            if (match.test(r)) {
                return r;
            }
            skipped.add(r);
        }
    }

    /** Waits for the first message on exactly {@code topic}; see {@link #awaitMessage(Predicate, Duration)}. */
    public Received awaitMessage(String topic, Duration timeout) {
        return awaitMessage(r -> r.topic().equals(topic), timeout);
    }

    /**
     * Waits the whole {@code duration} and fails if a matching message (not yet returned) arrives meanwhile,
     * for "nothing is published" checks. Messages that do not match stay available.
     */
    public synchronized void assertNoMessage(Predicate<? super Received> match, Duration duration) {
        for (Received r : skipped) {
            if (match.test(r)) {
                throw new AssertionError("unexpected MQTT message: " + r + describe());
            }
        }
        long deadline = System.nanoTime() + duration.toNanos();
        Received r;
        while ((r = poll(deadline)) != null) {
            skipped.add(r);
            if (match.test(r)) {
                throw new AssertionError("unexpected MQTT message: " + r + describe());
            }
        }
    }

    /** Everything that arrived since connect, in order (including messages already returned). */
    public List<Received> received() {
        return List.copyOf(arrived);
    }

    /** True while connected to the broker. */
    public boolean isConnected() {
        MqttClient c = client;
        return c != null && c.isConnected();
    }

    /** The underlying Paho client (for what this wrapper does not cover); null before connect. */
    public MqttClient client() {
        return client;
    }

    /** Disconnects (forcibly if need be) and releases the client; later calls do nothing. */
    @Override
    public void close() {
        MqttClient c = client;
        if (c == null) {
            return;
        }
        client = null;
        try {
            if (c.isConnected()) {
                try {
                    c.disconnect(1_000);
                } catch (MqttException e) {
                    c.disconnectForcibly(0, 1_000);
                }
            }
            c.close();
        } catch (MqttException e) {
            throw new IllegalStateException(clientId + " did not close: " + e, e);
        }
    }

    private static void closeQuietly(MqttClient c) {
        if (c != null) {
            try {
                c.close();
            } catch (MqttException ignored) {
                // the connect failure is what matters
            }
        }
    }

    private MqttClient connected() {
        MqttClient c = client;
        if (c == null) {
            throw new IllegalStateException(clientId + " is not connected: call connect(url) first");
        }
        return c;
    }

    private Received poll(long deadline) {
        try {
            return queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for an MQTT message", e);
        }
    }

    private String describe() {
        MqttClient c = client;
        List<Received> all = received();
        StringBuilder s = new StringBuilder();
        s.append("\n  client ").append(clientId).append(" on ").append(c == null ? "(closed)" : c.getServerURI())
                .append(isConnected() ? ", connected" : ", NOT connected");
        if (connectionLost != null) {
            s.append(" (connection lost: ").append(connectionLost).append(')');
        }
        s.append("\n  subscriptions: ").append(subscriptions);
        s.append("\n  arrived (").append(all.size()).append("):");
        if (all.isEmpty()) {
            s.append(" nothing");
        }
        s.append(all.stream().limit(LISTED_AT_MOST).map(r -> "\n    " + r).collect(Collectors.joining()));
        if (all.size() > LISTED_AT_MOST) {
            s.append("\n    ... and ").append(all.size() - LISTED_AT_MOST).append(" more");
        }
        return s.toString();
    }

    /** Runs on Paho's callback thread: only records. */
    private final class Collector implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            Received r = new Received(topic, message.getPayload(), message.isRetained(), message.getQos());
            arrived.add(r);
            queue.add(r);
        }

        @Override
        public void connectionLost(Throwable cause) {
            connectionLost = cause;
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
