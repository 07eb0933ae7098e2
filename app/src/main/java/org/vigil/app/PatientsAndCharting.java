package org.vigil.app;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alarms.AlarmEngine;
import org.vigil.data.emr.EmrClient;
import org.vigil.data.emr.EmrOutbox;
import org.vigil.data.emr.EmrOutboxWorker;
import org.vigil.data.emr.EncounterSync;
import org.vigil.data.model.Bed;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.User;
import org.vigil.data.recording.RecordingReader;
import org.vigil.data.store.AdmissionStore;
import org.vigil.data.store.AuditLog;
import org.vigil.link.live.WardLive;

/**
 * The console's admissions and charting (issue 6) on top of the station's EMR link: the services the console
 * calls ({@link PatientServiceImpl}, {@link ChartingServiceImpl}), the EMR admission sync ({@link EncounterSync},
 * every 30 s by default) and the matcher of patients admitted by hand (every 30 s, "vigil-emr-search"). Without
 * an EMR client there is no sync and no matcher: admission is by hand, and signed events wait in the outbox.
 * Created and closed by the {@link Station} on its start and close threads.
 */
final class PatientsAndCharting implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PatientsAndCharting.class);
    static final Duration MATCH_INTERVAL = Duration.ofSeconds(30);

    private final ExecutorService changes = Threads.single("vigil-patients");
    private final ExecutorService charting = Threads.single("vigil-charting");
    private final ScheduledExecutorService emrCalls = Threads.scheduled("vigil-emr-search");
    private final PatientServiceImpl patients;
    private final ChartingServiceImpl chartingService;
    private final EncounterSync sync;

    /**
     * @param emr          the EMR client, or null when no EMR is configured
     * @param outbox       the EMR outbox in the station's database
     * @param worker       the outbox worker (its status is the status bar's EMR state); null result without EMR
     * @param syncInterval how often the EMR is asked for the ward's Encounters (null: 30 s)
     * @param publishSettings shares a bed's alarm settings with the ward (a transfer moves them)
     */
    PatientsAndCharting(AdmissionStore admissions, AuditLog audit, AlarmEngine alarms,
                        Consumer<BedSettings> publishSettings, PatientDirectory directory, WardLive live,
                        StationConfig config, Supplier<User> user, Clock clock, EmrClient emr,
                        EmrOutbox outbox, Supplier<EmrOutboxWorker> worker, Supplier<RecordingReader> recording,
                        Duration syncInterval) {
        patients = new PatientServiceImpl(admissions, audit, alarms, publishSettings, directory, live, config.ward(),
                config.beds().stream().map(Bed::id).toList(), emr, user, config.station(), clock,
                config.noDataAfter(), changes, emrCalls);
        sync = emr == null ? null : new EncounterSync(emr, patients, patients, syncInterval, clock);
        chartingService = new ChartingServiceImpl(outbox, worker, directory, patients::emrReference,
                bed -> sync == null ? Optional.empty() : sync.encounterAt(bed), recording, audit, user,
                config.station(), clock, charting);
    }

    /** Starts the admission sync and the matcher (nothing without an EMR). */
    void start() {
        if (sync == null) {
            return;
        }
        sync.start();
        emrCalls.scheduleWithFixedDelay(() -> {
            try {
                patients.matchUnconfirmed();
            } catch (RuntimeException e) {
                LOG.warn("Matching patients admitted by hand failed", e);
            }
        }, MATCH_INTERVAL.toMillis(), MATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    PatientServiceImpl patients() {
        return patients;
    }

    ChartingServiceImpl charting() {
        return chartingService;
    }

    /** The EMR admission sync, or null without an EMR (tests poll it directly). */
    EncounterSync sync() {
        return sync;
    }

    @Override
    public void close() {
        if (sync != null) {
            sync.close();
        }
        emrCalls.shutdownNow();
        Threads.shutdown(changes, 5);
        Threads.shutdown(charting, 5);
    }
}
