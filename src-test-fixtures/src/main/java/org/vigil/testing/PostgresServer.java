package org.vigil.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's PostgreSQL 15 server ({@code /usr/lib/postgresql/15/bin}, or the folder in the system property
 * {@value #BIN_PROPERTY}), started for tests on a free loopback port with a cluster in a temporary folder; for the
 * ward-wide store's tests. On the first start it creates the database {@value #DATABASE} owned by the login role
 * {@value #USER} with a random password: {@link #jdbcUrl()}, {@link #user()}, {@link #password()}. Tests skip where
 * PostgreSQL is not installed:
 *
 * <pre>{@code
 * PostgresServer pg = PostgresServer.shared();          // one server per JVM, skips when not installed
 * String url = pg.createDatabase();                      // a fresh empty database for this test
 * try (var server = PostgresServer.create().start()) { ... } // a server of its own (to stop or crash it)
 * }</pre>
 *
 * <p>{@code initdb} and {@code postgres} refuse to run as root: as root, every server command runs as the user
 * {@value #OS_USER} ({@code runuser -u postgres --}) and the temporary folder is given to that user; otherwise they
 * run as the current user. The server listens on 127.0.0.1 only (no Unix socket), with password (SCRAM) login, and
 * keeps PostgreSQL's durable defaults ({@code fsync} and {@code synchronous_commit} on) unless {@link #config} says
 * otherwise. Its log is {@code server.log} in {@link #dir()}.
 *
 * <p>Not thread-safe: create, configure, start, stop and close it from one test thread; {@link #jdbcUrl()},
 * {@link #port()}, {@link #createDatabase()} and {@link #log()} may be called from any thread.
 */
public final class PostgresServer implements AutoCloseable {

    /** System property naming the folder of {@code initdb}, {@code pg_ctl} and {@code postgres}. */
    public static final String BIN_PROPERTY = "vigil.postgres.bin";
    /** The database created on the first start, owned by {@value #USER}. */
    public static final String DATABASE = "vigil";
    /** The login role created on the first start (not a superuser). */
    public static final String USER = "vigil";
    /** The unprivileged operating-system user that runs the server when the tests run as root. */
    public static final String OS_USER = "postgres";

    private static final Path DEFAULT_BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final String SUPERUSER = "postgres";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int ATTEMPTS = 3;
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static PostgresServer shared;
    private static RuntimeException sharedFailure;

    private final Path dir;
    private final Path bin;
    private final boolean asOsUser;
    private final String password = randomSecret();
    private final String superuserPassword = randomSecret();
    private final List<String> extraLines = new ArrayList<>();
    private volatile int port;
    private boolean initialised;
    /** The role and database exist: from then on the port is fixed and the folder is kept on failure. */
    private boolean setUp;
    private boolean running;
    private Thread shutdownHook;

    private PostgresServer(Path dir, Path bin, boolean asOsUser, int port) {
        this.dir = dir;
        this.bin = bin;
        this.asOsUser = asOsUser;
        this.port = port;
    }

    /** True if PostgreSQL's binaries are installed and can be run from here (see {@link #unavailableReason()}). */
    public static boolean available() {
        return unavailableReason().isEmpty();
    }

    /** Why the server cannot be started here (binaries missing, or root without the user {@value #OS_USER}). */
    public static Optional<String> unavailableReason() {
        Path bin = binDir();
        for (String exe : List.of("initdb", "pg_ctl", "postgres")) {
            if (!Files.isExecutable(bin.resolve(exe))) {
                return Optional.of("PostgreSQL 15 is not installed (" + bin.resolve(exe) + " is missing): "
                        + "apt-get install postgresql, or set -D" + BIN_PROPERTY + "=<folder of initdb>");
            }
        }
        if (isRoot()) {
            if (!Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))) {
                return Optional.of("running as root, PostgreSQL must run as another user, but runuser is missing");
            }
            try {
                osUser();
            } catch (IOException e) {
                return Optional.of("running as root, PostgreSQL must run as the user '" + OS_USER
                        + "', which does not exist (Debian's postgresql package creates it)");
            }
        }
        return Optional.empty();
    }

    /** Skips the calling test (JUnit assumption) with the reason when PostgreSQL cannot be started here. */
    public static void assumeAvailable() {
        Optional<String> reason = unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
    }

    /**
     * One running server for the whole JVM, started on first use and stopped and deleted when the JVM exits; skips
     * the calling test when PostgreSQL is not installed. Tests on it take a database of their own
     * ({@link #createDatabase()}) and must not stop it. Call it from a test thread.
     *
     * @throws IllegalStateException when PostgreSQL is installed but does not start (every later call too)
     */
    public static synchronized PostgresServer shared() {
        assumeAvailable();
        if (sharedFailure != null) {
            throw sharedFailure;
        }
        if (shared == null) {
            try {
                shared = create().start();
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /**
     * A server not yet started, with its temporary folder (given to {@value #OS_USER} when running as root) and a
     * free port chosen.
     *
     * @throws IllegalStateException when PostgreSQL cannot be started here ({@link #unavailableReason()})
     */
    public static PostgresServer create() {
        unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        boolean root = isRoot();
        try {
            Path dir = Files.createTempDirectory("vigil-postgres-");
            if (root) {
                Files.setOwner(dir, osUser());
            }
            return new PostgresServer(dir, binDir(), root, FreePorts.loopback());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for PostgreSQL", e);
        }
    }

    /** Adds {@code postgresql.conf} lines (e.g. {@code "synchronous_commit = off"}); before the first start only. */
    public PostgresServer config(String... lines) {
        if (initialised) {
            throw new IllegalStateException("configure PostgreSQL before its first start()");
        }
        extraLines.addAll(List.of(lines));
        return this;
    }

    /**
     * Starts the server and waits until it accepts connections. The first start creates the cluster, the role
     * {@value #USER} and the database {@value #DATABASE}; if the chosen port was taken meanwhile it retries with
     * another one. Later starts (after {@link #stop()} or {@link #crash()}) reuse the cluster and the port.
     *
     * @throws IllegalStateException if a command fails or the server does not start (the message has its log)
     */
    public PostgresServer start() {
        if (running) {
            throw new IllegalStateException("PostgreSQL already running on port " + port);
        }
        try {
            if (!initialised) {
                initdb();
                initialised = true;
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    pgCtl("start", "-l", dir.resolve("server.log").toString(), "-o", "-p " + port);
                    break;
                } catch (IllegalStateException e) {
                    if (isSetUp() || attempt >= ATTEMPTS || !log().contains("could not bind")) {
                        throw e;
                    }
                    port = FreePorts.loopback();
                }
            }
            running = true;
            addShutdownHook();
            if (!isSetUp()) {
                setUp();
            }
            return this;
        } catch (RuntimeException e) {
            if (running) {
                stop();
            }
            if (!isSetUp()) {
                deleteDir();
            }
            throw e;
        }
    }

    /** Stops the server cleanly ({@code pg_ctl stop -m fast}: open sessions are ended); the cluster is kept. */
    public void stop() {
        halt("fast");
    }

    /**
     * Ends the server abruptly ({@code pg_ctl stop -m immediate}: no checkpoint, like a crash of the database
     * server); the next {@link #start()} recovers from the write-ahead log, as after a power loss.
     */
    public void crash() {
        halt("immediate");
    }

    /** Stops the server and starts it again on the same port with the same cluster. */
    public PostgresServer restart() {
        stop();
        return start();
    }

    /** Stops the server and deletes its temporary folder. */
    @Override
    public void close() {
        stop();
        deleteDir();
    }

    /** The JDBC URL of the database {@value #DATABASE}: {@code jdbc:postgresql://127.0.0.1:PORT/vigil}. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** The JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The login role owning the test databases. */
    public String user() {
        return USER;
    }

    /** The password of {@link #user()}. */
    public String password() {
        return password;
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The temporary folder: {@code data/} (the cluster), {@code server.log}. */
    public Path dir() {
        return dir;
    }

    /** True while the server runs. */
    public boolean isRunning() {
        return running;
    }

    /**
     * Creates a new empty database owned by {@link #user()} with a unique name and returns its JDBC URL: what a test
     * that must not see other tests' rows uses on the {@linkplain #shared() shared} server.
     */
    public String createDatabase() {
        return jdbcUrl(createDatabase("t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet()));
    }

    /** Creates the empty database {@code name} (lower-case letters, digits, _) owned by {@link #user()}. */
    public String createDatabase(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        asSuperuser("CREATE DATABASE " + name + " OWNER " + USER);
        return name;
    }

    /** Runs statements as the superuser on the database {@code postgres} (roles, server settings). */
    public void asSuperuser(String... statements) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, superuserPassword);
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** The server's log so far (empty if it never started). */
    public String log() {
        Path log = dir.resolve("server.log");
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private boolean isSetUp() {
        return setUp;
    }

    private void initdb() {
        Path pwfile = dir.resolve("superuser-password");
        try {
            Files.writeString(pwfile, superuserPassword + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-------"));
            if (asOsUser) {
                Files.setOwner(pwfile, osUser());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pwfile, e);
        }
        // --no-sync only skips flushing the fresh cluster's files once; the running server keeps fsync on.
        run(List.of(bin.resolve("initdb").toString(), "-D", dataDir().toString(), "-U", SUPERUSER,
                "--pwfile=" + pwfile, "--auth-host=scram-sha-256", "--auth-local=scram-sha-256",
                "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"), "initdb");
        try {
            Files.delete(pwfile);
            List<String> conf = new ArrayList<>(List.of(
                    "",
                    "# vigil test server (PostgresServer)",
                    "listen_addresses = '127.0.0.1'",
                    "unix_socket_directories = ''",
                    "max_connections = 200",
                    "shared_buffers = 32MB",
                    "logging_collector = off"));
            conf.addAll(extraLines);
            // Appending keeps the file's owner (the server's user).
            Files.write(dataDir().resolve("postgresql.conf"), conf, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure the cluster in " + dataDir(), e);
        }
    }

    private void setUp() {
        asSuperuser("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'",
                "CREATE DATABASE " + DATABASE + " OWNER " + USER);
        setUp = true;
    }

    private void halt(String mode) {
        if (!running) {
            return;
        }
        running = false;
        try {
            pgCtl("stop", "-m", mode);
        } finally {
            removeShutdownHook();
        }
    }

    private void pgCtl(String action, String... args) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir().toString(),
                "-w", "-t", String.valueOf(TIMEOUT.toSeconds())));
        command.addAll(List.of(args));
        command.add(action);
        run(command, "pg_ctl " + action);
    }

    /** Runs a server command (as {@value #OS_USER} when root) in the temporary folder, failing with its output. */
    private void run(List<String> command, String what) {
        List<String> full = new ArrayList<>();
        if (asOsUser) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(command);
        Path out = dir.resolve(what.replace(' ', '-') + ".out");
        try {
            Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within " + TIMEOUT.toSeconds() + " s: "
                        + output(out) + "\nserver log:\n" + log());
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(what + " failed (exit " + p.exitValue() + "): " + output(out)
                        + "\nserver log:\n" + log());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + what, e);
        }
    }

    private static String output(Path out) {
        try {
            return Files.readString(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private Path dataDir() {
        return dir.resolve("data");
    }

    private void addShutdownHook() {
        // A test that forgets close(), or the shared server: no postgres may outlive the test JVM.
        shutdownHook = new Thread(() -> {
            try {
                running = false;
                pgCtl("stop", "-m", "immediate");
            } catch (RuntimeException ignored) {
                // the JVM is exiting; nothing more to do
            }
            deleteDir();
        }, "postgres-" + port + "-stopper");
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
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    private static Path binDir() {
        String configured = System.getProperty(BIN_PROPERTY);
        return configured == null || configured.isBlank() ? DEFAULT_BIN : Path.of(configured);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static UserPrincipal osUser() throws IOException {
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
    }

    /** Letters and digits only: safe inside a quoted SQL literal and a password file. */
    private static String randomSecret() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "PostgresServer[" + jdbcUrl() + (running ? ", running" : "") + "]";
    }
}
