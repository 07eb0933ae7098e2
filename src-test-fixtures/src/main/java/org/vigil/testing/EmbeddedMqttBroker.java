package org.vigil.testing;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An in-process Moquette 0.17 MQTT 3.1.1 broker on 127.0.0.1, for integration tests that need a real broker
 * but not Mosquitto's features: anonymous clients, no persistence, no telemetry, Java NIO (no Netty epoll),
 * no websocket or TLS listener.
 *
 * <p>Moquette 0.17 differs from MQTT 3.1.1 (and from Mosquitto) on retained messages: one published at QoS 0
 * is not kept at all, and one delivered at QoS 1 or 2 to a new subscriber arrives with its RETAIN flag
 * cleared. Publish retained messages at QoS 1 or more, and check the RETAIN flag against
 * {@link MosquittoBroker} (EmbeddedMqttBrokerTest pins both quirks).
 *
 * <p>Start it from the test thread ({@code try (var broker = EmbeddedMqttBroker.start()) {...}}) or through
 * {@link EmbeddedMqttBrokerExtension}; its accessors may be called from any thread, {@link #close()} is
 * idempotent.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    private static final int ATTEMPTS = 3;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Server server;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedMqttBroker(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a broker on a free loopback port (retrying with another port if it was taken meanwhile). */
    public static EmbeddedMqttBroker start() {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return start(FreePorts.loopback());
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Starts a broker on {@code port} of 127.0.0.1; fails if the port cannot be bound. */
    public static EmbeddedMqttBroker start(int port) {
        Server server = new Server();
        try {
            server.startServer(new MemoryConfig(config(port)));
        } catch (IOException | RuntimeException e) {
            stopQuietly(server);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Moquette did not start on 127.0.0.1:" + port, io);
            }
            throw new IllegalStateException("Moquette did not start on 127.0.0.1:" + port, e);
        }
        return new EmbeddedMqttBroker(server, port);
    }

    /** The configuration used: key names as in Moquette 0.17's {@code io.moquette.BrokerConstants}. */
    static Properties config(int port) {
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("netty.epoll", "false");
        p.setProperty("use_bugsnag", "false");
        p.setProperty("use_metrics", "false");
        return p;
    }

    /** The client URL, {@code tcp://127.0.0.1:PORT}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The TCP port the broker listens on. */
    public int port() {
        return port;
    }

    /** The Moquette server itself, for what this wrapper does not cover (connected clients, interceptors). */
    public Server server() {
        return server;
    }

    /**
     * Stops the broker and waits until Moquette has fully stopped (about 2 s of Netty's graceful shutdown): a broker
     * still stopping in the background beside the next test's broker once dropped that test's fresh client
     * (EOFException on subscribe). Later calls do nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Thread stopper = Thread.ofPlatform().daemon().name("moquette-stop-" + port).start(server::stopServer);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (stopper.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void stopQuietly(Server server) {
        try {
            server.stopServer();
        } catch (RuntimeException ignored) {
            // a half-started server may not stop cleanly; the start failure is what matters
        }
    }

    @Override
    public String toString() {
        return "EmbeddedMqttBroker[" + url() + (closed.get() ? ", closed" : "") + "]";
    }
}
