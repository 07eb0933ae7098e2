package org.vigil.app;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.vigil.data.model.StationHealth;
import org.vigil.link.WardLink;
import org.vigil.ui.FrameStats;

/**
 * Builds the station's health message every 5 s: beds, beds with data, frame rate (null headless), the process's
 * CPU over the last interval in percent of one core, heap, latencies, rejected messages. Runs on the station's
 * scheduler thread.
 */
final class HealthReporter {
    private final Clock clock;
    private final WardLink link;
    private final long noDataSeconds;
    private final Supplier<FrameStats> frames;
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long lastCpuNanos = os.getProcessCpuTime();
    private long lastWallNanos = System.nanoTime();
    private volatile StationHealth last;
    private volatile java.util.function.LongSupplier alarmThreadStalls;
    private volatile java.util.function.LongSupplier fxThreadStalls;

    HealthReporter(Clock clock, WardLink link, long noDataSeconds, Supplier<FrameStats> frames) {
        this.clock = clock;
        this.link = link;
        this.noDataSeconds = noDataSeconds;
        this.frames = frames;
    }

    /** The watchdog's stall counters, published beside the contract's fields. */
    void stalls(java.util.function.LongSupplier alarmThread, java.util.function.LongSupplier fxThread) {
        this.alarmThreadStalls = alarmThread;
        this.fxThreadStalls = fxThread;
    }

    StationHealth measure() {
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        double cpuPercent = wall > lastWallNanos ? 100.0 * (cpu - lastCpuNanos) / (wall - lastWallNanos) : 0;
        lastCpuNanos = cpu;
        lastWallNanos = wall;
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        Instant now = clock.instant();
        FrameStats f = frames.get();
        StationHealth h = new StationHealth(link.settings().station(), "online", now, link.ward().size(),
                link.ward().bedsWithData(now, noDataSeconds), f == null ? null : f.fps(), cpuPercent, heapMb,
                link.ingestLatency().percentileMs(99), f == null ? null : f.renderLatencyMsP99(),
                f == null ? 0L : f.droppedFrames(), link.rejects().total(), 0L,
                alarmThreadStalls == null ? null : alarmThreadStalls.getAsLong(),
                fxThreadStalls == null ? null : fxThreadStalls.getAsLong());
        last = h;
        return h;
    }

    void publish() {
        link.publishHealth(measure());
    }

    /** The last measured health, or null before the first. */
    StationHealth last() {
        return last;
    }
}
