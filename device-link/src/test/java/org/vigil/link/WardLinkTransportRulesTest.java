package org.vigil.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.Bed;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.link.live.BedLive;
import org.vigil.link.live.SampleRing;
import org.vigil.link.live.WardLive;
import org.vigil.link.wire.RejectReason;
import org.vigil.link.wire.WireCodec;
import org.vigil.testing.MutableClock;

/** seq gaps and restarts, device clock offset, late backlog and flooding, through the link's receive path. */
class WardLinkTransportRulesTest {
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T05:00:00Z"));
    private final WardLive live = new WardLive(List.of(new Bed("07", "Bed 7", true), new Bed("08", "Bed 8", true)));
    private final WardLink link = new WardLink(new LinkSettings("tcp://127.0.0.1:1", "icu3", "cs-1"), live, clock);
    private final List<Numerics> current = new CopyOnWriteArrayList<>();
    private final List<Numerics> late = new CopyOnWriteArrayList<>();
    private final List<Wave> waves = new CopyOnWriteArrayList<>();

    WardLinkTransportRulesTest() {
        link.addListener(new FeedListener() {
            @Override
            public void onNumerics(BedLive bed, Numerics n, Instant receivedAt) {
                current.add(n);
            }

            @Override
            public void onLateNumerics(BedLive bed, Numerics n, Instant receivedAt) {
                late.add(n);
            }

            @Override
            public void onWave(BedLive bed, Wave w, Instant receivedAt) {
                waves.add(w);
            }
        });
    }

    private void wave(String bed, long seq, Instant t0, int... samples) {
        String json = "{\"v\":1,\"device\":\"mon-" + bed + "\",\"seq\":" + seq + ",\"t0\":\"" + WireCodec.formatTime(t0)
                + "\",\"channels\":[{\"code\":\"MDC_PULS_OXIM_PLETH\",\"rate\":4,\"unit\":\"1\",\"scale\":1,\"samples\":"
                + java.util.Arrays.toString(samples) + "}]}";
        link.dispatch("ward/icu3/bed/" + bed + "/wave", json.getBytes(StandardCharsets.UTF_8));
    }

    private void numerics(String bed, long seq, Instant time, double hr) {
        String json = "{\"v\":1,\"device\":\"mon-" + bed + "\",\"time\":\"" + WireCodec.formatTime(time) + "\",\"seq\":" + seq
                + ",\"values\":[{\"code\":\"MDC_ECG_HEART_RATE\",\"value\":" + hr + ",\"unit\":\"/min\"}]}";
        link.dispatch("ward/icu3/bed/" + bed + "/numerics", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLostWaveMessageIsABreakInTheTraceAndCountedARestartIsNot() {
        Instant t = clock.instant();
        wave("07", 1, t, 1, 2, 3, 4);
        // seq 2 is lost; seq 3's block joins seamlessly in time (a device that does not leave time gaps)
        wave("07", 3, t.plusSeconds(1), 5, 6, 7, 8);
        SampleRing r = live.bed("07").ring(MeasurementCode.PLETH);
        assertThat(Float.isNaN(r.get(4))).as("break after the gap").isTrue();
        assertThat(r.get(5)).isEqualTo(5.0f);
        assertThat(live.bed("07").diagnostics().lostWaveMessages()).isEqualTo(1);

        wave("07", 1, t.plusSeconds(2), 9, 9, 9, 9); // seq dropped back: the device restarted
        assertThat(live.bed("07").diagnostics().restarts()).isEqualTo(1);
        assertThat(live.bed("07").diagnostics().lostWaveMessages()).isEqualTo(1);
        assertThat(Float.isNaN(r.get(9))).as("a restart breaks the trace too").isTrue();
        assertThat(live.bed("08").diagnostics().lostWaveMessages()).isZero();
    }

    @Test
    void aDuplicateQos1DeliveryIsIgnored() {
        numerics("07", 5, clock.instant(), 70);
        numerics("07", 5, clock.instant(), 70);
        assertThat(current).hasSize(1);
        assertThat(live.bed("07").diagnostics().numericsMessages()).isEqualTo(1);
    }

    @Test
    void aDeviceClockMoreThanFiveSecondsOffIsFlaggedAndItsDataPlacedByTheOffset() {
        Instant deviceTime = clock.instant().minusSeconds(7); // the device's clock is 7 s behind
        numerics("07", 1, deviceTime, 70);
        clock.advance(Duration.ofMillis(1040)); // this one took 40 ms longer on the way: the smallest offset counts
        numerics("07", 2, deviceTime.plusSeconds(1), 71);
        clock.advance(Duration.ofSeconds(1));
        assertThat(live.bed("07").deviceClock().flagged()).isTrue();
        assertThat(live.bed("07").deviceClock().offsetMillis()).isEqualTo(7_000);
        assertThat(live.bed("07").deviceClock().toStationTime(deviceTime)).isEqualTo(deviceTime.plusSeconds(7));

        numerics("08", 1, clock.instant().minusMillis(30), 70);
        assertThat(live.bed("08").deviceClock().flagged()).isFalse();
    }

    @Test
    void backlogOlderThanThirtySecondsIsKeptAsLateNotAsCurrent() {
        Instant t = clock.instant();
        numerics("07", 1, t, 70);
        // the station was disconnected for a minute; the broker now delivers what it queued
        clock.advance(Duration.ofSeconds(60));
        numerics("07", 2, t.plusSeconds(1), 190);  // 59 s late
        numerics("07", 3, t.plusSeconds(45), 72);  // 15 s late: still current enough
        assertThat(late).extracting(Numerics::seq).containsExactly(2L);
        assertThat(current).extracting(Numerics::seq).containsExactly(1L, 3L);
        assertThat(live.bed("07").numeric(MeasurementCode.HEART_RATE).value()).isEqualTo(72.0);
        assertThat(live.bed("07").diagnostics().lateMessages()).isEqualTo(1);
    }

    @Test
    void aDeviceFloodingAtTenTimesItsRateLosesTheExcessAndOtherBedsLoseNothing() {
        Instant t = clock.instant();
        int sent = 0;
        for (int second = 0; second < 60; second++) {
            for (int k = 0; k < 10; k++) { // ten numerics per device second instead of one
                numerics("07", ++sent, t.plusSeconds(second).plusMillis(k * 100L + 1), 70);
            }
            numerics("08", second + 1, t.plusSeconds(second), 80);
        }
        assertThat(current.stream().filter(n -> n.device().equals("mon-08"))).hasSize(60);
        assertThat(link.rejects().count("mon-07", RejectReason.FLOOD)).isPositive();
        long admitted = current.stream().filter(n -> n.device().equals("mon-07")).count();
        assertThat(admitted).as("admitted of 600").isLessThanOrEqualTo(3 * 60 + 30);
        // a backlog at the normal rate, delivered all at once, is not a flood
        for (int i = 0; i < 300; i++) {
            numerics("08", 100 + i, t.plusSeconds(100 + i), 80);
        }
        assertThat(link.rejects().count("mon-08", RejectReason.FLOOD)).isZero();
    }
}
