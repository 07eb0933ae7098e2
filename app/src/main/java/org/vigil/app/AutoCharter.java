package org.vigil.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.data.emr.BedEncounter;
import org.vigil.data.emr.ChartedValue;
import org.vigil.data.emr.ChartingEvent;
import org.vigil.data.emr.EmrOutbox;
import org.vigil.data.emr.EmrPatientRef;
import org.vigil.data.emr.VitalSignCodes;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Patient;
import org.vigil.link.live.BedLive;
import org.vigil.link.live.WardLive;

/**
 * {@code --emr-auto-chart SECONDS}: for unattended (headless) stations and tests, charts the current values of
 * every admitted bed at that interval as a preliminary event with no performer, through the outbox like a signed
 * event. A bed without fresh numerics (none within the NO DATA time) is skipped, as are simulated patients (made-up
 * patients never go to a real chart) and patients the EMR cannot be told about (no MRN, no EMR reference).
 * Runs on its own named thread ("vigil-emr-autochart"); {@link #chartNow()} is one round on the caller's thread.
 */
final class AutoCharter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AutoCharter.class);
    private static final List<String> CODES = List.of(VitalSignCodes.HEART_RATE, VitalSignCodes.PULSE_RATE,
            VitalSignCodes.SPO2, VitalSignCodes.RESP_RATE, VitalSignCodes.NIBP_SYS, VitalSignCodes.NIBP_DIA,
            VitalSignCodes.NIBP_MEAN, VitalSignCodes.TEMP_BODY);

    private final EmrOutbox outbox;
    private final WardLive live;
    private final PatientDirectory patients;
    private final LongFunction<String> emrReference;
    private final Function<String, Optional<BedEncounter>> encounterAt;
    private final String station;
    private final Duration interval;
    private final Duration fresh;
    private final Clock clock;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService executor;

    AutoCharter(EmrOutbox outbox, WardLive live, PatientDirectory patients, LongFunction<String> emrReference,
                Function<String, Optional<BedEncounter>> encounterAt, String station, Duration interval,
                Duration fresh, Clock clock) {
        this.outbox = Objects.requireNonNull(outbox);
        this.live = Objects.requireNonNull(live);
        this.patients = Objects.requireNonNull(patients);
        this.emrReference = Objects.requireNonNull(emrReference);
        this.encounterAt = Objects.requireNonNull(encounterAt);
        this.station = Objects.requireNonNull(station);
        this.interval = Objects.requireNonNull(interval);
        this.fresh = Objects.requireNonNull(fresh);
        this.clock = Objects.requireNonNull(clock);
    }

    synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Threads.scheduled("vigil-emr-autochart");
        executor.scheduleAtFixedRate(() -> {
            try {
                chartNow();
            } catch (RuntimeException e) {
                LOG.warn("Automatic charting failed; next round in {} s", interval.toSeconds(), e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Charting every admitted bed's current values every {} s (preliminary, no performer)",
                interval.toSeconds());
    }

    /** One round: one preliminary event per admitted bed with fresh values. Blocks on the database. */
    List<ChartingEvent> chartNow() {
        Instant now = clock.instant();
        List<ChartingEvent> charted = new ArrayList<>();
        for (Map.Entry<String, Patient> e : patients.all().entrySet()) {
            String bed = e.getKey();
            Patient p = e.getValue();
            BedLive b = live.bed(bed);
            if (p.simulated() || b == null || b.lastNumericsAt() == null
                    || b.lastNumericsAt().isBefore(now.minus(fresh))) {
                continue;
            }
            List<ChartedValue> values = values(b);
            if (values.isEmpty()) {
                continue;
            }
            Optional<BedEncounter> enc = encounterAt.apply(bed)
                    .filter(be -> p.mrn() != null && p.mrn().equals(be.patient().mrn()));
            String reference = emrReference.apply(p.id());
            if (reference == null && enc.isPresent()) {
                reference = enc.get().patient().reference();
            }
            if (reference == null && p.mrn() == null) {
                if (warned.add(bed)) {
                    LOG.warn("Bed {}: {} has neither an MRN nor an EMR patient; not charted automatically", bed, p.name());
                }
                continue;
            }
            ChartingEvent event = new ChartingEvent(station, "auto-" + bed.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                    + now.toEpochMilli(), new EmrPatientRef(reference, p.mrn()), p.id(),
                    enc.map(BedEncounter::encounter).orElse(null), bed, b.deviceId(), null, now, values, null, null,
                    ChartingEvent.Status.PRELIMINARY);
            outbox.enqueue(event);
            charted.add(event);
        }
        return charted;
    }

    private static List<ChartedValue> values(BedLive b) {
        List<ChartedValue> values = new ArrayList<>();
        for (String code : CODES) {
            NumericValue v = b.numeric(code);
            if (v != null && v.isValid() && Double.isFinite(v.value())) {
                boolean nibp = code.startsWith("MDC_PRESS_BLD_NONINV");
                values.add(new ChartedValue(code, v.value(), v.unit(), null, null, nibp ? v.time() : null));
            }
        }
        // The panel needs both pressures: one without the other is left out.
        boolean sys = values.stream().anyMatch(v -> v.code().equals(VitalSignCodes.NIBP_SYS));
        boolean dia = values.stream().anyMatch(v -> v.code().equals(VitalSignCodes.NIBP_DIA));
        if (sys != dia) {
            values.removeIf(v -> v.code().equals(VitalSignCodes.NIBP_SYS) || v.code().equals(VitalSignCodes.NIBP_DIA));
        }
        return values;
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
