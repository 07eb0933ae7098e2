package org.vigil.ui.review;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.vigil.data.model.Patient;
import org.vigil.data.recording.RecordingReader;
import org.vigil.ui.alarms.history.AlarmHistorySource;

/**
 * What the review views share: the recording (read on {@code background}, never on the JavaFX thread), the alarm
 * log for markers (null when there is none), where results go back to the JavaFX thread ({@code fx}, one hand-off
 * per query), the station's clock and zone, and how beds and patients are named. Immutable; any thread.
 *
 * @param beds        the ward's beds, in screen order
 * @param documents   the folder the strip export offers first (the user's documents folder)
 * @param chartVitals charts a minute picked in the trends, or null where this console does not chart
 */
public record ReviewContext(String ward, RecordingReader recording, AlarmHistorySource alarmLog, Executor background,
                            Executor fx, Clock clock, ZoneId zone, Function<String, Patient> patientOfBed,
                            Function<String, String> bedLabel, Supplier<List<String>> beds, Path documents,
                            ChartFromTrends chartVitals) {
    /** A review that does not chart. */
    public ReviewContext(String ward, RecordingReader recording, AlarmHistorySource alarmLog, Executor background,
                         Executor fx, Clock clock, ZoneId zone, Function<String, Patient> patientOfBed,
                         Function<String, String> bedLabel, Supplier<List<String>> beds, Path documents) {
        this(ward, recording, alarmLog, background, fx, clock, zone, patientOfBed, bedLabel, beds, documents, null);
    }

    /** The same review, charting a picked minute through {@code chart} (null: not at all). */
    public ReviewContext withChartVitals(ChartFromTrends chart) {
        return new ReviewContext(ward, recording, alarmLog, background, fx, clock, zone, patientOfBed, bedLabel, beds,
                documents, chart);
    }

    public ReviewContext {
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(fx, "fx");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(patientOfBed, "patientOfBed");
        Objects.requireNonNull(bedLabel, "bedLabel");
        Objects.requireNonNull(beds, "beds");
        Objects.requireNonNull(documents, "documents");
    }
}
