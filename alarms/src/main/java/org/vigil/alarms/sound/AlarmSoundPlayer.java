package org.vigil.alarms.sound;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.data.model.AlarmPriority;

/**
 * Sounds the station's alarm signal: one sound at a time, the pattern of the priority last given to
 * {@link #setPriority} (the highest active alarm's), synthesised at run time by an {@link AlarmSoundSequencer}
 * and written in {@value #CHUNK_MILLIS} ms chunks to an {@link AudioSink} on the player's own daemon thread
 * ({@value #THREAD_NAME}). A change of priority is heard within one pulse (the pulse playing is finished, then
 * the new pattern starts from its first pulse) plus the line's buffer.
 *
 * <p>Audio modes: {@link AudioMode#OFF} never opens a line. {@link AudioMode#ON} and {@link AudioMode#AUTO}
 * keep the line open (writing silence between alarms, so that a broken device is found before an alarm needs
 * it). A failure to open or write is reported once to {@code onAudioUnavailable} (raise the technical alarm
 * "audio unavailable"; every visual signal goes on), the line is retried every {@code retryInterval}, and the
 * first chunk written after a report calls {@code onAudioAvailable}, which is also called when the mode is set to
 * {@code OFF} after a report (audio is then off on purpose, shown by its own indicator). Both callbacks run on
 * the player's thread and must only hand off.
 *
 * <p>Every setter may be called from any thread.
 */
public final class AlarmSoundPlayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmSoundPlayer.class);

    public static final String THREAD_NAME = "vigil-alarm-sound";
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(30);
    public static final int CHUNK_MILLIS = 10;

    private final AudioSink sink;
    private final Consumer<String> onAudioUnavailable;
    private final Runnable onAudioAvailable;
    private final long retryNanos;
    private final AlarmSoundSequencer sequencer;
    private final Thread thread;
    private final Object lock = new Object();

    private volatile AudioMode mode;
    private volatile AlarmPriority priority;
    private volatile double volume = AlarmVolume.DEFAULT;
    private volatile int escalationLevel;
    private volatile boolean testTone;
    private volatile boolean closed;
    private volatile boolean unavailable;
    private volatile AlarmPriority sounding;
    private volatile boolean lineOpen;

    // player thread only
    private AudioSink.Output output;
    private long nextAttempt = System.nanoTime();

    public AlarmSoundPlayer(AudioSink sink, AudioMode mode, Consumer<String> onAudioUnavailable, Runnable onAudioAvailable) {
        this(sink, mode, onAudioUnavailable, onAudioAvailable, Map.of(), DEFAULT_RETRY_INTERVAL);
    }

    /**
     * @param patterns      one per priority (missing ones: {@link BurstPattern#defaults})
     * @param retryInterval how long after a failure the line is opened again
     */
    public AlarmSoundPlayer(AudioSink sink, AudioMode mode, Consumer<String> onAudioUnavailable, Runnable onAudioAvailable,
            Map<AlarmPriority, BurstPattern> patterns, Duration retryInterval) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.onAudioUnavailable = Objects.requireNonNull(onAudioUnavailable, "onAudioUnavailable");
        this.onAudioAvailable = Objects.requireNonNull(onAudioAvailable, "onAudioAvailable");
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("retry interval " + retryInterval + " must be positive");
        }
        this.retryNanos = retryInterval.toNanos();
        this.sequencer = new AlarmSoundSequencer(patterns);
        this.thread = Thread.ofPlatform().name(THREAD_NAME).daemon(true).priority(Thread.MAX_PRIORITY)
                .uncaughtExceptionHandler((t, e) -> LOG.error("Uncaught in {}", t.getName(), e))
                .unstarted(this::run);
    }

    /** Starts the player's thread; call once. */
    public AlarmSoundPlayer start() {
        thread.start();
        return this;
    }

    /** The priority to sound (the highest active, unsilenced alarm), or null for silence. */
    public void setPriority(AlarmPriority p) {
        priority = p;
        wake();
    }

    /** The highest of {@code active} (null when empty): what {@link #setPriority} should be given. */
    public static AlarmPriority highest(java.util.Collection<AlarmPriority> active) {
        AlarmPriority best = null;
        for (AlarmPriority p : active) {
            if (p != null && (best == null || p.ordinal() < best.ordinal())) {
                best = p;
            }
        }
        return best;
    }

    public AlarmPriority priority() {
        return priority;
    }

    /** What the player is sounding at the moment (null: silence, test tone, or no audio). */
    public AlarmPriority sounding() {
        return sounding;
    }

    /** The volume setting 0..1; below {@link AlarmVolume#FLOOR} is raised to it. Applies from the next pulse. */
    public void setVolume(double setting) {
        volume = AlarmVolume.effectiveSetting(setting);
    }

    public double volume() {
        return volume;
    }

    /** 0: none; 1: +3 dB; 2 and above: +6 dB (capped at full scale). Applies from the next pulse. */
    public void setEscalationLevel(int level) {
        AlarmVolume.boost(level); // validates
        escalationLevel = level;
    }

    public void setMode(AudioMode m) {
        mode = Objects.requireNonNull(m, "mode");
        wake();
    }

    public AudioMode mode() {
        return mode;
    }

    /** Plays one medium-priority burst at the current volume, unless an alarm is sounding (or the mode is OFF). */
    public void playTestTone() {
        if (mode != AudioMode.OFF) {
            testTone = true;
            wake();
        }
    }

    /** True after a failure was reported and until audio works again. */
    public boolean audioUnavailable() {
        return unavailable;
    }

    /** True while an audio line is open. */
    public boolean lineOpen() {
        return lineOpen;
    }

    @Override
    public void close() {
        closed = true;
        wake();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Waits up to {@code nanos} while {@code stillWait} holds (checked under the lock, so no wake-up is missed). */
    private void await(long nanos, java.util.function.BooleanSupplier stillWait) {
        synchronized (lock) {
            if (closed || nanos <= 0 || !stillWait.getAsBoolean()) {
                return;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(lock, nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
        }
    }

    private void run() {
        int chunkSamples = AlarmSignalSynth.SAMPLE_RATE * CHUNK_MILLIS / 1000;
        short[] pcm = new short[chunkSamples];
        byte[] bytes = new byte[2 * chunkSamples];
        try {
            while (!closed) {
                try {
                    step(pcm, bytes);
                } catch (RuntimeException e) {
                    // a bug must not silence the alarms for good: log, drop the line, try again shortly
                    LOG.error("Alarm sound failed; restarting the audio line", e);
                    closeOutput();
                    sequencer.reset();
                    await(TimeUnit.MILLISECONDS.toNanos(100), () -> true);
                }
            }
        } finally {
            closeOutput();
            sounding = null;
        }
    }

    private void step(short[] pcm, byte[] bytes) {
        if (mode == AudioMode.OFF) {
            closeOutput();
            sequencer.reset();
            sounding = null;
            testTone = false;
            if (unavailable) {
                unavailable = false;
                notifyAvailable();
            }
            await(Long.MAX_VALUE, () -> mode == AudioMode.OFF);
            return;
        }
        if (output == null) {
            long wait = nextAttempt - System.nanoTime();
            if (wait > 0) {
                await(wait, () -> mode != AudioMode.OFF);
                return;
            }
            try {
                output = Objects.requireNonNull(sink.open(AlarmSignalSynth.FORMAT), "sink returned no output");
                lineOpen = true;
            } catch (AudioUnavailableException | RuntimeException e) {
                failed(e);
                return;
            }
        }
        sequencer.request(priority);
        if (testTone) {
            testTone = false;
            sequencer.requestTestTone();
        }
        sequencer.amplitude(AlarmVolume.amplitude(volume, escalationLevel));
        sequencer.fill(pcm);
        sounding = sequencer.playing();
        AlarmSignalSynth.toBytes(pcm, 0, pcm.length, bytes);
        try {
            output.write(bytes, 0, bytes.length);
        } catch (AudioUnavailableException | RuntimeException e) {
            failed(e);
            return;
        }
        if (unavailable) { // recovered only once the device has taken a chunk, not merely opened
            unavailable = false;
            LOG.info("Audio output available again");
            notifyAvailable();
        }
    }

    private void failed(Exception e) {
        closeOutput();
        sequencer.reset();
        sounding = null;
        nextAttempt = System.nanoTime() + retryNanos;
        if (!unavailable) {
            unavailable = true;
            String message = "audio unavailable: " + e.getMessage();
            LOG.warn("Alarm audio unavailable; retrying every {} s: {}", retryNanos / 1_000_000_000.0, e.toString());
            try {
                onAudioUnavailable.accept(message);
            } catch (RuntimeException listenerFailure) {
                LOG.error("onAudioUnavailable listener failed", listenerFailure);
            }
        } else {
            LOG.debug("Alarm audio still unavailable: {}", e.toString());
        }
    }

    private void notifyAvailable() {
        try {
            onAudioAvailable.run();
        } catch (RuntimeException listenerFailure) {
            LOG.error("onAudioAvailable listener failed", listenerFailure);
        }
    }

    private void closeOutput() {
        if (output != null) {
            try {
                output.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing the audio line failed", e);
            }
            output = null;
            lineOpen = false;
        }
    }
}
