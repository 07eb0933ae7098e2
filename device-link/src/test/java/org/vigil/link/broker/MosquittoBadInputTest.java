package org.vigil.link.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.Bed;
import org.vigil.link.LinkSettings;
import org.vigil.link.LinkState;
import org.vigil.link.WardLink;
import org.vigil.link.live.WardLive;
import org.vigil.link.wire.RejectReason;
import org.vigil.testing.MosquittoBroker;
import org.vigil.testing.MqttTestClient;

/**
 * 200 malformed messages of ten kinds interleaved with 300 good numerics, through Mosquitto: every good one
 * arrives and each reject counter is exact per source (device, or bed, or topic) and reason.
 */
class MosquittoBadInputTest {
    private record Bad(String topic, byte[] payload, String source, RejectReason reason) {
    }

    private static final Instant T0 = Instant.parse("2026-11-24T05:00:00Z");

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The ten kinds of bad input, each with who it is counted against. */
    private static final List<Bad> KINDS = List.of(
            new Bad("ward/icu3/bed/07/numerics", utf8("not json at all"), "bed 07", RejectReason.NOT_JSON),
            new Bad("ward/icu3/bed/08/numerics", new byte[0], "bed 08", RejectReason.NOT_JSON),
            new Bad("ward/icu3/bed/07/numerics", utf8("{\"v\":1,\"device\":\"mon-07\",\"time\":\"nope\",\"seq\":1,"
                    + "\"values\":[]}"), "mon-07", RejectReason.WRONG_TYPE),
            new Bad("ward/icu3/bed/08/numerics", utf8("{\"v\":1,\"device\":\"mon-08\",\"time\":\"" + T0
                    + "\",\"values\":[]}"), "mon-08", RejectReason.MISSING_FIELD),
            new Bad("ward/icu3/bed/07/numerics", utf8("{\"v\":2,\"device\":\"mon-07\",\"time\":\"" + T0
                    + "\",\"seq\":1,\"values\":[]}"), "mon-07", RejectReason.UNKNOWN_VERSION),
            new Bad("ward/icu3/bed/08/wave", utf8("{\"v\":1,\"device\":\"mon-08\",\"seq\":1,\"t0\":\"" + T0
                    + "\",\"channels\":[{\"code\":\"MDC_PULS_OXIM_PLETH\",\"rate\":5000,\"unit\":\"1\","
                    + "\"scale\":0.01,\"samples\":[1,2]}]}"), "mon-08", RejectReason.OUT_OF_RANGE),
            new Bad("ward/icu3/bed/07/numerics", new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'}, "bed 07",
                    RejectReason.NOT_UTF8),
            new Bad("ward/icu3/bed/08/event", utf8("[".repeat(40) + "]".repeat(40)), "bed 08", RejectReason.TOO_DEEP),
            new Bad("ward/icu3/bed/bad.bed/numerics", utf8("{}"), "topic ward/icu3/bed/bad.bed/numerics",
                    RejectReason.BAD_TOPIC),
            new Bad("ward/icu3/bed/07/wave", new byte[1024 * 1024 + 1], "bed 07", RejectReason.TOO_LARGE));

    @Test
    void everyGoodMessageArrivesAndEveryRejectIsCountedPerDeviceAndReason() throws Exception {
        assumeTrue(MosquittoBroker.available(), "mosquitto not installed: apt-get install mosquitto");
        try (MosquittoBroker broker = MosquittoBroker.create().start()) {
            LinkWatch watch = new LinkWatch();
            WardLive live = new WardLive(List.of(new Bed("07", "Bed 7", true), new Bed("08", "Bed 8", true)));
            try (WardLink link = new WardLink(new LinkSettings(broker.url(), "icu3", "cs-1"), live, Clock.systemUTC());
                 MqttTestClient devices = new MqttTestClient().connect(broker.url())) {
                link.addListener(watch);
                link.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> link.state() == LinkState.CONNECTED);

                Map<String, Map<RejectReason, Long>> expected = new TreeMap<>();
                long seq07 = 0;
                long seq08 = 0;
                int bad = 0;
                for (int k = 0; k < 500; k++) {
                    if (k % 5 == 1 || k % 5 == 3) { // 2 of every 5: bad, each kind in turn
                        Bad b = KINDS.get(bad++ % KINDS.size());
                        devices.publish(b.topic(), b.payload(), 1, false);
                        expected.computeIfAbsent(b.source(), s -> new EnumMap<>(RejectReason.class))
                                .merge(b.reason(), 1L, Long::sum);
                    } else if (k % 2 == 0) {
                        devices.publish("ward/icu3/bed/07/numerics", LinkWatch.numerics("mon-07", ++seq07, T0), 1, false);
                    } else {
                        devices.publish("ward/icu3/bed/08/numerics", LinkWatch.numerics("mon-08", ++seq08, T0), 1, false);
                    }
                }
                assertThat(bad).isEqualTo(200);
                assertThat(seq07 + seq08).isEqualTo(300);
                long n07 = seq07;
                long n08 = seq08;
                await().atMost(Duration.ofSeconds(30)).until(() -> link.rejects().total() == 200
                        && watch.seq("07").size() == n07 && watch.seq("08").size() == n08);
                assertThat(watch.seq("07")).containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, n07).boxed().toList());
                assertThat(watch.seq("08")).containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, n08).boxed().toList());
                assertThat(link.rejects().snapshot()).isEqualTo(expected);
                assertThat(link.rejects().count("mon-07", RejectReason.WRONG_TYPE)).isEqualTo(20);
                assertThat(link.rejects().count("bed 07", RejectReason.TOO_LARGE)).isEqualTo(20);
                assertThat(live.beds()).hasSize(2); // the bad topic made no bed
                assertThat(link.state()).isEqualTo(LinkState.CONNECTED);
                System.out.printf("bad input test: %d good numerics arrived, rejects %s%n",
                        watch.numericsMessages.get(), link.rejects().snapshot());
            }
        }
    }
}
