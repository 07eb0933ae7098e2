package org.vigil.app;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alarms.Alarm;
import org.vigil.alarms.AlarmEngine;
import org.vigil.alarms.AlarmState;
import org.vigil.alarms.ConditionCatalog;
import org.vigil.data.model.AlarmPriority;

/**
 * Self-supervision on its own daemon thread ({@code vigil-watchdog}): notices when the alarm thread (its 250 ms tick
 * is the heartbeat) or the JavaFX thread (a probe posted once a second) has not run for more than the stall
 * threshold (2 s by default). A stalled alarm thread is logged, counted, replaced ({@link
 * AlarmEngine#restartEvaluation()}: same evaluator state, queued inputs kept) and raises the station's technical
 * alarm "ALARM SYSTEM STALLED" (high), which ends once acknowledged while the thread is healthy. A stalled JavaFX
 * thread is logged and counted (it cannot be restarted; the alarm thread and the sound do not depend on it).
 */
final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    static final Duration DEFAULT_STALL = Duration.ofSeconds(2);
    static final String ALARM_SYSTEM_STALLED = "ALARM_SYSTEM_STALLED";

    private final AlarmEngine alarms;
    private final long stallNanos;
    private final ScheduledExecutorService thread = Threads.scheduled("vigil-watchdog");
    private final AtomicLong alarmThreadStalls = new AtomicLong();
    private final AtomicLong fxThreadStalls = new AtomicLong();
    private volatile boolean stalledAlarmRaised;

    private volatile Consumer<Runnable> fxRunLater;
    /** System.nanoTime() when the pending FX probe was posted; 0: none pending. */
    private final AtomicLong fxProbePostedAt = new AtomicLong();
    private final AtomicBoolean fxStalled = new AtomicBoolean();
    private volatile long lastFxProbeNanos;

    Watchdog(AlarmEngine alarms, Duration stallAfter) {
        this.alarms = alarms;
        this.stallNanos = stallAfter.toNanos();
    }

    void start() {
        long period = Math.max(50, TimeUnit.NANOSECONDS.toMillis(stallNanos) / 4);
        thread.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Watches the JavaFX thread too: {@code runLater} is {@code Platform::runLater}; one probe a second is posted
     * (never one per message) and its delay measured.
     */
    void watchFxThread(Consumer<Runnable> runLater) {
        this.fxRunLater = runLater;
        lastFxProbeNanos = System.nanoTime();
        thread.scheduleWithFixedDelay(this::probeFx, 0, 1, TimeUnit.SECONDS);
    }

    long alarmThreadStalls() {
        return alarmThreadStalls.get();
    }

    long fxThreadStalls() {
        return fxThreadStalls.get();
    }

    private void check() {
        try {
            checkAlarmThread();
            checkFxThread();
        } catch (RuntimeException e) {
            LOG.error("Watchdog check failed", e);
        }
    }

    private void checkAlarmThread() {
        long since = alarms.nanosSinceLastTick();
        if (since > stallNanos) {
            long n = alarmThreadStalls.incrementAndGet();
            LOG.error("ALARM THREAD STALLED: no evaluation for {} ms (stall {}): restarting alarm evaluation",
                    TimeUnit.NANOSECONDS.toMillis(since), n);
            alarms.restartEvaluation();
            stalledAlarmRaised = true;
            alarms.stationCondition(ALARM_SYSTEM_STALLED, true, "ALARM SYSTEM STALLED", AlarmPriority.HIGH);
        } else if (stalledAlarmRaised && acknowledged()) {
            stalledAlarmRaised = false;
            alarms.stationCondition(ALARM_SYSTEM_STALLED, false, "ALARM SYSTEM STALLED", AlarmPriority.HIGH);
        }
    }

    private boolean acknowledged() {
        for (Alarm a : alarms.board().forBed(ConditionCatalog.STATION_BED)) {
            if (a.condition().equals(ALARM_SYSTEM_STALLED)) {
                return a.state() == AlarmState.ACKNOWLEDGED;
            }
        }
        return false;
    }

    private void probeFx() {
        Consumer<Runnable> runLater = fxRunLater;
        if (runLater == null || !fxProbePostedAt.compareAndSet(0, System.nanoTime())) {
            return; // the last probe has not run yet: checkFxThread measures how late it is
        }
        try {
            runLater.accept(() -> {
                lastFxProbeNanos = System.nanoTime();
                fxProbePostedAt.set(0);
            });
        } catch (RuntimeException e) {
            fxProbePostedAt.set(0); // the toolkit is gone (shutting down)
        }
    }

    private void checkFxThread() {
        long posted = fxProbePostedAt.get();
        if (posted == 0) {
            fxStalled.set(false);
            return;
        }
        long late = System.nanoTime() - posted;
        if (late > stallNanos && fxStalled.compareAndSet(false, true)) {
            long n = fxThreadStalls.incrementAndGet();
            LOG.error("JAVAFX THREAD STALLED: the screen has not run for {} ms (stall {}); alarms and sound go on",
                    TimeUnit.NANOSECONDS.toMillis(late), n);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
