package org.vigil.link.sim;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.link.device.DeviceFleet;
import org.vigil.link.wire.WardTopic;

/**
 * The built-in ward simulator: one simulated bedside monitor per bed, each with its own MQTT client and last
 * will, publishing the wire contract's feeds to the ward broker as real devices do. The console runs it by
 * default for 12 beds; {@code vigil sim --broker URL --ward ID --beds N} runs only it.
 *
 * <h2>What each device publishes</h2>
 * <ul>
 *   <li>{@code ward/{ward}/bed/{bed}/status}, QoS 1, retained: {@code online} (with battery, {@code leads:
 *       {"ECG": ...}}, {@code probes: {"SPO2": "on"}}) on every connection and whenever the leads come off or
 *       back on; {@code offline} as its last will and at {@link #close()}.</li>
 *   <li>{@code .../numerics} once a second, QoS 1: HR (from the synthesized beats), SpO2, pulse rate, RR,
 *       temperature (one decimal), and NIBP systolic/diastolic/mean with the cuff measurement's own time
 *       (every 15 simulated minutes, the first at the start).</li>
 *   <li>{@code .../wave} every 250 ms, QoS 0: ECG lead II (250 Hz, mV, scale 0.005), pleth (125 Hz, unit 1,
 *       scale 0.01) and thoracic impedance respiration (62.5 Hz, Ohm, scale 0.01), every channel with its own
 *       exact {@code t0}: sample {@code i} of a channel lies at {@code start + i / rate}, and each message
 *       carries the samples that fell due since the last one, so counts never drift.</li>
 * </ul>
 *
 * <h2>Scenarios, by bed index (0 for bed "01"); time on the injected clock from {@link #start()}</h2>
 * <ul>
 *   <li>Index 2, bed "03", <b>deterioration</b>: a 10-minute cycle. After 1 min, over 3 min SpO2 drifts from
 *       ~95 down to ~85 %, HR rises from ~88 to ~135 /min (RR 18 to 28, blood pressure falls); it stays there
 *       3 min, recovers over 2 min, is stable 1 min, and repeats: SpO2 and HR alarms.</li>
 *   <li>Index 4, bed "05", <b>leads off</b>: from second 40 to 60 of every 2 minutes the ECG leads are off: the
 *       status says {@code leads: {"ECG": "off"}}, the ECG is a flat line at 0 and HR is {@code null} with
 *       {@code "invalid": "leads-off"}; then the leads are on again (status republished).</li>
 *   <li>Index 8, bed "09", <b>lost connection</b>: from second 60 to 150 of every 10 minutes the device's client
 *       drops its connection without a DISCONNECT, so the broker publishes its {@code offline} last will; it
 *       then reconnects and publishes {@code online} again. Its sequence numbers jump over what it lost.</li>
 *   <li>Every other bed: <b>stable</b>, individually varied vitals (adults HR 60-100, SpO2 95-99, RR 12-20,
 *       temperature 36.5-37.5; with 12 beds or more, index 6 is a child and index 10 a newborn, with their
 *       age's normal values).</li>
 * </ul>
 * With fewer beds than a scenario's index, that scenario is absent. See {@link BedScenario} and
 * {@link SignalSynthesizer} for the signals.
 *
 * <h2>Threads</h2>
 * Everything is computed and published on one daemon thread, {@code vigil-sim}, every 250 ms; publishing is
 * asynchronous, so the thread never waits for the broker. A device that fails (publishing, reconnecting) is
 * logged, rate-limited, and never stops the others. Each bed's signals are deterministic for the ward id and
 * bed index. {@link #start()} and {@link #close()} may be called from any thread. The lifecycle (connecting,
 * the thread, closing) is a {@link DeviceFleet}'s, shared with the replay of recordings; what is the
 * simulator's own is which beds there are and what their devices ({@link SimulatedDevice}) publish.
 */
public final class WardSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WardSimulator.class);

    /** Wave period; numerics go out every 4th tick (once a second of clock time). */
    public static final long TICK_MILLIS = 250;
    /** The simulator thread's name. */
    public static final String THREAD_NAME = "vigil-sim";
    public static final int MAX_BEDS = 999;

    private final String brokerUrl;
    private final String ward;
    private final List<SimulatedBed> beds;
    private final DeviceFleet<SimulatedDevice> fleet;

    /**
     * A simulator of {@code beds} beds ("01".."NN"; three digits from 100 beds) on ward {@code ward}, publishing
     * to {@code brokerUrl} (for example {@code tcp://localhost:1883}) with times from {@code clock}. Nothing is
     * connected before {@link #start()}.
     *
     * @throws IllegalArgumentException if the ward id is not a valid topic id, beds is not 1..999, or the URL is
     *     not an MQTT URL
     */
    public WardSimulator(String brokerUrl, String ward, int beds, Clock clock) {
        this.brokerUrl = Objects.requireNonNull(brokerUrl, "brokerUrl");
        this.ward = WardTopic.requireId("ward", ward);
        Objects.requireNonNull(clock, "clock");
        if (beds < 1 || beds > MAX_BEDS) {
            throw new IllegalArgumentException("beds " + beds + " must be 1 to " + MAX_BEDS);
        }
        checkUrl(brokerUrl);
        this.beds = PatientRoster.beds(ward, beds, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        this.fleet = new DeviceFleet<>("ward simulator", "ward simulator of ward " + ward, brokerUrl, clock,
                THREAD_NAME, TICK_MILLIS, LOG);
    }

    /** The simulated beds and the invented patients in them, in bed order. */
    public List<SimulatedBed> beds() {
        return beds;
    }

    public String ward() {
        return ward;
    }

    public String brokerUrl() {
        return brokerUrl;
    }

    /** True between a successful {@link #start()} and {@link #close()}. */
    public boolean isRunning() {
        return fleet.isRunning();
    }

    /**
     * Connects every device (waiting about 10 s at most) and starts publishing.
     *
     * @throws IllegalStateException naming the broker if it cannot be reached (nothing is left running), or if
     *     the simulator was started or closed before
     */
    public void start() {
        long wardSeed = wardSeed(ward);
        fleet.start(beds.size(), i -> {
            SimulatedBed bed = beds.get(i);
            long seed = bedSeed(wardSeed, i);
            BedScenario scenario = BedScenario.forBed(i, bed.category(), seed);
            BedSimulation simulation = new BedSimulation(bed.deviceId(), scenario, seed);
            return new SimulatedDevice(brokerUrl, ward, bed, simulation, fleet.warnings());
        }, devices -> { }, () -> LOG.info("Ward simulator publishing {} beds of ward {} to {}", beds.size(), ward,
                brokerUrl));
    }

    /**
     * Stops publishing, publishes every connected device's {@code offline} status, disconnects every device
     * cleanly and stops the simulator thread. Waits about 3 s at most; later calls do nothing.
     */
    @Override
    public void close() {
        if (fleet.close()) {
            LOG.info("Ward simulator of ward {} stopped", ward);
        }
    }

    /**
     * Drops bed {@code bedId}'s connection without a DISCONNECT, so that the broker publishes its last will, and
     * keeps it away for {@code awayMillis} before it reconnects. For tests and demonstrations.
     */
    void dropConnection(String bedId, long awayMillis) {
        Future<?> dropped = fleet.submit(d -> d.bed().bedId().equals(bedId), d -> d.dropConnectionFor(awayMillis))
                .orElseThrow(() -> new IllegalArgumentException("no running simulated bed " + bedId));
        try {
            dropped.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not drop the connection of bed " + bedId + ": " + e, e);
        }
    }

    private static void checkUrl(String url) {
        try {
            String scheme = URI.create(url).getScheme();
            if (scheme == null || !List.of("tcp", "ssl", "ws", "wss").contains(scheme)) {
                throw new IllegalArgumentException("broker URL '" + url + "' must start with tcp://, ssl://, ws:// or wss://");
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("broker URL")) {
                throw e;
            }
            throw new IllegalArgumentException("broker URL '" + url + "' is not a URL: " + e.getMessage(), e);
        }
    }

    /** A deterministic seed for a ward id (the same on every run and machine). */
    static long wardSeed(String ward) {
        return mix(0x51A7_E5EEDL ^ ward.hashCode());
    }

    static long bedSeed(long wardSeed, int index) {
        return mix(wardSeed + 0x9E3779B97F4A7C15L * (index + 1));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "WardSimulator[" + ward + ", " + beds.size() + " beds, " + brokerUrl + "]";
    }
}
