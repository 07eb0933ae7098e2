package org.vigil.alarms.sound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vigil.data.model.AlarmPriority;

/**
 * The burst pattern of one alarm priority after IEC 60601-1-8 Table 3, repeated at a fixed period. Immutable;
 * every {@code with...} returns a new, validated pattern. Times are those of the pulses' envelope onsets (the
 * envelope leaving zero); all pulses of a pattern share one {@link PulseShape}, so onset-to-onset equals
 * effective-start-to-effective-start.
 *
 * <p>Pulse spacing {@code ts} is measured from the end of one pulse's effective duration to the start of the
 * next one's (see {@link PulseShape} for the 50 % definition), so consecutive onsets are {@code td + ts} apart.
 * The interburst interval {@code tb} is measured from the end of the last pulse's effective duration to the
 * start of the next burst's first pulse; this class is configured by its <em>repeat period</em> (burst start to
 * burst start: 10 s, 20 s, 30 s by default) and checks the resulting {@code tb}.
 *
 * <p>Limits enforced (values outside throw an {@link IllegalArgumentException} that names the value):
 * <table>
 *   <caption>IEC 60601-1-8 Table 3 as publicly documented</caption>
 *   <tr><th></th><th>high</th><th>medium</th><th>low</th></tr>
 *   <tr><td>pulses per burst</td><td>10 (3 + 2, pause, 3 + 2)</td><td>3</td><td>1 or 2</td></tr>
 *   <tr><td>pulse spacing {@code ts}</td><td>x = 50–125 ms</td><td>y = 125–250 ms</td><td>y = 125–250 ms (2 pulses)</td></tr>
 *   <tr><td>3rd–4th and 8th–9th spacing</td><td>2x + td</td><td></td><td></td></tr>
 *   <tr><td>5th–6th spacing (pause)</td><td>0.35–1.30 s</td><td></td><td></td></tr>
 *   <tr><td>interburst interval {@code tb}</td><td>2.5–15.0 s</td><td>2.5–30.0 s</td><td>&gt; 15 s</td></tr>
 * </table>
 * Not modelled: the low priority "no repeat" option, the ±5 % tolerance on x and y (ours are exact) and the
 * optional melodies of Annex F.
 */
public final class BurstPattern {

    public static final Duration HIGH_MIN_SPACING = Duration.ofMillis(50), HIGH_MAX_SPACING = Duration.ofMillis(125);
    public static final Duration OTHER_MIN_SPACING = Duration.ofMillis(125), OTHER_MAX_SPACING = Duration.ofMillis(250);
    public static final Duration MIN_PAUSE = Duration.ofMillis(350), MAX_PAUSE = Duration.ofMillis(1300);
    public static final Duration MIN_INTERBURST = Duration.ofMillis(2500);
    public static final Duration HIGH_MAX_INTERBURST = Duration.ofSeconds(15), MEDIUM_MAX_INTERBURST = Duration.ofSeconds(30);
    /** Low priority: the interburst interval must exceed this. */
    public static final Duration LOW_MIN_INTERBURST = Duration.ofSeconds(15);

    private final AlarmPriority priority;
    private final PulseShape pulse;
    private final int pulseCount;
    private final Duration spacing;
    private final Duration pause;
    private final Duration repeatPeriod;
    private final List<Duration> burstOnsets;

    private BurstPattern(AlarmPriority priority, PulseShape pulse, int pulseCount, Duration spacing, Duration pause,
            Duration repeatPeriod) {
        this.priority = Objects.requireNonNull(priority, "priority");
        this.pulse = Objects.requireNonNull(pulse, "pulse").checkFor(priority);
        this.spacing = Objects.requireNonNull(spacing, "spacing");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.repeatPeriod = Objects.requireNonNull(repeatPeriod, "repeatPeriod");
        this.pulseCount = pulseCount;
        switch (priority) {
            case HIGH -> {
                if (pulseCount != 10) {
                    throw new IllegalArgumentException("pulse count " + pulseCount + " for HIGH priority must be 10 (IEC 60601-1-8 Table 3)");
                }
                range("pulse spacing", spacing, HIGH_MIN_SPACING, HIGH_MAX_SPACING);
                range("pause between 5th and 6th pulse", pause, MIN_PAUSE, MAX_PAUSE);
            }
            case MEDIUM -> {
                if (pulseCount != 3) {
                    throw new IllegalArgumentException("pulse count " + pulseCount + " for MEDIUM priority must be 3 (IEC 60601-1-8 Table 3)");
                }
                range("pulse spacing", spacing, OTHER_MIN_SPACING, OTHER_MAX_SPACING);
            }
            case LOW -> {
                if (pulseCount != 1 && pulseCount != 2) {
                    throw new IllegalArgumentException("pulse count " + pulseCount + " for LOW priority must be 1 or 2 (IEC 60601-1-8 Table 3)");
                }
                range("pulse spacing", spacing, OTHER_MIN_SPACING, OTHER_MAX_SPACING);
            }
        }
        this.burstOnsets = onsets();
        Duration tb = interburstInterval();
        switch (priority) {
            case HIGH -> range("interburst interval", tb, MIN_INTERBURST, HIGH_MAX_INTERBURST);
            case MEDIUM -> range("interburst interval", tb, MIN_INTERBURST, MEDIUM_MAX_INTERBURST);
            case LOW -> {
                if (tb.compareTo(LOW_MIN_INTERBURST) <= 0) {
                    throw new IllegalArgumentException("interburst interval " + PulseShape.millis(tb) + " ms (repeat period "
                            + PulseShape.millis(repeatPeriod) + " ms) for LOW priority must exceed "
                            + PulseShape.millis(LOW_MIN_INTERBURST) + " ms (IEC 60601-1-8 Table 3)");
                }
            }
        }
    }

    private void range(String name, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            String extra = name.equals("interburst interval") ? " (repeat period " + PulseShape.millis(repeatPeriod) + " ms)" : "";
            throw new IllegalArgumentException(name + " " + PulseShape.millis(value) + " ms" + extra + " outside "
                    + PulseShape.millis(min) + "–" + PulseShape.millis(max) + " ms for " + priority
                    + " priority (IEC 60601-1-8 Table 3)");
        }
    }

    /** The pattern of the issue: high 10 pulses every 10 s (x = 100 ms, pause 500 ms), medium 3 every 20 s (y = 200 ms), low 1 every 30 s. */
    public static BurstPattern defaults(AlarmPriority priority) {
        return switch (Objects.requireNonNull(priority, "priority")) {
            case HIGH -> new BurstPattern(priority, PulseShape.defaults(priority), 10, Duration.ofMillis(100),
                    Duration.ofMillis(500), Duration.ofSeconds(10));
            case MEDIUM -> new BurstPattern(priority, PulseShape.defaults(priority), 3, Duration.ofMillis(200),
                    Duration.ZERO, Duration.ofSeconds(20));
            case LOW -> new BurstPattern(priority, PulseShape.defaults(priority), 1, Duration.ofMillis(200),
                    Duration.ZERO, Duration.ofSeconds(30));
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BurstPattern b && b.priority == priority && b.pulse.equals(pulse)
                && b.pulseCount == pulseCount && b.spacing.equals(spacing) && b.pause.equals(pause)
                && b.repeatPeriod.equals(repeatPeriod);
    }

    @Override
    public int hashCode() {
        return Objects.hash(priority, pulse, pulseCount, spacing, pause, repeatPeriod);
    }

    public BurstPattern withPulse(PulseShape shape) {
        return new BurstPattern(priority, shape, pulseCount, spacing, pause, repeatPeriod);
    }

    /** Low priority only: 1 or 2 pulses. */
    public BurstPattern withPulseCount(int count) {
        return new BurstPattern(priority, pulse, count, spacing, pause, repeatPeriod);
    }

    /** x (high) or y (medium, low): from the end of one pulse's effective duration to the start of the next one's. */
    public BurstPattern withPulseSpacing(Duration ts) {
        return new BurstPattern(priority, pulse, pulseCount, ts, pause, repeatPeriod);
    }

    /** High priority only: the spacing between the 5th and the 6th pulse. */
    public BurstPattern withPause(Duration pause5to6) {
        if (priority != AlarmPriority.HIGH) {
            throw new IllegalArgumentException("pause between 5th and 6th pulse applies to HIGH priority only");
        }
        return new BurstPattern(priority, pulse, pulseCount, spacing, pause5to6, repeatPeriod);
    }

    /** Burst start to burst start; the resulting interburst interval must be within the priority's range. */
    public BurstPattern withRepeatPeriod(Duration period) {
        return new BurstPattern(priority, pulse, pulseCount, spacing, pause, period);
    }

    private List<Duration> onsets() {
        Duration td = pulse.effectiveDuration();
        List<Duration> out = new ArrayList<>(pulseCount);
        Duration t = Duration.ZERO;
        for (int i = 1; i <= pulseCount; i++) {
            out.add(t);
            Duration gap;
            if (priority == AlarmPriority.HIGH && (i == 3 || i == 8)) {
                gap = spacing.multipliedBy(2).plus(td); // 3 + 2: a missing pulse's place
            } else if (priority == AlarmPriority.HIGH && i == 5) {
                gap = pause;
            } else {
                gap = spacing;
            }
            t = t.plus(td).plus(gap);
        }
        return List.copyOf(out);
    }

    public AlarmPriority priority() {
        return priority;
    }

    public PulseShape pulse() {
        return pulse;
    }

    public int pulseCount() {
        return pulseCount;
    }

    public Duration pulseSpacing() {
        return spacing;
    }

    /** High priority: the 5th–6th spacing; zero otherwise. */
    public Duration pause() {
        return pause;
    }

    public Duration repeatPeriod() {
        return repeatPeriod;
    }

    /** Onsets of the pulses of one burst, relative to the burst's first onset. */
    public List<Duration> burstOnsets() {
        return burstOnsets;
    }

    /** From the first onset to the end of the last pulse's envelope. */
    public Duration burstDuration() {
        return burstOnsets.getLast().plus(pulse.envelopeDuration());
    }

    /** tb: from the end of the last pulse's effective duration to the start of the next burst's first pulse. */
    public Duration interburstInterval() {
        return repeatPeriod.minus(burstOnsets.getLast()).minus(pulse.effectiveDuration());
    }

    /**
     * The onsets of every pulse that starts within {@code [0, span)} when the pattern starts at time 0 and repeats
     * every {@link #repeatPeriod()}: what the player plays, as data.
     */
    public List<Duration> schedule(Duration span) {
        List<Duration> out = new ArrayList<>();
        for (Duration burst = Duration.ZERO; burst.compareTo(span) < 0; burst = burst.plus(repeatPeriod)) {
            for (Duration onset : burstOnsets) {
                Duration t = burst.plus(onset);
                if (t.compareTo(span) < 0) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "BurstPattern[" + priority + ", " + pulseCount + " pulses, spacing " + PulseShape.millis(spacing)
                + " ms, pause " + PulseShape.millis(pause) + " ms, every " + PulseShape.millis(repeatPeriod) + " ms, " + pulse + "]";
    }
}
