package org.vigil.link.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.DeviceEvent;
import org.vigil.data.model.DeviceState;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.data.model.WaveChannel;
import org.vigil.link.sim.SampleCounter;

/**
 * What the device replaying one {@link Recording} publishes, as wire-contract records, given the clock time: a
 * pure state machine (no I/O) that {@link ReplayPublisher}'s thread drives every 250 ms.
 *
 * <h2>Timeline and {@code --speed}</h2>
 * The replay starts at the first {@link #tick}'s time {@code start} (truncated to the millisecond). Sample
 * {@code g} (counted from the start, across loops) has the device time {@code start + g / rate}: the
 * recording's own timeline at its native rate, and the published {@code rate} is the native rate. With speed
 * {@code X} the recording is read X times faster: at clock time {@code start + w}, the samples up to
 * {@code start + X * w} have been published. So at speed 1 device time equals the station clock; at other
 * speeds the device's clock runs X times as fast as the station's (ahead of it for X &gt; 1), which is meant
 * for tests and demonstrations only (the station may judge such data's age oddly).
 *
 * <h2>What goes out</h2>
 * <ul>
 *   <li>Wave: each tick, the samples that fell due since the last one, every channel with its exact
 *       {@code t0}: normally 0.25 s per message. When more is due (a late tick, speed &gt; 1) it is split into
 *       messages of 0.25 s times the speed, at most 1 s, of recording.</li>
 *   <li>Numerics: each row of the recording when its frame has been reached, with its device time.</li>
 *   <li>Device events: each episode's {@code start} at its onset and {@code end} at its end, priority high, id
 *       {@code {CONDITION}-{onset epoch ms}} (unique per episode, also across loops).</li>
 *   <li>With {@code loop}, the recording starts again after its last sample, the timeline and sequence numbers
 *       going on (its numerics and episodes come again too: the HR learns anew); without, {@link #finished()}
 *       turns true after the last sample and its numerics and events.</li>
 * </ul>
 * If the clock jumps ahead by more than 5 s (times the speed) of recording, the replay skips to the newest
 * 0.25 s (times the speed): skipped numerics are dropped, an episode wholly inside the skipped span is not
 * reported, one that started or ended in it is started or ended with its own times. If the clock goes back by
 * more than 10 s, the start moves back with it; smaller steps back just wait.
 *
 * <p>Not thread-safe: used by the replay thread only.
 */
final class RecordingReplay {

    /** Where the records go; called on the replay thread. */
    interface Sink {
        void wave(Wave wave);

        void numerics(Numerics numerics);

        void event(DeviceEvent event);
    }

    private static final long CHUNK_NANOS = 250_000_000L;
    private static final long MAX_BEHIND_NANOS = 5_000_000_000L;
    private static final long CLOCK_BACK_TOLERANCE_NANOS = 10_000_000_000L;

    private final Recording recording;
    private final String device;
    private final double speed;
    private final boolean loop;
    private final SampleCounter counter;
    private final int chunkFrames;
    private final long maxBehindFrames;
    private final long resumeFrames;
    private final long clockBackNanos;

    private Instant start;
    private long sent;       // frames published or skipped, across loops
    private long passStart;  // first frame of the current pass
    private int rowIndex;
    private int episodeIndex;
    private boolean episodeOpen;
    private long waveSeq;
    private long numericsSeq;
    private boolean finished;

    /** @param speed how many times faster than real time the recording is read, greater than 0 */
    RecordingReplay(Recording recording, double speed, boolean loop) {
        this.recording = Objects.requireNonNull(recording, "recording");
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed " + speed + " must be greater than 0");
        }
        this.device = recording.deviceId();
        this.speed = speed;
        this.loop = loop;
        this.counter = new SampleCounter(recording.rate());
        this.chunkFrames = (int) Math.max(1, counter.samplesBefore(CHUNK_NANOS * (long) Math.clamp(speed, 1, 4)));
        this.maxBehindFrames = counter.samplesBefore(recordingNanos(MAX_BEHIND_NANOS));
        this.resumeFrames = Math.max(chunkFrames, counter.samplesBefore(recordingNanos(CHUNK_NANOS)));
        this.clockBackNanos = recordingNanos(CLOCK_BACK_TOLERANCE_NANOS);
    }

    Recording recording() {
        return recording;
    }

    /** The start, or null before the first tick. */
    Instant start() {
        return start;
    }

    /** True once a replay without loop has published everything. */
    boolean finished() {
        return finished;
    }

    /** The device's own time at clock time {@code now} (see the class): {@code start + speed * (now - start)}. */
    Instant deviceTime(Instant now) {
        if (start == null) {
            return now.truncatedTo(ChronoUnit.MILLIS);
        }
        return start.plusNanos(recordingNanos(Duration.between(start, now).toNanos())).truncatedTo(ChronoUnit.MILLIS);
    }

    /** The {@code online} status at {@code now}: ECG leads on, the SpO2 probe on if a pleth is replayed. */
    DeviceStatus online(Instant now) {
        boolean pleth = recording.channels().stream().anyMatch(c -> c.code().equals(MeasurementCode.PLETH));
        boolean ecg = recording.channels().stream().anyMatch(c -> MeasurementCode.isEcg(c.code()));
        return new DeviceStatus(device, DeviceState.ONLINE, deviceTime(now), null,
                ecg ? Map.of("ECG", "on") : Map.of(), pleth ? Map.of("SPO2", "on") : Map.of());
    }

    /** Publishes to {@code sink} what is due at clock time {@code now}. */
    void tick(Instant now, Sink sink) {
        if (finished) {
            return;
        }
        if (start == null) {
            start = now.truncatedTo(ChronoUnit.MILLIS);
        }
        long position = recordingNanos(Duration.between(start, now).toNanos());
        if (position < counter.nanosOf(sent) - clockBackNanos) {
            // the clock went back a long way: move the start so that the replay goes on from here
            start = now.minusNanos(Math.round(counter.nanosOf(sent) / speed)).truncatedTo(ChronoUnit.MILLIS);
            return;
        }
        long target = counter.samplesBefore(position);
        if (!loop) {
            target = Math.min(target, recording.frames());
        }
        if (target - sent > maxBehindFrames) {
            advance(target - resumeFrames, true, sink);
        }
        advance(target, false, sink);
        if (!loop && sent >= recording.frames()) {
            finished = true;
        }
    }

    /**
     * Publishes (or when {@code silent} skips) everything up to frame {@code to} in time order: a wave message,
     * then the numerics and events it reached, and so on, pass by pass.
     */
    private void advance(long to, boolean silent, Sink sink) {
        while (sent < to) {
            long passEnd = passStart + recording.frames();
            long left = Math.min(to, passEnd) - sent;
            int n = (int) (silent ? left : left >= 2L * chunkFrames ? chunkFrames : left);
            if (!silent) {
                wave(n, sink);
            }
            sent += n;
            rows(silent, sink);
            episodes(silent, sink);
            if (sent == passEnd && loop) {
                passStart = passEnd;
                rowIndex = 0;
                episodeIndex = 0;
            }
        }
    }

    /** The wave message of the {@code n} frames from {@link #sent}, every channel with the same {@code t0}. */
    private void wave(int n, Sink sink) {
        int offset = (int) (sent - passStart);
        Instant t0 = time(sent);
        List<WaveChannel> channels = new ArrayList<>(recording.channels().size());
        for (Recording.Channel c : recording.channels()) {
            channels.add(new WaveChannel(c.code(), recording.rate(), c.unit(), c.scale(), c.offset(),
                    Arrays.copyOfRange(c.samples(), offset, offset + n), t0));
        }
        sink.wave(new Wave(device, waveSeq++, t0, channels));
    }

    private void rows(boolean silent, Sink sink) {
        List<Recording.NumericsRow> rows = recording.numerics();
        while (rowIndex < rows.size() && passStart + rows.get(rowIndex).frame() <= sent) {
            Recording.NumericsRow row = rows.get(rowIndex++);
            if (!silent) {
                Instant time = time(passStart + row.frame());
                List<NumericValue> values = row.values().stream()
                        .map(r -> new NumericValue(r.code(), r.value(), r.unit(), time, r.invalid())).toList();
                sink.numerics(new Numerics(device, time, numericsSeq++, values));
            }
        }
    }

    private void episodes(boolean silent, Sink sink) {
        List<Recording.Episode> episodes = recording.episodes();
        while (episodeIndex < episodes.size()) {
            Recording.Episode e = episodes.get(episodeIndex);
            if (!episodeOpen) {
                if (passStart + e.startFrame() > sent) {
                    return;
                }
                if (silent && passStart + e.endFrame() <= sent) {
                    episodeIndex++; // wholly skipped
                    continue;
                }
                sink.event(event(e, "start", passStart + e.startFrame()));
                episodeOpen = true;
            }
            if (passStart + e.endFrame() > sent) {
                return;
            }
            sink.event(event(e, "end", passStart + e.endFrame()));
            episodeOpen = false;
            episodeIndex++;
        }
    }

    private DeviceEvent event(Recording.Episode e, String phase, long frame) {
        String id = e.condition() + "-" + time(passStart + e.startFrame()).toEpochMilli();
        return new DeviceEvent(device, time(frame), id, e.condition(), AlarmPriority.HIGH, phase, e.text());
    }

    /** The device time of frame {@code g}: {@code start + g / rate}. */
    private Instant time(long g) {
        return start.plusNanos(counter.nanosOf(g));
    }

    private long recordingNanos(long wallNanos) {
        return speed == 1 ? wallNanos : (long) Math.floor(wallNanos * speed);
    }

    @Override
    public String toString() {
        return "RecordingReplay[" + recording.name() + ", speed " + speed + (loop ? ", loop" : "") + "]";
    }
}
