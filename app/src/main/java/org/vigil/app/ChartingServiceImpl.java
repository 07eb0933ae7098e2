package org.vigil.app;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.data.emr.BedEncounter;
import org.vigil.data.emr.ChartingEvent;
import org.vigil.data.emr.EmrOutbox;
import org.vigil.data.emr.EmrOutboxWorker;
import org.vigil.data.emr.EmrPatientRef;
import org.vigil.data.emr.EmrStatus;
import org.vigil.data.emr.OutboxEntry;
import org.vigil.data.emr.VitalSignCodes;
import org.vigil.data.model.Patient;
import org.vigil.data.model.Permission;
import org.vigil.data.model.User;
import org.vigil.data.recording.MinuteAggregate;
import org.vigil.data.recording.RecordingReader;
import org.vigil.data.store.AuditLog;
import org.vigil.ui.charting.ChartingDraft;
import org.vigil.ui.charting.ChartingService;
import org.vigil.ui.users.StationActions.Result;

/**
 * Charting at this station: a nurse's signed draft becomes a {@link ChartingEvent} for the bed's patient (their
 * EMR reference when known, else their MRN; their in-progress Encounter when the EMR places them in that bed),
 * written to the {@link EmrOutbox} with the signature in one durable commit; the outbox worker sends it. All work
 * runs on {@code executor} ("vigil-charting"), never on the JavaFX thread; {@link #status()} is cheap.
 */
final class ChartingServiceImpl implements ChartingService {
    private static final Logger LOG = LoggerFactory.getLogger(ChartingServiceImpl.class);
    static final String CHART_REFUSED = EmrOutbox.AUDIT_CHART + "_refused";
    private static final Set<String> CHARTED_CODES = Set.of(VitalSignCodes.HEART_RATE, VitalSignCodes.SPO2,
            VitalSignCodes.RESP_RATE, VitalSignCodes.NIBP_SYS, VitalSignCodes.NIBP_DIA, VitalSignCodes.NIBP_MEAN,
            VitalSignCodes.TEMP_BODY);

    private final EmrOutbox outbox;
    private final Supplier<EmrOutboxWorker> worker;
    private final PatientDirectory patients;
    private final LongFunction<String> emrReference;
    private final Function<String, Optional<BedEncounter>> encounterAt;
    private final Supplier<RecordingReader> recording;
    private final AuditLog audit;
    private final Supplier<User> user;
    private final String station;
    private final Clock clock;
    private final Executor executor;

    /**
     * @param worker       the outbox worker (its status is the EMR's state and backlog); null result: no EMR
     * @param emrReference the EMR's Patient reference of a station patient, or null
     * @param encounterAt  the in-progress Encounter the EMR places at a bed (empty without EMR admission sync)
     * @param recording    the recording's reader for the median of a minute; null result: nothing recorded
     */
    ChartingServiceImpl(EmrOutbox outbox, Supplier<EmrOutboxWorker> worker, PatientDirectory patients,
                        LongFunction<String> emrReference, Function<String, Optional<BedEncounter>> encounterAt,
                        Supplier<RecordingReader> recording, AuditLog audit, Supplier<User> user, String station,
                        Clock clock, Executor executor) {
        this.outbox = Objects.requireNonNull(outbox);
        this.worker = Objects.requireNonNull(worker);
        this.patients = Objects.requireNonNull(patients);
        this.emrReference = Objects.requireNonNull(emrReference);
        this.encounterAt = Objects.requireNonNull(encounterAt);
        this.recording = Objects.requireNonNull(recording);
        this.audit = Objects.requireNonNull(audit);
        this.user = Objects.requireNonNull(user);
        this.station = Objects.requireNonNull(station);
        this.clock = Objects.requireNonNull(clock);
        this.executor = Objects.requireNonNull(executor);
    }

    @Override
    public CompletableFuture<Result> sign(String bed, ChartingDraft draft) {
        return supply(() -> {
            User u = user.get();
            Patient p = patients.patientOf(bed);
            Long patientId = p == null ? null : p.id();
            String problem = u == null ? "Log in to chart vitals"
                    : !u.may(Permission.CHART_VITALS) ? "You may not chart vitals"
                    : p == null ? "Bed " + bed + " has no patient: admit one before charting" : null;
            ChartingEvent event = null;
            if (problem == null) {
                try {
                    event = event(bed, p, u, draft);
                } catch (IllegalArgumentException e) {
                    problem = "Cannot chart: " + e.getMessage();
                }
            }
            if (problem != null) {
                audit.record(u == null ? null : u.username(), station, CHART_REFUSED, bed, patientId, problem,
                        clock.instant());
                return Result.refused(problem, u);
            }
            OutboxEntry entry = outbox.sign(event, u.username()); // the event and the signature: one commit
            LOG.info("Charting event {} signed by {} for bed {}", entry.eventIdentifier(), u.username(), bed);
            return Result.done("Charted for " + p.name() + " (signed by " + u.displayName()
                    + "): pending until the EMR accepts it", u);
        }, () -> Result.refused("The station is stopping", user.get()));
    }

    private ChartingEvent event(String bed, Patient p, User u, ChartingDraft d) {
        String known = emrReference.apply(p.id());
        Optional<BedEncounter> encounter = encounterAt.apply(bed)
                .filter(be -> (p.mrn() != null && p.mrn().equals(be.patient().mrn()))
                        || (known != null && known.equals(be.patient().reference())));
        String reference = known;
        if (reference == null && encounter.isPresent()) {
            reference = encounter.get().patient().reference();
        }
        if (reference == null && p.mrn() == null) {
            throw new IllegalArgumentException(p.name() + " has neither an MRN nor a patient in the EMR");
        }
        return new ChartingEvent(station, UUID.randomUUID().toString(), new EmrPatientRef(reference, p.mrn()), p.id(),
                encounter.map(BedEncounter::encounter).orElse(null), bed, d.deviceId(), u.username(), d.effective(),
                d.values(), d.acvpu(), d.supplementalOxygen(), ChartingEvent.Status.FINAL);
    }

    @Override
    public CompletableFuture<List<OutboxEntry>> events(String bed) {
        return supply(() -> {
            Patient p = patients.patientOf(bed);
            return p == null ? List.<OutboxEntry>of() : outbox.forPatient(p.id(), 200);
        }, List::of);
    }

    @Override
    public CompletableFuture<List<MinuteAggregate>> minute(String bed, Instant minute) {
        return supply(() -> {
            RecordingReader r = recording.get();
            return r == null ? List.<MinuteAggregate>of() : r.minutes(bed, CHARTED_CODES, minute, minute.plusSeconds(60));
        }, List::of);
    }

    @Override
    public EmrStatus status() {
        EmrOutboxWorker w = worker.get();
        return w == null ? null : w.status();
    }

    private <T> CompletableFuture<T> supply(Supplier<T> work, Supplier<T> whenStopping) {
        try {
            return CompletableFuture.supplyAsync(work, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(whenStopping.get());
        }
    }
}
