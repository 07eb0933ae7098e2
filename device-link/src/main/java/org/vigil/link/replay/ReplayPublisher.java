package org.vigil.link.replay;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.link.device.DeviceFleet;
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
 * and {@link #finished()} may be called from any thread. The lifecycle (connecting, the thread, closing) is a
 * {@link DeviceFleet}'s, shared with the ward simulator; what is the replay's own is which devices there are
 * ({@link ReplayDevice}, one per recording), what they publish, and when the replay has finished.
 */
public final class ReplayPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayPublisher.class);

    public static final long TICK_MILLIS = 250;
    public static final String THREAD_NAME = "vigil-replay";
    /** The highest speed accepted. */
    public static final double MAX_SPEED = 100;

    private final String brokerUrl;
    private final String ward;
    private final List<Recording> recordings;
    private final double speed;
    private final boolean loop;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final DeviceFleet<ReplayDevice> fleet;

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
        Objects.requireNonNull(clock, "clock");
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
        this.fleet = new DeviceFleet<>("replay", "replay", brokerUrl, clock, THREAD_NAME, TICK_MILLIS, LOG);
    }

    public List<Recording> recordings() {
        return recordings;
    }

    public String ward() {
        return ward;
    }

    /** True between a successful {@link #start()} and {@link #close()}. */
    public boolean isRunning() {
        return fleet.isRunning();
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
        fleet.start(recordings.size(),
                i -> new ReplayDevice(brokerUrl, ward, new RecordingReplay(recordings.get(i), speed, loop),
                        fleet.warnings()),
                this::afterTick,
                () -> LOG.info("Replaying {} to ward {} on {} (speed {}{})",
                        recordings.stream().map(Recording::name).toList(), ward, brokerUrl, speed, loop ? ", loop" : ""));
    }

    /**
     * Stops replaying, publishes the {@code offline} status of every device still online, disconnects them
     * cleanly and stops the replay thread. Waits about 3 s at most; later calls do nothing.
     */
    @Override
    public void close() {
        if (fleet.close()) {
            LOG.info("Replay on ward {} stopped", ward);
        }
    }

    /** After every tick of every device, on the replay thread: completes {@link #finished()} once all ended. */
    private void afterTick(List<ReplayDevice> devices) {
        boolean allEnded = !devices.isEmpty();
        for (ReplayDevice d : devices) {
            allEnded &= d.ended();
        }
        if (allEnded && !finished.isDone()) {
            LOG.info("Every recording has been replayed");
            finished.complete(null);
        }
    }

    @Override
    public String toString() {
        return "ReplayPublisher[" + ward + ", " + recordings.size() + " recordings, " + brokerUrl + "]";
    }
}
