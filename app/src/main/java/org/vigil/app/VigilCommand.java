package org.vigil.app;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vigil.data.model.Bed;
import org.vigil.link.tls.BrokerTls;
import org.vigil.link.tls.TlsFileException;
import org.vigil.link.wire.WardTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil [options]}: the station. Options left out come from the config file, then from defaults. Resolving
 * is pure (no I/O beyond reading the config file and the broker's TLS files), so tests check it directly.
 *
 * <p>Broker passwords come only from the config file ({@code brokerPassword}, {@code brokerKeyPassword}) or the
 * environment ({@value #ENV_PASSWORD}, {@value #ENV_KEY_PASSWORD}, which win), never from an option: options show
 * in {@code ps}. The same holds for the PostgreSQL store's password ({@code database.password},
 * {@value #ENV_DB_PASSWORD}): {@code --db} refuses a URL holding one.
 */
@Command(name = "vigil", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = SimCommand.class, sortOptions = false,
        description = {"Vigil ward central station: live waveforms, vital signs and alarms of every bed.",
                "Without --broker it starts an embedded MQTT broker on 127.0.0.1 and a simulated ward of 12 beds."})
public final class VigilCommand {
    static final int DEFAULT_PORT = 1883;
    static final String DEFAULT_WARD = "demo";
    static final int DEFAULT_SIMULATED_BEDS = 12;
    static final int DEFAULT_NO_DATA_SECONDS = 10;
    static final String ENV_PASSWORD = "VIGIL_BROKER_PASSWORD";
    static final String ENV_KEY_PASSWORD = "VIGIL_BROKER_KEY_PASSWORD";
    static final String ENV_DB_PASSWORD = "VIGIL_DB_PASSWORD";
    static final String ENV_EMR_PASSWORD = "VIGIL_EMR_PASSWORD";
    static final String ENV_EMR_TOKEN = "VIGIL_EMR_TOKEN";
    static final String ENV_EMR_CLIENT_SECRET = "VIGIL_EMR_CLIENT_SECRET";

    /** The environment; tests replace it. */
    Map<String, String> env = System.getenv();

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (every option has a key there; the beds are listed there).")
    Path config;

    @Option(names = "--headless", description = "Everything but the window (ingest, alarms, publishing) until SIGTERM.")
    Boolean headless;

    @Option(names = "--broker", paramLabel = "URL", description = "The ward's broker, tcp://host:port or ssl://host:port. Without it: the embedded broker and --simulate 12.")
    String broker;

    @Option(names = "--broker-ca", paramLabel = "FILE", description = "PEM file of the CA that signed the ssl:// broker's certificate (default: the JVM's trust store).")
    Path brokerCa;

    @Option(names = "--broker-cert", paramLabel = "FILE", description = "This station's certificate for an ssl:// broker: PEM (with --broker-key) or PKCS#12 (.p12/.pfx) holding certificate and key.")
    Path brokerCert;

    @Option(names = "--broker-key", paramLabel = "FILE", description = "PEM private key of --broker-cert (PKCS#8, RSA or EC; if encrypted, its password from brokerKeyPassword or " + ENV_KEY_PASSWORD + ").")
    Path brokerKey;

    @Option(names = "--broker-user", paramLabel = "NAME", description = "This station's account on the broker; its password from brokerPassword in the config file or " + ENV_PASSWORD + ".")
    String brokerUser;

    @Option(names = "--embedded-port", paramLabel = "N", description = "Port of the embedded broker on 127.0.0.1 (default ${DEFAULT-VALUE} when unset).")
    Integer embeddedPort;

    @Option(names = "--ward", paramLabel = "ID", description = "Ward id on the broker (default: demo).")
    String ward;

    @Option(names = "--station", paramLabel = "ID", description = "This station's id (default: the host name).")
    String station;

    @Option(names = "--simulate", paramLabel = "N", description = "Simulate N beds on the broker (default 12 with the embedded broker, else 0).")
    Integer simulate;

    @Option(names = "--audio", paramLabel = "auto|on|off", description = "Alarm sounds: auto (default with a window), on, off (default headless; shows a permanent 'audio off').")
    String audio;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Database and logs (default: the user's data folder, ~/.local/share/vigil on Linux).")
    Path dataDir;

    @Option(names = "--db", paramLabel = "URL", description = "The ward-wide PostgreSQL store shared by the ward's stations, jdbc:postgresql://host:port/database; user and password from the config file's database section (the password also from " + ENV_DB_PASSWORD + "). Default: an H2 database in --data-dir.")
    String db;

    @Option(names = "--emr", paramLabel = "URL", description = "The EMR's FHIR R4 base URL (http:// or https://); authentication from the config file's emr section (secrets also from " + ENV_EMR_PASSWORD + ", " + ENV_EMR_TOKEN + ", " + ENV_EMR_CLIENT_SECRET + "). Default: no EMR.")
    String emr;

    @Option(names = "--emr-auto-chart", paramLabel = "SECONDS", description = "Chart every admitted bed's current values to the EMR at this interval, as preliminary with no performer (headless stations, tests). Default: off.")
    Integer emrAutoChart;

    /** Command line over config file over defaults; every wrong value is a {@link ConfigException} naming it. */
    StationConfig resolve() {
        ConfigFile file = config != null ? ConfigFile.read(config) : new ConfigFile();
        boolean isHeadless = first(headless, file.headless, false);
        String brokerUrl = first(broker, file.broker, null);
        if (brokerUrl != null) {
            checkBroker(brokerUrl);
        }
        int port = first(embeddedPort, file.embeddedPort, DEFAULT_PORT);
        if (port < 1 || port > 65535) {
            throw new ConfigException("--embedded-port: " + port + " is not a port (1 to 65535)");
        }
        String wardId = checkId("--ward", first(ward, file.ward, DEFAULT_WARD));
        String stationId = checkId("--station", first(station, file.station, hostName()));
        int sim = first(simulate, file.simulate, brokerUrl == null ? DEFAULT_SIMULATED_BEDS : 0);
        if (sim < 0 || sim > 256) {
            throw new ConfigException("--simulate: " + sim + " beds is outside 0 to 256");
        }
        String dir = first(dataDir == null ? null : dataDir.toString(), file.dataDir, null);
        Path data = dir != null ? Path.of(dir).toAbsolutePath() : DataDirectories.defaultDataDir();
        int noData = first(null, file.noDataSeconds, DEFAULT_NO_DATA_SECONDS);
        if (noData < 1 || noData > 600) {
            throw new ConfigException("noDataSeconds: " + noData + " is outside 1 to 600");
        }
        List<Bed> beds = beds(file, sim);
        Path base = config == null ? null : config.toAbsolutePath().getParent();
        String user = first(brokerUser, file.brokerUser, null);
        char[] password = secret(ENV_PASSWORD, file.brokerPassword);
        if (brokerUrl == null) {
            if (user != null) {
                throw new ConfigException("--broker-user: needs --broker (the embedded broker has no accounts)");
            }
            password = null; // e.g. VIGIL_BROKER_PASSWORD set for the ward broker, and a demo on the embedded one
        }
        if (password != null && (user == null || user.isEmpty())) {
            throw new ConfigException("brokerPassword (" + ENV_PASSWORD + "): given without --broker-user (brokerUser)");
        }
        BrokerTls tls = brokerTls(brokerUrl, path(brokerCa, file.brokerCa, base), path(brokerCert, file.brokerCert, base),
                path(brokerKey, file.brokerKey, base), secret(ENV_KEY_PASSWORD, file.brokerKeyPassword));
        String audioValue = first(audio, file.audio, null);
        org.vigil.alarms.sound.AudioMode audioMode = null;
        if (audioValue != null) {
            try {
                audioMode = org.vigil.alarms.sound.AudioMode.valueOf(audioValue.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--audio: '" + audioValue + "' is not auto, on or off");
            }
        }
        return new StationConfig(isHeadless, brokerUrl, port, wardId, stationId, sim, data, Duration.ofSeconds(noData),
                beds, tls, user, password, audioMode,
                file.adminPassword == null ? null : file.adminPassword.toCharArray(), database(file))
                .withEmr(emr(file, base))
                .withRecording(recording(file))
                .withAlarms(AlarmOptions.from(file.alarms));
    }

    /** The recording's retention from {@code recording:} in the config file; the defaults for what is not given. */
    static org.vigil.data.recording.RecordingSettings recording(ConfigFile file) {
        var d = org.vigil.data.recording.RecordingSettings.defaults();
        ConfigFile.RecordingEntry r = file.recording;
        if (r == null) {
            return d;
        }
        try {
            return d.withRetention(retention("numericsRetention", r.numericsRetention, d.numericsRetention()),
                    retention("waveRetention", r.waveRetention, d.waveRetention()),
                    retention("aggregateRetention", r.aggregateRetention, d.aggregateRetention()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("recording: " + e.getMessage());
        }
    }

    private static Duration retention(String key, String value, Duration otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1).strip());
            return switch (v.charAt(v.length() - 1)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new ConfigException("recording." + key + ": '" + value + "' is not a duration such as 96h, 30d or 90m");
        }
    }

    /**
     * The ward-wide PostgreSQL store: {@code --db} over {@code database.url}, {@code database.user}, and the password
     * from {@value #ENV_DB_PASSWORD} over {@code database.password}; null (the embedded H2 database) without a URL.
     */
    private DatabaseSettings database(ConfigFile file) {
        ConfigFile.DatabaseEntry entry = file.database != null ? file.database : new ConfigFile.DatabaseEntry();
        String fromFile = entry.url == null || entry.url.isBlank() ? null : entry.url.strip();
        String url = first(db, fromFile, null);
        if (url == null) {
            if (entry.user != null || entry.password != null) {
                throw new ConfigException("database: user or password given without database.url (or --db)");
            }
            return null; // VIGIL_DB_PASSWORD alone: meant for another station's store, like the broker's
        }
        String where = db != null ? "--db" : "database.url";
        checkDatabaseUrl(where, url);
        if (db != null && org.vigil.data.store.VigilDatabase.redact(url).length() < url.length()) {
            throw new ConfigException("--db: the URL holds a password, which anyone could read in the process list; "
                    + "give it as database.password in the config file or in " + ENV_DB_PASSWORD);
        }
        String dbUser = entry.user == null || entry.user.isBlank() ? null : entry.user.strip();
        if (dbUser == null && !url.contains("user=")) {
            throw new ConfigException("database.user: the PostgreSQL account is needed with " + where
                    + " (in the config file's database section)");
        }
        return new DatabaseSettings(url, dbUser, secret(ENV_DB_PASSWORD, entry.password));
    }

    /**
     * The EMR: {@code --emr} over {@code emr.url}; null (no EMR) without a URL. Authentication only from the config
     * file, its secrets from the environment ({@value #ENV_EMR_PASSWORD}, {@value #ENV_EMR_TOKEN},
     * {@value #ENV_EMR_CLIENT_SECRET}, which win) or the file, never from an option.
     */
    private EmrOptions emr(ConfigFile file, Path base) {
        ConfigFile.EmrEntry e = file.emr != null ? file.emr : new ConfigFile.EmrEntry();
        String url = first(emr, e.url == null || e.url.isBlank() ? null : e.url.strip(), null);
        Integer autoChart = first(emrAutoChart, e.autoChartSeconds, null);
        if (url == null) {
            if (emrAutoChart != null) {
                throw new ConfigException("--emr-auto-chart: needs --emr (or emr.url in the config file)");
            }
            return null;
        }
        String where = emr != null ? "--emr" : "emr.url";
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException ex) {
            throw new ConfigException(where + ": '" + url + "' is not a URL (" + ex.getReason() + ")");
        }
        if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new ConfigException(where + ": '" + url + "' is not an http:// or https:// FHIR base URL");
        }
        if (uri.getUserInfo() != null) {
            throw new ConfigException(where + ": the URL holds credentials; give them in the config file's emr section");
        }
        String mode = e.auth == null || e.auth.isBlank() ? "none" : e.auth.strip().toLowerCase(Locale.ROOT);
        char[] password = secret(ENV_EMR_PASSWORD, e.password);
        char[] token = secret(ENV_EMR_TOKEN, e.token);
        char[] clientSecret = secret(ENV_EMR_CLIENT_SECRET, e.clientSecret);
        org.vigil.data.emr.EmrSettings.Auth auth = switch (mode) {
            case "none" -> new org.vigil.data.emr.EmrSettings.Auth.None();
            case "basic" -> {
                if (e.user == null || e.user.isBlank() || password == null) {
                    throw new ConfigException("emr.auth basic: needs emr.user and emr.password (or " + ENV_EMR_PASSWORD + ")");
                }
                yield new org.vigil.data.emr.EmrSettings.Auth.Basic(e.user.strip(), new String(password));
            }
            case "bearer" -> {
                if (token == null) {
                    throw new ConfigException("emr.auth bearer: needs emr.token (or " + ENV_EMR_TOKEN + ")");
                }
                yield new org.vigil.data.emr.EmrSettings.Auth.Bearer(new String(token));
            }
            case "oauth2" -> {
                if (e.tokenUrl == null || e.clientId == null || clientSecret == null) {
                    throw new ConfigException("emr.auth oauth2: needs emr.tokenUrl, emr.clientId and emr.clientSecret (or "
                            + ENV_EMR_CLIENT_SECRET + ")");
                }
                URI tokenUri;
                try {
                    tokenUri = new URI(e.tokenUrl.strip());
                } catch (java.net.URISyntaxException ex) {
                    throw new ConfigException("emr.tokenUrl: '" + e.tokenUrl + "' is not a URL (" + ex.getReason() + ")");
                }
                if (tokenUri.getHost() == null || !tokenUri.getScheme().toLowerCase(Locale.ROOT).startsWith("http")) {
                    throw new ConfigException("emr.tokenUrl: '" + e.tokenUrl + "' is not an http:// or https:// URL");
                }
                yield new org.vigil.data.emr.EmrSettings.Auth.OAuth2(tokenUri, e.clientId.strip(), new String(clientSecret),
                        e.scope == null || e.scope.isBlank() ? null : e.scope.strip());
            }
            default -> throw new ConfigException("emr.auth: '" + e.auth + "' is not none, basic, bearer or oauth2");
        };
        Path ca = path(null, e.caFile, base);
        if (ca != null && !java.nio.file.Files.isReadable(ca)) {
            throw new ConfigException("emr.caFile: " + ca + " does not exist or cannot be read");
        }
        if (autoChart != null && (autoChart < 10 || autoChart > 86_400)) {
            throw new ConfigException("--emr-auto-chart: " + autoChart + " s is outside 10 to 86400");
        }
        int sync = e.syncSeconds == null ? 30 : e.syncSeconds;
        if (sync < 5 || sync > 3600) {
            throw new ConfigException("emr.syncSeconds: " + sync + " is outside 5 to 3600");
        }
        org.vigil.data.emr.EmrSettings settings = new org.vigil.data.emr.EmrSettings(uri, auth, ca, null, null,
                e.mrnSystem == null || e.mrnSystem.isBlank() ? null : e.mrnSystem.strip(), null);
        return new EmrOptions(settings, Duration.ofSeconds(sync), autoChart == null ? null : Duration.ofSeconds(autoChart));
    }

    /** jdbc:postgresql://host[:port][,host[:port]...]/database[?parameters], shown without a password if wrong. */
    private static void checkDatabaseUrl(String where, String url) {
        String prefix = "jdbc:postgresql://";
        String shown = org.vigil.data.store.VigilDatabase.redact(url);
        String problem = null;
        if (!url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            problem = "is not a PostgreSQL URL";
        } else {
            String rest = url.substring(prefix.length());
            int q = rest.indexOf('?');
            String path = q < 0 ? rest : rest.substring(0, q);
            int slash = path.indexOf('/');
            String hosts = slash < 0 ? path : path.substring(0, slash);
            String name = slash < 0 ? "" : path.substring(slash + 1);
            if (hosts.isEmpty() || name.isEmpty() || name.contains("/")) {
                problem = "names no host or no database";
            } else {
                for (String host : hosts.split(",")) {
                    int colon = host.lastIndexOf(':');
                    String port = colon < 0 ? null : host.substring(colon + 1);
                    if (host.isEmpty() || colon == 0 || (port != null && !validPort(port))) {
                        problem = "has a bad host or port '" + host + "'";
                        break;
                    }
                }
            }
        }
        if (problem != null) {
            throw new ConfigException(where + ": '" + shown + "' " + problem
                    + " (expected jdbc:postgresql://host:port/database; without it the station keeps its H2 database"
                    + " in --data-dir)");
        }
    }

    private static boolean validPort(String port) {
        try {
            int p = Integer.parseInt(port);
            return p >= 1 && p <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Reads and checks the TLS files for an ssl:// broker; null for tcp:// or the embedded broker. Relative paths
     * from the config file are relative to its folder.
     */
    private static BrokerTls brokerTls(String url, Path ca, Path cert, Path key, char[] keyPassword) {
        String given = ca != null ? "--broker-ca" : cert != null ? "--broker-cert" : key != null ? "--broker-key" : null;
        boolean ssl = url != null && url.toLowerCase(Locale.ROOT).startsWith("ssl://");
        if (!ssl) {
            if (given != null) {
                throw new ConfigException(given + ": TLS files need an ssl://host:port --broker"
                        + (url == null ? " (the embedded broker is plain tcp://127.0.0.1)" : ", not " + url));
            }
            return null;
        }
        if (key != null && cert == null) {
            throw new ConfigException("--broker-key (brokerKey): needs --broker-cert (brokerCert)");
        }
        try {
            return BrokerTls.load(ca, cert, key, keyPassword);
        } catch (TlsFileException e) {
            throw new ConfigException(switch (e.item()) {
                case CA -> "--broker-ca (brokerCa): ";
                case CERT -> "--broker-cert (brokerCert): ";
                case KEY -> "--broker-key (brokerKey): ";
                case KEY_PASSWORD -> "brokerKeyPassword (" + ENV_KEY_PASSWORD + "): ";
            } + e.getMessage());
        }
    }

    private static Path path(Path option, String fromFile, Path base) {
        if (option != null) {
            return option;
        }
        if (fromFile == null || fromFile.isBlank()) {
            return null;
        }
        Path p = Path.of(fromFile);
        return base == null || p.isAbsolute() ? p : base.resolve(p);
    }

    /** The environment variable (when set and not empty) over the config file's value; null when neither. */
    private char[] secret(String variable, String fromFile) {
        String v = env.get(variable);
        if (v == null || v.isEmpty()) {
            v = fromFile;
        }
        return v == null || v.isEmpty() ? null : v.toCharArray();
    }

    private static List<Bed> beds(ConfigFile file, int simulated) {
        if (file.beds == null || file.beds.isEmpty()) {
            return Station.numberedBeds(simulated);
        }
        if (file.beds.size() > 256) {
            throw new ConfigException("beds: " + file.beds.size() + " beds configured; one station shows at most 256");
        }
        List<Bed> beds = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < file.beds.size(); i++) {
            ConfigFile.BedEntry e = file.beds.get(i);
            String id = checkId("beds[" + i + "].id", e.id);
            if (!seen.add(id)) {
                throw new ConfigException("beds[" + i + "].id: bed '" + id + "' is listed twice");
            }
            beds.add(new Bed(id, e.label == null || e.label.isBlank() ? id : e.label, true));
        }
        return beds;
    }

    private static <T> T first(T option, T fromFile, T fallback) {
        return option != null ? option : fromFile != null ? fromFile : fallback;
    }

    private static String checkId(String what, String value) {
        try {
            return WardTopic.requireId(what, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static void checkBroker(String url) {
        try {
            URI u = URI.create(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("tcp") || scheme.equals("ssl")) || u.getHost() == null || u.getPort() < 1) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--broker: '" + url + "' is not tcp://host:port or ssl://host:port");
        }
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        String name = env;
        if (name == null || name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                name = "station";
            }
        }
        // a host name may hold dots; a station id may not
        String id = name.split("\\.")[0].replaceAll("[^A-Za-z0-9_-]", "-");
        return id.isEmpty() ? "station" : id.length() > 64 ? id.substring(0, 64) : id;
    }
}
