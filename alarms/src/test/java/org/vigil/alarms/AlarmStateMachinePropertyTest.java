package org.vigil.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.vigil.data.model.AlarmMessage;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.DeviceEvent;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;

/** Properties of the alarm state machine over random sequences of inputs (values, events, acks, pauses, time). */
class AlarmStateMachinePropertyTest {
    private static final Instant T0 = Instant.parse("2026-11-24T05:00:00Z");
    private static final List<String> BEDS = List.of("01", "02");

    sealed interface Step permits Values, Event, Ack, AckBed, Pause, Advance {
    }

    record Values(String bed, double hr, double spo2) implements Step {
    }

    record Event(String bed, String condition, AlarmPriority priority, boolean start) implements Step {
    }

    record Ack(int index) implements Step {
    }

    record AckBed(String bed) implements Step {
    }

    /** bed null: the ward. */
    record Pause(String bed) implements Step {
    }

    record Advance(int millis) implements Step {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> bed = Arbitraries.of(BEDS);
        Arbitrary<Step> values = Combinators.combine(bed, Arbitraries.of(40.0, 80.0, 150.0),
                Arbitraries.of(80.0, 88.0, 97.0)).as(Values::new);
        Arbitrary<Step> event = Combinators.combine(bed, Arbitraries.of("VFIB", "PVC", "BRADY"),
                Arbitraries.of(AlarmPriority.values()), Arbitraries.of(true, false)).as(Event::new);
        Arbitrary<Step> ack = Arbitraries.integers().between(0, 5).map(Ack::new);
        Arbitrary<Step> ackBed = bed.map(AckBed::new);
        Arbitrary<Step> pause = Arbitraries.of("01", "02", null).map(Pause::new);
        Arbitrary<Step> advance = Arbitraries.integers().between(0, 100_000).map(Advance::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, values), net.jqwik.api.Tuple.of(3, event), net.jqwik.api.Tuple.of(2, ack),
                net.jqwik.api.Tuple.of(1, ackBed), net.jqwik.api.Tuple.of(1, pause),
                net.jqwik.api.Tuple.of(5, advance)).list().ofMinSize(1).ofMaxSize(60);
    }

    /** A pause as the test saw it begin: its scope, end and the highest priority present then (null: none). */
    private record SeenPause(String bed, Instant start, Instant until, AlarmPriority ceiling) {
    }

    private static final Map<String, Set<String>> LEGAL = Map.of(
            "active", Set.of("acknowledged", "latched", "ended"),
            "acknowledged", Set.of("ended"),
            "latched", Set.of("ended"),
            "ended", Set.of());

    @Property(tries = 1000)
    void theStateMachineKeepsItsPromises(@ForAll("steps") List<Step> steps) {
        List<AlarmChange> changes = new ArrayList<>();
        AlarmEvaluator ev = new AlarmEvaluator(Duration.ofSeconds(10), changes::add);
        Instant now = T0;
        Map<String, String> reported = new HashMap<>(); // id -> last reported state
        List<SeenPause> pauses = new ArrayList<>();
        for (Step step : steps) {
            int before = changes.size();
            switch (step) {
                case Values v -> ev.onNumerics(v.bed(), new Numerics("m", now, 1, List.of(
                        new NumericValue(MeasurementCode.HEART_RATE, v.hr(), "/min", now, null),
                        new NumericValue(MeasurementCode.SPO2, v.spo2(), "%", now, null))), now);
                case Event e -> ev.onDeviceEvent(e.bed(), new DeviceEvent("m", now, "e", e.condition(), e.priority(),
                        e.start() ? "start" : "end", null), now);
                case Ack a -> {
                    List<Alarm> shown = ev.active();
                    if (!shown.isEmpty()) {
                        ev.acknowledge(shown.get(a.index() % shown.size()).id(), "nurse", now);
                    }
                }
                case AckBed a -> ev.acknowledgeBed(a.bed(), "nurse", now);
                case Pause p -> {
                    AlarmPriority ceiling = ev.active().stream()
                            .filter(x -> p.bed() == null || x.bed().equals(p.bed()))
                            .map(Alarm::priority).min(Enum::compareTo).orElse(null);
                    Instant until = ev.pauseAudio(p.bed(), now);
                    pauses.add(new SeenPause(p.bed(), now, until, ceiling));
                }
                case Advance a -> {
                    now = now.plusMillis(a.millis());
                    ev.tick(now);
                }
            }
            // every change is a legal transition, reported once
            for (AlarmChange c : changes.subList(before, changes.size())) {
                String id = c.alarm().id();
                String last = reported.get(id);
                assertThat(c.state()).isEqualTo(c.alarm().state().wireName());
                if (last == null) {
                    assertThat(c.state()).as("first change of %s", id).isEqualTo("active");
                } else {
                    assertThat(LEGAL.get(last)).as("%s -> %s of %s", last, c.state(), id).contains(c.state());
                }
                if ("latched".equals(last) && c.state().equals("ended")) {
                    assertThat(c.alarm().ackBy()).as("a latched alarm ends only on acknowledgement").isNotNull();
                }
                reported.put(id, c.state());
            }
            // ... and nothing changed without being reported
            Map<String, String> shown = new HashMap<>();
            ev.active().forEach(a -> shown.put(a.id(), a.state().wireName()));
            reported.forEach((id, state) -> assertThat(shown.getOrDefault(id, "ended")).as(id).isEqualTo(state));
            // a higher priority is never masked by a pause of a lower one
            AlarmPriority sounding = ev.soundingPriority(now);
            for (Alarm a : ev.active()) {
                boolean wants = a.state() == AlarmState.ACTIVE || a.state() == AlarmState.LATCHED;
                for (SeenPause p : pauses) {
                    boolean inScope = p.bed() == null || p.bed().equals(a.bed());
                    boolean higher = p.ceiling() == null || a.priority().compareTo(p.ceiling()) < 0;
                    boolean newer = !a.raisedAt().isBefore(p.start()) && a.raisedAt().isBefore(p.until());
                    if (wants && inScope && higher && newer && pauses.stream().noneMatch(q -> covers(q, a))) {
                        assertThat(sounding).as("%s under a pause of %s", a, p.ceiling()).isNotNull();
                        assertThat(sounding.compareTo(a.priority())).isLessThanOrEqualTo(0);
                    }
                }
                if (a.sounding(now)) {
                    assertThat(sounding).isNotNull();
                    assertThat(sounding.compareTo(a.priority())).isLessThanOrEqualTo(0);
                }
            }
        }
    }

    /** Whether a pause that may legitimately silence alarm {@code a} (begun after it, or not lower) is running. */
    private static boolean covers(SeenPause q, Alarm a) {
        boolean inScope = q.bed() == null || q.bed().equals(a.bed());
        boolean notHigher = q.ceiling() != null && a.priority().compareTo(q.ceiling()) >= 0;
        boolean before = a.raisedAt().isBefore(q.start()) || !a.raisedAt().isAfter(q.start());
        return inScope && (notHigher || before) && q.until().isAfter(a.raisedAt());
    }

    // ------------------------------------------------------------------ merging other stations' versions

    record Version(boolean acked, String ackBy, int ackAtSec, int escalation, Integer pausedSec, int updatedSec) {
    }

    @Provide
    Arbitrary<Version> versions() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of("ann", "bob"),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 2),
                Arbitraries.of(null, 60, 120), Arbitraries.integers().between(0, 5)).as(Version::new);
    }

    private static AlarmMessage message(String id, Version v, String station) {
        return new AlarmMessage(id, "icu3", "01", "VFIB", "physiological", AlarmPriority.HIGH, "active", "VFIB",
                null, null, null, T0, T0, v.acked() ? v.ackBy() : null,
                v.acked() ? T0.plusSeconds(v.ackAtSec()) : null, v.pausedSec() == null ? null
                : T0.plusSeconds(v.pausedSec()), v.escalation(), station, T0.plusSeconds(v.updatedSec()));
    }

    /**
     * @param raiseAt when the alarm is raised here relative to the two messages: 0 before both, 1 between, 2 after
     * @param latched whether the condition is already over (latched) when the messages arrive
     */
    private static List<Object> merged(List<AlarmMessage> order, int raiseAt, boolean latched) {
        List<Alarm> published = new ArrayList<>(); // every version this station would publish, in order
        AlarmEvaluator ev = new AlarmEvaluator(Duration.ofHours(1), c -> published.add(c.alarm()));
        ev.onUpdate(u -> published.add(u.alarm()));
        Instant now = T0.plusSeconds(3); // some versions are newer than the local one, some older
        DeviceEvent start = new DeviceEvent("m", T0, "e", "VFIB", AlarmPriority.HIGH, "start", null);
        DeviceEvent end = new DeviceEvent("m", T0, "e", "VFIB", AlarmPriority.HIGH, "end", null);
        for (int i = 0; i <= order.size(); i++) {
            if (i == raiseAt) {
                ev.onDeviceEvent("01", start, now);
                if (latched) {
                    ev.onDeviceEvent("01", end, now);
                }
            }
            if (i < order.size()) {
                ev.applyRemote(order.get(i), now);
            }
        }
        Alarm a = published.get(published.size() - 1); // the last version published is what the ward sees
        assertThat(a.id()).isEqualTo(AlarmMessage.alarmId("01", "VFIB", T0));
        Alarm shown = ev.alarm(a.id());
        assertThat(shown == null ? a : shown).isEqualTo(a);
        return List.of(a.state(), String.valueOf(a.ackBy()), String.valueOf(a.ackAt()), a.escalationLevel(),
                String.valueOf(a.audioPausedUntil()), a.updatedAt());
    }

    @Property(tries = 500)
    void mergingTwoStationsVersionsInAnyOrderGivesTheSameResult(@ForAll("versions") Version v1,
                                                                @ForAll("versions") Version v2,
                                                                @ForAll boolean latched) {
        String id = AlarmMessage.alarmId("01", "VFIB", T0);
        AlarmMessage m1 = message(id, v1, "cs-1");
        AlarmMessage m2 = message(id, v2, "cs-2");
        List<Object> reference = merged(List.of(m1, m2), 0, latched);
        for (int raiseAt = 0; raiseAt <= 2; raiseAt++) {
            assertThat(merged(List.of(m1, m2), raiseAt, latched)).as("m1, m2, raised at %d", raiseAt)
                    .isEqualTo(reference);
            assertThat(merged(List.of(m2, m1), raiseAt, latched)).as("m2, m1, raised at %d", raiseAt)
                    .isEqualTo(reference);
        }
        if (v1.acked() || v2.acked()) {
            assertThat(reference.get(0)).isIn(AlarmState.ACKNOWLEDGED, AlarmState.ENDED); // never undone
        }
    }
}
