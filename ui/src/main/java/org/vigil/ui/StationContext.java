package org.vigil.ui;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.vigil.alarms.AlarmBoard;
import org.vigil.data.model.Patient;
import org.vigil.link.LinkState;
import org.vigil.link.WardLink;
import org.vigil.link.live.WardLive;

/**
 * What the console shows, handed in by the composition root. Every supplier must be cheap and non-blocking: the
 * JavaFX thread calls them a few times a second. {@code patientOfBed} returns null for a bed without a patient.
 * The link is read only (state, reject counters), never driven from the screen. What users do (login, acknowledge,
 * audio pause, alarm off) goes through {@code actions}, which never blocks the JavaFX thread.
 * {@code recording} is the read side of the recording for the review views (trends, full disclosure), or null when
 * this station records nothing; its calls block, so the review views make them on a background executor.
 */
public record StationContext(String ward, String station, Clock clock, WardLive live, Supplier<AlarmBoard> alarms,
                             WardLink link, Function<String, Patient> patientOfBed,
                             Duration noDataAfter, Supplier<String> emrStatus, Supplier<String> recordingStatus,
                             Supplier<String> audioStatus, org.vigil.ui.users.StationActions actions,
                             org.vigil.data.recording.RecordingReader recording) {

    public LinkState linkState() {
        return link.state();
    }

    /** True when the broker has been unreachable for at least the no-data time: nothing on screen is current. */
    public boolean monitoringInterrupted() {
        return link.state() != LinkState.CONNECTED
                && !clock.instant().isBefore(link.stateSince().plus(noDataAfter));
    }
}
