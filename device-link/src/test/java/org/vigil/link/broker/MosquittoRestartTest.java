package org.vigil.link.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.Bed;
import org.vigil.link.LinkSettings;
import org.vigil.link.LinkState;
import org.vigil.link.WardLink;
import org.vigil.link.live.WardLive;
import org.vigil.testing.MosquittoBroker;

/**
 * A Mosquitto restart in the middle of a QoS 1 numerics stream: with persistence on, the station's persistent
 * session and its queued messages survive, the WardLink reconnects by itself and no seq is missing.
 */
class MosquittoRestartTest {
    private static final int N = 600; // 12 s at 50/s

    @Test
    void aBrokerRestartMidStreamLosesNoQos1Numerics() throws Exception {
        assumeTrue(MosquittoBroker.available(), "mosquitto not installed: apt-get install mosquitto");
        try (MosquittoBroker broker = MosquittoBroker.create()) {
            broker.config("persistence true", "persistence_location " + broker.dir() + "/", "autosave_interval 1",
                    "max_queued_messages 100000").start();
            LinkWatch watch = new LinkWatch();
            WardLive live = new WardLive(List.of(new Bed("07", "Bed 7", true)));
            try (WardLink link = new WardLink(new LinkSettings(broker.url(), "icu3", "cs-1"), live, Clock.systemUTC())) {
                link.addListener(watch);
                link.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> link.state() == LinkState.CONNECTED);

                // the device: its own persistent session, in-flight retry and a buffer while disconnected
                MqttAsyncClient device = new MqttAsyncClient(broker.url(), "dev-icu3-07", new MemoryPersistence());
                MqttConnectOptions o = new MqttConnectOptions();
                o.setCleanSession(false);
                o.setAutomaticReconnect(true);
                o.setMaxReconnectDelay(1_000);
                o.setMaxInflight(1000);
                device.connect(o).waitForCompletion(5_000);
                DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
                buffer.setBufferEnabled(true);
                buffer.setBufferSize(N);
                device.setBufferOpts(buffer);

                Instant t0 = Instant.now();
                AtomicLong sent = new AtomicLong();
                Thread publisher = Thread.ofPlatform().name("test-device-07").start(() -> {
                    for (long seq = 1; seq <= N; ) {
                        try {
                            device.publish("ward/icu3/bed/07/numerics", LinkWatch.numerics("mon-07", seq, t0), 1, false);
                            sent.set(seq++);
                            Thread.sleep(20);
                        } catch (MqttException notNow) { // e.g. reconnecting: offer the same seq again
                            sleepQuietly(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> watch.seq("07").size() >= 150);
                // down for 1.5 s: the device reconnects (1 s back-off) before the station (1 s, then 2 s), so the
                // broker queues numerics for the station's session, which it restored from its persistence file
                broker.stop();
                long sentAtRestart = sent.get();
                Thread.sleep(1_500);
                broker.start();
                publisher.join(60_000);
                assertThat(sent.get()).isEqualTo(N);

                try {
                    await().atMost(Duration.ofSeconds(30)).until(() -> watch.seq("07").size() == N);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("states " + watch.states + ", " + watch.seq("07").size() + " of " + N
                            + " seq arrived; mosquitto log:\n" + broker.log(), e);
                }
                assertThat(watch.seq("07")).containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, N).boxed().toList());
                assertThat(sentAtRestart).isBetween(150L, (long) N - 100); // the restart really was mid-stream
                assertThat(watch.states).containsSubsequence(LinkState.CONNECTED, LinkState.DISCONNECTED,
                        LinkState.CONNECTED);
                assertThat(link.state()).isEqualTo(LinkState.CONNECTED);
                assertThat(link.rejects().total()).isZero();
                System.out.printf("restart test: %d numerics sent, %d handed on (%d again), broker stopped at seq %d%n",
                        N, watch.numericsMessages.get(), watch.numericsMessages.get() - N, sentAtRestart);
                device.disconnect().waitForCompletion(2_000);
                device.close();
            }
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
