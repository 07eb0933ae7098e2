package org.vigil.link.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
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
                    "max_queued_messages 100000",
                    "log_type all").start(); // every PUBLISH and PUBACK: where messages stopped, if they do
            LinkWatch watch = new LinkWatch();
            WardLive live = new WardLive(List.of(new Bed("07", "Bed 7", true)));
            try (WardLink link = new WardLink(new LinkSettings(broker.url(), "icu3", "cs-1"), live, Clock.systemUTC())) {
                link.addListener(watch);
                link.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> link.state() == LinkState.CONNECTED);

                // The device: its own persistent session and in-flight retry, reconnecting by itself. Not Paho's
                // automatic reconnect with its disconnected buffer: that can stay "connected" while buffering every
                // publish forever (paho.mqtt.java #348), a fault of the simulated device, not of the station.
                MqttAsyncClient device = new MqttAsyncClient(broker.url(), "dev-icu3-07", new MemoryPersistence());
                MqttConnectOptions o = new MqttConnectOptions();
                o.setCleanSession(false);
                o.setMaxInflight(1000);
                o.setConnectionTimeout(2);
                device.connect(o).waitForCompletion(5_000);

                Instant t0 = Instant.now();
                AtomicLong sent = new AtomicLong();
                List<IMqttDeliveryToken> tokens = new CopyOnWriteArrayList<>();
                Thread publisher = Thread.ofPlatform().name("test-device-07").start(() -> {
                    for (long seq = 1; seq <= N; ) {
                        try {
                            if (!device.isConnected()) {
                                device.connect(o).waitForCompletion(3_000); // resends what was in flight
                            }
                            tokens.add(device.publish("ward/icu3/bed/07/numerics", LinkWatch.numerics("mon-07", seq,
                                    t0), 1, false));
                            sent.set(seq++);
                            Thread.sleep(20);
                        } catch (MqttException notNow) { // broker down or reconnecting: offer the same seq again
                            sleepQuietly(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> watch.seq("07").size() >= 150);
                // down for 1.5 s: the device reconnects (within 0.1 s) before the station (1 s, then 2 s), so the
                // broker queues numerics for the station's session, which it restored from its persistence file
                broker.stop();
                long sentAtRestart = sent.get();
                Thread.sleep(1_500);
                broker.start();
                publisher.join(60_000);
                assertThat(sent.get()).isEqualTo(N);
                for (IMqttDeliveryToken t : tokens) { // every numerics message reached the broker (PUBACK)
                    t.waitForCompletion(30_000);
                }

                try {
                    await().atMost(Duration.ofSeconds(30)).until(() -> watch.seq("07").size() == N);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError(diagnosis(watch, broker, device), e);
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

    /** What the station missed, and where the messages stopped: the device, the broker or the station. */
    private static String diagnosis(LinkWatch watch, MosquittoBroker broker, MqttAsyncClient device) {
        Set<Long> seen = watch.seq("07");
        List<Long> missing = LongStream.rangeClosed(1, N).filter(q -> !seen.contains(q)).boxed().toList();
        String log = broker.log();
        String[] runs = log.split("mosquitto version [0-9.]+ starting");
        StringBuilder b = new StringBuilder().append("states ").append(watch.states).append(", ").append(seen.size())
                .append(" of ").append(N).append(" seq arrived; missing ").append(missing.size()).append(" from ")
                .append(missing.isEmpty() ? "-" : missing.get(0)).append(" to ")
                .append(missing.isEmpty() ? "-" : missing.get(missing.size() - 1)).append("; device connected ")
                .append(device.isConnected()).append(", its pending deliveries ")
                .append(device.getPendingDeliveryTokens().length).append('\n');
        for (int i = 1; i < runs.length; i++) {
            b.append("broker run ").append(i).append(": numerics received from the device ")
                    .append(count(runs[i], "Received PUBLISH from dev-icu3-07"))
                    .append(", numerics sent to the station ")
                    .append(count(runs[i], "Sending PUBLISH to vigil-icu3-cs-1 (d0"))
                    .append(" (+ ").append(count(runs[i], "Sending PUBLISH to vigil-icu3-cs-1 (d1"))
                    .append(" resent), PUBACKs from the station ")
                    .append(count(runs[i], "Received PUBACK from vigil-icu3-cs-1")).append(" (numerics and health)\n");
        }
        b.append("mosquitto log without PUBLISH / PUBACK lines:\n");
        log.lines().filter(l -> !l.contains("PUBLISH") && !l.contains("PUBACK") && !l.contains("Saving"))
                .forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    /** Log lines with {@code what} that concern bed 07's numerics (or any line, for PUBACKs, which name no topic). */
    private static long count(String text, String what) {
        return text.lines().filter(l -> l.contains(what)
                && (l.contains("PUBACK") || l.contains("'ward/icu3/bed/07/numerics'"))).count();
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
