package org.vigil.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vigil.alarms.AlarmEngine;
import org.vigil.data.model.Bed;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Patient;
import org.vigil.data.model.PatientCategory;
import org.vigil.data.model.Wave;
import org.vigil.link.FeedListener;
import org.vigil.link.LinkSettings;
import org.vigil.link.WardLink;
import org.vigil.link.live.BedLive;
import org.vigil.link.live.WardLive;
import org.vigil.testing.MutableClock;

/**
 * A console wired to real parts for UI tests: a {@link WardLink} on a real broker feeding live buffers and the
 * alarm engine, on a fake clock, as the app wires them.
 */
final class ConsoleFixture implements AutoCloseable {
    final MutableClock clock = MutableClock.at(Instant.now());
    final WardLive live;
    final AlarmEngine alarms;
    final WardLink link;
    final Map<String, Patient> patients = new ConcurrentHashMap<>();
    final StationContext context;

    ConsoleFixture(String brokerUrl, String ward, int beds) throws Exception {
        this(brokerUrl, ward, beds, null);
    }

    /** @param recording what the review views read (null: the station records nothing) */
    ConsoleFixture(String brokerUrl, String ward, int beds, org.vigil.data.recording.RecordingReader recording)
            throws Exception {
        List<Bed> list = new ArrayList<>();
        for (int i = 1; i <= beds; i++) {
            String id = String.format("%02d", i);
            list.add(new Bed(id, "Bed " + id, true));
            patients.put(id, new Patient(i, null, "Patient " + id, java.time.LocalDate.of(1960, 1, 1),
                    PatientCategory.ADULT, true));
        }
        live = new WardLive(list);
        alarms = new AlarmEngine(clock, Duration.ofSeconds(10));
        alarms.start();
        link = new WardLink(new LinkSettings(brokerUrl, ward, "ui-test-" + System.nanoTime() % 100000), live, clock);
        link.addListener(new FeedListener() {
            @Override
            public void onNumerics(BedLive bed, Numerics n, Instant receivedAt) {
                alarms.numerics(bed.bedId(), n);
            }

            @Override
            public void onWave(BedLive bed, Wave w, Instant receivedAt) {
                alarms.data(bed.bedId(), w.t0());
            }

            @Override
            public void onStatus(BedLive bed, DeviceStatus s, Instant receivedAt) {
                alarms.status(bed.bedId(), s);
            }

            @Override
            public void onDeviceEvent(BedLive bed, org.vigil.data.model.DeviceEvent e, Instant receivedAt) {
                alarms.deviceEvent(bed.bedId(), e);
            }
        });
        link.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> link.state() == org.vigil.link.LinkState.CONNECTED);
        context = new StationContext(ward, "ui-test", clock, live, alarms::board, link, patients::get,
                Duration.ofSeconds(10), () -> "EMR not configured", () -> "Recording: off", () -> "Audio: off",
                new FakeStationActions(alarms), recording);
    }

    @Override
    public void close() {
        link.close();
        alarms.close();
    }
}
