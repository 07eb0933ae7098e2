package org.vigil.ui;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.vigil.alarms.AlarmBoard;
import org.vigil.data.model.Patient;
import org.vigil.link.LinkState;
import org.vigil.link.live.WardLive;

/**
 * What the console shows, handed in by the composition root. Every supplier must be cheap and non-blocking: the
 * JavaFX thread calls them a few times a second. {@code patientOfBed} returns null for a bed without a patient.
 */
public record StationContext(String ward, String station, Clock clock, WardLive live, Supplier<AlarmBoard> alarms,
                             Supplier<LinkState> linkState, Function<String, Patient> patientOfBed,
                             Duration noDataAfter, Supplier<String> emrStatus, Supplier<String> recordingStatus,
                             Supplier<String> audioStatus) {
}
