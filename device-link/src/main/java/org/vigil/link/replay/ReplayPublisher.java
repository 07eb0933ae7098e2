package org.vigil.link.replay;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.link.sim.RateLimitedLog;
import org.vigil.link.wire.WardTopic;

/**
 * Replays real recordings ({@link Recording}: MIT-BIH, VFDB, BIDMC) to the ward broker, each as one bed
 * ({@code ward/{ward}/bed/{recording name}/...}) published by its own device ({@code replay-{name}}, its own
 * MQTT client and last will), in real time by default: {@code vigil sim --replay PATH[,PATH...] [--speed X]
 * [--loop]}. What each device publishes, and how {@code speed} and {@code loop} work: {@link RecordingReplay}.
 *
 * <h2>Threads</h2>
 * The recordings are loaded (file I/O) by the caller before. Everything is then computed and published on one
 * daemon thread, {@code vigil-replay}, every 250 ms of real time, with times from the injected clock;
 * publishing is asynchronous, so that thread never waits for the broker. {@link #start()}, {@link #close()}
 * and {@link #finished()} may be called from any thread.
 */
public final class ReplayPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayPublisher.class);

    public static final long TICK_MILLIS = 250;
    public static final String THREAD_NAME = "vigil-replay";
    /** The highest speed accepted. */
    public static final double MAX_SPEED = 100;
    private static final long START_TIMEOUT_SECONDS = ReplayDevice.CONNECT_TIMEOUT_SECONDS + 5;
    private static final long CLOSE_TIMEOUT_MILLIS = 3_000;

    private enum State { NEW, RUNNING, CLOSED }

    private final String brokerUrl;
    private final String ward;
    private final List<Recording> recordings;
    private final double speed;
    private final boolean loop;
    private final Clock clock;
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, 60, TimeUnit.SECONDS);
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    private final Object lock = new Object();
    private State state = State.NEW; // guarded by lock
    private List<ReplayDevice> devices = List.of(); // guarded by lock
    private ScheduledExecutorService executor; // guarded by lock

    /**
     * Replays {@code recordings} on ward {@code ward} to {@code brokerUrl} ({@code tcp://host:port}). Nothing is
     * connected before {@link #start()}.
     *
     * @param speed how many times faster than real time, above 0 and at most {@value #MAX_SPEED}
     * @param loop  start each recording again at its end, instead of going offline
     * @throws IllegalArgumentException if the ward id is invalid, there is no recording, two share a name, or
     *     the speed is out of range
     */
    public ReplayPublisher(String brokerUrl, String ward, List<Recording> recordings, double speed, boolean loop,
                           Clock clock) {
        this.brokerUrl = Objects.requireNonNull(brokerUrl, "brokerUrl");
        this.ward = WardTopic.requireId("ward", ward);
        this.recordings = List.copyOf(recordings);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.recordings.isEmpty()) {
            throw new IllegalArgumentException("no recording to replay");
        }
        Set<String> names = new HashSet<>();
        for (Recording r : this.recordings) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("two recordings would be bed " + r.name() + " (" + r.source() + ")");
            }
        }
        if (!(speed > 0 && speed <= MAX_SPEED)) {
            throw new IllegalArgumentException("speed " + speed + " must be above 0 and at most " + MAX_SPEED);
        }
        this.speed = speed;
        this.loop = loop;
    }

    public List<Recording> recordings() {
        return recordings;
    }

    public String ward() {
        return ward;
    }

    /** True between a successful {@link #start()} and {@link #close()}. */
    public boolean isRunning() {
        synchronized (lock) {
            return state == State.RUNNING;
        }
    }

    /**
     * Completes once every recording has been replayed to its end and its device went offline (never with
     * loop); completed on the replay thread.
     */
    public CompletableFuture<Void> finished() {
        return finished.copy();
    }

    /**
     * Connects every device (waiting about 10 s at most) and starts replaying.
     *
     * @throws IllegalStateException naming the broker if it cannot be reached (nothing is left running), or if
     *     started or closed before
     */
    public void start() {
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("the replay was already " + (state == State.RUNNING ? "started" : "closed"));
            }
            List<ReplayDevice> created = new ArrayList<>();
            try {
                for (Recording r : recordings) {
                    created.add(new ReplayDevice(brokerUrl, ward, new RecordingReplay(r, speed, loop), warnings));
                }
                connectAll(created);
            } catch (MqttException | RuntimeException e) {
                created.forEach(ReplayDevice::closeClient);
                state = State.CLOSED;
                throw e instanceof RuntimeException re ? re
                        : new IllegalArgumentException("cannot create an MQTT client for " + brokerUrl + ": " + e, e);
            }
            devices = List.copyOf(created);
            ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, THREAD_NAME);
                t.setDaemon(true);
                t.setUncaughtExceptionHandler((thread, e) -> LOG.error("Uncaught exception in {}", thread.getName(), e));
                return t;
            });
            ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            ex.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
            ex.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
            executor = ex;
            state = State.RUNNING;
            LOG.info("Replaying {} to ward {} on {} (speed {}{})", recordings.stream().map(Recording::name).toList(),
                    ward, brokerUrl, speed, loop ? ", loop" : "");
        }
    }

    /**
     * Stops replaying, publishes the {@code offline} status of every device still online, disconnects them
     * cleanly and stops the replay thread. Waits about 3 s at most; later calls do nothing.
     */
    @Override
    public void close() {
        List<ReplayDevice> toClose;
        ScheduledExecutorService ex;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            toClose = devices;
            ex = executor;
            devices = List.of();
            executor = null;
        }
        if (ex != null) {
            ex.shutdown();
            try {
                if (!ex.awaitTermination(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                    ex.shutdownNow();
                }
            } catch (InterruptedException e) {
                ex.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MILLIS);
        List<IMqttToken> tokens = new ArrayList<>();
        toClose.forEach(d -> tokens.add(d.publishOffline()));
        awaitAll(tokens, deadline);
        tokens.clear();
        toClose.forEach(d -> tokens.add(d.disconnect(500)));
        awaitAll(tokens, deadline + TimeUnit.MILLISECONDS.toNanos(1_000));
        toClose.forEach(ReplayDevice::closeClient);
        if (!toClose.isEmpty()) {
            LOG.info("Replay on ward {} stopped", ward);
        }
    }

    private void connectAll(List<ReplayDevice> list) throws MqttException {
        List<IMqttToken> tokens = new ArrayList<>(list.size());
        for (ReplayDevice d : list) {
            tokens.add(d.connect());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        for (int i = 0; i < tokens.size(); i++) {
            IMqttToken token = tokens.get(i);
            MqttException failure = null;
            try {
                token.waitForCompletion(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (MqttException e) {
                failure = e;
            }
            if (failure != null || !list.get(i).isConnected()) {
                MqttException cause = failure != null ? failure : token.getException();
                String reason = cause == null ? "no answer within " + START_TIMEOUT_SECONDS + " s"
                        : cause.getMessage() + (cause.getCause() != null ? " (" + cause.getCause() + ")" : "");
                throw new IllegalStateException("The replay cannot connect to the MQTT broker at " + brokerUrl
                        + " (device " + list.get(i).device() + "): " + reason, cause);
            }
        }
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            List<ReplayDevice> list;
            synchronized (lock) {
                list = devices;
            }
            boolean allEnded = !list.isEmpty();
            for (ReplayDevice d : list) {
                try {
                    d.tick(now);
                } catch (RuntimeException e) {
                    warnings.warn(d.device() + ":tick", "Replay device " + d.device() + " failed", e);
                }
                allEnded &= d.ended();
            }
            if (allEnded && !finished.isDone()) {
                LOG.info("Every recording has been replayed");
                finished.complete(null);
            }
        } catch (RuntimeException | LinkageError | AssertionError e) {
            // keep the schedule alive: an exception here would cancel it silently
            warnings.warn("tick", "Replay tick failed", e);
        }
    }

    private static void awaitAll(List<IMqttToken> tokens, long deadline) {
        for (IMqttToken t : tokens) {
            if (t == null) {
                continue;
            }
            try {
                t.waitForCompletion(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (MqttException e) {
                LOG.debug("Replay: a device did not finish closing: {}", e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "ReplayPublisher[" + ward + ", " + recordings.size() + " recordings, " + brokerUrl + "]";
    }
}
