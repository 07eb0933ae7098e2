package org.vigil.app;

import java.time.Instant;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.data.recording.Recorder;
import org.vigil.link.FeedListener;
import org.vigil.link.live.BedLive;

/**
 * Feeds the recorder from the ward link: every numerics and wave message, late ones too (recorded at their device
 * time). Called on the MQTT callback thread; the recorder only queues (never blocks).
 */
final class RecordingFeed implements FeedListener {
    private final Recorder recorder;

    RecordingFeed(Recorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void onNumerics(BedLive bed, Numerics numerics, Instant receivedAt) {
        recorder.numerics(bed.bedId(), numerics);
    }

    @Override
    public void onWave(BedLive bed, Wave wave, Instant receivedAt) {
        recorder.wave(bed.bedId(), wave);
    }

    @Override
    public void onLateNumerics(BedLive bed, Numerics numerics, Instant receivedAt) {
        recorder.lateNumerics(bed.bedId(), numerics);
    }

    @Override
    public void onLateWave(BedLive bed, Wave wave, Instant receivedAt) {
        recorder.lateWave(bed.bedId(), wave);
    }
}
