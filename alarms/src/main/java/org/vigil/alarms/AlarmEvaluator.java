package org.vigil.alarms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.DeviceState;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.Limit;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.PatientCategory;

/**
 * Evaluates alarm conditions per bed: values outside limits, no data, device offline, leads off. Pure and
 * single-threaded: every input carries the station time it happened at, so tests drive it with a fake clock
 * and no sleeping. {@link AlarmEngine} runs it on the alarm thread.
 */
public final class AlarmEvaluator {

    private final Duration noDataAfter;
    private final Consumer<AlarmChange> changes;
    private final Map<String, BedState> beds = new LinkedHashMap<>();
    /** Station time since when the broker is unreachable, or null while connected. */
    private Instant linkDownSince;
    private boolean interrupted;

    /** @param changes called, on the evaluating thread, for every raise and end */
    public AlarmEvaluator(Duration noDataAfter, Consumer<AlarmChange> changes) {
        this.noDataAfter = noDataAfter;
        this.changes = changes;
    }

    private static final class BedState {
        PatientCategory category = PatientCategory.ADULT;
        Map<String, Limit> limits = DefaultLimits.forCategory(PatientCategory.ADULT);
        Instant lastDataAt;       // station time
        Instant lastDeviceTime;   // device time of that data
        DeviceStatus status;
        final Map<String, Alarm> active = new LinkedHashMap<>(); // by condition
    }

    private BedState bed(String bed) {
        return beds.computeIfAbsent(bed, b -> new BedState());
    }

    /** Beds the station is configured to watch: they get the ward-wide technical alarms even before any data. */
    public void watch(Iterable<String> bedIds) {
        bedIds.forEach(this::bed);
    }

    /**
     * The broker connection changed. Unreachable for {@code noDataAfter} (10 s) raises "central monitoring
     * interrupted" on every bed at the next tick; connected again ends it (beds still silent then show NO DATA).
     */
    public void onLinkState(boolean connected, Instant now) {
        if (connected) {
            linkDownSince = null;
            if (interrupted) {
                interrupted = false;
                // beds still silent then get NO DATA at the next tick: silence is never shown as calm
                beds.forEach((bed, s) -> update(s, bed, ConditionCatalog.MONITORING_INTERRUPTED, false, null, null, now));
            }
        } else if (linkDownSince == null) {
            linkDownSince = now;
        }
    }

    public void setCategory(String bed, PatientCategory category) {
        BedState s = bed(bed);
        s.category = category;
        s.limits = DefaultLimits.forCategory(category);
    }

    public Map<String, Limit> limits(String bed) {
        return bed(bed).limits;
    }

    public void onNumerics(String bed, Numerics n, Instant now) {
        BedState s = bed(bed);
        dataArrived(s, bed, n.time(), now);
        boolean leadsOff = s.status != null && "off".equals(s.status.leads().get("ECG"));
        boolean probeOff = s.status != null && "off".equals(s.status.probes().get("SPO2"));
        for (Map.Entry<String, Limit> e : s.limits.entrySet()) {
            String code = e.getKey();
            NumericValue v = n.find(code);
            if (v == null) {
                continue; // not measured in this message: its condition stays as it was
            }
            // values from leads or a probe that are off are invalid, not alarming: the technical alarm says why
            boolean suppressed = (leadsOff && code.equals(MeasurementCode.HEART_RATE))
                    || (probeOff && (code.equals(MeasurementCode.SPO2) || code.equals(MeasurementCode.PULSE_RATE)));
            evaluateLimit(s, bed, code, e.getValue(), v, now, suppressed);
        }
    }

    private void evaluateLimit(BedState s, String bed, String code, Limit limit, NumericValue v, Instant now,
                               boolean suppressed) {
        String high = ConditionCatalog.limitCondition(code, true);
        String low = ConditionCatalog.limitCondition(code, false);
        Double x = v.value();
        boolean isHigh = !suppressed && x != null && limit.high() != null && x > limit.high();
        boolean isLow = !suppressed && x != null && limit.low() != null && x < limit.low();
        String label = MeasurementCode.shortLabel(code);
        update(s, bed, high, isHigh, () -> Alarm.raise(bed, high, AlarmKind.PHYSIOLOGICAL,
                ConditionCatalog.limitPriority(code, true), text(label, x, ">", limit.high()), x, limit.high(),
                v.unit(), v.time(), now), a -> a.withValue(text(label, x, ">", limit.high()), x), now);
        update(s, bed, low, isLow, () -> Alarm.raise(bed, low, AlarmKind.PHYSIOLOGICAL,
                ConditionCatalog.limitPriority(code, false), text(label, x, "<", limit.low()), x, limit.low(),
                v.unit(), v.time(), now), a -> a.withValue(text(label, x, "<", limit.low()), x), now);
    }

    private static String text(String label, Double x, String op, Double limit) {
        return label + " " + fmt(x) + " " + op + " " + fmt(limit);
    }

    private static String fmt(Double d) {
        if (d == null) {
            return "-";
        }
        return d == Math.rint(d) ? Long.toString(d.longValue()) : String.format(java.util.Locale.ROOT, "%.1f", d);
    }

    /** Waves (or anything else from the device) prove the bed is not silent. */
    public void onData(String bed, Instant deviceTime, Instant now) {
        dataArrived(bed(bed), bed, deviceTime, now);
    }

    private void dataArrived(BedState s, String bed, Instant deviceTime, Instant now) {
        s.lastDataAt = now;
        if (s.lastDeviceTime == null || deviceTime.isAfter(s.lastDeviceTime)) {
            s.lastDeviceTime = deviceTime;
        }
        update(s, bed, ConditionCatalog.NO_DATA, false, null, null, now);
    }

    public void onStatus(String bed, DeviceStatus status, Instant now) {
        BedState s = bed(bed);
        s.status = status;
        boolean offline = status != null && status.state() == DeviceState.OFFLINE;
        Instant onset = status != null && status.time() != null ? status.time()
                : s.lastDeviceTime != null ? s.lastDeviceTime : now;
        update(s, bed, ConditionCatalog.DEVICE_OFFLINE, offline, () -> Alarm.raise(bed, ConditionCatalog.DEVICE_OFFLINE,
                AlarmKind.TECHNICAL, AlarmPriority.MEDIUM, "DEVICE OFFLINE", null, null, null, onset, now), null, now);
        boolean probeOff = status != null && !offline && "off".equals(status.probes().get("SPO2"));
        update(s, bed, ConditionCatalog.PROBE_OFF, probeOff, () -> Alarm.raise(bed, ConditionCatalog.PROBE_OFF,
                AlarmKind.TECHNICAL, AlarmPriority.LOW, "SpO2 PROBE OFF", null, null, null, onset, now), null, now);
        if (probeOff) {
            update(s, bed, ConditionCatalog.limitCondition(MeasurementCode.SPO2, true), false, null, null, now);
            update(s, bed, ConditionCatalog.limitCondition(MeasurementCode.SPO2, false), false, null, null, now);
        }
        boolean leadsOff = status != null && !offline && "off".equals(status.leads().get("ECG"));
        update(s, bed, ConditionCatalog.LEADS_OFF, leadsOff, () -> Alarm.raise(bed, ConditionCatalog.LEADS_OFF,
                AlarmKind.TECHNICAL, AlarmPriority.LOW, "ECG LEADS OFF", null, null, null, onset, now), null, now);
        if (leadsOff) {
            // values from the leads are invalid, not alarming: the technical alarm says why
            update(s, bed, ConditionCatalog.limitCondition(MeasurementCode.HEART_RATE, true), false, null, null, now);
            update(s, bed, ConditionCatalog.limitCondition(MeasurementCode.HEART_RATE, false), false, null, null, now);
        }
        if (offline || (status != null && status.state() == DeviceState.STANDBY)) {
            update(s, bed, ConditionCatalog.NO_DATA, false, null, null, now);
        }
    }

    /** Checks the timers (no data); called a few times a second with the station time. */
    public void tick(Instant now) {
        boolean interruptedNow = linkDownSince != null && !now.isBefore(linkDownSince.plus(noDataAfter));
        if (interruptedNow) {
            interrupted = true;
            Instant since = linkDownSince;
            beds.forEach((bed, s) -> {
                update(s, bed, ConditionCatalog.MONITORING_INTERRUPTED, true, () -> Alarm.raise(bed,
                        ConditionCatalog.MONITORING_INTERRUPTED, AlarmKind.TECHNICAL, AlarmPriority.HIGH,
                        "CENTRAL MONITORING INTERRUPTED", null, null, null, since, now), null, now);
                // one cause, said once: the interruption explains the silence
                update(s, bed, ConditionCatalog.NO_DATA, false, null, null, now);
            });
            return;
        }
        for (Map.Entry<String, BedState> e : beds.entrySet()) {
            BedState s = e.getValue();
            String bed = e.getKey();
            if (s.lastDataAt == null) {
                continue; // never heard: an empty bed, said in words on the tile, not an alarm
            }
            DeviceState ds = s.status == null ? null : s.status.state();
            boolean silent = !now.isBefore(s.lastDataAt.plus(noDataAfter))
                    && ds != DeviceState.STANDBY && ds != DeviceState.OFFLINE;
            Instant onset = s.lastDeviceTime;
            update(s, bed, ConditionCatalog.NO_DATA, silent, () -> Alarm.raise(bed, ConditionCatalog.NO_DATA,
                    AlarmKind.TECHNICAL, AlarmPriority.MEDIUM, "NO DATA", null, null, null, onset, now), null, now);
        }
    }

    private void update(BedState s, String bed, String condition, boolean present,
                        java.util.function.Supplier<Alarm> raise, java.util.function.UnaryOperator<Alarm> refresh,
                        Instant now) {
        Alarm current = s.active.get(condition);
        if (present && current == null) {
            Alarm a = raise.get();
            s.active.put(condition, a);
            changes.accept(new AlarmChange(a, AlarmChange.ACTIVE, now));
        } else if (present && refresh != null) {
            s.active.put(condition, refresh.apply(current));
        } else if (!present && current != null) {
            s.active.remove(condition);
            changes.accept(new AlarmChange(current.ended(), AlarmChange.ENDED, now));
        }
    }

    /** Every active alarm of every bed, highest priority first, then oldest. */
    public List<Alarm> active() {
        List<Alarm> all = new ArrayList<>();
        beds.values().forEach(s -> all.addAll(s.active.values()));
        all.sort(Alarm::byPriorityThenAge);
        return all;
    }

    /** Active alarms per bed, each list sorted like {@link #active()}. */
    public Map<String, List<Alarm>> activeByBed() {
        Map<String, List<Alarm>> map = new HashMap<>();
        for (Alarm a : active()) {
            map.computeIfAbsent(a.bed(), b -> new ArrayList<>()).add(a);
        }
        return map;
    }
}
