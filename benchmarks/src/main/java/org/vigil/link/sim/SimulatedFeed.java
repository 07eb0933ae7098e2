package org.vigil.link.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;

/**
 * Benchmark access to the ward simulator's per-bed signal model ({@link BedSimulation}, package-private): the same
 * wave and numerics records, with the same channels, rates, scales, sample counts, per-channel {@code t0} and
 * sequence numbers as {@link WardSimulator} publishes, but produced at whatever device time the caller gives,
 * so that a benchmark chooses the message period (0.25 s, 0.5 s...) and the publishing itself. Lives in the
 * benchmarks module only (same package on the class path). Not thread-safe, like {@link BedSimulation}.
 */
public final class SimulatedFeed {
    private final SimulatedBed bed;
    private final BedSimulation simulation;

    private SimulatedFeed(SimulatedBed bed, BedSimulation simulation) {
        this.bed = bed;
        this.simulation = simulation;
    }

    /** One feed per bed of a simulated ward of {@code beds} beds, seeded as {@link WardSimulator} seeds them. */
    public static List<SimulatedFeed> ward(String ward, int beds, Instant start) {
        List<SimulatedBed> roster = PatientRoster.beds(ward, beds, LocalDate.ofInstant(start, ZoneOffset.UTC));
        long wardSeed = WardSimulator.wardSeed(ward);
        return java.util.stream.IntStream.range(0, roster.size()).mapToObj(i -> {
            SimulatedBed b = roster.get(i);
            long seed = WardSimulator.bedSeed(wardSeed, i);
            BedSimulation sim = new BedSimulation(b.deviceId(), BedScenario.forBed(i, b.category(), seed), seed);
            sim.startAt(start);
            return new SimulatedFeed(b, sim);
        }).toList();
    }

    public String bedId() {
        return bed.bedId();
    }

    public String deviceId() {
        return bed.deviceId();
    }

    /** The samples that fell due since the last call (null when none), as the simulator's wave message. */
    public Wave wave(Instant deviceTime) {
        return simulation.wave(deviceTime);
    }

    /** The numerics at {@code deviceTime} (whether or not a second has passed), seq counting up by one. */
    public Numerics numerics(Instant deviceTime) {
        return simulation.numericsAt(deviceTime);
    }
}
