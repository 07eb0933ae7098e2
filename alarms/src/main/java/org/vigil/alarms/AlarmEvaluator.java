package org.vigil.alarms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.vigil.data.model.AlarmMessage;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.DeviceEvent;
import org.vigil.data.model.DeviceState;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.Limit;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.PatientCategory;
import org.vigil.data.model.WardAudioPause;

/**
 * The alarm state machine after IEC 60601-1-8: conditions per bed (values outside limits, invalid values, device
 * events, no data, device offline, leads or probe off, low battery, monitoring interrupted, station conditions),
 * their states (active, acknowledged, latched, ended), condition delays, audio pauses, alarm off, escalation,
 * reminders and the merging of other stations' versions. Pure and single-threaded: every input carries the station
 * time it happened at, so tests drive it with a fake clock and no sleeping. {@link AlarmEngine} runs it on the alarm
 * thread.
 *
 * <p>Every state change is reported exactly once to the {@link AlarmChange} consumer; other published changes
 * (escalation, reminder, pause) go to {@link #onUpdate}; late data to {@link #onLate}.
 */
public final class AlarmEvaluator {

    private final AlarmConfig config;
    private final Consumer<AlarmChange> changes;
    private Consumer<AlarmUpdate> updates = u -> { };
    private Consumer<LateEvent> lates = e -> { };
    private final Map<String, BedState> beds = new LinkedHashMap<>();
    /** Versions of other stations for alarm ids not raised here (yet), by id. */
    private final Map<String, Remote> remote = new HashMap<>();
    /**
     * Alarms ended here in the last {@link #ENDED_RETENTION}, by id: a later (earlier-dated) acknowledgement from
     * another station still merges into their published version, and their ids are not given to a new alarm.
     */
    private final Map<String, Instance> recentlyEnded = new LinkedHashMap<>();
    /** The contract clears an ended alarm's retained message 60 s after it ended. */
    public static final Duration ENDED_RETENTION = Duration.ofSeconds(60);
    private Pause wardPause;
    private Instant wardPauseUpdatedAt;
    /** Station time since when the broker is unreachable, or null while connected. */
    private Instant linkDownSince;
    private boolean interrupted;

    /** @param changes called, on the evaluating thread, for every state change */
    public AlarmEvaluator(Duration noDataAfter, Consumer<AlarmChange> changes) {
        this(AlarmConfig.defaults().withNoDataAfter(noDataAfter), changes);
    }

    public AlarmEvaluator(AlarmConfig config, Consumer<AlarmChange> changes) {
        this.config = Objects.requireNonNull(config, "config");
        this.changes = changes;
    }

    public AlarmConfig config() {
        return config;
    }

    /** Receives escalation, reminder, pause and merge updates (not state changes). */
    public void onUpdate(Consumer<AlarmUpdate> l) {
        this.updates = Objects.requireNonNull(l);
    }

    /** Receives late events. */
    public void onLate(Consumer<LateEvent> l) {
        this.lates = Objects.requireNonNull(l);
    }

    // ---------------------------------------------------------------- internal state

    /** What would be raised if the condition is (still) present. */
    private record Raise(String condition, AlarmKind kind, AlarmPriority priority, String text, Double value,
                         Double limit, String unit, Instant onset, String parameter) {
        Raise withOnset(Instant o) {
            return new Raise(condition, kind, priority, text, value, limit, unit, o, parameter);
        }
    }

    private static final class Pending {
        final Instant since;
        final Instant onset;
        Raise latest;

        Pending(Instant since, Raise r) {
            this.since = since;
            this.onset = r.onset();
            this.latest = r;
        }
    }

    /** An audio pause: until when, and the highest priority present when it began (null: nothing). */
    private record Pause(Instant until, AlarmPriority ceiling) {
        boolean silences(AlarmPriority p, Instant now) {
            return now.isBefore(until) && ceiling != null && p.compareTo(ceiling) >= 0;
        }
    }

    /** Another station's version of an alarm: acknowledgement and the "later updatedAt wins" fields. */
    private record Remote(String ackBy, Instant ackAt, int escalation, Instant pausedUntil, Instant updatedAt,
                          Instant receivedAt) {
        boolean acked() {
            return ackBy != null || ackAt != null;
        }

        Remote merge(Remote o) {
            Remote ack = !acked() ? o : !o.acked() ? this : ackOrder(ackAt, ackBy, o.ackAt, o.ackBy) <= 0 ? this : o;
            Remote shared = sharedOrder(updatedAt, escalation, pausedUntil, o.updatedAt, o.escalation,
                    o.pausedUntil) >= 0 ? this : o;
            Instant rec = receivedAt.isAfter(o.receivedAt) ? receivedAt : o.receivedAt;
            return new Remote(ack.ackBy, ack.ackAt, shared.escalation, shared.pausedUntil, shared.updatedAt, rec);
        }
    }

    private static final Comparator<Instant> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<String> STR_NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    /** Earlier acknowledgement first (ties: by name): the ward-wide acknowledgement is the first one. */
    private static int ackOrder(Instant at1, String by1, Instant at2, String by2) {
        int c = NULLS_FIRST.compare(at1, at2);
        return c != 0 ? c : STR_NULLS_FIRST.compare(by1, by2);
    }

    /** Later updatedAt wins; ties are broken by the values themselves so that any order of merging agrees. */
    private static int sharedOrder(Instant u1, int e1, Instant p1, Instant u2, int e2, Instant p2) {
        int c = NULLS_FIRST.compare(u1, u2);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(e1, e2);
        return c != 0 ? c : NULLS_FIRST.compare(p1, p2);
    }

    private final class Instance {
        final String id;
        final String bed;
        final String condition;
        final AlarmKind kind;
        final String parameter;
        final Instant onset;
        final Instant raisedAt;
        final boolean latching;
        Instant endedAt;
        AlarmPriority priority;
        String text;
        Double value;
        Double limit;
        String unit;
        boolean present = true;
        AlarmState state = AlarmState.ACTIVE;
        String ackBy;
        Instant ackAt;
        int escalation;
        Instant audioPausedUntil;
        Instant updatedAt;
        Instant remindFrom;
        boolean reminderDue;

        Instance(String bed, Raise r, AlarmPriority priority, Instant now) {
            this.id = AlarmMessage.alarmId(bed, r.condition(), r.onset());
            this.bed = bed;
            this.condition = r.condition();
            this.kind = r.kind();
            this.parameter = r.parameter();
            this.onset = r.onset();
            this.raisedAt = now;
            this.updatedAt = now;
            this.priority = priority;
            this.latching = config.latching(condition, kind, priority);
            refresh(r);
        }

        /** An alarm restored from the log or a retained message: its id, onset, state and acknowledgement kept. */
        Instance(Alarm a, String parameter) {
            this.id = a.id();
            this.bed = a.bed();
            this.condition = a.condition();
            this.kind = a.kind();
            this.parameter = parameter;
            this.onset = a.onset();
            this.raisedAt = a.raisedAt();
            this.updatedAt = a.updatedAt() == null ? a.raisedAt() : a.updatedAt();
            this.priority = a.priority();
            this.latching = config.latching(condition, kind, priority);
            this.text = a.text();
            this.value = a.value();
            this.limit = a.limit();
            this.unit = a.unit();
            this.state = a.state();
            this.present = a.state() == AlarmState.ACTIVE || a.state() == AlarmState.ACKNOWLEDGED;
            this.ackBy = a.ackBy();
            this.ackAt = a.ackAt();
            this.escalation = a.escalationLevel();
            this.audioPausedUntil = a.audioPausedUntil();
            this.remindFrom = a.ackAt() != null ? a.ackAt() : a.raisedAt();
        }

        void refresh(Raise r) {
            text = r.text();
            value = r.value();
            limit = r.limit();
            unit = r.unit();
        }

        boolean acked() {
            return ackBy != null || ackAt != null;
        }

        Alarm snapshot() {
            return new Alarm(id, bed, condition, kind, priority, present, text, value, limit, unit, onset, raisedAt,
                    state, ackBy, ackAt, acked() ? 0 : escalation, audioPausedUntil, reminderDue, updatedAt);
        }
    }

    private static final class BedState {
        final boolean pseudo;
        PatientCategory category = PatientCategory.ADULT;
        Map<String, Limit> overrides = new LinkedHashMap<>();
        Map<String, Limit> limits = DefaultLimits.forCategory(PatientCategory.ADULT);
        final Set<String> alarmOff = new LinkedHashSet<>();
        Instant settingsUpdatedAt;
        /** The settings as last put on a board; null after any change (boards are built after every input). */
        BedAlarmSettings shownSettings;
        Instant lastDataAt;       // station time
        Instant lastDeviceTime;   // device time of that data
        DeviceStatus status;
        final Map<String, NumericValue> lastValues = new LinkedHashMap<>();
        final List<Instance> alarms = new ArrayList<>(); // not ended, in raise order
        final Map<String, Pending> pending = new LinkedHashMap<>();
        Pause pause;

        BedState(boolean pseudo) {
            this.pseudo = pseudo;
        }

        Instance present(String condition) {
            for (Instance i : alarms) {
                if (i.present && i.condition.equals(condition)) {
                    return i;
                }
            }
            return null;
        }

        boolean leadsOff() {
            return status != null && status.state() != DeviceState.OFFLINE && "off".equals(status.leads().get("ECG"));
        }

        boolean probeOff() {
            return status != null && status.state() != DeviceState.OFFLINE
                    && "off".equals(status.probes().get("SPO2"));
        }
    }

    private BedState bed(String bed) {
        return beds.computeIfAbsent(bed, b -> new BedState(ConditionCatalog.STATION_BED.equals(b)));
    }

    // ---------------------------------------------------------------- the core transitions

    private void emit(Instance i, Instant now) {
        changes.accept(new AlarmChange(i.snapshot(), i.state.wireName(), now));
    }

    private void update(Instance i, String what, Instant now) {
        updates.accept(new AlarmUpdate(i.snapshot(), what, now));
    }

    /** The condition is present ({@code r} non-null) or not ({@code r} null) for the bed, at station time now. */
    private void condition(BedState s, String bed, String condition, Raise r, Instant now) {
        Instance live = s.present(condition);
        boolean present = r != null && (r.parameter() == null || !s.alarmOff.contains(r.parameter()));
        if (!present) {
            s.pending.remove(condition);
            if (live != null) {
                conditionOver(s, live, now);
            }
            return;
        }
        if (live != null) {
            live.refresh(r);
            AlarmPriority p = config.priority(condition, r.priority());
            if (p != live.priority) {
                boolean rises = p.compareTo(live.priority) < 0;
                live.priority = p;
                live.updatedAt = now;
                if (rises && live.audioPausedUntil != null && now.isBefore(live.audioPausedUntil)) {
                    // a pause silences the priorities the nurse heard when pausing; a rise sounds through it
                    Pause pause = applicablePause(s, p, now);
                    live.audioPausedUntil = pause == null ? null : pause.until();
                }
                update(live, AlarmUpdate.PRIORITY, now);
            }
            return;
        }
        Duration delay = config.delay(condition);
        if (delay.isZero() || delay.isNegative()) {
            raise(s, bed, r, now);
            return;
        }
        Pending p = s.pending.get(condition);
        if (p == null) {
            p = new Pending(now, r);
            s.pending.put(condition, p);
        } else {
            p.latest = r;
        }
        raiseIfDue(s, bed, condition, p, now);
    }

    private void raiseIfDue(BedState s, String bed, String condition, Pending p, Instant now) {
        if (!now.isBefore(p.since.plus(config.delay(condition)))) {
            s.pending.remove(condition);
            // the id is the device time of the data that started the condition, not of the data that made it due
            raise(s, bed, p.latest.withOnset(p.onset), now);
        }
    }

    private boolean idInUse(BedState s, String id) {
        return recentlyEnded.containsKey(id) || s.alarms.stream().anyMatch(i -> i.id.equals(id));
    }

    private void raise(BedState s, String bed, Raise r, Instant now) {
        // the same data can start a condition again (a re-evaluated NIBP value keeps its cuff time): the id of an
        // alarm still shown or just ended is never reused; the next free millisecond is taken (same on every station)
        while (idInUse(s, AlarmMessage.alarmId(bed, r.condition(), r.onset()))) {
            r = r.withOnset(r.onset().plusMillis(1));
        }
        Instance i = new Instance(bed, r, config.priority(r.condition(), r.priority()), now);
        Pause pause = applicablePause(s, i.priority, now);
        if (pause != null) {
            i.audioPausedUntil = pause.until();
        }
        s.alarms.add(i);
        emit(i, now);
        Remote rv = remote.remove(i.id);
        if (rv != null) {
            merge(s, i, rv, now);
        }
    }

    /** The pause that silences a new alarm of this priority, or null: a higher priority sounds through. */
    private Pause applicablePause(BedState s, AlarmPriority p, Instant now) {
        Pause best = null;
        for (Pause pause : new Pause[] {s.pause, wardPause}) {
            if (pause != null && pause.silences(p, now) && (best == null || pause.until().isAfter(best.until()))) {
                best = pause;
            }
        }
        return best;
    }

    private void conditionOver(BedState s, Instance i, Instant now) {
        i.present = false;
        i.reminderDue = false;
        if (i.state == AlarmState.ACTIVE && i.latching) {
            i.state = AlarmState.LATCHED;
            emit(i, now);
        } else {
            end(s, i, now);
        }
    }

    private void end(BedState s, Instance i, Instant now) {
        i.present = false;
        i.reminderDue = false;
        i.state = AlarmState.ENDED;
        i.endedAt = now;
        s.alarms.remove(i);
        recentlyEnded.put(i.id, i);
        emit(i, now);
    }

    private void applyAck(BedState s, Instance i, String by, Instant at, Instant now) {
        i.ackBy = by;
        i.ackAt = at;
        // the escalation shown is 0 once acknowledged; the raw level stays the merged "later updatedAt" value
        i.reminderDue = false;
        i.remindFrom = at == null ? now : at;
        if (i.state == AlarmState.ACTIVE) {
            i.state = AlarmState.ACKNOWLEDGED;
            emit(i, now);
        } else if (i.state == AlarmState.LATCHED) {
            end(s, i, now);
        }
    }

    private void merge(BedState s, Instance i, Remote rv, Instant now) {
        boolean changed = false;
        if (rv.acked()) {
            if (!i.acked()) {
                applyAck(s, i, rv.ackBy(), rv.ackAt(), now);
            } else if (ackOrder(rv.ackAt(), rv.ackBy(), i.ackAt, i.ackBy) < 0) {
                i.ackBy = rv.ackBy();
                i.ackAt = rv.ackAt();
                update(i, AlarmUpdate.ACKNOWLEDGEMENT, now);
            }
        }
        if (sharedOrder(rv.updatedAt(), rv.escalation(), rv.pausedUntil(),
                i.updatedAt, i.escalation, i.audioPausedUntil) > 0) {
            changed = true; // at least its updatedAt: republish, so every station shows the same version
            i.escalation = rv.escalation();
            i.audioPausedUntil = rv.pausedUntil();
            i.updatedAt = rv.updatedAt();
        }
        if (changed) {
            update(i, AlarmUpdate.REMOTE, now);
        }
    }

    // ---------------------------------------------------------------- inputs: data

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
                beds.forEach((bed, s) -> condition(s, bed, ConditionCatalog.MONITORING_INTERRUPTED, null, now));
            }
        } else if (linkDownSince == null) {
            linkDownSince = now;
        }
    }

    public void onNumerics(String bed, Numerics n, Instant now) {
        BedState s = bed(bed);
        dataArrived(s, bed, n.time(), now);
        for (NumericValue v : n.values()) {
            s.lastValues.put(v.code(), v);
        }
        for (String code : new ArrayList<>(s.limits.keySet())) {
            NumericValue v = n.find(code);
            if (v != null) { // not measured in this message: its condition stays as it was
                evaluate(s, bed, code, v, now);
            }
        }
    }

    private boolean suppressed(BedState s, String code) {
        // values from leads or a probe that are off are invalid, not alarming: the technical alarm says why
        return (s.leadsOff() && code.equals(MeasurementCode.HEART_RATE))
                || (s.probeOff() && (code.equals(MeasurementCode.SPO2) || code.equals(MeasurementCode.PULSE_RATE)));
    }

    /** Evaluates one value against the bed's limit for its code (none: no limit alarms). */
    private void evaluate(BedState s, String bed, String code, NumericValue v, Instant now) {
        Limit limit = s.limits.getOrDefault(code, new Limit(null, null));
        boolean suppressed = suppressed(s, code);
        String high = ConditionCatalog.limitCondition(code, true);
        String low = ConditionCatalog.limitCondition(code, false);
        String invalid = ConditionCatalog.invalidCondition(code);
        Double x = v.value();
        String label = MeasurementCode.shortLabel(code);
        boolean isHigh = !suppressed && x != null && limit.high() != null && x > limit.high();
        boolean isLow = !suppressed && x != null && limit.low() != null && x < limit.low();
        boolean hasLimit = limit.high() != null || limit.low() != null;
        boolean isInvalid = !suppressed && x == null && hasLimit;
        condition(s, bed, high, isHigh ? new Raise(high, AlarmKind.PHYSIOLOGICAL,
                ConditionCatalog.limitPriority(code, true), text(label, x, ">", limit.high()), x, limit.high(),
                v.unit(), v.time(), code) : null, now);
        condition(s, bed, low, isLow ? new Raise(low, AlarmKind.PHYSIOLOGICAL,
                ConditionCatalog.limitPriority(code, false), text(label, x, "<", limit.low()), x, limit.low(),
                v.unit(), v.time(), code) : null, now);
        condition(s, bed, invalid, isInvalid ? new Raise(invalid, AlarmKind.TECHNICAL, AlarmPriority.LOW,
                label + " INVALID" + (v.invalid() == null ? "" : " (" + v.invalid() + ")"), null, null, null,
                v.time(), code) : null, now);
    }

    /** Re-evaluates the last values after a change of limits, category or alarm-off switches. */
    private void reevaluate(BedState s, String bed, Set<String> codes, Instant now) {
        for (String code : codes) {
            NumericValue v = s.lastValues.get(code);
            if (v != null) {
                evaluate(s, bed, code, v, now);
            } else if (!s.limits.containsKey(code)) {
                evaluate(s, bed, code, new NumericValue(code, 0.0, "", now, null), now); // ends what is left
            }
        }
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
        condition(s, bed, ConditionCatalog.NO_DATA, null, now);
    }

    /**
     * Numerics that arrived too late to be current (the caller decides): reported as a {@link LateEvent} with the
     * limit violations they show, never raised or annunciated, and they do not count as data from the bed.
     */
    public LateEvent lateNumerics(String bed, Numerics n, Instant now) {
        BedState s = bed(bed);
        List<String> findings = new ArrayList<>();
        for (NumericValue v : n.values()) {
            Limit limit = s.limits.get(v.code());
            if (limit == null || v.value() == null || s.alarmOff.contains(v.code())) {
                continue;
            }
            String label = MeasurementCode.shortLabel(v.code());
            if (limit.high() != null && v.value() > limit.high()) {
                findings.add(text(label, v.value(), ">", limit.high()));
            }
            if (limit.low() != null && v.value() < limit.low()) {
                findings.add(text(label, v.value(), "<", limit.low()));
            }
        }
        LateEvent e = new LateEvent(bed, n.device(), n.time(), now, findings);
        lates.accept(e);
        return e;
    }

    public void onStatus(String bed, DeviceStatus status, Instant now) {
        BedState s = bed(bed);
        s.status = status;
        boolean offline = status != null && status.state() == DeviceState.OFFLINE;
        Instant onset = status != null && status.time() != null ? status.time()
                : s.lastDeviceTime != null ? s.lastDeviceTime : now;
        condition(s, bed, ConditionCatalog.DEVICE_OFFLINE, offline ? technical(ConditionCatalog.DEVICE_OFFLINE,
                AlarmPriority.MEDIUM, "DEVICE OFFLINE", onset) : null, now);
        condition(s, bed, ConditionCatalog.PROBE_OFF, s.probeOff() ? technical(ConditionCatalog.PROBE_OFF,
                AlarmPriority.LOW, "SpO2 PROBE OFF", onset) : null, now);
        condition(s, bed, ConditionCatalog.LEADS_OFF, s.leadsOff() ? technical(ConditionCatalog.LEADS_OFF,
                AlarmPriority.LOW, "ECG LEADS OFF", onset) : null, now);
        boolean lowBattery = status != null && !offline && status.battery() != null
                && status.battery() < ConditionCatalog.LOW_BATTERY_BELOW;
        condition(s, bed, ConditionCatalog.LOW_BATTERY, lowBattery ? technical(ConditionCatalog.LOW_BATTERY,
                AlarmPriority.LOW, "LOW BATTERY " + Math.round(status.battery() * 100) + " %", onset) : null, now);
        for (String code : List.of(MeasurementCode.HEART_RATE, MeasurementCode.SPO2, MeasurementCode.PULSE_RATE)) {
            if (suppressed(s, code)) {
                condition(s, bed, ConditionCatalog.limitCondition(code, true), null, now);
                condition(s, bed, ConditionCatalog.limitCondition(code, false), null, now);
                condition(s, bed, ConditionCatalog.invalidCondition(code), null, now);
            }
        }
        if (offline || (status != null && status.state() == DeviceState.STANDBY)) {
            condition(s, bed, ConditionCatalog.NO_DATA, null, now);
        }
    }

    private static Raise technical(String condition, AlarmPriority p, String text, Instant onset) {
        return new Raise(condition, AlarmKind.TECHNICAL, p, text, null, null, null, onset, null);
    }

    /**
     * A condition the bedside device detected itself (start, update, end): raised with the device's priority (a
     * per-condition policy overrides it), onset the event's time, kind physiological.
     */
    public void onDeviceEvent(String bed, DeviceEvent e, Instant now) {
        BedState s = bed(bed);
        String condition = ConditionCatalog.normalise(e.condition());
        boolean over = "end".equalsIgnoreCase(e.phase());
        String text = e.text() == null || e.text().isBlank() ? condition : e.text();
        condition(s, bed, condition, over ? null : new Raise(condition, AlarmKind.PHYSIOLOGICAL, e.priority(), text,
                null, null, null, e.time(), null), now);
    }

    /**
     * Raises ({@code present}) or ends a station-level technical condition such as
     * {@link ConditionCatalog#RECORDING_STOPPED} or {@link ConditionCatalog#AUDIO_UNAVAILABLE}, on the pseudo-bed
     * {@link ConditionCatalog#STATION_BED}; its onset is the station time it was first raised.
     */
    public void stationCondition(String condition, boolean present, String text, AlarmPriority priority,
                                 Instant now) {
        String c = ConditionCatalog.normalise(condition);
        condition(bed(ConditionCatalog.STATION_BED), ConditionCatalog.STATION_BED, c,
                present ? technical(c, priority, text == null ? c : text, now) : null, now);
    }

    // ---------------------------------------------------------------- inputs: settings

    /** Sets the category and returns the limits to its defaults (without re-evaluating: no time given). */
    public void setCategory(String bed, PatientCategory category) {
        BedState s = bed(bed);
        s.category = category;
        s.overrides = new LinkedHashMap<>();
        s.limits = DefaultLimits.forCategory(category);
        s.shownSettings = null;
    }

    /** Sets the category, returns the limits to its defaults and re-evaluates the last values at {@code now}. */
    public void setCategory(String bed, PatientCategory category, Instant now) {
        BedState s = bed(bed);
        Set<String> codes = new LinkedHashSet<>(s.limits.keySet());
        setCategory(bed, category);
        codes.addAll(s.limits.keySet());
        reevaluate(s, bed, codes, now);
    }

    /** The bed's limits in force (category defaults overlaid by its own). */
    public Map<String, Limit> limits(String bed) {
        return Collections.unmodifiableMap(bed(bed).limits);
    }

    public PatientCategory category(String bed) {
        return bed(bed).category;
    }

    /**
     * Sets limits of the bed (any code, including codes without a default); others keep theirs. A {@code Limit}
     * with both sides null removes the code's alarms. The last values are re-evaluated at once.
     */
    public void setLimits(String bed, Map<String, Limit> limits, Instant now) {
        BedState s = bed(bed);
        Set<String> codes = new LinkedHashSet<>(s.limits.keySet());
        s.overrides.putAll(limits);
        recompute(s);
        codes.addAll(s.limits.keySet());
        reevaluate(s, bed, codes, now);
    }

    private static void recompute(BedState s) {
        Map<String, Limit> m = new LinkedHashMap<>(DefaultLimits.forCategory(s.category));
        m.putAll(s.overrides);
        m.values().removeIf(l -> l.low() == null && l.high() == null);
        s.limits = m;
        s.shownSettings = null;
    }

    /** Switches the alarms of one parameter (code) of the bed off or on again; off ends its alarms, latched too. */
    public void setAlarmOff(String bed, String code, boolean off, Instant now) {
        BedState s = bed(bed);
        if (off ? s.alarmOff.add(code) : s.alarmOff.remove(code)) {
            s.shownSettings = null;
            endAlarmOff(s, now);
            reevaluate(s, bed, Set.of(code), now);
        }
    }

    private void endAlarmOff(BedState s, Instant now) {
        for (Instance i : List.copyOf(s.alarms)) {
            if (i.parameter != null && s.alarmOff.contains(i.parameter)) {
                end(s, i, now);
            }
        }
        s.pending.values().removeIf(p -> p.latest.parameter() != null && s.alarmOff.contains(p.latest.parameter()));
    }

    /** The parameters (codes) of the bed whose alarms are off: show a permanent indicator. */
    public Set<String> alarmOff(String bed) {
        BedState s = beds.get(bed);
        return s == null ? Set.of() : Set.copyOf(s.alarmOff);
    }

    /**
     * Applies a bed's shared settings (category, limits overlaid on the category's defaults, alarm-off list) unless
     * the settings in force are newer. @return whether they were applied
     */
    public boolean applySettings(BedSettings b, Instant now) {
        BedState s = bed(b.bed());
        if (s.settingsUpdatedAt != null && b.updatedAt() != null && !b.updatedAt().isAfter(s.settingsUpdatedAt)) {
            return false;
        }
        Set<String> codes = new LinkedHashSet<>(s.limits.keySet());
        codes.addAll(s.alarmOff);
        s.settingsUpdatedAt = b.updatedAt();
        s.category = b.category() == null ? s.category : b.category();
        s.overrides = new LinkedHashMap<>(b.limits());
        recompute(s);
        s.alarmOff.clear();
        s.alarmOff.addAll(b.alarmOff());
        s.shownSettings = null;
        endAlarmOff(s, now);
        codes.addAll(s.limits.keySet());
        reevaluate(s, b.bed(), codes, now);
        return true;
    }

    /** The bed's settings in force, to publish on its settings topic. */
    public BedSettings settings(String bed, String changedBy, String station, Instant now) {
        BedState s = bed(bed);
        return new BedSettings(bed, s.category, s.limits, List.copyOf(s.alarmOff), changedBy, station, now);
    }

    /**
     * The patient left the bed: every alarm of the bed ends (latched ones too), its own limits, alarm-off switches
     * and audio pause are dropped (its category's defaults apply again) and it is not expected to send data.
     */
    public void discharge(String bed, Instant now) {
        BedState s = bed(bed);
        for (Instance i : List.copyOf(s.alarms)) {
            end(s, i, now);
        }
        s.pending.clear();
        s.overrides = new LinkedHashMap<>();
        recompute(s);
        s.alarmOff.clear();
        s.lastValues.clear();
        s.pause = null;
        s.lastDataAt = null;
        s.lastDeviceTime = null;
        s.settingsUpdatedAt = now;
        s.shownSettings = null;
    }

    // ---------------------------------------------------------------- inputs: users

    /**
     * Acknowledges an alarm: active becomes acknowledged (silenced while the condition lasts, escalation back to
     * 0), latched becomes ended; an acknowledged alarm whose reminder is due is silenced again.
     *
     * @return whether an alarm with this id was shown
     */
    public boolean acknowledge(String alarmId, String user, Instant now) {
        for (Map.Entry<String, BedState> e : beds.entrySet()) {
            for (Instance i : List.copyOf(e.getValue().alarms)) {
                if (i.id.equals(alarmId)) {
                    acknowledge(e.getValue(), i, user, now);
                    return true;
                }
            }
        }
        return false;
    }

    /** Acknowledges every alarm of the bed. @return how many were acknowledged */
    public int acknowledgeBed(String bed, String user, Instant now) {
        BedState s = beds.get(bed);
        if (s == null) {
            return 0;
        }
        int n = 0;
        for (Instance i : List.copyOf(s.alarms)) {
            if (i.state != AlarmState.ACKNOWLEDGED || i.reminderDue) {
                acknowledge(s, i, user, now);
                n++;
            }
        }
        return n;
    }

    private void acknowledge(BedState s, Instance i, String user, Instant now) {
        i.updatedAt = now;
        if (i.state == AlarmState.ACKNOWLEDGED) {
            if (i.reminderDue) {
                i.reminderDue = false;
                i.remindFrom = now;
                update(i, AlarmUpdate.REMINDER_ACKNOWLEDGED, now);
            }
            return;
        }
        i.escalation = 0;
        applyAck(s, i, user, now, now);
    }

    /**
     * Pauses the audio of one bed ({@code bed} non-null) or of the whole ward for the configured time. Alarms present
     * are silenced until then; a new alarm of a higher priority than any present now sounds through.
     *
     * @return until when
     */
    public Instant pauseAudio(String bed, Instant now) {
        Instant until = now.plus(config.audioPause());
        if (bed == null) {
            wardPause = new Pause(until, highestPresent(i -> true));
            wardPauseUpdatedAt = now;
            silence(i -> true, until, now);
        } else {
            bed(bed).pause = new Pause(until, highestPresent(i -> i.bed.equals(bed)));
            silence(i -> i.bed.equals(bed), until, now);
        }
        return until;
    }

    /** Ends the audio pause of one bed ({@code bed} non-null) or of the ward. */
    public void resumeAudio(String bed, Instant now) {
        if (bed == null) {
            wardPause = null;
            wardPauseUpdatedAt = now;
        } else {
            bed(bed).pause = null;
        }
        for (Map.Entry<String, BedState> e : beds.entrySet()) {
            if (bed != null && !bed.equals(e.getKey())) {
                continue;
            }
            for (Instance i : e.getValue().alarms) {
                if (i.audioPausedUntil != null && now.isBefore(i.audioPausedUntil)) {
                    Pause p = applicablePause(e.getValue(), i.priority, now);
                    Instant until = p == null ? null : p.until();
                    if (!Objects.equals(until, i.audioPausedUntil)) {
                        i.audioPausedUntil = until;
                        i.updatedAt = now;
                        update(i, AlarmUpdate.AUDIO_PAUSE, now);
                    }
                }
            }
        }
    }

    /**
     * Another station's ward audio pause (retained topic; the later {@code updatedAt} wins). A pause in the past or
     * without {@code pausedUntil} resumes the audio. @return whether it was applied
     */
    public boolean applyWardPause(WardAudioPause p, Instant now) {
        if (wardPauseUpdatedAt != null && p.updatedAt() != null && !p.updatedAt().isAfter(wardPauseUpdatedAt)) {
            return false;
        }
        if (p.pausedUntil() == null || !now.isBefore(p.pausedUntil())) {
            resumeAudio(null, now);
        } else {
            wardPause = new Pause(p.pausedUntil(), highestPresent(i -> true));
            silence(i -> true, p.pausedUntil(), now);
        }
        wardPauseUpdatedAt = p.updatedAt() == null ? now : p.updatedAt();
        return true;
    }

    private AlarmPriority highestPresent(Predicate<Instance> scope) {
        AlarmPriority best = null;
        for (BedState s : beds.values()) {
            for (Instance i : s.alarms) {
                if (scope.test(i) && (best == null || i.priority.compareTo(best) < 0)) {
                    best = i.priority;
                }
            }
        }
        return best;
    }

    private void silence(Predicate<Instance> scope, Instant until, Instant now) {
        for (BedState s : beds.values()) {
            for (Instance i : s.alarms) {
                if (scope.test(i) && (i.audioPausedUntil == null || i.audioPausedUntil.isBefore(until))) {
                    i.audioPausedUntil = until;
                    i.updatedAt = now;
                    update(i, AlarmUpdate.AUDIO_PAUSE, now);
                }
            }
        }
    }

    /** The remaining audio pause of the bed (its own or the ward's, the longer); zero when none. */
    public Duration audioPauseRemaining(String bed, Instant now) {
        Instant until = null;
        BedState s = bed == null ? null : beds.get(bed);
        for (Pause p : new Pause[] {s == null ? null : s.pause, wardPause}) {
            if (p != null && (until == null || p.until().isAfter(until))) {
                until = p.until();
            }
        }
        return until == null || !now.isBefore(until) ? Duration.ZERO : Duration.between(now, until);
    }

    /** The ward audio pause in force, or null. */
    public Instant wardPausedUntil(Instant now) {
        return wardPause != null && now.isBefore(wardPause.until()) ? wardPause.until() : null;
    }

    // ---------------------------------------------------------------- other stations

    /**
     * Merges another station's version of an alarm: its acknowledgement is applied whether the alarm is shown now or
     * raised later (kept {@code remoteRetention}), never undone by a version without one (the earliest
     * acknowledgement is kept); escalation level and audio pause follow the later {@code updatedAt}. The condition
     * itself (active or over) stays this station's own evaluation.
     */
    public void applyRemote(AlarmMessage m, Instant now) {
        Remote rv = new Remote(m.ackBy(), m.ackBy() != null && m.ackAt() == null ? m.updatedAt() : m.ackAt(),
                m.escalationLevel(), m.audioPausedUntil(), m.updatedAt(), now);
        for (BedState s : beds.values()) {
            for (Instance i : s.alarms) {
                if (i.id.equals(m.alarm())) {
                    merge(s, i, rv, now);
                    return;
                }
            }
        }
        Instance ended = recentlyEnded.get(m.alarm());
        if (ended != null) {
            merge(bed(ended.bed), ended, rv, now); // its published version follows the ward-wide facts
            return;
        }
        if (restoreRetainedUntil != null && now.isBefore(restoreRetainedUntil)) {
            BedState s = beds.get(m.bed());
            Alarm a = s == null || s.pseudo || s.lastDataAt != null ? null : fromMessage(m);
            if (a != null && restore(a, now)) {
                return;
            }
        }
        remote.merge(m.alarm(), rv, Remote::merge);
    }

    // ---------------------------------------------------------------- restart

    /**
     * Shows again an alarm this station (or the ward) had before a restart: a restart is never a silent all clear.
     * Its id, onset, raisedAt, state and acknowledgement are kept; no state change is reported (it was logged and
     * published before). An ACTIVE or ACKNOWLEDGED one is a present condition that the next data of the bed ends or
     * latches as usual; a LATCHED one stays until acknowledged. Ended alarms, alarms of the station's pseudo-bed
     * (re-raised by the station itself if still true) and ids already shown are ignored.
     *
     * @return whether it was restored
     */
    public boolean restore(Alarm a, Instant now) {
        if (a.state() == AlarmState.ENDED || ConditionCatalog.STATION_BED.equals(a.bed())
                || recentlyEnded.containsKey(a.id())) {
            return false;
        }
        BedState s = bed(a.bed());
        if (s.alarms.stream().anyMatch(i -> i.id.equals(a.id()))) {
            return false;
        }
        boolean present = a.state() == AlarmState.ACTIVE || a.state() == AlarmState.ACKNOWLEDGED;
        if (present && s.present(a.condition()) != null) {
            return false; // the condition is already shown under another id (evaluated since)
        }
        String parameter = null;
        for (String code : s.limits.keySet()) {
            if (a.condition().equals(ConditionCatalog.limitCondition(code, true))
                    || a.condition().equals(ConditionCatalog.limitCondition(code, false))
                    || a.condition().equals(ConditionCatalog.invalidCondition(code))) {
                parameter = code;
            }
        }
        if (parameter != null && s.alarmOff.contains(parameter)) {
            return false;
        }
        Instance i = new Instance(a, parameter);
        s.alarms.add(i);
        s.pending.remove(a.condition());
        if (ConditionCatalog.MONITORING_INTERRUPTED.equals(a.condition()) && present) {
            interrupted = true; // the next connection ends it, as if the interruption had been seen here
        }
        Remote rv = remote.remove(i.id);
        if (rv != null) {
            merge(s, i, rv, now);
        }
        return true;
    }

    /**
     * Until {@code until} (station time), another station's retained version of an alarm that is not ended, for a
     * bed this station watches and has had no data from yet, is restored ({@link #restore}) rather than only kept
     * for merging: at start-up the broker's retained alarms are shown until this station's own data says otherwise.
     */
    public void restoreRetainedUntil(Instant until) {
        this.restoreRetainedUntil = until;
    }

    private Instant restoreRetainedUntil;

    /** The alarm a retained message describes, for {@link #restore}; null when its state or kind is unknown. */
    static Alarm fromMessage(AlarmMessage m) {
        AlarmState state = AlarmState.fromWire(m.state());
        AlarmKind kind = "technical".equals(m.kind()) ? AlarmKind.TECHNICAL
                : "physiological".equals(m.kind()) ? AlarmKind.PHYSIOLOGICAL : null;
        if (state == null || kind == null || m.priority() == null || m.sourceTime() == null) {
            return null;
        }
        Instant raised = m.raisedAt() != null ? m.raisedAt() : m.sourceTime();
        return new Alarm(m.alarm(), m.bed(), m.condition(), kind, m.priority(),
                state == AlarmState.ACTIVE || state == AlarmState.ACKNOWLEDGED, m.text() == null ? m.condition()
                : m.text(), m.value(), m.limit(), m.unit(), m.sourceTime(), raised, state, m.ackBy(), m.ackAt(),
                m.escalationLevel(), m.audioPausedUntil(), false, m.updatedAt() == null ? raised : m.updatedAt());
    }

    // ---------------------------------------------------------------- time

    /** Checks the timers (no data, delays, escalation, reminders); called a few times a second with the station time. */
    public void tick(Instant now) {
        boolean interruptedNow = linkDownSince != null && !now.isBefore(linkDownSince.plus(config.noDataAfter()));
        if (interruptedNow) {
            interrupted = true;
            Instant since = linkDownSince;
            beds.forEach((bed, s) -> {
                if (s.pseudo) {
                    return;
                }
                condition(s, bed, ConditionCatalog.MONITORING_INTERRUPTED, technical(
                        ConditionCatalog.MONITORING_INTERRUPTED, AlarmPriority.HIGH,
                        "CENTRAL MONITORING INTERRUPTED", since), now);
                // one cause, said once: the interruption explains the silence
                condition(s, bed, ConditionCatalog.NO_DATA, null, now);
            });
        } else {
            for (Map.Entry<String, BedState> e : beds.entrySet()) {
                BedState s = e.getValue();
                if (s.lastDataAt == null || s.pseudo) {
                    continue; // never heard: an empty bed, said in words on the tile, not an alarm
                }
                DeviceState ds = s.status == null ? null : s.status.state();
                boolean silent = !now.isBefore(s.lastDataAt.plus(config.noDataAfter()))
                        && ds != DeviceState.STANDBY && ds != DeviceState.OFFLINE;
                condition(s, e.getKey(), ConditionCatalog.NO_DATA, silent ? technical(ConditionCatalog.NO_DATA,
                        AlarmPriority.MEDIUM, "NO DATA", s.lastDeviceTime) : null, now);
            }
        }
        for (Map.Entry<String, BedState> e : beds.entrySet()) {
            BedState s = e.getValue();
            for (Map.Entry<String, Pending> p : List.copyOf(s.pending.entrySet())) {
                raiseIfDue(s, e.getKey(), p.getKey(), p.getValue(), now);
            }
            for (Instance i : List.copyOf(s.alarms)) {
                if (i.state == AlarmState.ACTIVE || i.state == AlarmState.LATCHED) {
                    int level = config.escalationLevel(i.priority, Duration.between(i.raisedAt, now));
                    if (level > i.escalation) {
                        i.escalation = level;
                        i.updatedAt = now;
                        update(i, AlarmUpdate.ESCALATION, now);
                    }
                } else if (i.state == AlarmState.ACKNOWLEDGED && i.present && !i.reminderDue
                        && !now.isBefore(i.remindFrom.plus(config.reminderAfter()))) {
                    i.reminderDue = true;
                    update(i, AlarmUpdate.REMINDER, now);
                }
            }
            if (s.pause != null && !now.isBefore(s.pause.until())) {
                s.pause = null;
            }
        }
        if (wardPause != null && !now.isBefore(wardPause.until())) {
            wardPause = null;
        }
        recentlyEnded.values().removeIf(i -> !now.isBefore(i.endedAt.plus(ENDED_RETENTION)));
        for (Iterator<Remote> it = remote.values().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next().receivedAt().plus(config.remoteRetention()))) {
                it.remove();
            }
        }
    }

    // ---------------------------------------------------------------- queries

    /** Every alarm not ended (active, acknowledged, latched) of every bed, highest priority first, then oldest. */
    public List<Alarm> active() {
        List<Alarm> all = new ArrayList<>();
        beds.values().forEach(s -> s.alarms.forEach(i -> all.add(i.snapshot())));
        all.sort(Alarm::byPriorityThenAge);
        return all;
    }

    /** Alarms per bed, each list sorted like {@link #active()}. */
    public Map<String, List<Alarm>> activeByBed() {
        Map<String, List<Alarm>> map = new HashMap<>();
        for (Alarm a : active()) {
            map.computeIfAbsent(a.bed(), b -> new ArrayList<>()).add(a);
        }
        return map;
    }

    /** The alarm with this id if it is shown (not ended), or null. */
    public Alarm alarm(String id) {
        for (BedState s : beds.values()) {
            for (Instance i : s.alarms) {
                if (i.id.equals(id)) {
                    return i.snapshot();
                }
            }
        }
        return null;
    }

    /**
     * The priority the sound player should play now: the highest among alarms active and unacknowledged, latched,
     * or acknowledged with the reminder due, that no audio pause silences; null for silence.
     */
    public AlarmPriority soundingPriority(Instant now) {
        AlarmPriority best = null;
        for (BedState s : beds.values()) {
            for (Instance i : s.alarms) {
                if (i.snapshot().sounding(now) && (best == null || i.priority.compareTo(best) < 0)) {
                    best = i.priority;
                }
            }
        }
        return best;
    }

    /** A snapshot for any thread. */
    public AlarmBoard board(Instant now) {
        Map<String, Set<String>> off = new HashMap<>();
        Map<String, Instant> pauses = new HashMap<>();
        Map<String, BedAlarmSettings> settings = new HashMap<>();
        beds.forEach((bed, s) -> {
            if (!s.pseudo) {
                if (s.shownSettings == null) { // copied only after a change, not for every numerics message
                    s.shownSettings = new BedAlarmSettings(s.category, s.limits, s.alarmOff, s.settingsUpdatedAt);
                }
                settings.put(bed, s.shownSettings);
            }
            if (!s.alarmOff.isEmpty()) {
                off.put(bed, Set.copyOf(s.alarmOff));
            }
            if (s.pause != null && now.isBefore(s.pause.until())) {
                pauses.put(bed, s.pause.until());
            }
        });
        return new AlarmBoard(active(), activeByBed(), off, soundingPriority(now), wardPausedUntil(now), pauses,
                settings);
    }
}
