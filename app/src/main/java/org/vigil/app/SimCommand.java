package org.vigil.app;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vigil.link.sim.WardSimulator;
import org.vigil.link.wire.WardTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil sim}: only the ward simulator, publishing to a broker until SIGTERM. */
@Command(name = "sim", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Run only the ward simulator: one MQTT client per simulated bedside device.")
public final class SimCommand implements Callable<Integer> {

    @Option(names = "--broker", required = true, paramLabel = "URL", description = "tcp://host:port of the ward broker.")
    String broker;

    @Option(names = "--ward", paramLabel = "ID", defaultValue = VigilCommand.DEFAULT_WARD, description = "Ward id (default: ${DEFAULT-VALUE}).")
    String ward;

    @Option(names = "--beds", paramLabel = "N", defaultValue = "12", description = "Number of beds (default: ${DEFAULT-VALUE}).")
    int beds;

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
        if (beds < 1 || beds > 256) {
            throw new ConfigException("--beds: " + beds + " is outside 1 to 256");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        WardSimulator sim = new WardSimulator(broker, ward, beds, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "vigil-shutdown"));
        sim.start();
        System.out.println("Simulating " + beds + " beds of ward " + ward + " on " + broker + "; SIGTERM or Ctrl-C stops.");
        stopped.await();
        return 0;
    }
}
