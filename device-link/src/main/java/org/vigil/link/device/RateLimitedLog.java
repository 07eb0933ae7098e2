package org.vigil.link.device;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a warning at most once per interval per key (a device and what failed), and says how many were
 * suppressed in between, so a broker outage does not flood the log with one line per message. Thread-safe.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    private static final class Entry {
        volatile long lastNanos;
        final AtomicLong suppressed = new AtomicLong();

        Entry(long lastNanos) {
            this.lastNanos = lastNanos;
        }
    }

    public RateLimitedLog(Logger log, long interval, TimeUnit unit) {
        this.log = log;
        this.intervalNanos = unit.toNanos(interval);
    }

    /** Logs {@code message} (with {@code cause}'s text, and its stack trace at debug level) unless logged lately. */
    public void warn(String key, String message, Throwable cause) {
        long now = System.nanoTime();
        Entry created = new Entry(now);
        Entry e = entries.putIfAbsent(key, created);
        long suppressed;
        if (e == null) {
            suppressed = 0;
        } else {
            synchronized (e) {
                if (now - e.lastNanos < intervalNanos) {
                    e.suppressed.incrementAndGet();
                    return;
                }
                e.lastNanos = now;
                suppressed = e.suppressed.getAndSet(0);
            }
        }
        String text = suppressed == 0 ? message : message + " (" + suppressed + " similar suppressed)";
        if (cause == null) {
            log.warn(text);
        } else {
            log.warn("{}: {}", text, cause.toString());
            log.debug(text, cause);
        }
    }
}
