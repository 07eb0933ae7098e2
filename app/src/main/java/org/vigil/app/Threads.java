package org.vigil.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Named background executors that log what escapes them and shut down cleanly. Any thread. */
final class Threads {
    private static final Logger LOG = LoggerFactory.getLogger(Threads.class);

    private Threads() {
    }

    static ScheduledExecutorService scheduled(String name) {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name).daemon()
                .uncaughtExceptionHandler((t, e) -> LOG.error("Uncaught in {}", t.getName(), e)).factory());
    }

    static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(Thread.ofPlatform().name(name).daemon()
                .uncaughtExceptionHandler((t, e) -> LOG.error("Uncaught in {}", t.getName(), e)).factory());
    }

    /** Lets queued work finish (a few seconds at most): pending log writes are not dropped at shut-down. */
    static void shutdown(ExecutorService e, long seconds) {
        e.shutdown();
        try {
            if (!e.awaitTermination(seconds, TimeUnit.SECONDS)) {
                LOG.warn("{} did not finish its queued work in {} s", e, seconds);
                e.shutdownNow();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            e.shutdownNow();
        }
    }
}
