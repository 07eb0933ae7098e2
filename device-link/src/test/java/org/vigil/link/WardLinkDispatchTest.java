package org.vigil.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.Bed;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.model.Numerics;
import org.vigil.link.live.BedLive;
import org.vigil.link.live.SampleRing;
import org.vigil.link.live.WardLive;
import org.vigil.link.wire.RejectReason;
import org.vigil.testing.MutableClock;

/** Decoding, hand-off and rejects of the link, driven without a broker (the callback path only). */
class WardLinkDispatchTest {
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T05:00:00Z"));
    private final WardLive live = new WardLive(List.of(new Bed("07", "Bed 7", true)));
    private final WardLink link = new WardLink(new LinkSettings("tcp://127.0.0.1:1", "icu3", "cs-1"), live, clock);

    private void send(String topic, String json) {
        link.dispatch(topic, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void goodMessagesReachTheBuffersAndListenersBadOnesAreCountedPerDeviceAndReason() {
        List<Numerics> heard = new CopyOnWriteArrayList<>();
        link.addListener(new FeedListener() {
            @Override
            public void onNumerics(BedLive bed, Numerics n, Instant receivedAt) {
                heard.add(n);
            }
        });
        send("ward/icu3/bed/07/numerics", "{\"v\":1,\"device\":\"mon-7\",\"time\":\"2026-11-24T05:00:00.000Z\",\"seq\":1,"
                + "\"values\":[{\"code\":\"MDC_ECG_HEART_RATE\",\"value\":72,\"unit\":\"/min\"}]}");
        send("ward/icu3/bed/07/numerics", "{\"v\":1,\"device\":\"mon-7\",\"time\":\"nope\",\"seq\":2,\"values\":[]}");
        send("ward/icu3/bed/07/numerics", "not json at all");
        send("ward/icu3/bed/07/bogus", "{}");
        send("ward/other/bed/07/numerics", "{}"); // another ward's topic is not ours

        assertThat(heard).hasSize(1);
        assertThat(live.bed("07").numeric(MeasurementCode.HEART_RATE).value()).isEqualTo(72.0);
        assertThat(live.bed("07").lastDataAt()).isEqualTo(clock.instant());
        assertThat(link.rejects().count("mon-7", RejectReason.WRONG_TYPE)).isEqualTo(1);
        assertThat(link.rejects().count("bed 07", RejectReason.NOT_JSON)).isEqualTo(1);
        assertThat(link.rejects().total()).isEqualTo(4);
        assertThat(live.size()).isEqualTo(1);
    }

    @Test
    void aWaveThatStartsLaterThanTheLastEndedLeavesAGapInTheRing() {
        send("ward/icu3/bed/07/wave", "{\"v\":1,\"device\":\"mon-7\",\"seq\":1,\"t0\":\"2026-11-24T05:00:00.000Z\","
                + "\"channels\":[{\"code\":\"MDC_PULS_OXIM_PLETH\",\"rate\":125,\"unit\":\"1\",\"scale\":0.01,\"samples\":[100,200,300,400]}]}");
        // next block should start at +32 ms; it starts 1 s later: a lost message
        send("ward/icu3/bed/07/wave", "{\"v\":1,\"device\":\"mon-7\",\"seq\":3,\"t0\":\"2026-11-24T05:00:01.032Z\","
                + "\"channels\":[{\"code\":\"MDC_PULS_OXIM_PLETH\",\"rate\":125,\"unit\":\"1\",\"scale\":0.01,\"samples\":[500,600]}]}");
        SampleRing r = live.bed("07").ring(MeasurementCode.PLETH);
        assertThat(r.get(0)).isEqualTo(1.0f);
        assertThat(r.get(3)).isEqualTo(4.0f);
        assertThat(r.written()).isEqualTo(4 + 125 + 2);
        assertThat(Float.isNaN(r.get(4))).isTrue();
        assertThat(Float.isNaN(r.get(128))).isTrue();
        assertThat(r.get(129)).isEqualTo(5.0f);
        assertThat(r.get(130)).isEqualTo(6.0f);
    }

    @Test
    void contiguousBlocksJoinWithoutAGap() {
        send("ward/icu3/bed/07/wave", "{\"v\":1,\"device\":\"mon-7\",\"seq\":1,\"t0\":\"2026-11-24T05:00:00.000Z\","
                + "\"channels\":[{\"code\":\"MDC_IMPED_TTHOR\",\"rate\":62.5,\"unit\":\"Ohm\",\"scale\":1,\"samples\":[1,2,3]}]}");
        send("ward/icu3/bed/07/wave", "{\"v\":1,\"device\":\"mon-7\",\"seq\":2,\"t0\":\"2026-11-24T05:00:00.048Z\","
                + "\"channels\":[{\"code\":\"MDC_IMPED_TTHOR\",\"rate\":62.5,\"unit\":\"Ohm\",\"scale\":1,\"samples\":[4,5]}]}");
        SampleRing r = live.bed("07").ring(MeasurementCode.RESP_WAVE);
        assertThat(r.written()).isEqualTo(5);
        assertThat(r.get(3)).isEqualTo(4.0f);
    }

    @Test
    void aBedUnknownToTheConfigurationIsAddedAsUnassigned() {
        send("ward/icu3/bed/99/status", "{\"v\":1,\"device\":\"mon-99\",\"state\":\"online\"}");
        assertThat(live.beds()).extracting(BedLive::bedId).containsExactly("07", "99");
        assertThat(live.bed("99").configured()).isFalse();
        assertThat(live.bed("99").label()).isEqualTo("99");
    }
}
