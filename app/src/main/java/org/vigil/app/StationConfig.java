package org.vigil.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.vigil.alarms.sound.AudioMode;
import org.vigil.data.model.Bed;
import org.vigil.link.tls.BrokerTls;

/**
 * The station's resolved settings (command line over config file over defaults). {@code brokerUrl} null means
 * the embedded broker on 127.0.0.1:{@code embeddedPort}. {@code brokerTls} is the checked TLS material of an
 * ssl:// broker (null for tcp://); {@code brokerUser}/{@code brokerPassword} the station's broker account (null:
 * anonymous). {@code adminPassword} the config file's first administrator password (null: none). {@code database} the
 * ward-wide PostgreSQL store (null: the embedded H2 database in {@code dataDir}, which also holds the logs either way).
 * {@code emr} the EMR options (null: no EMR). {@code recording} how long the recording is kept (null: the defaults,
 * 96 h of values and waveforms, 30 d of minute aggregates). {@code alarms} the alarm system's settings (null: the
 * defaults). {@link #toString()} never shows a password; {@link #brokerPassword()}
 * and {@link #adminPassword()} return copies.
 */
public record StationConfig(boolean headless, String brokerUrl, int embeddedPort, String ward, String station,
                            int simulate, Path dataDir, Duration noDataAfter, List<Bed> beds,
                            BrokerTls brokerTls, String brokerUser, char[] brokerPassword, AudioMode audio,
                            char[] adminPassword, DatabaseSettings database, EmrOptions emr,
                            org.vigil.data.recording.RecordingSettings recording, AlarmOptions alarms) {

    public StationConfig {
        brokerPassword = brokerPassword == null ? null : brokerPassword.clone();
        adminPassword = adminPassword == null ? null : adminPassword.clone();
        if (audio == null) {
            audio = headless ? AudioMode.OFF : AudioMode.AUTO; // a server has no one to hear it
        }
        if (recording == null) {
            recording = org.vigil.data.recording.RecordingSettings.defaults();
        }
        if (alarms == null) {
            alarms = AlarmOptions.defaults();
        }
    }

    /** With the alarm system's defaults. */
    public StationConfig(boolean headless, String brokerUrl, int embeddedPort, String ward, String station,
                         int simulate, Path dataDir, Duration noDataAfter, List<Bed> beds,
                         BrokerTls brokerTls, String brokerUser, char[] brokerPassword, AudioMode audio,
                         char[] adminPassword, DatabaseSettings database, EmrOptions emr,
                         org.vigil.data.recording.RecordingSettings recording) {
        this(headless, brokerUrl, embeddedPort, ward, station, simulate, dataDir, noDataAfter, beds, brokerTls,
                brokerUser, brokerPassword, audio, adminPassword, database, emr, recording, null);
    }

    /** With the recording's default retention. */
    public StationConfig(boolean headless, String brokerUrl, int embeddedPort, String ward, String station,
                         int simulate, Path dataDir, Duration noDataAfter, List<Bed> beds,
                         BrokerTls brokerTls, String brokerUser, char[] brokerPassword, AudioMode audio,
                         char[] adminPassword, DatabaseSettings database, EmrOptions emr) {
        this(headless, brokerUrl, embeddedPort, ward, station, simulate, dataDir, noDataAfter, beds, brokerTls,
                brokerUser, brokerPassword, audio, adminPassword, database, emr, null);
    }

    /** Without an EMR. */
    public StationConfig(boolean headless, String brokerUrl, int embeddedPort, String ward, String station,
                         int simulate, Path dataDir, Duration noDataAfter, List<Bed> beds,
                         BrokerTls brokerTls, String brokerUser, char[] brokerPassword, AudioMode audio,
                         char[] adminPassword, DatabaseSettings database) {
        this(headless, brokerUrl, embeddedPort, ward, station, simulate, dataDir, noDataAfter, beds, brokerTls,
                brokerUser, brokerPassword, audio, adminPassword, database, null);
    }

    /** With the embedded H2 database in {@code dataDir}. */
    public StationConfig(boolean headless, String brokerUrl, int embeddedPort, String ward, String station,
                         int simulate, Path dataDir, Duration noDataAfter, List<Bed> beds,
                         BrokerTls brokerTls, String brokerUser, char[] brokerPassword, AudioMode audio,
                         char[] adminPassword) {
        this(headless, brokerUrl, embeddedPort, ward, station, simulate, dataDir, noDataAfter, beds, brokerTls,
                brokerUser, brokerPassword, audio, adminPassword, null);
    }

    public StationConfig(boolean headless, String brokerUrl, int embeddedPort, String ward, String station,
                         int simulate, Path dataDir, Duration noDataAfter, List<Bed> beds,
                         BrokerTls brokerTls, String brokerUser, char[] brokerPassword, AudioMode audio) {
        this(headless, brokerUrl, embeddedPort, ward, station, simulate, dataDir, noDataAfter, beds, brokerTls,
                brokerUser, brokerPassword, audio, null);
    }

    public StationConfig(boolean headless, String brokerUrl, int embeddedPort, String ward, String station,
                         int simulate, Path dataDir, Duration noDataAfter, List<Bed> beds,
                         BrokerTls brokerTls, String brokerUser, char[] brokerPassword) {
        this(headless, brokerUrl, embeddedPort, ward, station, simulate, dataDir, noDataAfter, beds, brokerTls,
                brokerUser, brokerPassword, null);
    }

    /** Without TLS files or a broker account. */
    public StationConfig(boolean headless, String brokerUrl, int embeddedPort, String ward, String station,
                         int simulate, Path dataDir, Duration noDataAfter, List<Bed> beds) {
        this(headless, brokerUrl, embeddedPort, ward, station, simulate, dataDir, noDataAfter, beds, null, null, null);
    }

    public boolean embedded() {
        return brokerUrl == null;
    }

    public String effectiveBrokerUrl() {
        return embedded() ? "tcp://127.0.0.1:" + embeddedPort : brokerUrl;
    }

    /**
     * The first administrator's password from the config file ({@code adminPassword}), for a headless station's very
     * first start (with {@code VIGIL_ADMIN_PASSWORD}); null when not set. A copy.
     */
    @Override
    public char[] adminPassword() {
        return adminPassword == null ? null : adminPassword.clone();
    }

    /** This configuration with the first administrator's password (headless first start; tests). */
    public StationConfig withAdminPassword(char[] password) {
        return new StationConfig(headless, brokerUrl, embeddedPort, ward, station, simulate, dataDir, noDataAfter, beds,
                brokerTls, brokerUser, brokerPassword, audio, password, database, emr, recording, alarms);
    }

    /** This configuration with the ward-wide PostgreSQL store (null: the embedded H2 database in dataDir). */
    public StationConfig withDatabase(DatabaseSettings settings) {
        return new StationConfig(headless, brokerUrl, embeddedPort, ward, station, simulate, dataDir, noDataAfter, beds,
                brokerTls, brokerUser, brokerPassword, audio, adminPassword, settings, emr, recording, alarms);
    }

    /** This configuration with the EMR options (null: no EMR). */
    public StationConfig withEmr(EmrOptions options) {
        return new StationConfig(headless, brokerUrl, embeddedPort, ward, station, simulate, dataDir, noDataAfter, beds,
                brokerTls, brokerUser, brokerPassword, audio, adminPassword, database, options, recording, alarms);
    }

    /** This configuration with the recording's retention (null: the defaults). */
    public StationConfig withRecording(org.vigil.data.recording.RecordingSettings settings) {
        return new StationConfig(headless, brokerUrl, embeddedPort, ward, station, simulate, dataDir, noDataAfter, beds,
                brokerTls, brokerUser, brokerPassword, audio, adminPassword, database, emr, settings, alarms);
    }

    /** This configuration with the alarm system's settings (null: the defaults). */
    public StationConfig withAlarms(AlarmOptions options) {
        return new StationConfig(headless, brokerUrl, embeddedPort, ward, station, simulate, dataDir, noDataAfter, beds,
                brokerTls, brokerUser, brokerPassword, audio, adminPassword, database, emr, recording, options);
    }

    @Override
    public char[] brokerPassword() {
        return brokerPassword == null ? null : brokerPassword.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StationConfig c && headless == c.headless && embeddedPort == c.embeddedPort
                && simulate == c.simulate && java.util.Objects.equals(brokerUrl, c.brokerUrl) && ward.equals(c.ward)
                && station.equals(c.station) && dataDir.equals(c.dataDir) && noDataAfter.equals(c.noDataAfter)
                && beds.equals(c.beds) && java.util.Objects.equals(brokerTls, c.brokerTls)
                && java.util.Objects.equals(brokerUser, c.brokerUser)
                && java.util.Arrays.equals(brokerPassword, c.brokerPassword)
                && java.util.Objects.equals(database, c.database) && java.util.Objects.equals(emr, c.emr)
                && recording.equals(c.recording) && alarms.equals(c.alarms);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(headless, brokerUrl, embeddedPort, ward, station, simulate, dataDir, beds, database);
    }

    @Override
    public String toString() {
        return "StationConfig[headless=" + headless + ", broker=" + effectiveBrokerUrl() + ", ward=" + ward
                + ", station=" + station + ", simulate=" + simulate + ", dataDir=" + dataDir + ", noDataAfter="
                + noDataAfter + ", beds=" + beds.size() + ", tls=" + brokerTls + ", brokerUser=" + brokerUser
                + ", brokerPassword=" + (brokerPassword == null ? "none" : "(hidden)")
                + ", adminPassword=" + (adminPassword == null ? "none" : "(hidden)")
                + ", database=" + (database == null ? "H2 in dataDir" : database)
                + ", emr=" + (emr == null ? "none" : emr.settings())
                + ", recording=" + recording.numericsRetention() + "/" + recording.waveRetention() + "/"
                + recording.aggregateRetention() + "]";
    }
}
