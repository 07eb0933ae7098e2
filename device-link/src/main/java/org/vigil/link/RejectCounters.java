package org.vigil.link;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.link.wire.RejectReason;

/**
 * Counts dropped messages per source (device id, or the topic's bed when the device is unknown) and reason, and
 * logs each source and reason at most once a minute. Any thread.
 */
public final class RejectCounters {
    private static final Logger LOG = LoggerFactory.getLogger(RejectCounters.class);

    private final Clock clock;
    private final Map<String, Map<RejectReason, LongAdder>> counts = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastLogged = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    public RejectCounters(Clock clock) {
        this.clock = clock;
    }

    public void reject(String source, RejectReason reason, String topic, String detail) {
        counts.computeIfAbsent(source, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(reason, r -> new LongAdder()).increment();
        total.increment();
        Instant now = clock.instant();
        String key = source + '|' + reason;
        Instant last = lastLogged.get(key);
        if (last == null || !now.isBefore(last.plusSeconds(60))) {
            lastLogged.put(key, now);
            LOG.warn("Dropped a message from {} on {}: {} ({}); further ones from it for this reason are counted, "
                    + "logged again in a minute", source, topic, reason, detail);
        }
    }

    public long total() {
        return total.sum();
    }

    public long count(String source, RejectReason reason) {
        Map<RejectReason, LongAdder> m = counts.get(source);
        LongAdder a = m == null ? null : m.get(reason);
        return a == null ? 0 : a.sum();
    }

    /** A copy: source -> reason -> count. */
    public Map<String, Map<RejectReason, Long>> snapshot() {
        Map<String, Map<RejectReason, Long>> copy = new java.util.TreeMap<>();
        counts.forEach((source, m) -> {
            Map<RejectReason, Long> c = new EnumMap<>(RejectReason.class);
            m.forEach((r, a) -> c.put(r, a.sum()));
            copy.put(source, c);
        });
        return copy;
    }
}
