package org.vigil.app;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default broker (Moquette, MQTT 3.1.1) on 127.0.0.1 only, for a station that is its own ward: demos,
 * training, a one-command start. Real wards use their own broker ({@code --broker}).
 */
final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private final Server server = new Server();
    private final int port;

    private EmbeddedBroker(int port) {
        this.port = port;
    }

    /** @throws ConfigException naming the port when it is already in use */
    static EmbeddedBroker start(int port) {
        // Moquette's own error for a taken port is a Netty stack trace: check first, say it in one line.
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Netty does: only a listener, not TIME_WAIT leftovers, makes a port busy
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new ConfigException("--embedded-port: port " + port + " on 127.0.0.1 is already in use"
                    + " (another broker or station?); choose another with --embedded-port N");
        }
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("netty.epoll", "false");
        p.setProperty("use_bugsnag", "false");
        // MQTT 3.1.1 lets a server give clean-session clients without an id one of its own; mosquitto_sub relies on it
        p.setProperty("allow_zero_byte_client_id", "true");
        p.setProperty("netty.mqtt.message_size", Integer.toString((1 << 20) + 4096));
        EmbeddedBroker b = new EmbeddedBroker(port);
        try {
            b.server.startServer(new MemoryConfig(p));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("--embedded-port: cannot start the embedded broker on 127.0.0.1:" + port + ": "
                    + e.getMessage());
        }
        LOG.info("Embedded MQTT broker listening on 127.0.0.1:{}", port);
        return b;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
