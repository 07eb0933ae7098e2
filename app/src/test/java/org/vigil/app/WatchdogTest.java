package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.vigil.alarms.AlarmEngine;

/** The JavaFX side of the watchdog, with a stand-in for the JavaFX thread: one probe a second, stalls counted once. */
class WatchdogTest {
    @Test
    void aStalledUiThreadIsCountedOncePerStallAndNeverRestartsTheAlarms() throws Exception {
        ExecutorService fx = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-fx"));
        try (AlarmEngine alarms = new AlarmEngine(Clock.systemUTC(), Duration.ofSeconds(10));
             Watchdog watchdog = new Watchdog(alarms, Duration.ofMillis(600))) {
            alarms.start();
            watchdog.start();
            watchdog.watchFxThread(fx::execute);
            Thread.sleep(1500);
            assertThat(watchdog.fxThreadStalls()).isZero();
            fx.execute(() -> {
                try {
                    Thread.sleep(2500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            await().atMost(Duration.ofSeconds(3)).until(() -> watchdog.fxThreadStalls() == 1);
            Thread.sleep(2500); // the stall ends; probes run again
            assertThat(watchdog.fxThreadStalls()).as("one stall, counted once").isEqualTo(1);
            assertThat(watchdog.alarmThreadStalls()).isZero();
            assertThat(alarms.board().active()).as("no technical alarm for the screen").isEmpty();
        } finally {
            fx.shutdownNow();
        }
    }
}
