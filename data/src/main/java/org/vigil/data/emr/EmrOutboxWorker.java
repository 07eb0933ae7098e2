package org.vigil.data.emr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox to the EMR on its own thread ({@value #THREAD_NAME}): oldest first per patient (a patient's
 * later event waits until the earlier one is sent or refused); on a network error, timeout or 5xx it backs off
 * exponentially from 1 s to 5 min (time from the injected clock); a 4xx refusal marks the event refused with the
 * server's OperationOutcome text and the patient's next event proceeds. Pending rows survive a restart and are
 * resent; conditional create makes a resend of something the EMR already stored harmless.
 *
 * <p>{@link #runDue()} is one pass, callable from a test thread instead of {@link #start()}. Listeners are called
 * on the worker's thread (or the caller of {@code runDue}); they must hand off to the UI themselves.
 */
public final class EmrOutboxWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmrOutboxWorker.class);
    public static final String THREAD_NAME = "vigil-emr-outbox";
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** The thread looks at the clock at least this often (an injected clock does not wake it). */
    private static final long MAX_WAIT_MS = 1000;
    private static final int BATCH = 64;

    /** Sends one event; throws {@link EmrException} when the EMR is unreachable or refuses it. */
    @FunctionalInterface
    public interface Sender {
        void send(ChartingEvent event);
    }

    /** Told when the EMR link's state or the backlog changes. */
    @FunctionalInterface
    public interface StatusListener {
        void statusChanged(EmrStatus status);
    }

    private final EmrOutbox outbox;
    private final Sender sender;
    private final Clock clock;
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private final Object wake = new Object();
    /** Guards status and back-off: short sections only, never held while sending or querying a long list. */
    private final Object statusLock = new Object();
    private final EmrOutbox.Listener enqueueListener = e -> {
        if (e.state() == OutboxEntry.State.PENDING && e.attempts() == 0) {
            enqueued();
            wakeUp();
        }
    };
    private volatile EmrStatus status;
    private Duration backoff = Duration.ZERO;
    private Instant backoffUntil = Instant.MIN;
    private boolean wakeRequested;
    private volatile boolean running;
    private volatile boolean closed;
    private Thread thread;

    public EmrOutboxWorker(EmrOutbox outbox, Sender sender, Clock clock) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = Objects.requireNonNull(clock, "clock");
        EmrOutbox.Counts counts = outbox.counts();
        this.status = new EmrStatus(EmrStatus.Connection.NOT_YET_CONTACTED, null, counts.pending(), counts.refused(), null);
        outbox.addListener(enqueueListener);
    }

    /** A worker that charts through {@code client}. */
    public static EmrOutboxWorker forClient(EmrOutbox outbox, EmrClient client, Clock clock) {
        return new EmrOutboxWorker(outbox, client::chart, clock);
    }

    public void addListener(StatusListener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    /** The current state; any thread. */
    public EmrStatus status() {
        return status;
    }

    /** Starts the worker thread. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks the worker thread to look at the outbox now (an event was enqueued, or the clock was moved). */
    public void wakeUp() {
        synchronized (wake) {
            wakeRequested = true;
            wake.notifyAll();
        }
    }

    private void loop() {
        LOG.info("EMR outbox worker started ({} pending)", status.pending());
        while (running) {
            try {
                runDue();
            } catch (RuntimeException e) {
                // A database failure: keep the thread alive, the rows are still there.
                LOG.warn("EMR outbox pass failed; retrying", e);
            }
            long waitMs = MAX_WAIT_MS;
            try {
                Instant now = clock.instant();
                Instant next = outbox.nextAttempt().orElse(null);
                if (next != null) {
                    Instant due = next.isAfter(backoffUntil()) ? next : backoffUntil();
                    waitMs = Math.clamp(Duration.between(now, due).toMillis(), 0, MAX_WAIT_MS);
                }
            } catch (RuntimeException e) {
                LOG.debug("EMR outbox: next attempt unknown", e);
            }
            synchronized (wake) {
                if (!wakeRequested && running && waitMs > 0) {
                    try {
                        wake.wait(waitMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                wakeRequested = false;
            }
        }
    }

    private Instant backoffUntil() {
        synchronized (statusLock) {
            return backoffUntil;
        }
    }

    /**
     * One pass: sends every due event until none is due or the EMR is unreachable (then backs off).
     *
     * @return how many events were sent or refused in this pass
     */
    public synchronized int runDue() {
        int done = 0;
        while (!closed) {
            Instant now = clock.instant();
            if (now.isBefore(backoffUntil())) {
                return done;
            }
            List<OutboxEntry> heads = outbox.dueHeads(now, BATCH);
            if (heads.isEmpty()) {
                return done;
            }
            for (OutboxEntry head : heads) {
                Instant at = clock.instant();
                try {
                    sender.send(head.event());
                    outbox.markSent(head.id(), clock.instant());
                    synchronized (statusLock) {
                        reachable(at, -1, 0);
                    }
                } catch (EmrException.Refused r) {
                    LOG.warn("EMR refused charting event {}: {}", head.eventIdentifier(), r.getMessage());
                    outbox.markRefused(head.id(), r.getMessage(), clock.instant());
                    synchronized (statusLock) {
                        reachable(at, -1, 1);
                    }
                } catch (EmrException.Unreachable u) {
                    Instant retryAt;
                    synchronized (statusLock) {
                        backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
                        backoffUntil = at.plus(backoff);
                        retryAt = backoffUntil;
                    }
                    outbox.markRetry(head.id(), u.getMessage(), retryAt, at);
                    synchronized (statusLock) {
                        unreachable(u, at);
                    }
                    return done;
                } catch (IllegalArgumentException | IllegalStateException bad) {
                    // The event cannot be made into a Bundle (should not happen: checked when made). Refusing it
                    // locally keeps the patient's later events from waiting forever behind it.
                    LOG.error("Charting event {} cannot be sent", head.eventIdentifier(), bad);
                    outbox.markRefused(head.id(), "not sent: " + bad.getMessage(), clock.instant());
                    synchronized (statusLock) {
                        counted(-1, 1);
                    }
                }
                done++;
                if (closed) {
                    break;
                }
            }
        }
        return done;
    }

    /** Another EMR user (admission sync) reached the EMR: the link is up. */
    public void noteReachable() {
        synchronized (statusLock) {
            reachable(clock.instant(), 0, 0);
        }
    }

    /** Another EMR user (admission sync) failed to reach the EMR. */
    public void noteUnreachable(EmrException.Unreachable u) {
        synchronized (statusLock) {
            unreachable(u, clock.instant());
        }
    }

    // Backlog counts are kept by deltas (a COUNT per sent event would slow a long drain down), re-read from the
    // database whenever the link changes state.
    private void reachable(Instant at, int pendingDelta, int refusedDelta) {
        backoff = Duration.ZERO;
        backoffUntil = Instant.MIN;
        EmrStatus old = status;
        if (old.connection() != EmrStatus.Connection.CONNECTED) {
            EmrOutbox.Counts c = outbox.counts();
            LOG.info("EMR reachable ({} pending)", c.pending());
            publish(new EmrStatus(EmrStatus.Connection.CONNECTED, at, c.pending(), c.refused(), null));
        } else {
            publish(new EmrStatus(EmrStatus.Connection.CONNECTED, old.since(), Math.max(0, old.pending() + pendingDelta),
                    old.refused() + refusedDelta, null));
        }
    }

    private void counted(int pendingDelta, int refusedDelta) {
        EmrStatus old = status;
        publish(new EmrStatus(old.connection(), old.since(), Math.max(0, old.pending() + pendingDelta),
                old.refused() + refusedDelta, old.lastError()));
    }

    private void enqueued() {
        synchronized (statusLock) {
            counted(1, 0);
        }
    }

    private void unreachable(EmrException.Unreachable u, Instant at) {
        EmrStatus old = status;
        EmrStatus.Connection state = u.credentialsRefused() ? EmrStatus.Connection.CREDENTIALS_REFUSED
                : EmrStatus.Connection.UNREACHABLE;
        Instant since = old.connection() == state ? old.since() : at;
        if (old.connection() != state) {
            LOG.warn("EMR {}: {} (retrying with back-off)", state == EmrStatus.Connection.UNREACHABLE ? "unreachable"
                    : "refuses the station's credentials", u.getMessage());
        }
        EmrOutbox.Counts c = outbox.counts();
        publish(new EmrStatus(state, since, c.pending(), c.refused(), u.getMessage()));
    }

    /** Re-reads the backlog counts (after an enqueue) and tells the listeners. */
    public void refreshCounts() {
        synchronized (statusLock) {
            EmrStatus old = status;
            EmrOutbox.Counts c = outbox.counts();
            publish(new EmrStatus(old.connection(), old.since(), c.pending(), c.refused(), old.lastError()));
        }
    }

    private void publish(EmrStatus s) {
        EmrStatus old = status;
        status = s;
        if (!s.equals(old)) {
            for (StatusListener l : listeners) {
                try {
                    l.statusChanged(s);
                } catch (RuntimeException e) {
                    LOG.warn("EMR status listener failed", e);
                }
            }
        }
    }

    /** The current back-off after failures (zero when the last attempt succeeded). */
    public Duration currentBackoff() {
        synchronized (statusLock) {
            return backoff;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Stops the thread (pending events stay in the outbox for the next start). */
    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        outbox.removeListener(enqueueListener);
        wakeUp();
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
