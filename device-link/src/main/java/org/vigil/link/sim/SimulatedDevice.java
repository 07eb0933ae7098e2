package org.vigil.link.sim;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.link.device.PublishingDevice;
import org.vigil.link.device.RateLimitedLog;
import org.vigil.link.wire.WardTopic;
import org.vigil.link.wire.WireCodec;

/**
 * One simulated bedside monitor on the ward broker: its own MQTT client ({@code vigil-sim-{ward}-{bed}}) with
 * its own last will (its status topic, {@code offline}, QoS 1, retained), publishing what its
 * {@link BedSimulation} produces. The client, the last will, publishing and closing are
 * {@link PublishingDevice}'s; what is the simulator's own is here: what it publishes, and its reconnection,
 * which follows the bed's scenario (Paho's automatic reconnection is off).
 *
 * <p>{@link #tick} runs on the simulator's thread and never waits for the broker: publishing is asynchronous
 * (Paho's {@link org.eclipse.paho.client.mqttv3.MqttAsyncClient}), and a failed publish is logged
 * (rate-limited) and dropped. After each (re)connection the device first publishes its {@code online} status,
 * and again whenever its ECG leads come off or back on. When its connection is lost, or was dropped by its
 * scenario, it reconnects by itself with back-off (1 s doubling to 30 s) once its link is meant to be up.
 * Paho's threads only log and set flags.
 */
final class SimulatedDevice extends PublishingDevice {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedDevice.class);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final String ward;
    private final SimulatedBed bed;
    private final BedSimulation simulation;
    private final String numericsTopic;
    private final String waveTopic;

    private final AtomicBoolean connecting = new AtomicBoolean();
    /** Set when a connection is made: the next tick publishes the online status first. */
    private volatile boolean announce;
    private volatile long nextAttemptNanos = System.nanoTime();
    private volatile long backoffNanos = FIRST_BACKOFF_NANOS;
    private volatile boolean everConnected;

    // simulator thread only
    private boolean linkDownByScenario;
    private Boolean announcedLeadsOn;
    private long heldDownUntilNanos = System.nanoTime();

    SimulatedDevice(String brokerUrl, String ward, SimulatedBed bed, BedSimulation simulation, RateLimitedLog warnings)
            throws MqttException {
        this.ward = Objects.requireNonNull(ward, "ward");
        this.bed = Objects.requireNonNull(bed, "bed");
        this.simulation = Objects.requireNonNull(simulation, "simulation");
        Objects.requireNonNull(warnings, "warnings");
        this.numericsTopic = WardTopic.bed(ward, bed.bedId(), WardTopic.BedFeed.NUMERICS);
        this.waveTopic = WardTopic.bed(ward, bed.bedId(), WardTopic.BedFeed.WAVE);
        // reconnection is ours: the dropout scenario must stay away
        super(brokerUrl, clientId(ward, bed.bedId()), bed.deviceId(),
                WardTopic.bed(ward, bed.bedId(), WardTopic.BedFeed.STATUS), "Simulated device", false, warnings);
    }

    static String clientId(String ward, String bed) {
        return "vigil-sim-" + ward + "-" + bed;
    }

    SimulatedBed bed() {
        return bed;
    }

    /** Starts connecting; the token completes when the broker accepted the connection (or failed). */
    @Override
    protected IMqttToken connect() throws MqttException {
        connecting.set(true);
        try {
            return connect(new ConnectListener());
        } catch (MqttException | RuntimeException e) {
            connecting.set(false);
            throw e;
        }
    }

    /**
     * One step, at the simulator's clock time {@code now}: follows the scenario's link state, and publishes
     * the due wave and numerics (computed even while disconnected, so the signals and sequence numbers go on
     * and a station sees the loss as a jump in {@code seq}).
     */
    @Override
    protected void tick(Instant now) {
        double t = simulation.seconds(now);
        boolean linkUp = simulation.scenario().linkUp(t);
        if (!linkUp && !linkDownByScenario) {
            linkDownByScenario = true;
            LOG.info("Simulated bed {} ({}): dropping the connection without a DISCONNECT (scenario)", bed.bedId(),
                    bed.deviceId());
        } else if (linkUp && linkDownByScenario) {
            linkDownByScenario = false;
            LOG.info("Simulated bed {} ({}): link back up, reconnecting (scenario)", bed.bedId(), bed.deviceId());
            nextAttemptNanos = System.nanoTime();
            backoffNanos = FIRST_BACKOFF_NANOS;
        }
        boolean heldDown = System.nanoTime() - heldDownUntilNanos < 0;
        if ((!linkUp || heldDown) && isConnected()) {
            dropConnection();
        }
        Numerics numerics = simulation.numerics(now);
        Wave wave = simulation.wave(now);
        if (!isConnected()) {
            if (linkUp && !heldDown) {
                maybeReconnect();
            }
            return;
        }
        boolean leadsOn = simulation.scenario().leadsOn(t);
        if (announce || announcedLeadsOn == null || announcedLeadsOn != leadsOn) {
            announce = false;
            announcedLeadsOn = leadsOn;
            publish(statusTopic(), WireCodec.encode(simulation.status(now)), 1, true, "status");
        }
        if (numerics != null) {
            publish(numericsTopic, WireCodec.encode(numerics), 1, false, "numerics");
        }
        if (wave != null) {
            publish(waveTopic, WireCodec.encode(wave), 0, false, "wave");
        }
    }

    /**
     * Drops the connection without a DISCONNECT packet (the socket is just closed), so that the broker
     * publishes the device's last will. The simulator thread, or while the simulator is stopped.
     */
    void dropConnection() {
        if (!isConnected()) {
            return;
        }
        try {
            client().disconnectForcibly(0, 0, false);
        } catch (MqttException | RuntimeException e) {
            warn("drop", "could not drop its connection", e);
        }
    }

    /** Drops the connection like {@link #dropConnection()} and stays away for {@code millis}. Simulator thread. */
    void dropConnectionFor(long millis) {
        heldDownUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        nextAttemptNanos = heldDownUntilNanos;
        dropConnection();
    }

    private void maybeReconnect() {
        if (connecting.get() || System.nanoTime() - nextAttemptNanos < 0) {
            return;
        }
        try {
            connect();
        } catch (MqttException | RuntimeException e) {
            failed(e);
        }
    }

    private void failed(Throwable cause) {
        long backoff = backoffNanos;
        nextAttemptNanos = System.nanoTime() + backoff;
        backoffNanos = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
        warn("connect", "cannot connect to " + client().getServerURI() + ", retrying in "
                + TimeUnit.NANOSECONDS.toSeconds(backoff) + " s", cause);
    }

    /** Paho's callback thread: the next reconnection attempt waits a second, and the loss is logged. */
    @Override
    protected void connectionLost(Throwable cause) {
        nextAttemptNanos = System.nanoTime() + FIRST_BACKOFF_NANOS;
        super.connectionLost(cause);
    }

    /** Runs on Paho's threads. */
    private final class ConnectListener implements IMqttActionListener {
        @Override
        public void onSuccess(IMqttToken token) {
            backoffNanos = FIRST_BACKOFF_NANOS;
            announce = true;
            if (everConnected) {
                LOG.info("Simulated device {} reconnected to {}", bed.deviceId(), client().getServerURI());
            }
            everConnected = true;
            connecting.set(false);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            connecting.set(false);
            if (everConnected) {
                failed(exception);
            } // the first connection's failure is reported by WardSimulator.start()
        }
    }

    @Override
    public String toString() {
        return "SimulatedDevice[" + ward + "/" + bed.bedId() + ", " + bed.deviceId() + "]";
    }
}
