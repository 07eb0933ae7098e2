package org.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    @Test
    void advancesAndSets() {
        MutableClock clock = MutableClock.at(T0);

        assertThat(clock.instant()).isEqualTo(T0);
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.advance(Duration.ofSeconds(90))).isEqualTo(T0.plusSeconds(90));
        assertThat(clock.millis()).isEqualTo(T0.plusSeconds(90).toEpochMilli());

        clock.set(T0.minusSeconds(5));
        assertThat(clock.instant()).isEqualTo(T0.minusSeconds(5));
    }

    @Test
    void aZonedViewSharesTheInstant() {
        MutableClock clock = MutableClock.at(T0);
        MutableClock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofMinutes(2));

        assertThat(paris.instant()).isEqualTo(T0.plusSeconds(120));
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void concurrentAdvancesAreNotLost() {
        MutableClock clock = MutableClock.at(T0);
        CompletableFuture<?>[] workers = new CompletableFuture<?>[8];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = CompletableFuture.runAsync(() -> {
                for (int n = 0; n < 1000; n++) {
                    clock.advance(Duration.ofMillis(1));
                }
            });
        }
        CompletableFuture.allOf(workers).join();

        assertThat(clock.instant()).isEqualTo(T0.plusMillis(8000));
    }
}
