package org.vigil.data.recording;

import java.time.Duration;
import java.util.Objects;

/**
 * How the recorder keeps and writes the recording. {@code numericsRetention} and {@code waveRetention}: how long
 * values and waveform blocks are kept (96 h); {@code aggregateRetention}: per-minute aggregates (30 d).
 * {@code flushInterval}: at most one write transaction this often, and the most waveform a crash can lose beyond
 * the message in flight (1 s). {@code maxBlock}: the longest waveform block (10 s). {@code backlogBytes}: what is
 * kept in memory while the database cannot be written (the oldest is dropped beyond it). {@code retryInterval}:
 * how often a failed database is tried again. Immutable; any thread.
 */
public record RecordingSettings(Duration numericsRetention, Duration waveRetention, Duration aggregateRetention,
                                Duration flushInterval, Duration maxBlock, long backlogBytes, Duration retryInterval,
                                int queueCapacity) {

    public static final Duration DEFAULT_RETENTION = Duration.ofHours(96);
    public static final Duration DEFAULT_AGGREGATE_RETENTION = Duration.ofDays(30);

    public RecordingSettings {
        Objects.requireNonNull(numericsRetention, "numericsRetention");
        Objects.requireNonNull(waveRetention, "waveRetention");
        Objects.requireNonNull(aggregateRetention, "aggregateRetention");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(maxBlock, "maxBlock");
        Objects.requireNonNull(retryInterval, "retryInterval");
        for (Duration d : new Duration[] {numericsRetention, waveRetention, aggregateRetention}) {
            if (d.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("a recording retention must be at least 1 minute, not " + d);
            }
        }
        if (flushInterval.isNegative() || flushInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("flushInterval must be between 0 and 1 s (2 s at most may be lost), not "
                    + flushInterval);
        }
        if (maxBlock.compareTo(Duration.ofMillis(100)) < 0 || maxBlock.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("maxBlock must be between 0.1 and 60 s, not " + maxBlock);
        }
        if (backlogBytes < 0 || queueCapacity < 1) {
            throw new IllegalArgumentException("backlogBytes must be >= 0 and queueCapacity >= 1");
        }
    }

    /** 96 h of values and waveforms, 30 d of aggregates, a write every second, 10 s blocks, 64 MB of backlog. */
    public static RecordingSettings defaults() {
        return new RecordingSettings(DEFAULT_RETENTION, DEFAULT_RETENTION, DEFAULT_AGGREGATE_RETENTION,
                Duration.ofSeconds(1), Duration.ofSeconds(10), 64L << 20, Duration.ofSeconds(5), 65_536);
    }

    public RecordingSettings withRetention(Duration numerics, Duration waves, Duration aggregates) {
        return new RecordingSettings(numerics, waves, aggregates, flushInterval, maxBlock, backlogBytes, retryInterval,
                queueCapacity);
    }

    public RecordingSettings withBacklogBytes(long bytes) {
        return new RecordingSettings(numericsRetention, waveRetention, aggregateRetention, flushInterval, maxBlock,
                bytes, retryInterval, queueCapacity);
    }
}
