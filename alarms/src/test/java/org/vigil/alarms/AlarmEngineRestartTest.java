package org.vigil.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;

/** A stalled alarm thread is replaced: the inputs queued behind the stall are evaluated on the new one. */
class AlarmEngineRestartTest {
    @Test
    void restartEvaluationContinuesWithTheQueuedInputsAndTheSameState() throws Exception {
        try (AlarmEngine engine = new AlarmEngine(Clock.systemUTC(), Duration.ofSeconds(10))) {
            engine.start();
            await().atMost(Duration.ofSeconds(2)).until(() -> engine.nanosSinceLastTick() < 300_000_000L);
            CountDownLatch stuck = new CountDownLatch(1);
            engine.runOnAlarmThread(() -> {
                stuck.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            stuck.await();
            Instant t = Instant.now();
            engine.numerics("01", new Numerics("mon-1", t, 1,
                    List.of(new NumericValue(MeasurementCode.HEART_RATE, 190.0, "/min", t, null))));
            Thread.sleep(600);
            assertThat(engine.board().active()).isEmpty();
            assertThat(engine.nanosSinceLastTick()).isGreaterThan(500_000_000L);
            engine.restartEvaluation();
            await().atMost(Duration.ofSeconds(2)).until(() -> !engine.board().forBed("01").isEmpty());
            await().atMost(Duration.ofSeconds(2)).until(() -> engine.nanosSinceLastTick() < 300_000_000L);
        }
    }
}
