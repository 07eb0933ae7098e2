package org.vigil.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The YAML configuration file. Every command-line option has a key here (the option wins when both are given);
 * the file alone lists the ward's beds. An unknown key is an error that names it.
 */
public final class ConfigFile {

    /** A configured bed: its id on the wire and the label nurses know it by. */
    public static final class BedEntry {
        @JsonProperty(required = true)
        public String id;
        public String label;
    }

    public Boolean headless;
    public String broker;
    /** TLS files of an ssl:// broker (relative to this file's folder): CA certificate(s), station certificate, key. */
    public String brokerCa;
    public String brokerCert;
    public String brokerKey;
    /** The station's broker account. */
    public String brokerUser;
    /** Secrets: only here or in the environment (which wins), never as options. Keep this file readable by the station only. */
    public String brokerPassword;
    /** The first administrator's password, read only on a headless station's very first start; remove it after. */
    public String adminPassword;
    public String brokerKeyPassword;
    public Integer embeddedPort;
    public String ward;
    public String station;
    public Integer simulate;
    public String dataDir;
    /** auto, on or off. */
    public String audio;
    /** Seconds without numerics or waves before a bed shows NO DATA. */
    public Integer noDataSeconds;
    public List<BedEntry> beds;
    /** The ward-wide PostgreSQL store, instead of the embedded H2 database in dataDir. */
    public DatabaseEntry database;
    /** The EMR (FHIR R4): {@code --emr} wins over {@code emr.url}. */
    public EmrEntry emr;

    /**
     * {@code emr: {url, auth, user, password, token, tokenUrl, clientId, clientSecret, scope, caFile, mrnSystem,
     * syncSeconds, autoChartSeconds}}: the hospital's FHIR R4 endpoint (docs/emr.md).
     */
    public static final class EmrEntry {
        /** The FHIR base URL ({@code --emr} wins). */
        public String url;
        /** none (default), basic, bearer or oauth2. */
        public String auth;
        /** basic: the station's account. */
        public String user;
        /** basic: a secret, here or in VIGIL_EMR_PASSWORD (which wins). */
        public String password;
        /** bearer: a secret, here or in VIGIL_EMR_TOKEN (which wins). */
        public String token;
        /** oauth2: the token endpoint, client id, secret (here or VIGIL_EMR_CLIENT_SECRET, which wins), scope. */
        public String tokenUrl;
        public String clientId;
        public String clientSecret;
        public String scope;
        /** PEM file of the CA that signed the EMR's certificate (relative to this file's folder). */
        public String caFile;
        /** The identifier system of the hospital's MRNs (default: search by value alone). */
        public String mrnSystem;
        /** Seconds between admission syncs (default 30). */
        public Integer syncSeconds;
        /** As {@code --emr-auto-chart} (which wins). */
        public Integer autoChartSeconds;
    }

    /** {@code database: {url, user, password}}: the PostgreSQL store shared by the ward's stations. */
    public static final class DatabaseEntry {
        /** jdbc:postgresql://host:port/database ({@code --db} wins). */
        public String url;
        public String user;
        /** A secret: here or in VIGIL_DB_PASSWORD (which wins), never as an option. */
        public String password;
    }

    /** {@code recording: {numericsRetention: 96h, waveRetention: 96h, aggregateRetention: 30d}}: how long it is kept. */
    public RecordingEntry recording;

    /** Durations as {@code 96h}, {@code 30d}, {@code 90m} (or ISO-8601, {@code PT96H}); a missing one keeps its default. */
    public static final class RecordingEntry {
        public String numericsRetention;
        public String waveRetention;
        public String aggregateRetention;
    }

    /**
     * {@code alarms: {audioPause: 2m, reminder: 3m, idleLock: 10m, escalation: {high: [30s, 60s]},
     * conditions: {SPO2_LOW: {priority: high, delay: 10s, latching: true}}, sounds: {low: {pulses: 2, repeat: 30s}}}}:
     * the alarm system's settings; see docs/alarms-defaults.md for every default and its range.
     */
    public AlarmsEntry alarms;

    public static final class AlarmsEntry {
        public String audioPause;
        public String reminder;
        public String idleLock;
        /** Per priority (high, medium, low) the unacknowledged times of escalation level 1, 2, ...; [] for none. */
        public java.util.Map<String, List<String>> escalation;
        /** Per condition name (SPO2_LOW, NO_DATA, a device event such as VFIB). */
        public java.util.Map<String, ConditionEntry> conditions;
        /** Per priority: the burst pattern, within IEC 60601-1-8's limits. */
        public java.util.Map<String, SoundEntry> sounds;
    }

    public static final class ConditionEntry {
        public String priority;
        public Boolean latching;
        public String delay;
    }

    public static final class SoundEntry {
        /** Low priority only: 1 or 2. */
        public Integer pulses;
        /** From the end of one pulse to the start of the next. */
        public String spacing;
        /** High priority only: between the 5th and the 6th pulse. */
        public String pause;
        /** From the start of one burst to the start of the next. */
        public String repeat;
    }

    public static ConfigFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("--config: file " + file + " does not exist");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            ConfigFile c = yaml.readValue(file.toFile(), ConfigFile.class);
            return c == null ? new ConfigFile() : c;
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("config " + file + ": unknown key '" + e.getPropertyName() + "' (known: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))
                    + ")");
        } catch (JsonMappingException e) {
            String where = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw new ConfigException("config " + file + ": bad value at '" + where + "': " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("config " + file + ": cannot read it: " + e.getMessage());
        }
    }
}
