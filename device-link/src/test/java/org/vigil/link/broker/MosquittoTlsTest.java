package org.vigil.link.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.BeforeEach;
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
 * The WardLink over TLS to Mosquitto, with certificates made in the test: CA + client certificate (PEM and
 * PKCS#12) connect and receive; a certificate of another CA, an untrusted or misnamed server and a wrong password
 * are refused. Devices publish on the broker's plain loopback listener.
 */
class MosquittoTlsTest {
    private static final Issued CA = TestPki.ca("Ward icu3 CA");
    private static final Issued ROGUE_CA = TestPki.ca("Rogue CA");
    private static final Issued SERVER = TestPki.server(CA, "broker.icu3", "127.0.0.1", "localhost");
    private static final Issued MISNAMED = TestPki.server(CA, "broker.elsewhere", "broker.elsewhere");
    private static final char[] P12_PW = "p12-pass".toCharArray();

    private Path dir;
    private Path ca;

    @BeforeEach
    void mosquittoIsThere() {
        assumeTrue(MosquittoBroker.available(), "mosquitto not installed: apt-get install mosquitto");
    }

    /** A broker with a TLS listener requiring a client certificate of CA (and one with a misnamed certificate). */
    private MosquittoBroker tlsBroker(int tlsPort, int misnamedPort, String... more) {
        MosquittoBroker broker = MosquittoBroker.create();
        dir = broker.dir();
        ca = TestPki.writeCert(dir.resolve("ca.pem"), CA.cert());
        TestPki.writeCert(dir.resolve("server.pem"), SERVER.cert());
        TestPki.writePkcs8(dir.resolve("server.key"), SERVER.keys(), null);
        TestPki.writeCert(dir.resolve("misnamed.pem"), MISNAMED.cert());
        TestPki.writePkcs8(dir.resolve("misnamed.key"), MISNAMED.keys(), null);
        broker.config("listener " + tlsPort + " 127.0.0.1", "cafile " + ca, "certfile " + dir.resolve("server.pem"),
                "keyfile " + dir.resolve("server.key"), "require_certificate " + (more.length == 0));
        broker.config("listener " + misnamedPort + " 127.0.0.1", "cafile " + ca,
                "certfile " + dir.resolve("misnamed.pem"), "keyfile " + dir.resolve("misnamed.key"));
        broker.config(more);
        return broker.start();
    }

    private static WardLink link(String url, String station, BrokerTls tls, String user, String password,
                                 LinkWatch watch) throws Exception {
        WardLink link = new WardLink(new LinkSettings(url, "icu3", station, tls, user,
                password == null ? null : password.toCharArray()), new WardLive(List.of(new Bed("07", "Bed 7", true))),
                Clock.systemUTC());
        link.addListener(watch);
        link.start();
        return link;
    }

    private static void receives(WardLink link, LinkWatch watch, MqttTestClient device, long seq) {
        await().atMost(Duration.ofSeconds(10)).until(() -> link.state() == LinkState.CONNECTED);
        device.publish("ward/icu3/bed/07/numerics", LinkWatch.numerics("mon-07", seq, Instant.now()), 1, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> watch.seq("07").contains(seq));
    }

    private static void staysUnconnected(WardLink link, LinkWatch watch) throws InterruptedException {
        Thread.sleep(3_000);
        assertThat(watch.states).doesNotContain(LinkState.CONNECTED);
        assertThat(link.state()).isNotEqualTo(LinkState.CONNECTED);
    }

    @Test
    void pemAndPkcs12ClientCertificatesConnectAndReceive() throws Exception {
        int tlsPort = FreePorts.loopback();
        try (MosquittoBroker broker = tlsBroker(tlsPort, FreePorts.loopback());
             MqttTestClient device = new MqttTestClient().connect(broker.url())) {
            Issued cs1 = TestPki.client(CA, "cs-1", TestPki.ec());
            Path cert = TestPki.writeCert(dir.resolve("cs-1.pem"), cs1.cert());
            Path key = TestPki.writeTraditional(dir.resolve("cs-1.key"), cs1.keys(), null); // SEC1 EC key
            LinkWatch w1 = new LinkWatch();
            try (WardLink link = link("ssl://127.0.0.1:" + tlsPort, "cs-1", BrokerTls.load(ca, cert, key, null), null,
                    null, w1)) {
                receives(link, w1, device, 1);
            }

            Issued cs2 = TestPki.client(CA, "cs-2", TestPki.rsa());
            Path p12 = TestPki.writePkcs12(dir.resolve("cs-2.p12"), cs2, P12_PW, CA.cert());
            LinkWatch w2 = new LinkWatch();
            try (WardLink link = link("ssl://localhost:" + tlsPort, "cs-2", BrokerTls.load(ca, p12, null, P12_PW),
                    null, null, w2)) {
                receives(link, w2, device, 2);
            }
            assertThat(broker.log()).contains("as vigil-icu3-cs-1", "as vigil-icu3-cs-2");
        }
    }

    @Test
    void anotherCasCertificateAnUntrustedOrMisnamedServerAreRefused() throws Exception {
        int tlsPort = FreePorts.loopback();
        int misnamedPort = FreePorts.loopback();
        try (MosquittoBroker broker = tlsBroker(tlsPort, misnamedPort)) {
            Issued rogue = TestPki.client(ROGUE_CA, "cs-1", TestPki.ec());
            Path cert = TestPki.writeCert(dir.resolve("rogue.pem"), rogue.cert());
            Path key = TestPki.writePkcs8(dir.resolve("rogue.key"), rogue.keys(), null);
            Issued good = TestPki.client(CA, "cs-1", TestPki.ec());
            Path goodCert = TestPki.writeCert(dir.resolve("good.pem"), good.cert());
            Path goodKey = TestPki.writePkcs8(dir.resolve("good.key"), good.keys(), null);

            LinkWatch rogueWatch = new LinkWatch();
            LinkWatch untrustedWatch = new LinkWatch();
            LinkWatch misnamedWatch = new LinkWatch();
            try (WardLink rogueLink = link("ssl://127.0.0.1:" + tlsPort, "cs-1", BrokerTls.load(ca, cert, key, null),
                    null, null, rogueWatch);
                 // the JVM's trust store does not know the ward's CA
                 WardLink untrusted = link("ssl://127.0.0.1:" + tlsPort, "cs-2",
                         BrokerTls.load(null, goodCert, goodKey, null), null, null, untrustedWatch);
                 // the broker's certificate is for broker.elsewhere, not 127.0.0.1: hostname verification refuses it
                 WardLink misnamed = link("ssl://127.0.0.1:" + misnamedPort, "cs-3",
                         BrokerTls.load(ca, null, null, null), null, null, misnamedWatch)) {
                staysUnconnected(rogueLink, rogueWatch);
                staysUnconnected(untrusted, untrustedWatch);
                staysUnconnected(misnamed, misnamedWatch);
            }
            assertThat(broker.log()).doesNotContain("as vigil-icu3-cs-");
        }
    }

    @Test
    void anAccountWithPasswordConnectsAWrongPasswordDoesNot() throws Exception {
        Path passwd = Path.of("/usr/bin/mosquitto_passwd");
        assumeTrue(Files.isExecutable(passwd), "mosquitto_passwd not installed (package mosquitto)");
        int tlsPort = FreePorts.loopback();
        Path tmp = Files.createTempDirectory("vigil-passwd-");
        Path file = tmp.resolve("passwd");
        run(passwd.toString(), "-c", "-b", file.toString(), "cs-icu3-1", "Station-pw-1");
        run(passwd.toString(), "-b", file.toString(), "icu3-device", "Device-pw-1");
        try (MosquittoBroker broker = tlsBroker(tlsPort, FreePorts.loopback(), "allow_anonymous false",
                "password_file " + file)) {
            MqttConnectOptions deviceLogin = new MqttConnectOptions();
            deviceLogin.setUserName("icu3-device");
            deviceLogin.setPassword("Device-pw-1".toCharArray());
            try (MqttTestClient device = new MqttTestClient().connect(broker.url(), deviceLogin)) {
                LinkWatch good = new LinkWatch();
                try (WardLink link = link("ssl://127.0.0.1:" + tlsPort, "cs-1", BrokerTls.load(ca, null, null, null),
                        "cs-icu3-1", "Station-pw-1", good)) {
                    receives(link, good, device, 7);
                    assertThat(link.settings().toString()).doesNotContain("Station-pw-1");
                }
                LinkWatch wrong = new LinkWatch();
                try (WardLink link = link("ssl://127.0.0.1:" + tlsPort, "cs-1", BrokerTls.load(ca, null, null, null),
                        "cs-icu3-1", "not-the-password", wrong)) {
                    staysUnconnected(link, wrong);
                }
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(tmp);
        }
    }

    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }
}
