package org.vigil.app;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vigil.link.replay.Recording;
import org.vigil.link.replay.ReplayPublisher;
import org.vigil.link.sim.WardSimulator;
import org.vigil.link.wire.WardTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil sim}: only the ward simulator and/or the replay of real recordings, publishing to a broker until
 * SIGTERM; a replay without {@code --loop} and without simulated beds ends by itself after the recordings.
 * The recordings are loaded on the calling thread before anything connects.
 */
@Command(name = "sim", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Run only the ward simulator and/or replay real recordings: one MQTT client per device.")
public final class SimCommand implements Callable<Integer> {

    private static final int DEFAULT_BEDS = 12;
    private static final int MAX_BEDS = 256;

    @Spec
    CommandSpec spec;

    @Option(names = "--broker", required = true, paramLabel = "URL", description = "tcp://host:port of the ward broker.")
    String broker;

    @Option(names = "--ward", paramLabel = "ID", defaultValue = VigilCommand.DEFAULT_WARD, description = "Ward id (default: ${DEFAULT-VALUE}).")
    String ward;

    @Option(names = "--beds", paramLabel = "N", description = "Number of simulated beds (default: " + DEFAULT_BEDS
            + "; with --replay 0, and N adds simulated beds beside the recordings).")
    Integer beds;

    @Option(names = "--replay", paramLabel = "PATH", split = ",", description = "Replay real recordings, one bed each "
            + "(bed id from the name: mitdb-101, vfdb-418, bidmc-01): a WFDB record as its path without extension "
            + "or its .hea file (data/mitdb/101), or a BIDMC record (data/bidmc/bidmc_01 or its _Signals.csv). "
            + "Comma-separated.")
    List<String> replay = new ArrayList<>();

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1", description = "Replay speed, above 0 and at most "
            + "100 (default: ${DEFAULT-VALUE}). Other than 1 the replayed devices' clocks run X times as fast as "
            + "the station's: for tests and demonstrations.")
    double speed;

    @Option(names = "--loop", description = "Replay each recording again from its start at its end, instead of "
            + "taking its device offline.")
    boolean loop;

    @Override
    public Integer call() throws Exception {
        if (!broker.startsWith("tcp://") && !broker.startsWith("ssl://")) {
            throw new ConfigException("--broker: '" + broker + "' is not tcp://host:port or ssl://host:port");
        }
        try {
            WardTopic.requireId("--ward", ward);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        int simBeds = beds != null ? beds : replay.isEmpty() ? DEFAULT_BEDS : 0;
        int minBeds = replay.isEmpty() ? 1 : 0;
        if (simBeds < minBeds || simBeds > MAX_BEDS) {
            throw new ConfigException("--beds: " + simBeds + " is outside " + minBeds + " to " + MAX_BEDS);
        }
        if (!(speed > 0 && speed <= ReplayPublisher.MAX_SPEED)) {
            throw new ConfigException("--speed: " + speed + " is not above 0 and at most 100");
        }
        if (replay.isEmpty() && (speed != 1 || loop)) {
            throw new ConfigException((loop ? "--loop" : "--speed") + " needs --replay");
        }
        List<Recording> recordings = load(replay);

        WardSimulator sim = simBeds > 0 ? new WardSimulator(broker, ward, simBeds, Clock.systemUTC()) : null;
        ReplayPublisher publisher = recordings.isEmpty() ? null
                : new ReplayPublisher(broker, ward, recordings, speed, loop, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable closeAll = () -> {
            if (publisher != null) {
                publisher.close();
            }
            if (sim != null) {
                sim.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll.run();
            stopped.countDown();
        }, "vigil-shutdown"));
        try {
            if (sim != null) {
                sim.start();
            }
            if (publisher != null) {
                publisher.start();
            }
        } catch (IllegalStateException e) { // the broker cannot be reached: refused to run, exit code 1
            closeAll.run();
            spec.commandLine().getErr().println("vigil: " + oneLine(e.getMessage()));
            return 1;
        } catch (RuntimeException e) {
            closeAll.run();
            throw e;
        }
        boolean ends = sim == null && !loop;
        if (ends) {
            publisher.finished().thenRun(stopped::countDown);
        }
        System.out.println(describe(simBeds, recordings) + " of ward " + ward + " on " + broker + "; "
                + (ends ? "ends after the recordings, or " : "") + "SIGTERM or Ctrl-C stops.");
        stopped.await();
        closeAll.run();
        return 0;
    }

    /** Loads every recording (file I/O on this thread); a missing or unreadable one is a one-line error. */
    static List<Recording> load(List<String> paths) {
        List<Recording> out = new ArrayList<>();
        Map<String, String> byBed = new HashMap<>();
        for (String p : paths) {
            String path = p.strip();
            if (path.isEmpty()) {
                throw new ConfigException("--replay: an empty path in the list");
            }
            Recording r;
            try {
                r = Recording.load(Path.of(path));
            } catch (IOException e) {
                throw new ConfigException("--replay: cannot read " + oneLine(describe(e)));
            } catch (IllegalArgumentException e) { // also InvalidPathException
                throw new ConfigException("--replay: " + path + ": " + oneLine(e.getMessage()));
            }
            String other = byBed.putIfAbsent(r.name(), path);
            if (other != null) {
                throw new ConfigException("--replay: " + other + " and " + path + " would both be bed " + r.name());
            }
            out.add(r);
        }
        return out;
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return n.getReason() != null ? n.getMessage() : n.getFile() + ": no such file";
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static String describe(int simBeds, List<Recording> recordings) {
        List<String> parts = new ArrayList<>();
        if (!recordings.isEmpty()) {
            parts.add("Replaying " + recordings.stream().map(Recording::name).toList());
        }
        if (simBeds > 0) {
            parts.add((parts.isEmpty() ? "Simulating " : "simulating ") + simBeds + " beds");
        }
        return String.join(" and ", parts);
    }
}
