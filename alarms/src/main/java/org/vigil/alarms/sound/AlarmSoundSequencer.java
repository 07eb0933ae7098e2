package org.vigil.alarms.sound;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.vigil.data.model.AlarmPriority;

/**
 * Turns "the priority that should sound now" into a continuous PCM stream, one buffer at a time: the heart of
 * {@link AlarmSoundPlayer}, pure and single-threaded so that tests drive it sample by sample without a clock.
 *
 * <p>Rules: one sound at a time. A pulse that has started is always finished (no clicks, and a change is
 * heard within one pulse); between pulses the request is applied at once: a different priority starts its own
 * pattern from its first pulse, {@code null} falls silent. The pattern's timing (onsets, repeat period) comes
 * from {@link BurstPattern#burstOnsets()} and {@link BurstPattern#repeatPeriod()}, the same data as
 * {@link BurstPattern#schedule}. The amplitude is taken when a pulse starts and held for the whole pulse.
 * A test tone is one medium-priority burst, played only while no alarm is requested.
 */
public final class AlarmSoundSequencer {

    private static final class Program {
        final AlarmPriority priority;
        final boolean oneShot;
        final int[] onsets;
        final int period;
        final float[] pulse;

        Program(BurstPattern pattern, boolean oneShot) {
            this.priority = pattern.priority();
            this.oneShot = oneShot;
            this.onsets = pattern.burstOnsets().stream().mapToInt(AlarmSignalSynth::samples).toArray();
            this.period = AlarmSignalSynth.samples(pattern.repeatPeriod());
            this.pulse = AlarmSignalSynth.unitPulse(pattern.pulse());
        }
    }

    private final Map<AlarmPriority, Program> programs = new EnumMap<>(AlarmPriority.class);
    private final Program testTone;

    private AlarmPriority requested;
    private boolean testToneRequested;
    private double amplitude = AlarmVolume.amplitude(AlarmVolume.DEFAULT, 0);

    private Program current;
    private int t; // samples since the start of the current period of the current program
    private int nextOnset;
    private float[] pulse; // non-null while a pulse is playing
    private int pulsePos;
    private double pulseAmplitude;

    /** @param patterns one pattern per priority; missing priorities use {@link BurstPattern#defaults} */
    public AlarmSoundSequencer(Map<AlarmPriority, BurstPattern> patterns) {
        for (AlarmPriority p : AlarmPriority.values()) {
            BurstPattern pattern = patterns.getOrDefault(p, BurstPattern.defaults(p));
            if (pattern.priority() != p) {
                throw new IllegalArgumentException("pattern " + pattern + " given for " + p + " priority");
            }
            programs.put(p, new Program(pattern, false));
        }
        testTone = new Program(patterns.getOrDefault(AlarmPriority.MEDIUM, BurstPattern.defaults(AlarmPriority.MEDIUM)), true);
    }

    public AlarmSoundSequencer() {
        this(Map.of());
    }

    /** The priority that should sound (the highest active one), or null for silence. */
    public void request(AlarmPriority priority) {
        this.requested = priority;
        if (priority != null) {
            testToneRequested = false;
        }
    }

    /** One medium burst, if no alarm is sounding or requested. */
    public void requestTestTone() {
        if (requested == null) {
            testToneRequested = true;
        }
    }

    /** Peak amplitude (fraction of full scale, 0..1) of pulses that start from now on. */
    public void amplitude(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("amplitude " + value + " outside 0..1");
        }
        this.amplitude = value;
    }

    /** What is sounding: the priority of the pattern being played, or null (silence or test tone). */
    public AlarmPriority playing() {
        return current == null || current.oneShot ? null : current.priority;
    }

    public boolean playingTestTone() {
        return current != null && current.oneShot;
    }

    /** Drops what was playing, mid-pulse included (after the output failed). */
    public void reset() {
        current = null;
        pulse = null;
        testToneRequested = false;
    }

    /** Fills {@code out} with the next {@code out.length} samples. */
    public void fill(short[] out) {
        Objects.requireNonNull(out, "out");
        int i = 0;
        while (i < out.length) {
            if (pulse != null) {
                int n = Math.min(pulse.length - pulsePos, out.length - i);
                for (int k = 0; k < n; k++) {
                    out[i + k] = AlarmSignalSynth.sample(pulse[pulsePos + k], pulseAmplitude);
                }
                pulsePos += n;
                t += n;
                i += n;
                if (pulsePos == pulse.length) {
                    pulse = null;
                }
                continue;
            }
            applyRequest();
            if (current == null) {
                java.util.Arrays.fill(out, i, out.length, (short) 0);
                return;
            }
            int target = nextOnset < current.onsets.length ? current.onsets[nextOnset] : current.period;
            if (t >= target) {
                if (nextOnset < current.onsets.length) {
                    pulse = current.pulse;
                    pulsePos = 0;
                    pulseAmplitude = amplitude;
                    nextOnset++;
                } else {
                    t -= current.period;
                    nextOnset = 0;
                }
                continue;
            }
            int n = Math.min(target - t, out.length - i);
            java.util.Arrays.fill(out, i, i + n, (short) 0);
            t += n;
            i += n;
        }
    }

    /** Between pulses: switch to what is requested. */
    private void applyRequest() {
        if (current != null && current.oneShot && nextOnset >= current.onsets.length) {
            current = null; // the test burst is over
        }
        if (requested != null) {
            if (current == null || current.oneShot || current.priority != requested) {
                start(programs.get(requested));
            }
        } else {
            if (current != null && !current.oneShot) {
                current = null;
            }
            if (current == null && testToneRequested) {
                testToneRequested = false;
                start(testTone);
            }
        }
    }

    private void start(Program p) {
        current = p;
        t = 0;
        nextOnset = 0;
    }
}
