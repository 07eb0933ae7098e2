package org.vigil.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.vigil.link.DuplicateStationException;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParseResult;

/**
 * Entry point of {@code vigil}. Exit codes: 0 normal stop, 1 refused to run (e.g. a twin station online, broker
 * unusable), 2 a wrong option or configuration value (one line naming it).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (code != Integer.MIN_VALUE) { // MIN_VALUE: the window runs on and ends the JVM itself
            System.exit(code);
        }
    }

    /** Parses and runs; returns the exit code (for tests), or MIN_VALUE when the JavaFX window took over. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        VigilCommand vigil = new VigilCommand();
        CommandLine cl = new CommandLine(vigil).setOut(out).setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("vigil: " + ex.getMessage());
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            if (ex instanceof ConfigException) {
                err.println("vigil: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        ParseResult parsed;
        try {
            parsed = cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("vigil: " + e.getMessage());
            return 2;
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
        }
        if (parsed.hasSubcommand()) {
            return cl.execute(args);
        }
        StationConfig config;
        try {
            config = vigil.resolve();
        } catch (ConfigException e) {
            err.println("vigil: " + e.getMessage());
            return 2;
        }
        LogFiles.logTo(config.dataDir().resolve("logs"));
        Station station = new Station(config, Clock.systemUTC());
        try {
            station.start();
        } catch (ConfigException e) {
            station.close();
            err.println("vigil: " + e.getMessage());
            return 2;
        } catch (DuplicateStationException e) {
            station.close();
            err.println("vigil: refused to start: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            station.close();
            err.println("vigil: cannot start: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(Main.class).error("Start-up failed", e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!config.headless()) {
                javafx.application.Platform.exit(); // stop drawing before the station's parts go away
            }
            station.close();
            stopped.countDown();
        }, "vigil-shutdown"));
        if (config.headless()) {
            out.println("Vigil station " + config.station() + " monitoring ward " + config.ward() + " headless; SIGTERM stops it.");
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
        VigilFxApplication.launch(station);
        return Integer.MIN_VALUE;
    }

    /** The version from the jar's manifest. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"Vigil " + (v == null ? "(development build)" : v),
                    "Java " + Runtime.version() + ", " + System.getProperty("java.vm.name")};
        }
    }
}
