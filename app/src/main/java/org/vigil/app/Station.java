package org.vigil.app;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alarms.Alarm;
import org.vigil.alarms.AlarmChange;
import org.vigil.alarms.AlarmKind;
import org.vigil.alarms.AlarmState;
import org.vigil.alarms.AlarmUpdate;
import org.vigil.alarms.ConditionCatalog;
import org.vigil.alarms.LateEvent;
import org.vigil.alarms.sound.AlarmSoundPlayer;
import org.vigil.alarms.sound.AlarmVolume;
import org.vigil.alarms.sound.AudioMode;
import org.vigil.alarms.sound.JavaSoundSink;
import org.vigil.data.model.AlarmMessage;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.DeviceEvent;
import org.vigil.data.model.WardAudioPause;
import org.vigil.alarms.AlarmEngine;
import org.vigil.data.model.Bed;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.data.store.Admission;
import org.vigil.data.store.AdmissionStore;
import org.vigil.data.store.AlarmLogEntry;
import org.vigil.data.store.AlarmLogStore;
import org.vigil.data.store.DeviceStore;
import org.vigil.data.store.NewPatient;
import org.vigil.data.store.StationSettings;
import org.vigil.data.store.VigilDatabase;
import org.vigil.data.store.WardStore;
import org.vigil.link.FeedListener;
import org.vigil.link.LinkSettings;
import org.vigil.link.WardLink;
import org.vigil.link.live.BedLive;
import org.vigil.link.live.WardLive;
import org.vigil.link.sim.SimulatedBed;
import org.vigil.link.sim.WardSimulator;
import org.vigil.ui.FrameStats;
import org.vigil.ui.StationContext;

/**
 * The composition root of a running station: database, (embedded) broker, ward link, alarm engine, simulator and
 * health, started in that order and closed in reverse. {@link #start()} and {@link #close()} are called from the
 * main thread (or the shut-down hook); everything else runs on the named threads it creates.
 */
public final class Station implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Station.class);

    private final StationConfig config;
    private final Clock clock;
    private final PatientDirectory patients = new PatientDirectory();
    private final ExecutorService db = Threads.single("vigil-db");
    private final ScheduledExecutorService scheduler = Threads.scheduled("vigil-station");
    /** Users' actions at the console (login hashing, audit commits): never on the JavaFX thread. */
    private final ExecutorService actionsExecutor = Threads.single("vigil-actions");
    private StationActionsImpl actions;
    private VigilDatabase database;
    private AlarmLogStore alarmLog;
    private EmbeddedBroker broker;
    private WardLive live;
    private AlarmEngine alarms;
    private WardLink link;
    private WardSimulator simulator;
    /** Records every bed's numerics and waveforms (its own writer thread, "vigil-recorder"). */
    private org.vigil.data.recording.Recorder recorder;
    private HealthReporter health;
    private AlarmSoundPlayer sound;
    private Watchdog watchdog;
    /** How long the alarm or JavaFX thread may not run before the watchdog acts (tests shorten it). */
    Duration watchdogStall = Watchdog.DEFAULT_STALL;
    /**
     * The EMR (issue 6): null when none is configured. Package-private until the command line sets it (tests set
     * it before {@link #start()}); {@code emrSyncInterval} null: the admission sync's default (30 s).
     */
    org.vigil.data.emr.EmrSettings emrSettings;
    Duration emrSyncInterval;
    /** One EMR client, outbox and outbox worker per station; the console's admissions and charting use them. */
    private org.vigil.data.emr.EmrClient emrClient;
    private org.vigil.data.emr.EmrOutbox emrOutbox;
    private org.vigil.data.emr.EmrOutboxWorker emrWorker;
    private PatientsAndCharting patientsAndCharting;
    /** {@code --emr-auto-chart}: null when off. */
    private AutoCharter autoCharter;
    private volatile FrameStats frameStats;
    private volatile boolean closed;

    public Station(StationConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * @throws ConfigException for a wrong setting (port in use, unwritable data folder)
     * @throws org.vigil.link.DuplicateStationException when this station id is already online on the ward
     */
    public void start() throws MqttException {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new ConfigException("--data-dir: cannot create " + config.dataDir() + ": " + e.getMessage());
        }
        database = config.database() == null ? VigilDatabase.openFile(config.dataDir()) : openWardStore(config.database());
        WardStore wardStore = new WardStore(database);
        wardStore.syncConfiguredBeds(config.beds());
        AdmissionStore admissions = new AdmissionStore(database, config.station());
        AlarmLogStore alarmLog = new AlarmLogStore(database);
        this.alarmLog = alarmLog;
        DeviceStore devices = new DeviceStore(database);
        // the station's clock for the audit rows too: the login lock-out counts them by time
        org.vigil.data.store.UserStore users = new org.vigil.data.store.UserStore(database, config.station(),
                new org.vigil.data.auth.PasswordHasher(), clock);

        if (config.embedded()) {
            broker = EmbeddedBroker.start(config.embeddedPort());
        }
        if (config.headless()) {
            ensureHeadlessAdmin(users);
        }
        live = new WardLive(config.beds());
        live.onNewBed(b -> {
            LOG.warn("Bed {} publishes without being configured: monitoring it as unassigned", b.bedId());
            db.execute(() -> wardStore.recordUnassignedBed(b.bedId()));
        });

        alarms = new AlarmEngine(clock, config.alarms().alarmConfig().withNoDataAfter(config.noDataAfter()));
        alarms.addListener(change -> db.execute(() -> alarmLog.append(logEntry(change))));
        // one truth across stations: every local change goes out, retained, on the ward's alarm topic
        alarms.addListener(change -> publishAlarm(change.alarm()));
        alarms.addUpdateListener(u -> {
            if (!AlarmUpdate.REMOTE.equals(u.what())) { // another station already said it
                publishAlarm(u.alarm());
            }
        });
        alarms.addLateListener(late -> db.execute(() -> alarmLog.append(lateEntry(late))));
        alarms.watch(config.beds().stream().map(Bed::id).toList());
        // a restart is never a silent all clear: what was shown before comes back, before any live data
        restoreAlarms(alarmLog);
        alarms.restoreRetainedFor(RESTORE_RETAINED_WINDOW);
        alarms.start();
        watchdog = new Watchdog(alarms, watchdogStall);
        watchdog.start();

        recorder = startRecorder();
        link = new WardLink(new LinkSettings(config.effectiveBrokerUrl(), config.ward(), config.station(),
                config.brokerTls(), config.brokerUser(), config.brokerPassword()), live, clock);
        link.addListener(new RecordingFeed(recorder));
        link.addListener(new FeedListener() {
            @Override
            public void onNumerics(BedLive bed, Numerics n, Instant receivedAt) {
                alarms.numerics(bed.bedId(), n);
            }

            @Override
            public void onWave(BedLive bed, Wave w, Instant receivedAt) {
                alarms.data(bed.bedId(), w.t0());
            }

            @Override
            public void onLateNumerics(BedLive bed, Numerics n, Instant receivedAt) {
                alarms.lateNumerics(bed.bedId(), n); // logged as a late event, never annunciated as current
            }

            @Override
            public void onDeviceEvent(BedLive bed, DeviceEvent e, Instant receivedAt) {
                alarms.deviceEvent(bed.bedId(), e);
            }

            @Override
            public void onAlarm(String bed, String alarmId, AlarmMessage merged) {
                if (merged != null) {
                    alarms.applyRemote(merged);
                }
            }

            @Override
            public void onAudioPause(WardAudioPause merged) {
                if (merged != null) {
                    alarms.applyWardPause(merged);
                }
            }

            @Override
            public void onSettings(String bed, BedSettings merged) {
                if (merged != null) {
                    alarms.applySettings(merged);
                }
            }

            @Override
            public void onLinkState(org.vigil.link.LinkState state, Instant since) {
                alarms.linkState(state == org.vigil.link.LinkState.CONNECTED);
            }

            @Override
            public void onStatus(BedLive bed, DeviceStatus s, Instant receivedAt) {
                alarms.status(bed.bedId(), s);
                if (s != null) {
                    db.execute(() -> devices.deviceSeen(s.device(), bed.bedId(), receivedAt));
                }
            }
        });

        actions = new StationActionsImpl(users, new org.vigil.data.store.AuditLog(database), alarms,
                link::publishAudioPause, link::publishSettings, patients::patientOf, config.station(), clock,
                actionsExecutor);

        if (config.simulate() > 0) {
            simulator = new WardSimulator(config.effectiveBrokerUrl(), config.ward(), config.simulate(), clock);
            admitSimulatedPatients(admissions);
        }
        Map<String, Admission> current = admissions.currentAdmissions();
        patients.load(current);
        current.forEach((bed, a) -> alarms.category(bed, a.patient().category()));
        startPatientsAndCharting(admissions);

        link.start();
        if (simulator != null) {
            simulator.start();
        }
        sound = new AlarmSoundPlayer(new JavaSoundSink(), config.audio(),
                reason -> {
                    LOG.warn("Alarm sounds cannot be played: {}", reason);
                    alarms.stationCondition(ConditionCatalog.AUDIO_UNAVAILABLE, true, "AUDIO UNAVAILABLE",
                            AlarmPriority.MEDIUM);
                },
                () -> alarms.stationCondition(ConditionCatalog.AUDIO_UNAVAILABLE, false, "AUDIO UNAVAILABLE",
                        AlarmPriority.MEDIUM),
                config.alarms().sounds(), AlarmSoundPlayer.DEFAULT_RETRY_INTERVAL);
        sound.start();
        if (config.audio() != AudioMode.OFF) {
            // the volume a charge nurse last set at this console, else the default; never below the floor
            StationSettings settings = new StationSettings(database, config.station());
            int volume = StationActionsImpl.startVolume(settings, (int) Math.round(AlarmVolume.DEFAULT * 100));
            sound.setVolume(volume / 100.0);
            sound.playTestTone(); // the nurse hears at start that the alarms can be heard
            actions.testTone(sound::playTestTone, null);
            actions.alarmVolume(settings, volume, percent -> {
                sound.setVolume(percent / 100.0);
                sound.playTestTone(); // heard at once at the new volume
            });
        }
        // the sound follows the alarms, not the screen: 10 times a second from the alarm engine's board
        scheduler.scheduleAtFixedRate(this::followAlarmSound, 100, 100, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::clearEndedAlarms, 1, 1, TimeUnit.SECONDS);
        health = new HealthReporter(clock, link, config.noDataAfter().toSeconds(), () -> frameStats);
        health.stalls(watchdog::alarmThreadStalls, watchdog::fxThreadStalls);
        scheduler.scheduleAtFixedRate(this::publishHealth, 1, 5, TimeUnit.SECONDS);
        LOG.info("Station {} on ward {} monitoring {} beds via {}{}", config.station(), config.ward(),
                config.beds().size(), config.effectiveBrokerUrl(), config.embedded() ? " (embedded)" : "");
    }

    /**
     * A headless station's first start creates the administrator from the config file's {@code adminPassword} or
     * {@code VIGIL_ADMIN_PASSWORD}; without either (and without an administrator) it refuses to start.
     */
    private void ensureHeadlessAdmin(org.vigil.data.store.UserStore users) {
        char[] fromConfig = config.adminPassword();
        try {
            org.vigil.data.store.FirstRun.ensureHeadlessAdmin(users, System.getenv(),
                    fromConfig == null ? null : new String(fromConfig)).ifPresent(admin -> LOG.warn(
                    "First start: administrator '{}' created; remove the administrator password from the "
                            + "configuration file and the environment", admin.username()));
        } catch (IllegalStateException | org.vigil.data.auth.WeakPasswordException e) {
            throw new ConfigException(e.getMessage());
        } finally {
            if (fromConfig != null) {
                java.util.Arrays.fill(fromConfig, '\0');
            }
        }
    }

    /** How far back the alarm log is read for alarms still open at a restart. */
    static final Duration RESTORE_LOOKBACK = Duration.ofDays(7);
    /** For this long after start, other stations' retained alarms of silent beds are shown (start-up restore). */
    static final Duration RESTORE_RETAINED_WINDOW = Duration.ofSeconds(15);

    /** Puts the alarms whose last logged state is active, acknowledged or latched back on the board. */
    private void restoreAlarms(AlarmLogStore alarmLog) {
        java.util.List<Alarm> open = new java.util.ArrayList<>();
        for (AlarmLogStore.OpenAlarm o : alarmLog.openAlarms(clock.instant().minus(RESTORE_LOOKBACK))) {
            AlarmLogEntry e = o.last();
            AlarmState state = AlarmState.fromWire(e.state());
            if (state == null || e.sourceTime() == null || ConditionCatalog.STATION_BED.equals(e.bedId())) {
                continue;
            }
            AlarmKind kind = "technical".equals(e.kind()) ? AlarmKind.TECHNICAL : AlarmKind.PHYSIOLOGICAL;
            boolean acked = state == AlarmState.ACKNOWLEDGED;
            open.add(new Alarm(e.alarmId(), e.bedId(), e.conditionCode(), kind, e.priority(),
                    state != AlarmState.LATCHED, e.text(), e.value(),
                    e.limitHigh() != null ? e.limitHigh() : e.limitLow(), e.unit(), e.sourceTime(),
                    o.firstLoggedAt(), state, acked ? e.username() : null, acked ? e.loggedAt() : null, 0, null,
                    false, e.loggedAt()));
        }
        if (!open.isEmpty()) {
            LOG.warn("Restoring {} alarms open in the alarm log before this start", open.size());
            alarms.restore(open);
        }
    }

    /** The simulator's made-up patients, admitted and marked SIMULATED; kept if already admitted. */
    private void admitSimulatedPatients(AdmissionStore admissions) {
        Instant now = clock.instant();
        for (SimulatedBed b : simulator.beds()) {
            var current = admissions.currentAdmission(b.bedId());
            if (current.isPresent() && current.get().patient().simulated()
                    && current.get().patient().name().equals(b.patientName())) {
                continue;
            }
            admissions.admit(b.bedId(), new NewPatient(null, b.patientName(), b.birthDate(), b.category(), true),
                    "simulator", now);
        }
    }

    private void followAlarmSound() {
        sound.setPriority(alarms.soundingPriority());
        Instant now = clock.instant();
        int level = 0;
        for (Alarm a : alarms.board().active()) {
            if (a.sounding(now)) {
                level = Math.max(level, a.escalationLevel());
            }
        }
        sound.setEscalationLevel(level);
    }

    /** Publishes an alarm's state on the ward topic; an ended one is cleared from the broker 60 s later. */
    private void publishAlarm(Alarm a) {
        if (ConditionCatalog.STATION_BED.equals(a.bed()) || link == null) {
            return; // this station's own technical conditions are not a bed's alarm
        }
        link.publishAlarm(a.toMessage(config.ward(), config.station()));
        if (a.state() == AlarmState.ENDED) {
            // cleared by the station's clock (clearEndedAlarms), so a fake clock tests it without waiting
            endedAlarms.putIfAbsent(a.id(), new EndedAlarm(a.bed(), a.id(), clock.instant().plus(CLEAR_ENDED_AFTER)));
        }
    }

    /** The contract: an ended alarm's retained message is cleared 60 s after it ended. */
    static final Duration CLEAR_ENDED_AFTER = Duration.ofSeconds(60);

    private record EndedAlarm(String bed, String id, Instant clearAt) {
    }

    /** Ended alarms waiting to be cleared from the broker, by id. */
    private final java.util.concurrent.ConcurrentHashMap<String, EndedAlarm> endedAlarms =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Once a second on the station scheduler: clears the ended alarms whose 60 s are over. */
    private void clearEndedAlarms() {
        Instant now = clock.instant();
        for (EndedAlarm e : endedAlarms.values()) {
            if (!now.isBefore(e.clearAt()) && endedAlarms.remove(e.id(), e)) {
                try {
                    link.clearAlarm(e.bed(), e.id());
                } catch (RuntimeException ex) { // a failure must not end the periodic task
                    LOG.warn("Clearing ended alarm {} failed: {}", e.id(), ex.toString());
                }
            }
        }
    }

    private AlarmLogEntry lateEntry(LateEvent late) {
        var patient = patients.patientOf(late.bed());
        return new AlarmLogEntry(0, late.at(), "late-" + late.bed() + "-" + late.deviceTime().toEpochMilli(),
                late.bed(), patient == null ? null : patient.id(), "LATE_DATA", "technical", AlarmPriority.LOW, "late",
                null, null, null, null, late.deviceTime(), null, config.station(),
                "Late data from " + late.device() + ": " + String.join("; ", late.findings()));
    }

    /** What the status line says of the alarm sounds: off is permanent and said, unavailable is an alarm too. */
    String recordingStatus() {
        return recorder == null ? "Recording: not started" : recorder.statusLine(clock.getZone());
    }

    /**
     * The recorder on the station's database; "recording stopped" (disk full, database down) is the station's
     * technical alarm RECORDING_STOPPED until it resumes by itself. Monitoring does not depend on it.
     */
    private org.vigil.data.recording.Recorder startRecorder() {
        org.vigil.data.recording.Recorder r = new org.vigil.data.recording.Recorder(database, clock,
                config.recording(),
                new org.vigil.data.recording.RecordingListener() {
                    @Override
                    public void recordingStopped(String reason) {
                        alarms.stationCondition(ConditionCatalog.RECORDING_STOPPED, true,
                                "RECORDING STOPPED: " + reason, AlarmPriority.MEDIUM);
                    }

                    @Override
                    public void recordingResumed() {
                        alarms.stationCondition(ConditionCatalog.RECORDING_STOPPED, false, "RECORDING STOPPED",
                                AlarmPriority.MEDIUM);
                    }
                });
        r.start();
        return r;
    }

    /** The recorder (null before {@link #start()}): the review's reader, and for tests. */
    public org.vigil.data.recording.Recorder recorder() {
        return recorder;
    }

    String audioStatus() {
        if (config.audio() == AudioMode.OFF) {
            return "AUDIO OFF";
        }
        if (sound != null && sound.audioUnavailable()) {
            return "AUDIO UNAVAILABLE";
        }
        Integer volume = actions == null ? null : actions.alarmVolumePercent();
        return volume == null ? "Audio: on" : "Audio: on, " + volume + " %";
    }

    private void publishHealth() {
        if (!closed) {
            health.publish();
        }
    }

    private AlarmLogEntry logEntry(AlarmChange c) {
        var a = c.alarm();
        var patient = patients.patientOf(a.bed());
        boolean high = a.condition().endsWith("_HIGH");
        return new AlarmLogEntry(0, c.at(), a.id(), a.bed(), patient == null ? null : patient.id(), a.condition(),
                a.kind().wireName(), a.priority(), c.state(), a.value(), high ? null : a.limit(),
                high ? a.limit() : null, a.unit(), a.onset(), a.ackBy(), config.station(), a.text());
    }

    /** What the console shows; call after {@link #start()}. */
    public StationContext uiContext() {
        return new StationContext(config.ward(), config.station(), clock, live, alarms::board, link,
                patients::patientOf, config.noDataAfter(), this::emrStatus,
                this::recordingStatus, this::audioStatus, actions, recorder);
    }

    /** The alarm history's reader: queries run on the database thread, never on the JavaFX thread. */
    public org.vigil.ui.alarms.history.AlarmHistorySource alarmHistory() {
        return q -> java.util.concurrent.CompletableFuture.supplyAsync(
                () -> alarmLog.query(q.bed(), q.priority(), q.from(), q.to(), q.max()), db);
    }

    /** The console's frame figures for the health message (null while headless). */
    public void setFrameStats(FrameStats stats) {
        this.frameStats = stats;
        if (stats != null && watchdog != null) {
            watchdog.watchFxThread(javafx.application.Platform::runLater); // one probe a second, not per message
        }
    }

    /**
     * The EMR link (when configured) and the console's admissions and charting on it: signed charting events wait
     * in the outbox (in the station's database) either way.
     */
    private void startPatientsAndCharting(AdmissionStore admissions) {
        if (emrOutbox == null) {
            emrOutbox = new org.vigil.data.emr.EmrOutbox(database, clock);
        }
        if (emrSettings == null && config.emr() != null) { // --emr and the config file's emr section
            emrSettings = config.emr().settings();
            emrSyncInterval = emrSyncInterval != null ? emrSyncInterval : config.emr().syncInterval();
        }
        if (emrSettings != null && emrClient == null) {
            emrClient = new org.vigil.data.emr.EmrClient(emrSettings, clock);
        }
        if (emrClient != null && emrWorker == null) {
            emrWorker = org.vigil.data.emr.EmrOutboxWorker.forClient(emrOutbox, emrClient, clock);
            emrWorker.start();
        }
        patientsAndCharting = new PatientsAndCharting(admissions, new org.vigil.data.store.AuditLog(database), alarms,
                link::publishSettings, patients, live, config, actions::currentUser, clock, emrClient, emrOutbox, () -> emrWorker,
                () -> recorder, emrSyncInterval);
        patientsAndCharting.start();
        if (emrClient != null && config.emr() != null && config.emr().autoChart() != null) {
            EncounterSyncRef sync = new EncounterSyncRef(patientsAndCharting);
            autoCharter = new AutoCharter(emrOutbox, live, patients, patientsAndCharting.patients()::emrReference,
                    sync::encounterAt, config.station(), config.emr().autoChart(), config.noDataAfter(), clock);
            autoCharter.start();
        }
    }

    /** The status bar's EMR item: the link's state and backlog (the outbox worker's status). */
    String emrStatus() {
        org.vigil.data.emr.EmrOutboxWorker w = emrWorker;
        return w == null ? "EMR not configured" : w.status().text(java.time.ZoneId.systemDefault());
    }

    /** Admissions at the console (null before {@link #start()}). */
    public org.vigil.ui.patients.PatientService patientService() {
        return patientsAndCharting == null ? null : patientsAndCharting.patients();
    }

    /** Charting at the console (null before {@link #start()}). */
    public org.vigil.ui.charting.ChartingService chartingService() {
        return patientsAndCharting == null ? null : patientsAndCharting.charting();
    }

    PatientsAndCharting patientsAndCharting() {
        return patientsAndCharting;
    }

    org.vigil.data.emr.EmrOutbox emrOutbox() {
        return emrOutbox;
    }

    org.vigil.data.emr.EmrOutboxWorker emrWorker() {
        return emrWorker;
    }

    public StationConfig config() {
        return config;
    }

    public WardLive live() {
        return live;
    }

    public AlarmEngine alarms() {
        return alarms;
    }

    public WardLink link() {
        return link;
    }

    Watchdog watchdog() {
        return watchdog;
    }

    HealthReporter health() {
        return health;
    }

    VigilDatabase database() {
        return database;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Station {} stopping: monitoring of ward {} ends here", config.station(), config.ward());
        scheduler.shutdownNow();
        // the link first: the simulator's goodbye ("offline") must not raise alarms in a station that is stopping
        closeQuietly(link);
        closeQuietly(recorder); // after the link (nothing more comes in), before the database: writes what it holds
        closeQuietly(simulator);
        closeQuietly(sound);
        closeQuietly(watchdog);
        Threads.shutdown(actionsExecutor, 5);
        closeQuietly(autoCharter);
        closeQuietly(patientsAndCharting);
        closeQuietly(emrWorker);
        closeQuietly(emrClient);
        closeQuietly(alarms);
        Threads.shutdown(db, 5);
        closeQuietly(broker);
        closeQuietly(database);
    }

    /**
     * The ward-wide PostgreSQL store. A wrong URL, a refused login or an unreachable server is a configuration error
     * (one line, exit code 2), not a crash: the operator fixes --db or the config file's database section.
     */
    private static VigilDatabase openWardStore(DatabaseSettings settings) {
        char[] password = settings.password();
        try {
            return VigilDatabase.open(settings.url(), settings.user(), password == null ? null : new String(password));
        } catch (org.vigil.data.store.DatabaseException e) {
            throw new ConfigException("--db: " + e.getMessage());
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
        }
    }

    /** Beds "01".."NN" labelled "Bed NN", the simulator's ids, for a simulated ward without configured beds. */
    static java.util.List<Bed> numberedBeds(int n) {
        String format = n > 99 ? "%03d" : "%02d";
        java.util.List<Bed> beds = new java.util.ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            String id = String.format(format, i);
            beds.add(new Bed(id, "Bed " + id, true));
        }
        return beds;
    }

    /** The admission sync's Encounter at a bed, for automatic charting (empty without a sync). */
    private record EncounterSyncRef(PatientsAndCharting pc) {
        java.util.Optional<org.vigil.data.emr.BedEncounter> encounterAt(String bed) {
            return pc.sync() == null ? java.util.Optional.empty() : pc.sync().encounterAt(bed);
        }
    }

    /** {@code --emr-auto-chart}'s charter, or null when off (tests run a round with {@link AutoCharter#chartNow()}). */
    AutoCharter autoCharter() {
        return autoCharter;
    }
}
