package org.vigil.link.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.link.LinkSettings;
import org.vigil.link.tls.BrokerTls;
import org.vigil.link.tls.TlsFileException;
import org.vigil.link.tls.TlsFileException.Item;
import org.vigil.testing.TestPki;
import org.vigil.testing.TestPki.Issued;

/** Reading and checking the station's TLS files, without a broker: every key format, and each wrong file. */
class BrokerTlsTest {
    private static final char[] PW = "s3cret-Key-pw".toCharArray();
    private static final Issued CA = TestPki.ca("Vigil Test CA");
    private static final KeyPair EC_KEYS = TestPki.ec();
    private static final KeyPair RSA_KEYS = TestPki.rsa();
    private static final Issued EC_CLIENT = TestPki.client(CA, "cs-1", EC_KEYS);
    private static final Issued RSA_CLIENT = TestPki.client(CA, "cs-2", RSA_KEYS);

    @TempDir
    Path dir;

    private Path ca() {
        return TestPki.writeCert(dir.resolve("ca.pem"), CA.cert());
    }

    @Test
    void everyKeyFormatLoadsWithItsCertificate() {
        Path ec = TestPki.writeCert(dir.resolve("ec.pem"), EC_CLIENT.cert());
        Path rsa = TestPki.writeCert(dir.resolve("rsa.pem"), RSA_CLIENT.cert());
        record Case(Path cert, Path key, char[] pw) {
        }
        Case[] cases = {
                new Case(ec, TestPki.writePkcs8(dir.resolve("ec-pkcs8.key"), EC_KEYS, null), null),
                new Case(ec, TestPki.writeTraditional(dir.resolve("ec-sec1.key"), EC_KEYS, null), null),
                new Case(rsa, TestPki.writeTraditional(dir.resolve("rsa-pkcs1.key"), RSA_KEYS, null), null),
                new Case(rsa, TestPki.writePkcs8(dir.resolve("rsa-pkcs8.key"), RSA_KEYS, null), null),
                new Case(ec, TestPki.writePkcs8(dir.resolve("ec-pkcs8-enc.key"), EC_KEYS, PW), PW),
                new Case(rsa, TestPki.writeTraditional(dir.resolve("rsa-pkcs1-enc.key"), RSA_KEYS, PW), PW),
                new Case(ec, TestPki.writeTraditional(dir.resolve("ec-sec1-enc.key"), EC_KEYS, PW), PW),
        };
        for (Case c : cases) {
            BrokerTls tls = BrokerTls.load(ca(), c.cert(), c.key(), c.pw());
            assertThat(tls.hasClientCertificate()).as(c.key().toString()).isTrue();
            assertThat(tls.socketFactory()).isNotNull().isSameAs(tls.socketFactory());
        }
    }

    @Test
    void aPemFileHoldingCertificateAndKeyAndAPkcs12FileNeedNoKeyFile() throws Exception {
        Path both = TestPki.writeCert(dir.resolve("both.pem"), EC_CLIENT.cert());
        Files.writeString(both, Files.readString(TestPki.writePkcs8(dir.resolve("k.pem"), EC_KEYS, null)),
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(BrokerTls.load(ca(), both, null, null).hasClientCertificate()).isTrue();

        Path p12 = TestPki.writePkcs12(dir.resolve("cs-1.p12"), RSA_CLIENT, PW, CA.cert());
        BrokerTls tls = BrokerTls.load(ca(), p12, null, PW);
        assertThat(tls.hasClientCertificate()).isTrue();
        assertThat(tls.toString()).contains("CN=cs-2").doesNotContain(new String(PW));
        assertThat(BrokerTls.load(null, null, null, null).hasClientCertificate()).isFalse(); // JVM trust store
    }

    @Test
    void eachWrongFileIsNamedWithWhatIsWrong() throws Exception {
        Path cert = TestPki.writeCert(dir.resolve("client.pem"), EC_CLIENT.cert());
        Path key = TestPki.writePkcs8(dir.resolve("client.key"), EC_KEYS, null);
        Path notPem = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        Path otherKey = TestPki.writePkcs8(dir.resolve("other.key"), TestPki.ec(), null);
        Path encrypted = TestPki.writePkcs8(dir.resolve("enc.key"), EC_KEYS, PW);
        Path encryptedLegacy = TestPki.writeTraditional(dir.resolve("enc-legacy.key"), EC_KEYS, PW);
        Path p12 = TestPki.writePkcs12(dir.resolve("cs.p12"), EC_CLIENT, PW);

        assertFails(() -> BrokerTls.load(dir.resolve("missing.pem"), null, null, null), Item.CA, "no such file");
        assertFails(() -> BrokerTls.load(notPem, null, null, null), Item.CA, "PEM");
        assertFails(() -> BrokerTls.load(key, null, null, null), Item.CA, "no PEM certificate");
        assertFails(() -> BrokerTls.load(ca(), notPem, key, null), Item.CERT, "PKCS#12");
        assertFails(() -> BrokerTls.load(ca(), cert, null, null), Item.KEY, "no private key");
        assertFails(() -> BrokerTls.load(ca(), cert, cert, null), Item.KEY, "no PEM private key");
        assertFails(() -> BrokerTls.load(ca(), cert, otherKey, null), Item.KEY, "does not match");
        assertFails(() -> BrokerTls.load(ca(), cert, encrypted, null), Item.KEY_PASSWORD, "encrypted");
        assertFails(() -> BrokerTls.load(ca(), cert, encrypted, "wrong".toCharArray()), Item.KEY_PASSWORD,
                "wrong password");
        assertFails(() -> BrokerTls.load(ca(), cert, encryptedLegacy, "wrong".toCharArray()), Item.KEY_PASSWORD,
                "wrong password");
        assertFails(() -> BrokerTls.load(ca(), p12, null, "wrong".toCharArray()), Item.KEY_PASSWORD, "password");
        assertFails(() -> BrokerTls.load(ca(), p12, key, PW), Item.KEY, "PKCS#12");
        assertFails(() -> BrokerTls.load(ca(), null, key, null), Item.KEY, "without a certificate");
    }

    private static void assertFails(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Item item,
                                    String text) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TlsFileException.class, e -> {
            assertThat(e.item()).as(e.getMessage()).isEqualTo(item);
            assertThat(e.getMessage()).contains(text).doesNotContain("\n").doesNotContain(new String(PW));
        });
    }

    @Test
    void linkSettingsNeverShowThePasswordAndKeepTlsForSslOnly() {
        LinkSettings s = new LinkSettings("ssl://broker.ward:8883", "icu3", "cs-1", null, "cs-icu3-1",
                "pa55word".toCharArray());
        assertThat(s.tls()).isSameAs(BrokerTls.jvmDefaults());
        assertThat(s.toString()).doesNotContain("pa55word").contains("cs-icu3-1", "(hidden)");
        assertThat(s.password()).containsExactly("pa55word".toCharArray());
        assertThat(new LinkSettings("tcp://h:1883", "icu3", "cs-1").tls()).isNull();
        assertThatThrownBy(() -> new LinkSettings("tcp://h:1883", "icu3", "cs-1", BrokerTls.jvmDefaults(), null, null))
                .hasMessageContaining("ssl://");
        assertThatThrownBy(() -> new LinkSettings("tcp://h:1883", "icu3", "cs-1", null, null, "x".toCharArray()))
                .hasMessageContaining("without a user");
    }
}
