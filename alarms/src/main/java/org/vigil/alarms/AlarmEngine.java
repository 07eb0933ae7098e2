package org.vigil.alarms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.PatientCategory;

/**
 * Runs the {@link AlarmEvaluator} on its own thread ({@code vigil-alarms}), at data arrival and on a 250 ms
 * timer, so that alarms never wait for the screen. Inputs may come from any thread (they are queued); the
 * published {@link AlarmBoard} may be read from any thread; change listeners run on the alarm thread and must
 * only hand off.
 */
public final class AlarmEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmEngine.class);

    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final AlarmEvaluator evaluator;
    private final List<Consumer<AlarmChange>> listeners = new CopyOnWriteArrayList<>();
    private volatile AlarmBoard board = AlarmBoard.EMPTY;

    public AlarmEngine(Clock clock, Duration noDataAfter) {
        this.clock = clock;
        this.evaluator = new AlarmEvaluator(noDataAfter, this::changed);
        this.thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("vigil-alarms")
                .uncaughtExceptionHandler((t, e) -> LOG.error("Uncaught in {}", t.getName(), e)).factory());
    }

    public void start() {
        thread.scheduleAtFixedRate(() -> run(() -> evaluator.tick(clock.instant())), 250, 250, TimeUnit.MILLISECONDS);
    }

    /** Listens to every raise and end; called on the alarm thread. */
    public void addListener(Consumer<AlarmChange> l) {
        listeners.add(l);
    }

    /** The current alarms; a new immutable board replaces it after every change. */
    public AlarmBoard board() {
        return board;
    }

    public void numerics(String bed, Numerics n) {
        Instant now = clock.instant();
        submit(() -> evaluator.onNumerics(bed, n, now));
    }

    public void data(String bed, Instant deviceTime) {
        Instant now = clock.instant();
        submit(() -> evaluator.onData(bed, deviceTime, now));
    }

    public void status(String bed, DeviceStatus s) {
        Instant now = clock.instant();
        submit(() -> evaluator.onStatus(bed, s, now));
    }

    /** Configured beds: watched for ward-wide technical alarms from the start. */
    public void watch(java.util.List<String> bedIds) {
        java.util.List<String> copy = java.util.List.copyOf(bedIds);
        submit(() -> evaluator.watch(copy));
    }

    /** The ward broker connection changed (any thread). */
    public void linkState(boolean connected) {
        Instant now = clock.instant();
        submit(() -> evaluator.onLinkState(connected, now));
    }

    public void category(String bed, PatientCategory c) {
        submit(() -> evaluator.setCategory(bed, c));
    }

    private void submit(Runnable r) {
        if (!thread.isShutdown()) {
            thread.execute(() -> run(r));
        }
    }

    private void run(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // a bad input must not stop alarm evaluation for the ward
            LOG.error("Alarm evaluation failed", e);
        }
    }

    private void changed(AlarmChange c) {
        List<Alarm> active = evaluator.active();
        Map<String, List<Alarm>> byBed = evaluator.activeByBed();
        board = new AlarmBoard(active, byBed);
        LOG.info("Alarm {} bed {}: {} {} ({})", c.state(), c.alarm().bed(), c.alarm().priority().marker(),
                c.alarm().text(), c.alarm().id());
        for (Consumer<AlarmChange> l : listeners) {
            try {
                l.accept(c);
            } catch (RuntimeException e) {
                LOG.error("Alarm listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
