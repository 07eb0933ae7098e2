package org.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.testing.MqttTestClient.Received;

class MosquittoBrokerTest {

    @BeforeEach
    void requireMosquitto() {
        assumeTrue(MosquittoBroker.available(), "mosquitto not installed: apt-get install mosquitto");
    }

    @Test
    void roundTripsAMessageAndRestartsOnTheSamePort() {
        try (var broker = MosquittoBroker.create().start()) {
            int port = broker.port();
            try (var client = new MqttTestClient().connect(broker.url())) {
                client.subscribe("ward/w1/health", 1);
                client.publish("ward/w1/health", "up", 1, false);
                Received r = client.awaitMessage("ward/w1/health", Duration.ofSeconds(5));
                assertThat(r.text()).isEqualTo("up");
            }

            broker.restart();

            assertThat(broker.port()).isEqualTo(port);
            assertThat(broker.isRunning()).isTrue();
            try (var client = new MqttTestClient().connect(broker.url())) {
                client.subscribe("ward/w1/health", 1);
                client.publish("ward/w1/health", "up again", 1, false);
                assertThat(client.awaitMessage("ward/w1/health", Duration.ofSeconds(5)).text()).isEqualTo("up again");
            }
        }
    }

    @Test
    void retainedMessagesKeepTheirFlagAtEveryQos() {
        try (var broker = MosquittoBroker.create().start()) {
            try (var publisher = new MqttTestClient().connect(broker.url())) {
                publisher.publish("ward/w1/bed/1/alarm", "qos0", 0, true);
                publisher.publish("ward/w1/bed/2/alarm", "qos1", 1, true);
            }
            try (var subscriber = new MqttTestClient().connect(broker.url())) {
                subscriber.subscribe("ward/w1/bed/+/alarm", 1);

                Received q0 = subscriber.awaitMessage("ward/w1/bed/1/alarm", Duration.ofSeconds(5));
                Received q1 = subscriber.awaitMessage("ward/w1/bed/2/alarm", Duration.ofSeconds(5));

                assertThat(q0.retained()).isTrue();
                assertThat(q0.qos()).isZero();
                assertThat(q1.retained()).isTrue();
                assertThat(q1.qos()).isEqualTo(1);
            }
        }
    }

    @Test
    void extraConfigLinesAreUsedAndTheFolderIsRemovedOnClose() throws Exception {
        var broker = MosquittoBroker.create();
        int second = FreePorts.loopback();
        try (broker) {
            broker.config("listener " + second + " 127.0.0.1").start();
            try (var client = new MqttTestClient().connect("tcp://127.0.0.1:" + second)) {
                assertThat(client.isConnected()).isTrue();
            }
            assertThat(Files.readString(broker.dir().resolve("mosquitto.conf"))).contains("user root");
        }
        assertThat(broker.dir()).doesNotExist();
    }

    @Test
    void aBadConfigurationFailsWithTheLog() {
        var broker = MosquittoBroker.create().config("no_such_option 1");
        assertThatThrownBy(broker::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mosquitto exited")
                .hasMessageContaining("no_such_option");
        assertThat(broker.dir()).doesNotExist();
    }
}
