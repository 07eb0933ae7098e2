package org.vigil.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alarms.AlarmEngine;
import org.vigil.alarms.BedAlarmSettings;
import org.vigil.data.emr.AdmissionProposal;
import org.vigil.data.emr.EmrClient;
import org.vigil.data.emr.EmrException;
import org.vigil.data.emr.EmrPatient;
import org.vigil.data.emr.EncounterSync;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.Patient;
import org.vigil.data.model.PatientCategory;
import org.vigil.data.model.Permission;
import org.vigil.data.model.User;
import org.vigil.data.store.Admission;
import org.vigil.data.store.AdmissionStore;
import org.vigil.data.store.AuditLog;
import org.vigil.data.store.NewPatient;
import org.vigil.link.live.BedLive;
import org.vigil.link.live.WardLive;
import org.vigil.ui.patients.PatientService;
import org.vigil.ui.users.StationActions.Result;

/**
 * Admissions at this station: EMR search, admission from the EMR or by hand, discharge and transfer (each
 * audited in the admission's own commit, needing a logged-in nurse), the EMR's admission changes
 * ({@link EncounterSync}: applied at once when no bed with live data is affected, else offered to a nurse), and
 * the matcher that confirms patients admitted by hand once the EMR knows their MRN. A transferred patient's alarm
 * settings (category, limits, alarm-off switches) follow them to the new bed, which gets them in the alarm engine
 * and on its settings topic; the old bed returns to its category's defaults, on its topic too.
 *
 * <p>Threads: admission changes run one at a time on {@code changes} ("vigil-patients"); EMR searches and the
 * matcher on {@code emrCalls} ("vigil-emr-search"), so that a slow EMR never delays an admission. The
 * {@link EncounterSync} calls its listener on its own thread; the listener hands over to {@code changes}.
 * {@link #emrConfigured()} and {@link #awaitingConfirmation()} are cheap and may be called on any thread.
 */
final class PatientServiceImpl implements PatientService, EncounterSync.Ward, EncounterSync.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(PatientServiceImpl.class);
    /** The audit user of changes the station makes on the EMR's word, without a nurse. */
    static final String EMR_SYNC = "emr-sync";
    /** The audit user of the matcher's confirmations. */
    static final String EMR_MATCH = "emr-match";
    static final String ADMIT_REFUSED = "admit_refused";
    static final String EMR_CHANGE_CONFIRMED = "emr_change_confirmed";

    private final AdmissionStore admissions;
    private final AuditLog audit;
    private final AlarmEngine alarms;
    /** Shares a bed's settings with the ward's other stations (retained settings topic). */
    private final Consumer<BedSettings> publishSettings;
    private final PatientDirectory patients;
    private final WardLive live;
    private final String ward;
    private final List<String> beds;
    private final EmrClient emr;
    private final Supplier<User> user;
    private final String station;
    private final Clock clock;
    private final Duration noDataAfter;
    private final Executor changes;
    private final Executor emrCalls;
    /** The EMR's Patient reference of the station's patients, by patient id (learnt from the EMR; not stored). */
    private final Map<Long, String> references = new ConcurrentHashMap<>();
    private final Set<String> dismissed = ConcurrentHashMap.newKeySet();
    private volatile List<AdmissionProposal> awaiting = List.of();

    /** @param publishSettings shares a bed's alarm settings with the ward (a transfer moves them) */
    PatientServiceImpl(AdmissionStore admissions, AuditLog audit, AlarmEngine alarms,
                       Consumer<BedSettings> publishSettings, PatientDirectory patients, WardLive live, String ward,
                       Collection<String> beds, EmrClient emr, Supplier<User> user, String station, Clock clock,
                       Duration noDataAfter, Executor changes, Executor emrCalls) {
        this.admissions = Objects.requireNonNull(admissions);
        this.audit = Objects.requireNonNull(audit);
        this.alarms = Objects.requireNonNull(alarms);
        this.publishSettings = Objects.requireNonNull(publishSettings);
        this.patients = Objects.requireNonNull(patients);
        this.live = Objects.requireNonNull(live);
        this.ward = Objects.requireNonNull(ward);
        this.beds = List.copyOf(beds);
        this.emr = emr;
        this.user = Objects.requireNonNull(user);
        this.station = Objects.requireNonNull(station);
        this.clock = Objects.requireNonNull(clock);
        this.noDataAfter = Objects.requireNonNull(noDataAfter);
        this.changes = Objects.requireNonNull(changes);
        this.emrCalls = Objects.requireNonNull(emrCalls);
    }

    // ---------------------------------------------------------------- search

    @Override
    public boolean emrConfigured() {
        return emr != null;
    }

    @Override
    public CompletableFuture<Found> searchByMrn(String mrn) {
        return search(() -> emr.findPatientsByMrn(mrn.strip()));
    }

    @Override
    public CompletableFuture<Found> searchByNameAndBirthDate(String name, LocalDate birthDate) {
        return search(() -> emr.findPatientsByNameAndBirthDate(name.strip(), birthDate));
    }

    private CompletableFuture<Found> search(Supplier<List<EmrPatient>> query) {
        if (emr == null) {
            return CompletableFuture.completedFuture(new Found(List.of(), "EMR not configured", true));
        }
        return supply(emrCalls, () -> {
            try {
                return new Found(query.get(), null, false);
            } catch (EmrException.Unreachable e) {
                return new Found(List.of(), e.credentialsRefused() ? "The EMR refuses this station's credentials"
                        : e.getMessage(), true); // the client's message already says "EMR unreachable (...)"
            } catch (EmrException.Refused e) {
                return new Found(List.of(), "The EMR refused the search: " + e.getMessage(), false);
            }
        }, new Found(List.of(), "The station is stopping", false));
    }

    // ---------------------------------------------------------------- admissions by a nurse

    @Override
    public CompletableFuture<Result> admitFromEmr(String bed, EmrPatient p, PatientCategory category) {
        PatientCategory c = category == null ? p.suggestedCategory(today()) : category;
        return act("admit a patient", bed, "admit " + p.reference() + " (EMR)", u -> {
            Admission a = admit(bed, new NewPatient(p.mrn(), p.name(), p.birthDate(), c, false), true, u.username());
            references.put(a.patient().id(), p.reference());
            return "Admitted " + p.name() + " to " + label(bed);
        });
    }

    @Override
    public CompletableFuture<Result> admitByHand(String bed, String name, String mrn, LocalDate birthDate,
                                                 PatientCategory category) {
        String problem = name == null || name.isBlank() ? "A patient admitted by hand needs a name"
                : mrn == null || mrn.isBlank() ? "A patient admitted by hand needs an MRN (it matches them in the EMR later)"
                : birthDate == null ? "A patient admitted by hand needs a birth date"
                : birthDate.isAfter(today()) ? "The birth date " + birthDate + " is in the future"
                : category == null ? "Choose the patient's category" : null;
        if (problem != null) {
            return supply(changes, () -> {
                User u = user.get();
                audit.record(u == null ? null : u.username(), station, ADMIT_REFUSED, bed, null, problem, clock.instant());
                return Result.refused(problem, u);
            }, Result.refused("The station is stopping", user.get()));
        }
        return act("admit a patient", bed, "admit by hand, MRN " + mrn.strip(), u -> {
            admit(bed, new NewPatient(mrn, name.strip(), birthDate, category, false), false, u.username());
            emrCalls.execute(this::matchUnconfirmed); // the EMR may know them already
            return "Admitted " + name.strip() + " to " + label(bed) + " by hand: unconfirmed until the EMR knows MRN "
                    + mrn.strip();
        });
    }

    @Override
    public CompletableFuture<Result> discharge(String bed) {
        return act("discharge a patient", bed, "discharge", u -> {
            Patient p = patients.patientOf(bed);
            if (p == null) {
                return null;
            }
            discharge(bed, u.username());
            return "Discharged " + p.name() + " from " + label(bed) + ": the bed's alarms ended";
        });
    }

    @Override
    public CompletableFuture<Result> transfer(String fromBed, String toBed) {
        return act("transfer a patient", fromBed, "transfer to bed " + toBed, u -> {
            Patient p = patients.patientOf(fromBed);
            if (p == null) {
                return null;
            }
            transfer(fromBed, toBed, u.username());
            return "Transferred " + p.name() + " from " + label(fromBed) + " to " + label(toBed);
        });
    }

    // ---------------------------------------------------------------- the EMR's admission changes

    @Override
    public List<AdmissionProposal> awaitingConfirmation() {
        return awaiting;
    }

    @Override
    public CompletableFuture<Result> confirm(AdmissionProposal proposal) {
        return act("confirm the EMR's admission change", proposal.bedId(), proposal.describe(), u -> {
            boolean current = awaiting.stream().anyMatch(p -> p.key().equals(proposal.key()));
            if (!current) {
                throw new IllegalStateException("The EMR no longer asks for this change");
            }
            audit.record(u.username(), station, EMR_CHANGE_CONFIRMED, proposal.bedId(), null, proposal.describe(),
                    clock.instant());
            apply(proposal, u.username());
            awaiting = awaiting.stream().filter(p -> !p.key().equals(proposal.key())).toList();
            return "Done: " + proposal.describe();
        });
    }

    @Override
    public void dismiss(AdmissionProposal proposal) {
        dismissed.add(proposal.key());
        awaiting = awaiting.stream().filter(p -> !p.key().equals(proposal.key())).toList();
    }

    @Override
    public String wardId() {
        return ward;
    }

    @Override
    public Collection<String> bedIds() {
        return beds;
    }

    @Override
    public Map<String, EncounterSync.Occupant> occupants() {
        Map<String, EncounterSync.Occupant> occupied = new LinkedHashMap<>();
        Instant now = clock.instant();
        patients.all().forEach((bed, p) -> {
            if (!p.simulated()) {
                occupied.put(bed, new EncounterSync.Occupant(bed, p.name(), p.mrn(), references.get(p.id()),
                        liveData(bed, now)));
            }
        });
        return occupied;
    }

    /** On the sync thread: applies what needs no nurse, offers the rest (one at a time on the changes thread). */
    @Override
    public void proposals(List<AdmissionProposal> proposals) {
        try {
            changes.execute(() -> {
                List<AdmissionProposal> ask = new ArrayList<>();
                Instant now = clock.instant();
                for (AdmissionProposal p : proposals) {
                    // live data may have begun since the poll: never move or remove such a patient unasked
                    if (p.needsConfirmation() || affectsLiveData(p, now)) {
                        if (!dismissed.contains(p.key())) {
                            ask.add(p);
                        }
                        continue;
                    }
                    try {
                        apply(p, EMR_SYNC);
                        LOG.info("Applied from the EMR: {}", p.describe());
                    } catch (RuntimeException e) {
                        LOG.warn("Could not apply the EMR's change ({}): {}", p.describe(), e.getMessage());
                    }
                }
                Set<String> keys = new java.util.HashSet<>();
                proposals.forEach(p -> keys.add(p.key()));
                dismissed.retainAll(keys); // put off until the EMR asks for something else
                awaiting = List.copyOf(ask);
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Station stopping: EMR proposals ignored");
        }
    }

    @Override
    public void encounters(Map<String, org.vigil.data.emr.BedEncounter> byBed) {
        // the EMR's Patient references of the patients it places: charting refers to them
        byBed.forEach((bed, be) -> {
            Patient p = patients.patientOf(bed);
            if (p != null && p.mrn() != null && p.mrn().equals(be.patient().mrn())) {
                references.putIfAbsent(p.id(), be.patient().reference());
            }
        });
    }

    /** True when applying {@code p} now would move or remove a patient whose bed has live data. */
    private boolean affectsLiveData(AdmissionProposal p, Instant now) {
        boolean occupiedLive = patients.patientOf(p.bedId()) != null && liveData(p.bedId(), now);
        return switch (p.kind()) {
            case ADMIT, DISCHARGE -> occupiedLive;
            case TRANSFER -> occupiedLive || (p.fromBedId() != null && liveData(p.fromBedId(), now));
        };
    }

    private void apply(AdmissionProposal p, String by) {
        EmrPatient who = p.patient();
        switch (p.kind()) {
            case ADMIT -> {
                Admission a = admit(p.bedId(), new NewPatient(who.mrn(), who.name(), who.birthDate(),
                        who.suggestedCategory(today()), false), true, by);
                references.put(a.patient().id(), who.reference());
            }
            case TRANSFER -> {
                if (patients.patientOf(p.bedId()) != null) {
                    discharge(p.bedId(), by); // whoever the EMR no longer places there
                }
                transfer(p.fromBedId(), p.bedId(), by);
            }
            case DISCHARGE -> discharge(p.bedId(), by);
        }
    }

    // ---------------------------------------------------------------- the matcher

    /**
     * Matches patients admitted by hand to the EMR's patient with their MRN (exactly one), confirming them; also
     * learns the EMR's reference of confirmed patients (after a restart). Stops at the first unreachable answer.
     * On the EMR thread; runs every 30 s and after each admission by hand.
     */
    void matchUnconfirmed() {
        if (emr == null) {
            return;
        }
        for (Map.Entry<String, Patient> e : patients.all().entrySet()) {
            Patient p = e.getValue();
            if (p.simulated() || p.mrn() == null || (p.confirmed() && references.containsKey(p.id()))) {
                continue;
            }
            List<EmrPatient> found;
            try {
                found = emr.findPatientsByMrn(p.mrn());
            } catch (EmrException.Unreachable u) {
                LOG.debug("Matching by MRN waits for the EMR: {}", u.getMessage());
                return;
            } catch (EmrException.Refused r) {
                LOG.warn("The EMR refused the search for MRN {}: {}", p.mrn(), r.getMessage());
                continue;
            }
            if (found.size() != 1) {
                if (found.size() > 1) {
                    LOG.warn("MRN {} matches {} patients in the EMR: {} stays unconfirmed", p.mrn(), found.size(), p.name());
                }
                continue;
            }
            EmrPatient match = found.get(0);
            references.put(p.id(), match.reference());
            if (!p.confirmed()) {
                try {
                    changes.execute(() -> {
                        if (admissions.confirm(p.id(), match.name(), match.birthDate(), EMR_MATCH, clock.instant())) {
                            LOG.info("Patient {} (MRN {}) in bed {} matched to {}", p.name(), p.mrn(), e.getKey(),
                                    match.reference());
                        }
                        reload();
                    });
                } catch (RejectedExecutionException stopping) {
                    return;
                }
            }
        }
    }

    /** The EMR's reference of a station patient, when known. Any thread. */
    String emrReference(long patientId) {
        return references.get(patientId);
    }

    // ---------------------------------------------------------------- the changes (changes thread)

    private Admission admit(String bed, NewPatient p, boolean confirmed, String by) {
        Patient before = patients.patientOf(bed);
        PatientCategory inForce = alarms.board().settings(bed).category() == null ? PatientCategory.ADULT
                : alarms.board().settings(bed).category();
        Patient elsewhere = p.mrn() == null ? null : patients.all().entrySet().stream()
                .filter(e -> !e.getKey().equals(bed) && p.mrn().equals(e.getValue().mrn()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        Admission a = admissions.admit(bed, p, confirmed, by, clock.instant());
        if (before != null) {
            alarms.discharge(bed); // the previous patient's alarms end with their admission
        }
        if (elsewhere != null) {
            patients.all().forEach((b, q) -> {
                if (q.id() == elsewhere.id() && !b.equals(bed)) {
                    alarms.discharge(b); // the same patient's bed before (a move)
                }
            });
        }
        if (before != null || inForce != p.category()) {
            // the ward learns the new patient's category and its defaults (the previous patient's limits go); with
            // the same category on an empty bed the settings in force stay: defaults since the discharge, or a
            // fresher edit for this patient made at another station
            BedSettings admitted = new BedSettings(bed, p.category(), BedAlarmSettings.defaults(p.category()).limits(),
                    List.of(), by, station, laterThanInForce(bed));
            alarms.applySettings(admitted);
            publishSettings.accept(admitted);
        }
        reload();
        return a;
    }

    /**
     * Ends the admission and the bed's alarms; the bed's settings return to its category's defaults here and, through
     * the retained settings topic, at every other station (and at this one after a restart), so the next patient
     * never inherits the previous one's limits or alarm-off switches.
     */
    private void discharge(String bed, String by) {
        BedAlarmSettings inForce = alarms.board().settings(bed);
        Patient leaving = patients.patientOf(bed);
        PatientCategory category = inForce.category() != null ? inForce.category()
                : leaving != null ? leaving.category() : PatientCategory.ADULT;
        BedSettings defaults = new BedSettings(bed, category, BedAlarmSettings.defaults(category).limits(), List.of(),
                by, station, laterThanInForce(bed));
        admissions.discharge(bed, by, clock.instant());
        alarms.discharge(bed);
        publishSettings.accept(defaults);
        reload();
    }

    /**
     * Moves the patient and their alarm settings: the new bed gets the category, limits and alarm-off switches in
     * force on the old one (audited with the transfer), the old bed its category's defaults; both are published,
     * so that every station of the ward (and this one after a restart, from the retained topics) alarms alike.
     */
    private void transfer(String from, String to, String by) {
        BedAlarmSettings inForce = alarms.board().settings(from);
        Patient moving = patients.patientOf(from);
        PatientCategory category = inForce.category() != null ? inForce.category()
                : moving != null ? moving.category() : PatientCategory.ADULT;
        Map<String, org.vigil.data.model.Limit> limits = new LinkedHashMap<>(inForce.limits());
        // a default limit the charge nurse removed stays removed (an empty limit), rather than coming back
        BedAlarmSettings.defaults(category).limits().keySet().forEach(code ->
                limits.putIfAbsent(code, new org.vigil.data.model.Limit(null, null)));
        BedSettings following = new BedSettings(to, category, limits, List.copyOf(inForce.alarmOff()), by, station,
                laterThanInForce(to));
        BedSettings defaults = new BedSettings(from, category, BedAlarmSettings.defaults(category).limits(), List.of(),
                by, station, laterThanInForce(from));
        admissions.transfer(from, to, by, clock.instant(),
                "alarm settings follow: " + StationActionsImpl.describe(following));
        alarms.discharge(from);
        alarms.applySettings(following);
        publishSettings.accept(following);
        publishSettings.accept(defaults);
        reload();
    }

    /**
     * A settings time stamp that wins over the bed's settings in force, including a discharge the alarm engine has
     * yet to show (stamped with the clock's instant before this call): the next millisecond, at least.
     */
    private Instant laterThanInForce(String bed) {
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusMillis(1);
        Instant inForce = alarms.board().settings(bed).updatedAt();
        if (inForce != null && !at.isAfter(inForce)) {
            at = inForce.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusMillis(1);
        }
        return at;
    }

    private void reload() {
        patients.reload(admissions.currentAdmissions());
    }

    private boolean liveData(String bed, Instant now) {
        BedLive b = live.bed(bed);
        Instant last = b == null ? null : b.lastDataAt();
        return last != null && now.isBefore(last.plus(noDataAfter));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), clock.getZone());
    }

    private String label(String bed) {
        BedLive b = live.bed(bed);
        return b == null ? "bed " + bed : b.label();
    }

    private interface Change {
        /** @return the status line's message, or null when there was nothing to do */
        String apply(User u);
    }

    /**
     * Checks that a nurse is logged in (refusal audited), then makes the change, whose audit row the admission
     * store commits with it.
     */
    private CompletableFuture<Result> act(String what, String bed, String detail, Change change) {
        return supply(changes, () -> {
            User u = user.get();
            Patient p = bed == null ? null : patients.patientOf(bed);
            Long patientId = p == null ? null : p.id();
            if (u == null || !u.may(Permission.ADMIT_PATIENT)) {
                audit.record(u == null ? null : u.username(), station, ADMIT_REFUSED, bed, patientId,
                        detail + ": " + (u == null ? "not logged in" : u.role().wireName() + " may not"), clock.instant());
                return Result.refused(u == null ? "Log in to " + what : "You may not " + what, u);
            }
            try {
                String message = change.apply(u);
                return message == null ? Result.refused(label(bed) + " has no patient", u) : Result.done(message, u);
            } catch (IllegalStateException | IllegalArgumentException e) {
                audit.record(u.username(), station, ADMIT_REFUSED, bed, patientId, detail + ": " + e.getMessage(),
                        clock.instant());
                return Result.refused(capitalized(e.getMessage()), u);
            }
        }, Result.refused("The station is stopping", user.get()));
    }

    private static String capitalized(String s) {
        return s == null || s.isEmpty() ? "Not done" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static <T> CompletableFuture<T> supply(Executor executor, Supplier<T> work, T whenStopping) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return work.get();
                } catch (RuntimeException e) {
                    LOG.warn("Admission action failed", e);
                    throw e;
                }
            }, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(whenStopping);
        }
    }
}
