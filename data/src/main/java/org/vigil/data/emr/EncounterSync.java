package org.vigil.data.emr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission sync: every {@code interval} (30 s by default) asks the EMR for the in-progress Encounters at the
 * ward's beds ({@link EmrClient#inProgressEncounters}) and compares them with the station's admissions, reporting
 * proposed admissions, transfers and discharges to the {@link Listener}. It changes nothing itself: the app
 * applies what needs no confirmation and asks a nurse for the rest ({@link AdmissionProposal#needsConfirmation()}:
 * a change that would move or remove a patient whose bed has live data).
 *
 * <p>Rules: a bed the EMR places a patient in, and where the station has someone else or no one, gives ADMIT
 * (or TRANSFER when the station has that patient in another bed). A DISCHARGE is proposed only when an Encounter
 * seen at a bed by an earlier poll is no longer in progress anywhere in the ward and the station still has that
 * patient there: patients admitted by hand, whom the EMR never placed, stay. Proposals are state-derived and
 * repeated on every poll until the station's admissions match (see {@link AdmissionProposal#key()}).
 *
 * <p>{@link #pollOnce()} runs one poll on the calling thread (tests); {@link #start()} polls on the named thread
 * {@value #THREAD_NAME}. Listeners are called on the polling thread.
 */
public final class EncounterSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EncounterSync.class);
    public static final String THREAD_NAME = "vigil-emr-sync";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    /**
     * The station's patient in a bed, as the sync compares it with the EMR.
     *
     * @param mrn          the patient's MRN, or null
     * @param emrReference the EMR's Patient reference when known, or null
     * @param liveData     true when the bed currently has live data from a device
     */
    public record Occupant(String bedId, String name, String mrn, String emrReference, boolean liveData) {
        boolean sameAs(EmrPatient p) {
            return (mrn != null && mrn.equals(p.mrn())) || (emrReference != null && emrReference.equals(p.reference()));
        }
    }

    /** The station's side: its ward, beds and current occupants. Called on the polling thread. */
    public interface Ward {
        String wardId();

        Collection<String> bedIds();

        /** The occupied beds, by bed id. */
        Map<String, Occupant> occupants();
    }

    /** Told the outcome of each poll, on the polling thread. */
    public interface Listener {
        /** The changes the EMR calls for now (empty when the station matches the EMR). */
        void proposals(List<AdmissionProposal> proposals);

        /** The EMR answered: its in-progress Encounters by bed. */
        default void encounters(Map<String, BedEncounter> byBed) {
        }

        /** The poll failed; the next poll tries again. */
        default void pollFailed(EmrException e) {
        }
    }

    private final EmrClient client;
    private final Ward ward;
    private final Listener listener;
    private final Duration interval;
    private final Clock clock;
    private volatile Map<String, BedEncounter> current = Map.of();
    private Map<String, BedEncounter> previous;
    private Instant lastPoll;
    private ScheduledExecutorService executor;

    public EncounterSync(EmrClient client, Ward ward, Listener listener, Duration interval, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.ward = Objects.requireNonNull(ward, "ward");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.interval = interval == null ? DEFAULT_INTERVAL : interval;
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.interval.isNegative() || this.interval.isZero()) {
            throw new IllegalArgumentException("EMR sync interval must be positive, not " + interval);
        }
    }

    /** Polls now and then every interval, on {@value #THREAD_NAME}. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                LOG.warn("EMR admission sync failed", e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The in-progress Encounter at {@code bedId} as of the last successful poll (for charting's encounter reference). */
    public Optional<BedEncounter> encounterAt(String bedId) {
        return Optional.ofNullable(current.get(bedId));
    }

    /** When the last successful poll ran, or null. */
    public synchronized Instant lastPoll() {
        return lastPoll;
    }

    /**
     * One poll: asks the EMR, compares, tells the listener.
     *
     * @return the proposals (empty when the EMR is unreachable: that is reported to {@link Listener#pollFailed})
     */
    public synchronized List<AdmissionProposal> pollOnce() {
        List<BedEncounter> encounters;
        try {
            encounters = client.inProgressEncounters(ward.wardId(), ward.bedIds());
        } catch (EmrException e) {
            LOG.debug("EMR admission sync: {}", e.getMessage());
            listener.pollFailed(e);
            return List.of();
        }
        Map<String, BedEncounter> byBed = new LinkedHashMap<>();
        for (BedEncounter be : encounters) {
            BedEncounter other = byBed.putIfAbsent(be.bedId(), be);
            if (other != null && !other.patient().reference().equals(be.patient().reference())) {
                LOG.warn("EMR places two patients in bed {} ({} and {}); using the first", be.bedId(),
                        other.encounter(), be.encounter());
            }
        }
        List<AdmissionProposal> proposals = compare(byBed, ward.occupants());
        previous = byBed;
        current = Map.copyOf(byBed);
        lastPoll = clock.instant();
        listener.encounters(current);
        listener.proposals(proposals);
        return proposals;
    }

    private List<AdmissionProposal> compare(Map<String, BedEncounter> emr, Map<String, Occupant> occupants) {
        List<AdmissionProposal> proposals = new ArrayList<>();
        Map<String, String> occupiedBedByPatient = new HashMap<>();
        for (Occupant o : occupants.values()) {
            if (o.mrn() != null) {
                occupiedBedByPatient.put("mrn:" + o.mrn(), o.bedId());
            }
            if (o.emrReference() != null) {
                occupiedBedByPatient.put(o.emrReference(), o.bedId());
            }
        }
        for (BedEncounter be : emr.values()) {
            Occupant here = occupants.get(be.bedId());
            if (here != null && here.sameAs(be.patient())) {
                continue;
            }
            Occupant displaced = here;
            String from = be.patient().mrn() == null ? null : occupiedBedByPatient.get("mrn:" + be.patient().mrn());
            if (from == null) {
                from = occupiedBedByPatient.get(be.patient().reference());
            }
            boolean displacesLive = displaced != null && displaced.liveData();
            if (from != null && !from.equals(be.bedId())) {
                boolean movesLive = occupants.get(from).liveData();
                proposals.add(new AdmissionProposal(AdmissionProposal.Kind.TRANSFER, be.bedId(), from, be.patient(),
                        be.encounter(), displaced, movesLive || displacesLive));
            } else {
                proposals.add(new AdmissionProposal(AdmissionProposal.Kind.ADMIT, be.bedId(), null, be.patient(),
                        be.encounter(), displaced, displacesLive));
            }
        }
        if (previous != null) {
            for (BedEncounter was : previous.values()) {
                boolean stillPlaced = emr.values().stream()
                        .anyMatch(now -> now.patient().reference().equals(was.patient().reference()));
                Occupant here = occupants.get(was.bedId());
                if (!stillPlaced && here != null && here.sameAs(was.patient())) {
                    proposals.add(new AdmissionProposal(AdmissionProposal.Kind.DISCHARGE, was.bedId(), null,
                            was.patient(), was.encounter(), null, here.liveData()));
                }
            }
        }
        return proposals;
    }

    @Override
    public void close() {
        ScheduledExecutorService e;
        synchronized (this) {
            e = executor;
            executor = null;
        }
        if (e != null) {
            e.shutdownNow();
        }
    }
}
