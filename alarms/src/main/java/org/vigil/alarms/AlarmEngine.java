package org.vigil.alarms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.data.model.AlarmMessage;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.DeviceEvent;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.Limit;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.PatientCategory;
import org.vigil.data.model.WardAudioPause;

/**
 * Runs the {@link AlarmEvaluator} on its own thread ({@code vigil-alarms}), at data arrival and on a 250 ms
 * timer, so that alarms never wait for the screen. Inputs may come from any thread (they are queued, stamped with
 * the clock when called); the published {@link AlarmBoard} may be read from any thread; listeners run on the alarm
 * thread and must only hand off.
 */
public final class AlarmEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmEngine.class);

    private final Clock clock;
    /** The alarm thread: inputs and ticks run here in order; replaced by {@link #restartEvaluation()}. */
    private volatile ThreadPoolExecutor thread;
    /** Submits a tick to the alarm thread every 250 ms (one at a time: ticks never pile up behind a stall). */
    private final ScheduledExecutorService timer;
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    /** System.nanoTime() of the last tick that ran on the alarm thread: the watchdog's heartbeat. */
    private volatile long lastTickNanos = System.nanoTime();
    private volatile boolean closed;
    private final AlarmEvaluator evaluator;
    private final List<Consumer<AlarmChange>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<AlarmUpdate>> updateListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<LateEvent>> lateListeners = new CopyOnWriteArrayList<>();
    private volatile AlarmBoard board = AlarmBoard.EMPTY;

    public AlarmEngine(Clock clock, Duration noDataAfter) {
        this(clock, AlarmConfig.defaults().withNoDataAfter(noDataAfter));
    }

    public AlarmEngine(Clock clock, AlarmConfig config) {
        this.clock = clock;
        this.evaluator = new AlarmEvaluator(config, this::changed);
        evaluator.onUpdate(this::updated);
        evaluator.onLate(e -> notify(lateListeners, e));
        this.thread = newAlarmThread();
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("vigil-alarms-timer")
                .daemon().uncaughtExceptionHandler((t, e) -> LOG.error("Uncaught in {}", t.getName(), e)).factory());
    }

    private static ThreadPoolExecutor newAlarmThread() {
        // a plain executor: shutdownNow() hands back the queued inputs unwrapped, so a restart loses none
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("vigil-alarms")
                        .uncaughtExceptionHandler((t, e) -> LOG.error("Uncaught in {}", t.getName(), e)).factory());
    }

    public void start() {
        lastTickNanos = System.nanoTime();
        timer.scheduleAtFixedRate(this::queueTick, 250, 250, TimeUnit.MILLISECONDS);
    }

    private void queueTick() {
        if (tickQueued.compareAndSet(false, true)) {
            submit(() -> {
                tickQueued.set(false);
                lastTickNanos = System.nanoTime();
                evaluator.tick(clock.instant());
            });
        }
    }

    /**
     * How long ago (System.nanoTime() nanoseconds) the alarm thread last ran its 250 ms tick: the heartbeat a
     * watchdog reads. Grows without bound while the alarm thread is stuck.
     */
    public long nanosSinceLastTick() {
        return System.nanoTime() - lastTickNanos;
    }

    /**
     * Replaces a stalled alarm thread by a new one that continues with the same evaluator state: the inputs queued
     * behind the stall run there in order, and the ticks resume. The old thread is interrupted and, once it returns,
     * runs nothing more. For the watchdog; any thread.
     */
    public synchronized void restartEvaluation() {
        if (closed) {
            return;
        }
        ThreadPoolExecutor old = thread;
        ThreadPoolExecutor next = newAlarmThread();
        thread = next;
        List<Runnable> queued = old.shutdownNow();
        LOG.error("Alarm thread restarted after a stall; {} queued inputs continue on the new thread", queued.size());
        tickQueued.set(false);
        lastTickNanos = System.nanoTime();
        for (Runnable r : queued) {
            next.execute(r);
        }
    }

    /**
     * Runs {@code task} on the alarm thread in order with the inputs (diagnostics and tests: a test blocks the
     * thread with it to prove the watchdog). The task must not touch the evaluator.
     */
    public void runOnAlarmThread(Runnable task) {
        submit(task);
    }

    /**
     * Shows again alarms that were shown before a restart (from the alarm log), with their ids, states,
     * acknowledgements and onsets; see {@link AlarmEvaluator#restore}. Call before live data arrives.
     */
    public void restore(List<Alarm> restored) {
        List<Alarm> copy = List.copyOf(restored);
        Instant now = clock.instant();
        submit(() -> {
            int n = 0;
            for (Alarm a : copy) {
                if (evaluator.restore(a, now)) {
                    n++;
                }
            }
            if (n > 0) {
                LOG.warn("Restored {} alarms from before the restart", n);
            }
        });
    }

    /** Retained alarms of other stations received within {@code window} from now are shown (start-up restore). */
    public void restoreRetainedFor(Duration window) {
        Instant until = clock.instant().plus(window);
        submit(() -> evaluator.restoreRetainedUntil(until));
    }

    /** Listens to every state change (active, acknowledged, latched, ended); called on the alarm thread. */
    public void addListener(Consumer<AlarmChange> l) {
        listeners.add(l);
    }

    /** Listens to escalation, reminder, audio pause and merge updates: republish the alarm's message. */
    public void addUpdateListener(Consumer<AlarmUpdate> l) {
        updateListeners.add(l);
    }

    /** Listens to late data, for the alarm log. */
    public void addLateListener(Consumer<LateEvent> l) {
        lateListeners.add(l);
    }

    /** The current alarms; a new immutable board replaces it after every change. */
    public AlarmBoard board() {
        return board;
    }

    /** The priority the sound player should play (as of the last evaluation, at most 250 ms old); null: silence. */
    public AlarmPriority soundingPriority() {
        return board.soundingPriority();
    }

    /** The parameters of the bed whose alarms are off (as of the last evaluation). */
    public Set<String> alarmOff(String bed) {
        return board.alarmOff(bed);
    }

    public void numerics(String bed, Numerics n) {
        Instant now = clock.instant();
        submit(() -> evaluator.onNumerics(bed, n, now));
    }

    /** Numerics the caller found too late to be current: a {@link LateEvent}, never an alarm. */
    public void lateNumerics(String bed, Numerics n) {
        Instant now = clock.instant();
        submit(() -> evaluator.lateNumerics(bed, n, now));
    }

    public void data(String bed, Instant deviceTime) {
        Instant now = clock.instant();
        submit(() -> evaluator.onData(bed, deviceTime, now));
    }

    public void status(String bed, DeviceStatus s) {
        Instant now = clock.instant();
        submit(() -> evaluator.onStatus(bed, s, now));
    }

    public void deviceEvent(String bed, DeviceEvent e) {
        Instant now = clock.instant();
        submit(() -> evaluator.onDeviceEvent(bed, e, now));
    }

    /** Raises or ends a station-level technical condition on the pseudo-bed {@link ConditionCatalog#STATION_BED}. */
    public void stationCondition(String condition, boolean present, String text, AlarmPriority priority) {
        Instant now = clock.instant();
        submit(() -> evaluator.stationCondition(condition, present, text, priority, now));
    }

    /** Configured beds: watched for ward-wide technical alarms from the start. */
    public void watch(List<String> bedIds) {
        List<String> copy = List.copyOf(bedIds);
        submit(() -> evaluator.watch(copy));
    }

    /** The ward broker connection changed (any thread). */
    public void linkState(boolean connected) {
        Instant now = clock.instant();
        submit(() -> evaluator.onLinkState(connected, now));
    }

    /** Sets the category; the bed's limits return to the category's defaults. */
    public void category(String bed, PatientCategory c) {
        Instant now = clock.instant();
        submit(() -> evaluator.setCategory(bed, c, now));
    }

    public void setLimits(String bed, Map<String, Limit> limits) {
        Instant now = clock.instant();
        Map<String, Limit> copy = Map.copyOf(limits);
        submit(() -> evaluator.setLimits(bed, copy, now));
    }

    public void setAlarmOff(String bed, String code, boolean off) {
        Instant now = clock.instant();
        submit(() -> evaluator.setAlarmOff(bed, code, off, now));
    }

    /** A bed's shared settings (from this or another station; the later updatedAt wins). */
    public void applySettings(BedSettings settings) {
        Instant now = clock.instant();
        submit(() -> evaluator.applySettings(settings, now));
    }

    public void discharge(String bed) {
        Instant now = clock.instant();
        submit(() -> evaluator.discharge(bed, now));
    }

    public void acknowledge(String alarmId, String user) {
        Instant now = clock.instant();
        submit(() -> evaluator.acknowledge(alarmId, user, now));
    }

    public void acknowledgeBed(String bed, String user) {
        Instant now = clock.instant();
        submit(() -> evaluator.acknowledgeBed(bed, user, now));
    }

    /**
     * Pauses the audio of one bed, or of the ward when {@code bed} is null. @return until when (publish a ward
     * pause as {@link WardAudioPause} with this time)
     */
    public Instant pauseAudio(String bed) {
        Instant now = clock.instant();
        Instant until = now.plus(evaluator.config().audioPause());
        submit(() -> evaluator.pauseAudio(bed, now));
        return until;
    }

    public void resumeAudio(String bed) {
        Instant now = clock.instant();
        submit(() -> evaluator.resumeAudio(bed, now));
    }

    /** Another station's ward audio pause (the later updatedAt wins). */
    public void applyWardPause(WardAudioPause p) {
        Instant now = clock.instant();
        submit(() -> evaluator.applyWardPause(p, now));
    }

    /** Another station's version of an alarm (retained alarm topic). */
    public void applyRemote(AlarmMessage m) {
        Instant now = clock.instant();
        submit(() -> evaluator.applyRemote(m, now));
    }

    private void submit(Runnable r) {
        ThreadPoolExecutor t = thread;
        if (closed) {
            return;
        }
        try {
            t.execute(() -> run(r));
        } catch (RejectedExecutionException e) {
            // a restart replaced the thread between the read and the call: hand it to the new one
            if (!closed && thread != t) {
                thread.execute(() -> run(r));
            }
        }
    }

    private void run(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // a bad input must not stop alarm evaluation for the ward
            LOG.error("Alarm evaluation failed", e);
        }
        publishBoard();
    }

    private void publishBoard() {
        try {
            AlarmBoard next = evaluator.board(clock.instant());
            if (!next.equals(board)) {
                board = next; // boards are compared by identity downstream: replace only on a real change
            }
        } catch (RuntimeException e) {
            LOG.error("Alarm board failed", e);
        }
    }

    private void changed(AlarmChange c) {
        publishBoard();
        LOG.info("Alarm {} bed {}: {} {} ({}{})", c.state(), c.alarm().bed(), c.alarm().priority().marker(),
                c.alarm().text(), c.alarm().id(), c.alarm().ackBy() == null ? "" : ", by " + c.alarm().ackBy());
        notify(listeners, c);
    }

    private void updated(AlarmUpdate u) {
        publishBoard();
        notify(updateListeners, u);
    }

    private static <T> void notify(List<Consumer<T>> ls, T value) {
        for (Consumer<T> l : ls) {
            try {
                l.accept(value);
            } catch (RuntimeException e) {
                LOG.error("Alarm listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        thread.shutdownNow();
    }
}
