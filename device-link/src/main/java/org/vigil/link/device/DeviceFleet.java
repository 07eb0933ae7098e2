package org.vigil.link.device;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;

/**
 * The lifecycle of a set of {@link PublishingDevice}s that publish together on one scheduler thread: the ward
 * simulator's beds, the replayed recordings. Its owner ({@code WardSimulator}, {@code ReplayPublisher}) says
 * which devices to create and what to log; the fleet does the rest, once:
 * <ul>
 *   <li>{@link #start}: creates the devices, connects them all in parallel and waits for them (about
 *       {@value #START_TIMEOUT_SECONDS} s at most); if one cannot connect, every device is released, nothing
 *       is left running, and the owner's start fails naming the broker and the device. Then it starts the named
 *       daemon thread, which calls every device's {@link PublishingDevice#tick tick} with the clock's time
 *       every period, from at once.</li>
 *   <li>{@link #close()}: stops that thread (waiting {@value #CLOSE_TIMEOUT_MILLIS} ms at most for a tick
 *       under way), publishes every connected device's {@code offline} status and disconnects them cleanly
 *       (waiting {@value #CLOSE_TIMEOUT_MILLIS} ms at most for both, and 1 s more for the DISCONNECTs), and
 *       releases their clients. Later calls do nothing, and a fleet closed (or that
 *       failed to start) cannot be started again.</li>
 * </ul>
 * A device whose tick throws is logged (rate-limited) and never stops the others, nor does any failure stop
 * the schedule.
 *
 * <h2>Threads</h2>
 * {@link #start}, {@link #close()}, {@link #isRunning()} and {@link #submit} may be called from any thread.
 * The ticks (and the owner's after-tick step) run on the fleet's one thread; devices are connected on the
 * thread calling {@link #start}, and closed on the thread calling {@link #close()} once the fleet's thread
 * has stopped.
 *
 * @param <D> the kind of device
 */
public final class DeviceFleet<D extends PublishingDevice> {

    /** How long {@link #start} waits for every device's connection. */
    public static final long START_TIMEOUT_SECONDS = PublishingDevice.CONNECT_TIMEOUT_SECONDS + 5;
    /** How long {@link #close()} waits for the thread, then for the offline statuses (and 1 s more for the DISCONNECTs). */
    public static final long CLOSE_TIMEOUT_MILLIS = 3_000;

    /** Creates device {@code index} (0 to count - 1) of the fleet; the thread calling {@link #start}. */
    @FunctionalInterface
    public interface DeviceFactory<D> {
        D create(int index) throws MqttException;
    }

    private enum State { NEW, RUNNING, CLOSED }

    private final String name;
    private final String capitalizedName;
    private final String title;
    private final String brokerUrl;
    private final Clock clock;
    private final String threadName;
    private final long tickMillis;
    private final Logger log;
    private final RateLimitedLog warnings;

    private final Object lock = new Object();
    private State state = State.NEW; // guarded by lock
    private List<D> devices = List.of(); // guarded by lock
    private ScheduledExecutorService executor; // guarded by lock

    /**
     * A fleet that is not started yet.
     *
     * @param name       what the owner is, lower case, in messages: {@code "ward simulator"} gives "The ward
     *                   simulator cannot connect to the MQTT broker at ..." and "Ward simulator tick failed"
     * @param title      the owner in "the {title} was already started" ({@code "ward simulator of ward 3B"})
     * @param brokerUrl  the broker the devices connect to, in messages
     * @param clock      the time given to the devices' ticks
     * @param threadName the name of the fleet's thread ({@code vigil-sim})
     * @param tickMillis the period of the ticks
     * @param log        the owner's logger: the fleet's and the devices' warnings go there
     */
    public DeviceFleet(String name, String title, String brokerUrl, Clock clock, String threadName, long tickMillis,
                       Logger log) {
        this.name = Objects.requireNonNull(name, "name");
        this.capitalizedName = name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        this.title = Objects.requireNonNull(title, "title");
        this.brokerUrl = Objects.requireNonNull(brokerUrl, "brokerUrl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        if (tickMillis <= 0) {
            throw new IllegalArgumentException("tickMillis " + tickMillis + " must be above 0");
        }
        this.tickMillis = tickMillis;
        this.log = Objects.requireNonNull(log, "log");
        this.warnings = new RateLimitedLog(log, 60, TimeUnit.SECONDS);
    }

    /** The rate-limited log (on the owner's logger, once a minute per key) to give the devices. */
    public RateLimitedLog warnings() {
        return warnings;
    }

    /** True between a successful {@link #start} and {@link #close()}. */
    public boolean isRunning() {
        synchronized (lock) {
            return state == State.RUNNING;
        }
    }

    /**
     * Creates {@code count} devices with {@code factory}, connects them all (waiting about
     * {@value #START_TIMEOUT_SECONDS} s at most) and starts ticking them; {@code started} is called last, while
     * no tick can run yet (to log that the owner started).
     *
     * @param afterTick called on the fleet's thread after each tick of every device, with the devices
     * @throws IllegalStateException    naming the broker and the device if one cannot connect (nothing is left
     *                                  running), or if the fleet was started or closed before
     * @throws IllegalArgumentException if Paho cannot create a client for the broker URL
     * @throws RuntimeException         whatever {@code factory} throws (nothing is left running)
     */
    public void start(int count, DeviceFactory<? extends D> factory, Consumer<List<D>> afterTick, Runnable started) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(afterTick, "afterTick");
        Objects.requireNonNull(started, "started");
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("the " + title + " was already "
                        + (state == State.RUNNING ? "started" : "closed"));
            }
            List<D> created = new ArrayList<>(count);
            try {
                for (int i = 0; i < count; i++) {
                    created.add(factory.create(i));
                }
                connectAll(created);
            } catch (MqttException | RuntimeException e) {
                created.forEach(PublishingDevice::closeClient);
                state = State.CLOSED;
                throw e instanceof RuntimeException re ? re
                        : new IllegalArgumentException("cannot create an MQTT client for " + brokerUrl + ": " + e, e);
            }
            devices = List.copyOf(created);
            ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                t.setUncaughtExceptionHandler((thread, e) -> log.error("Uncaught exception in {}", thread.getName(), e));
                return t;
            });
            ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            ex.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
            ex.scheduleAtFixedRate(() -> tick(afterTick), 0, tickMillis, TimeUnit.MILLISECONDS);
            executor = ex;
            state = State.RUNNING;
            started.run();
        }
    }

    /**
     * Stops ticking, publishes every connected device's {@code offline} status, disconnects every device cleanly
     * and stops the fleet's thread. Waits about 3 s at most; later calls do nothing.
     *
     * @return true if there were devices to close (the fleet was running), for the owner to log that it stopped
     */
    public boolean close() {
        List<D> toClose;
        ScheduledExecutorService ex;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return false;
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
        List<IMqttToken> published = new ArrayList<>();
        for (D d : toClose) {
            published.add(d.publishOffline());
        }
        awaitAll(published, deadline);
        List<IMqttToken> disconnected = new ArrayList<>();
        for (D d : toClose) {
            disconnected.add(d.disconnect(500));
        }
        awaitAll(disconnected, deadline + TimeUnit.MILLISECONDS.toNanos(1_000));
        toClose.forEach(PublishingDevice::closeClient);
        return !toClose.isEmpty();
    }

    /**
     * Submits {@code action} for the first running device that {@code which} accepts to the fleet's thread, so
     * that it runs between two ticks.
     *
     * @return the action's future, or empty if no running device is accepted
     */
    public Optional<Future<?>> submit(Predicate<? super D> which, Consumer<? super D> action) {
        D device;
        ScheduledExecutorService ex;
        synchronized (lock) {
            device = devices.stream().filter(which).findFirst().orElse(null);
            if (device == null) {
                return Optional.empty();
            }
            ex = executor;
        }
        return Optional.of(ex.submit(() -> action.accept(device)));
    }

    private void connectAll(List<D> list) throws MqttException {
        List<IMqttToken> tokens = new ArrayList<>(list.size());
        for (D d : list) {
            tokens.add(d.connect());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        for (int i = 0; i < tokens.size(); i++) {
            IMqttToken token = tokens.get(i);
            try {
                token.waitForCompletion(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (MqttException e) {
                throw unreachable(list.get(i), e);
            }
            if (!token.isComplete() || !list.get(i).isConnected()) {
                throw unreachable(list.get(i), token.getException());
            }
        }
    }

    private IllegalStateException unreachable(D device, MqttException cause) {
        String reason = cause == null ? "no answer within " + START_TIMEOUT_SECONDS + " s"
                : cause.getMessage() + (cause.getCause() != null ? " (" + cause.getCause() + ")" : "");
        return new IllegalStateException("The " + name + " cannot connect to the MQTT broker at " + brokerUrl
                + " (device " + device.deviceId() + "): " + reason, cause);
    }

    /** The fleet's thread. */
    private void tick(Consumer<List<D>> afterTick) {
        try {
            Instant now = clock.instant();
            List<D> list;
            synchronized (lock) {
                list = devices;
            }
            for (D d : list) {
                try {
                    d.tick(now);
                } catch (RuntimeException e) {
                    d.warn("tick", "failed", e);
                }
            }
            afterTick.accept(list);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            // keep the schedule alive: an exception here would cancel it silently
            warnings.warn("tick", capitalizedName + " tick failed", e);
        }
    }

    private void awaitAll(List<IMqttToken> tokens, long deadline) {
        for (IMqttToken t : tokens) {
            if (t == null) {
                continue;
            }
            try {
                t.waitForCompletion(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (MqttException e) {
                log.debug("{}: a device did not finish closing: {}", capitalizedName, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "DeviceFleet[" + title + ", " + threadName + ", " + brokerUrl + "]";
    }
}
