package org.vigil.link.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.vigil.data.model.Bed;
import org.vigil.link.LinkSettings;
import org.vigil.link.LinkState;
import org.vigil.link.WardLink;
import org.vigil.link.live.WardLive;
import org.vigil.link.tls.BrokerTls;
import org.vigil.testing.FreePorts;
import org.vigil.testing.MosquittoBroker;
import org.vigil.testing.MqttTestClient;
import org.vigil.testing.TestPki;
import org.vigil.testing.TestPki.Issued;

/**
 * The ward broker configuration of docs/mosquitto (vigil-ward.conf and vigil-ward.acl, copied with the port and
 * paths substituted) on Mosquitto: a device account cannot fake an acknowledgement, clear an alarm, publish
 * settings, the audio pause or another bed's numerics; a station never sees such messages, while what stations
 * publish arrives.
 */
class MosquittoAclTest {
    private static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");
    private static final String ALARM = "ward/icu3/alarm/07/07-HR_HIGH-1795496401000";
    private static final String ALARM_ID = "07-HR_HIGH-1795496401000";

    private static Path docs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/mosquitto/vigil-ward.conf"))) {
                return p.resolve("docs/mosquitto");
            }
        }
        throw new IllegalStateException("docs/mosquitto not found above " + Path.of("").toAbsolutePath());
    }

    /** Mosquitto with the documented configuration; its TLS listener on {@code port}. */
    private static MosquittoBroker wardBroker(int port, Issued ca) throws Exception {
        MosquittoBroker broker = MosquittoBroker.create();
        Path dir = broker.dir();
        Issued server = TestPki.server(ca, "broker.icu3", "127.0.0.1", "localhost");
        TestPki.writeCert(dir.resolve("ca.pem"), ca.cert());
        TestPki.writeCert(dir.resolve("broker.pem"), server.cert());
        TestPki.writePkcs8(dir.resolve("broker.key"), server.keys(), null);
        Path passwd = dir.resolve("passwd");
        MosquittoTlsTest.run(PASSWD.toString(), "-c", "-b", passwd.toString(), "icu3/bed/07", "Dev-07-pw");
        MosquittoTlsTest.run(PASSWD.toString(), "-b", passwd.toString(), "cs-icu3-1", "Station-1-pw");
        MosquittoTlsTest.run(PASSWD.toString(), "-b", passwd.toString(), "cs-icu3-2", "Station-2-pw");
        Files.copy(docs().resolve("vigil-ward.acl"), dir.resolve("vigil-ward.acl"));
        List<String> conf = Files.readAllLines(docs().resolve("vigil-ward.conf")).stream()
                .map(l -> l.replace("/etc/mosquitto/vigil/", dir + "/"))
                .map(l -> l.equals("listener 8883") ? "listener " + port + " 127.0.0.1" : l)
                .toList();
        assertThat(conf).contains("listener " + port + " 127.0.0.1", "acl_file " + dir.resolve("vigil-ward.acl"));
        return broker.config(conf.toArray(String[]::new)).config("log_type all").start(); // "Denied PUBLISH" is debug
    }

    private static MqttConnectOptions login(String user, String password, BrokerTls tls) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        o.setSocketFactory(tls.socketFactory());
        return o;
    }

    @Test
    void aDeviceAccountCannotFakeAcknowledgeOrClearAlarmsNorFeedAnotherBed() throws Exception {
        assumeTrue(MosquittoBroker.available(), "mosquitto not installed: apt-get install mosquitto");
        assumeTrue(Files.isExecutable(PASSWD), "mosquitto_passwd not installed (package mosquitto)");
        Issued ca = TestPki.ca("Hospital CA");
        int port = FreePorts.loopback();
        String url = "ssl://127.0.0.1:" + port;
        try (MosquittoBroker broker = wardBroker(port, ca)) {
            BrokerTls tls = BrokerTls.load(broker.dir().resolve("ca.pem"), null, null, null);
            LinkWatch watch = new LinkWatch();
            WardLive live = new WardLive(List.of(new Bed("07", "Bed 7", true), new Bed("08", "Bed 8", true)));
            try (WardLink link = new WardLink(new LinkSettings(url, "icu3", "cs-1", tls, "cs-icu3-1",
                    "Station-1-pw".toCharArray()), live, Clock.systemUTC());
                 MqttTestClient station2 = new MqttTestClient("vigil-icu3-cs-2");
                 MqttTestClient device = new MqttTestClient("mon-icu3-07")) {
                link.addListener(watch);
                link.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> link.state() == LinkState.CONNECTED);
                assertThatThrownBy(() -> new MqttTestClient().connect(url, anonymous(tls)))
                        .as("anonymous is off").hasMessageContaining("cannot connect");

                // another station's alarm arrives
                station2.connect(url, login("cs-icu3-2", "Station-2-pw", tls));
                Instant at = Instant.parse("2026-11-24T05:00:01.000Z");
                station2.publish(ALARM, LinkWatch.alarm("07", ALARM_ID, "cs-2", null, at), 1, true);
                await().atMost(Duration.ofSeconds(10)).until(() -> watch.alarms.size() == 1);
                assertThat(watch.alarms.get(0).message().station()).isEqualTo("cs-2");

                // the device tries what only stations may do, then publishes its own numerics
                device.connect(url, login("icu3/bed/07", "Dev-07-pw", tls));
                device.publish(ALARM, LinkWatch.alarm("07", ALARM_ID, "cs-1", "charge.nurse", at.plusSeconds(5)), 1,
                        true);
                device.publish(ALARM, new byte[0], 1, true); // clearing the alarm
                device.publish("ward/icu3/bed/07/settings", "{\"v\":1,\"bed\":\"07\",\"category\":\"adult\","
                        + "\"limits\":{},\"alarmOff\":[],\"changedBy\":\"x\",\"station\":\"cs-1\","
                        + "\"updatedAt\":\"2026-11-24T05:10:00.000Z\"}", 1, true);
                device.publish("ward/icu3/audio-pause", "{\"v\":1,\"pausedUntil\":\"2026-11-24T06:00:00.000Z\","
                        + "\"by\":\"x\",\"station\":\"cs-1\",\"updatedAt\":\"2026-11-24T05:10:00.000Z\"}", 1, true);
                device.publish("ward/icu3/bed/08/numerics", LinkWatch.numerics("mon-icu3-07", 1, at), 1, false);
                device.publish("ward/icu3/bed/07/numerics", LinkWatch.numerics("mon-icu3-07", 1, at), 1, false);
                // messages of one client arrive in order: once its own numerics are in, the rest would be too
                await().atMost(Duration.ofSeconds(10)).until(() -> watch.seq("07").contains(1L));
                Thread.sleep(300);
                assertThat(watch.alarms).hasSize(1);
                assertThat(watch.shared).isEmpty();
                assertThat(watch.seq("08")).isEmpty();
                assertThat(link.rejects().total()).isZero();
                assertThat(broker.log().lines().filter(l -> l.contains("Denied PUBLISH from mon-icu3-07")))
                        .as("alarm, clear, settings, audio pause, bed 08").hasSize(5);

                // the broker still holds the stations' version of the alarm, unacknowledged
                try (MqttTestClient later = new MqttTestClient().connect(url, login("cs-icu3-2", "Station-2-pw", tls))) {
                    later.subscribe("ward/icu3/alarm/#", 1);
                    String kept = later.awaitMessage(ALARM, Duration.ofSeconds(5)).text();
                    assertThat(kept).contains("\"station\":\"cs-2\"", "\"ackBy\":null");
                }

                // stations may acknowledge and clear: the link's own publish arrives too
                link.publish(ALARM, LinkWatch.alarm("07", ALARM_ID, "cs-1", "charge.nurse", at.plusSeconds(9))
                        .getBytes(StandardCharsets.UTF_8), 1, true);
                await().atMost(Duration.ofSeconds(10)).until(() -> watch.alarms.size() == 2);
                assertThat(watch.alarms.get(1).message().ackBy()).isEqualTo("charge.nurse");
                station2.publish(ALARM, new byte[0], 1, true);
                await().atMost(Duration.ofSeconds(10)).until(() -> watch.alarms.size() == 3);
                assertThat(watch.alarms.get(2).message()).isNull();
            }
        }
    }

    private static MqttConnectOptions anonymous(BrokerTls tls) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setSocketFactory(tls.socketFactory());
        o.setConnectionTimeout(5);
        return o;
    }
}
