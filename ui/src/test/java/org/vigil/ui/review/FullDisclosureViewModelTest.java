package org.vigil.ui.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.data.model.MeasurementCode;
import org.vigil.testing.MutableClock;

/**
 * The full-disclosure view model over a real recording, without a screen: the recording is read in 10 s chunks,
 * what was not read yet is never called a gap, and the same recording read in two chunks is one unbroken line.
 * Results come back through a queue the test empties, standing in for the JavaFX thread.
 */
class FullDisclosureViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant FROM = Instant.parse("2026-11-24T09:58:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(NOW);
    private final ConcurrentLinkedQueue<Runnable> fxQueue = new ConcurrentLinkedQueue<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private RecordedWard ward;

    @AfterEach
    void tearDown() {
        background.shutdownNow();
        if (ward != null) {
            ward.close();
        }
    }

    private FullDisclosureViewModel model(Instant at) {
        ReviewContext review = new ReviewContext("icu3", ward.recorder, null, background, fxQueue::add, clock,
                ZoneId.of("UTC"), b -> null, b -> "Bed " + b, () -> List.of("01"), dir);
        FullDisclosureViewModel m = new FullDisclosureViewModel(review, "01", at);
        m.visibleLength().set(Duration.ofSeconds(14));
        return m;
    }

    /** Runs what the background thread handed back until it has nothing more under way. */
    private void settle() throws Exception {
        for (int i = 0; i < 20; i++) {
            background.submit(() -> { }).get(10, TimeUnit.SECONDS);
            Runnable r;
            boolean ran = false;
            while ((r = fxQueue.poll()) != null) {
                r.run();
                ran = true;
            }
            if (!ran) {
                return;
            }
        }
    }

    @Test
    void theSameRecordingReadInTwoChunksIsOneLineWithoutAGap() throws Exception {
        ward = new RecordedWard(dir.resolve("db"), clock);
        ward.waves("01", FROM, FROM.plusSeconds(60), null, null);
        Instant at = FROM.plusSeconds(15); // 09:58:15 .. 09:58:29 spans the chunks from :10 and :20
        FullDisclosureViewModel m = model(at);
        m.ensureLoaded();
        settle();
        assertThat(m.loaded(at, m.visibleTo())).isTrue();
        FullDisclosureViewModel.Channel ecg = m.channels(at, m.visibleTo()).getFirst();
        assertThat(ecg.code()).isEqualTo(MeasurementCode.ECG_II);
        assertThat(ecg.segments().size()).isGreaterThanOrEqualTo(2); // one per chunk at least
        assertThat(WaveformPlot.polylines(ecg.rate(), ecg.segments(), at, m.visibleTo(), 100, 0, 1, v -> v))
                .hasSize(1);
        assertThat(m.visibleGaps(MeasurementCode.ECG_II)).isEmpty();
        assertThat(m.channels(at, m.visibleTo())).extracting(FullDisclosureViewModel.Channel::code)
                .containsExactly(MeasurementCode.ECG_II, MeasurementCode.PLETH);
    }

    @Test
    void whatIsNotReadYetIsLoadingNotAGapAndWhatIsMissingIsAGap() throws Exception {
        ward = new RecordedWard(dir.resolve("db"), clock);
        Instant gapFrom = FROM.plusSeconds(22);
        Instant gapTo = FROM.plusMillis(23_400);
        ward.waves("01", FROM, FROM.plusSeconds(60), gapFrom, gapTo);
        Instant at = FROM.plusSeconds(15);
        FullDisclosureViewModel m = model(at);
        m.ensureLoaded();
        assertThat(m.loaded(at, m.visibleTo())).isFalse();
        assertThat(m.visibleGaps(MeasurementCode.ECG_II)).isEmpty();
        int before = m.revision().get();
        settle();
        assertThat(m.revision().get()).isGreaterThan(before);
        assertThat(m.visibleGaps(MeasurementCode.ECG_II)).containsExactly(new WaveformPlot.Gap(gapFrom, gapTo));
        // scrolled to the end of the recording, what follows it is a gap too
        m.moveTo(FROM.plusSeconds(55));
        settle();
        assertThat(m.visibleGaps(MeasurementCode.ECG_II))
                .containsExactly(new WaveformPlot.Gap(FROM.plusSeconds(60), FROM.plusSeconds(69)));
    }
}
