package org.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Mosquitto 2 broker, started as a child process on a free loopback port with a generated
 * configuration in a temporary folder; for tests against an external MQTT 3.1.1 broker (reconnection after a
 * broker restart, TLS, ACLs). Tests skip where it is not installed:
 *
 * <pre>{@code
 * assumeTrue(MosquittoBroker.available(), "mosquitto not installed: apt-get install mosquitto");
 * try (var broker = MosquittoBroker.create().start()) { ... broker.url() ... }
 * }</pre>
 *
 * <p>The configuration always has {@code listener PORT 127.0.0.1}, {@code allow_anonymous true},
 * {@code persistence false} and {@code user root} (Debian's mosquitto started as root otherwise drops to the
 * user {@code mosquitto}, which cannot read the test's files). Further lines ({@link #config}) can refer to
 * files the test puts in {@link #dir()}. The broker's output goes to {@code mosquitto.log} in that folder.
 *
 * <p>Not thread-safe: create, configure, start, restart and close it from one test thread; {@link #url()},
 * {@link #port()} and {@link #log()} may be read from any thread.
 */
public final class MosquittoBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 3;

    private final Path dir;
    private final List<String> extraLines = new ArrayList<>();
    private volatile int port;
    private boolean portFixed;
    private Process process;
    private Thread shutdownHook;

    private MosquittoBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** True if a mosquitto executable is installed ({@code /usr/sbin/mosquitto} or on the PATH). */
    public static boolean available() {
        return executable().isPresent();
    }

    /** A broker not yet started, with its temporary folder and a free port chosen. */
    public static MosquittoBroker create() {
        try {
            return new MosquittoBroker(Files.createTempDirectory("vigil-mosquitto-"), FreePorts.loopback());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for mosquitto", e);
        }
    }

    /** Adds configuration lines (TLS, ACL, a second listener...) written after the defaults; before start only. */
    public MosquittoBroker config(String... lines) {
        if (process != null) {
            throw new IllegalStateException("configure mosquitto before start(), or restart() after changing files");
        }
        extraLines.addAll(List.of(lines));
        return this;
    }

    /**
     * Starts mosquitto and waits until its port accepts connections (10 s at most). If the chosen free port
     * was taken meanwhile, retries with another one, until the first successful start; from then on the port
     * stays the same.
     *
     * @throws IllegalStateException if mosquitto is not installed, exits, or does not listen in time (the
     *     message includes its log)
     */
    public MosquittoBroker start() {
        if (process != null) {
            throw new IllegalStateException("mosquitto already running on port " + port);
        }
        Path exe = executable().orElseThrow(
                () -> new IllegalStateException("mosquitto not installed: apt-get install mosquitto"));
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    launch(exe);
                    portFixed = true;
                    return this;
                } catch (IllegalStateException e) {
                    if (portFixed || attempt >= ATTEMPTS || !log().contains("Address already in use")) {
                        throw e;
                    }
                    port = FreePorts.loopback();
                }
            }
        } catch (RuntimeException e) {
            stop();
            if (!portFixed) {
                deleteDir();
            }
            throw e;
        }
    }

    /** Stops mosquitto and starts it again on the same port with the same configuration. */
    public MosquittoBroker restart() {
        stop();
        return start();
    }

    /** Stops mosquitto (SIGTERM, then SIGKILL after 10 s); the folder and port are kept for {@link #start()}. */
    public void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        process = null;
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        removeShutdownHook();
    }

    /** Stops mosquitto and deletes its temporary folder. */
    @Override
    public void close() {
        stop();
        deleteDir();
    }

    /** The client URL, {@code tcp://127.0.0.1:PORT}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The TCP port of the default listener. */
    public int port() {
        return port;
    }

    /** The temporary folder holding the configuration and the log; put TLS or ACL files here. */
    public Path dir() {
        return dir;
    }

    /** True while the mosquitto process is alive. */
    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The broker's log so far, of every run since the first start (empty if it never started). */
    public String log() {
        Path log = dir.resolve("mosquitto.log");
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private void launch(Path exe) {
        Path conf = dir.resolve("mosquitto.conf");
        Path log = dir.resolve("mosquitto.log");
        List<String> lines = new ArrayList<>(List.of(
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                "user root",
                "log_dest stderr"));
        lines.addAll(extraLines);
        try {
            Files.write(conf, lines, StandardCharsets.UTF_8);
            if (!portFixed) {
                Files.deleteIfExists(log); // a failed first attempt; after a restart the earlier runs' log is kept
            }
            process = new ProcessBuilder(exe.toString(), "-c", conf.toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + exe, e);
        }
        addShutdownHook(process);
        awaitListening();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                int exit = process.exitValue();
                process = null;
                removeShutdownHook();
                throw new IllegalStateException("mosquitto exited with status " + exit
                        + " before listening on 127.0.0.1:" + port + "; log:\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        stop();
        throw new IllegalStateException("mosquitto did not accept connections on 127.0.0.1:" + port + " within "
                + START_TIMEOUT.toSeconds() + " s; log:\n" + log());
    }

    private static Optional<Path> executable() {
        Stream<Path> candidates = Stream.concat(Stream.of(Path.of("/usr/sbin/mosquitto")),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                        .filter(s -> !s.isBlank())
                        .map(s -> Path.of(s, "mosquitto")));
        return candidates.filter(Files::isExecutable).findFirst();
    }

    private void addShutdownHook(Process p) {
        shutdownHook = new Thread(p::destroyForcibly, "mosquitto-" + port + "-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void removeShutdownHook() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook runs anyway
            }
            shutdownHook = null;
        }
    }

    private void deleteDir() {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for mosquitto", e);
        }
    }

    @Override
    public String toString() {
        return "MosquittoBroker[" + url() + (isRunning() ? ", running" : "") + "]";
    }
}
