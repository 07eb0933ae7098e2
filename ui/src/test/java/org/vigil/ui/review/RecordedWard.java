package org.vigil.ui.review;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;
import javafx.application.Platform;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Patient;
import org.vigil.data.model.Wave;
import org.vigil.data.model.WaveChannel;
import org.vigil.data.recording.Recorder;
import org.vigil.data.recording.RecordingListener;
import org.vigil.data.recording.RecordingSettings;
import org.vigil.data.store.AlarmLogEntry;
import org.vigil.data.store.AlarmLogStore;
import org.vigil.data.store.VigilDatabase;
import org.vigil.ui.alarms.history.AlarmHistorySource;

/**
 * A recording made for the review tests the way the station makes it: device messages through the real
 * {@link Recorder} into a real H2 file, alarms in the real alarm log; the review reads it back on its own thread.
 */
final class RecordedWard implements AutoCloseable {
    static final int ECG_RATE = 250;
    static final int PLETH_RATE = 125;
    /** One wave message: 200 ms (50 ECG samples, 25 pleth samples). */
    static final Duration MESSAGE = Duration.ofMillis(200);
    static final double ECG_SCALE = 0.005; // mV per unit: 200 units = 1 mV

    final VigilDatabase db;
    final Recorder recorder;
    final AlarmLogStore alarmLog;
    final ExecutorService reviewThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "review-test"));
    final ExecutorService dbThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "alarm-log-test"));
    private final Clock clock;
    private long seq;

    RecordedWard(Path dir, Clock clock) {
        this.clock = clock;
        db = VigilDatabase.openFile(dir);
        recorder = new Recorder(db, clock, RecordingSettings.defaults(), RecordingListener.NONE);
        recorder.start();
        alarmLog = new AlarmLogStore(db);
    }

    /** Numerics of the bed every {@code step} in {@code [from, to)}; the values are a function of the second. */
    void numerics(String bed, Instant from, Instant to, Duration step, LongFunction<List<NumericValue>> values) {
        int n = 0;
        for (Instant t = from; t.isBefore(to); t = t.plus(step)) {
            long second = Duration.between(from, t).toSeconds();
            List<NumericValue> v = new ArrayList<>();
            for (NumericValue x : values.apply(second)) {
                v.add(new NumericValue(x.code(), x.value(), x.unit(), x.time() == NOW ? t : x.time(), x.invalid()));
            }
            recorder.numerics(bed, new Numerics("dev-" + bed, t, ++seq, v));
            if (++n % 500 == 0) {
                flush();
            }
        }
        flush();
    }

    /** A value measured when its message was sent (the time is filled in by {@link #numerics}). */
    static NumericValue value(String code, double v, String unit) {
        return new NumericValue(code, v, unit, NOW, null);
    }

    /** Marks "the message's own time" in {@link #value}. */
    private static final Instant NOW = Instant.MIN;

    /**
     * ECG II (a beat every 800 ms, 1 mV high) and pleth in 200 ms messages over {@code [from, to)}, except in
     * {@code [gapFrom, gapTo)} where the messages are lost.
     */
    void waves(String bed, Instant from, Instant to, Instant gapFrom, Instant gapTo) {
        int n = 0;
        for (Instant t = from; t.isBefore(to); t = t.plus(MESSAGE)) {
            seq++;
            if (gapFrom != null && !t.isBefore(gapFrom) && t.isBefore(gapTo)) {
                continue; // lost on the way: the recording has a gap
            }
            int[] ecg = new int[ECG_RATE / 5];
            for (int i = 0; i < ecg.length; i++) {
                long ms = t.toEpochMilli() + i * 4L;
                ecg[i] = ms % 800 < 40 ? 200 : 0;
            }
            int[] pleth = new int[PLETH_RATE / 5];
            for (int i = 0; i < pleth.length; i++) {
                long ms = t.toEpochMilli() + i * 8L;
                pleth[i] = (int) (50 * Math.sin(ms / 800.0 * 2 * Math.PI));
            }
            recorder.wave(bed, new Wave("dev-" + bed, seq, t, List.of(
                    new WaveChannel(MeasurementCode.ECG_II, ECG_RATE, "mV", ECG_SCALE, 0, ecg, t),
                    new WaveChannel(MeasurementCode.PLETH, PLETH_RATE, "1", 0.01, 0, pleth, t))));
            if (++n % 500 == 0) {
                flush();
            }
        }
        flush();
    }

    void flush() {
        if (!recorder.flush(Duration.ofSeconds(30))) {
            throw new IllegalStateException("the recorder did not write: " + recorder.status());
        }
    }

    /** An alarm raised at {@code onset} (device time), logged as the station logs it. */
    AlarmLogEntry alarm(String bed, Instant onset, String condition, AlarmPriority p, String text) {
        AlarmLogEntry e = new AlarmLogEntry(0, onset.plusMillis(300), bed + "-" + condition + "-" + onset.toEpochMilli(),
                bed, 1L, condition, "physiological", p, "active", 182.0, null, 150.0, "/min", onset, null, "cs-1", text);
        alarmLog.append(e);
        return e;
    }

    /** The alarm log read on its own thread, as the station's database thread does. */
    AlarmHistorySource alarmSource() {
        return q -> CompletableFuture.supplyAsync(() -> alarmLog.query(q.bed(), q.priority(), q.from(), q.to(),
                q.max()), dbThread);
    }

    ReviewContext review(Map<String, Patient> patients, List<String> beds, Path documents) {
        return new ReviewContext("icu3", recorder, alarmSource(), reviewThread, Platform::runLater, clock,
                ZoneId.of("UTC"), patients::get, id -> "Bed " + id, () -> beds, documents);
    }

    @Override
    public void close() {
        reviewThread.shutdownNow();
        dbThread.shutdownNow();
        recorder.close();
        db.close();
    }
}
