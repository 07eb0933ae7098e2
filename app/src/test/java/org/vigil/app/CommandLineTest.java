package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options, config file and their errors: a wrong one is one line that names it, exit code 2. */
class CommandLineTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static StationConfig resolve(String... args) {
        return resolve(Map.of(), args);
    }

    private static StationConfig resolve(Map<String, String> env, String... args) {
        VigilCommand c = new VigilCommand();
        c.env = env;
        new picocli.CommandLine(c).parseArgs(args);
        return c.resolve();
    }

    @Test
    void helpListsEveryOptionAndVersionSaysWhatItIs() {
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--config", "--headless", "--broker", "--embedded-port", "--ward", "--station",
                "--simulate", "--data-dir", "sim", "--broker-ca", "--broker-cert", "--broker-key", "--broker-user",
                "VIGIL_BROKER_PASSWORD");
        assertThat(help.out()).doesNotContain("--broker-password");
        Result version = run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("Vigil ");
    }

    @Test
    void audioIsAutoOnOrOffFromTheCommandLineOrTheFileAndOffByDefaultHeadless() throws Exception {
        assertThat(resolve("--audio", "on").audio()).isEqualTo(org.vigil.alarms.sound.AudioMode.ON);
        assertThat(resolve("--audio", "off").audio()).isEqualTo(org.vigil.alarms.sound.AudioMode.OFF);
        assertThat(resolve("--audio", "auto").audio()).isEqualTo(org.vigil.alarms.sound.AudioMode.AUTO);
        assertThat(resolve("--audio", "OFF").audio()).isEqualTo(org.vigil.alarms.sound.AudioMode.OFF);
        assertThat(resolve("--headless").audio()).as("headless default").isEqualTo(org.vigil.alarms.sound.AudioMode.OFF);
        assertThat(resolve().audio()).as("with a window").isEqualTo(org.vigil.alarms.sound.AudioMode.AUTO);
        Path file = dir.resolve("audio.yaml");
        Files.writeString(file, "audio: \"on\"\n");
        assertThat(resolve("--config", file.toString(), "--headless").audio())
                .isEqualTo(org.vigil.alarms.sound.AudioMode.ON);
        assertThat(resolve("--config", file.toString(), "--audio", "off").audio()).as("the command line wins")
                .isEqualTo(org.vigil.alarms.sound.AudioMode.OFF);
        Result wrong = run("--audio", "loud", "--headless");
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err().strip()).doesNotContain("\n").contains("--audio").contains("loud");
    }

    @Test
    void anUnknownOptionIsOneLineNamingItWithExitCode2() {
        Result r = run("--bogus");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--bogus");
    }

    @Test
    void wrongValuesAreOneLineNamingTheOption() {
        assertOneLineError(run("--embedded-port", "abc"), "--embedded-port");
        assertOneLineError(run("--embedded-port", "70000", "--data-dir", dir.toString()), "--embedded-port");
        assertOneLineError(run("--ward", "icu 3", "--data-dir", dir.toString()), "--ward");
        assertOneLineError(run("--station", "a/b", "--data-dir", dir.toString()), "--station");
        assertOneLineError(run("--broker", "http://host:80", "--data-dir", dir.toString()), "--broker");
        assertOneLineError(run("--simulate", "-1", "--data-dir", dir.toString()), "--simulate");
        assertOneLineError(run("--config", dir.resolve("missing.yaml").toString()), "--config");
        assertOneLineError(run("sim", "--broker", "tcp://127.0.0.1:1", "--beds", "0"), "--beds");
    }

    private static void assertOneLineError(Result r, String names) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).as("one line").doesNotContain("\n").startsWith("vigil: ").contains(names);
    }

    @Test
    void defaultsAreTheEmbeddedBrokerAndTwelveSimulatedBeds() {
        StationConfig c = resolve("--data-dir", dir.toString());
        assertThat(c.embedded()).isTrue();
        assertThat(c.embeddedPort()).isEqualTo(1883);
        assertThat(c.effectiveBrokerUrl()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(c.simulate()).isEqualTo(12);
        assertThat(c.beds()).hasSize(12);
        assertThat(c.beds().get(0).id()).isEqualTo("01");
        assertThat(c.headless()).isFalse();
        assertThat(c.station()).matches("[A-Za-z0-9_-]{1,64}");
        assertThat(c.noDataAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aWardBrokerMeansNoSimulationUnlessAsked() {
        assertThat(resolve("--broker", "tcp://broker.ward:1883").simulate()).isZero();
        assertThat(resolve("--broker", "tcp://broker.ward:1883").beds()).isEmpty();
        assertThat(resolve("--broker", "tcp://broker.ward:1883", "--simulate", "3").simulate()).isEqualTo(3);
    }

    @Test
    void theConfigFileHasAKeyForEveryOptionAndTheCommandLineWins() throws Exception {
        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, """
                headless: true
                broker: tcp://10.1.2.3:1883
                embeddedPort: 1999
                ward: icu3
                station: cs-1
                simulate: 2
                dataDir: /var/lib/vigil
                noDataSeconds: 15
                beds:
                  - id: "07"
                    label: Bed 7
                  - id: "08"
                """);
        StationConfig c = resolve("--config", file.toString(), "--station", "cs-2");
        assertThat(c.headless()).isTrue();
        assertThat(c.brokerUrl()).isEqualTo("tcp://10.1.2.3:1883");
        assertThat(c.embeddedPort()).isEqualTo(1999);
        assertThat(c.ward()).isEqualTo("icu3");
        assertThat(c.station()).isEqualTo("cs-2");
        assertThat(c.simulate()).isEqualTo(2);
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/vigil"));
        assertThat(c.noDataAfter()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.beds()).extracting(b -> b.id() + "=" + b.label()).containsExactly("07=Bed 7", "08=08");
    }

    @Test
    void anUnknownConfigKeyIsNamed() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "ward: icu3\nbrokr: tcp://x:1\n");
        Result r = run("--config", file.toString());
        assertOneLineError(r, "brokr");
        Files.writeString(file, "beds:\n  - id: \"07\"\n  - id: \"07\"\n");
        assertOneLineError(run("--config", file.toString()), "listed twice");
        Files.writeString(file, "embeddedPort: lots\n");
        assertOneLineError(run("--config", file.toString()), "embeddedPort");
    }

    // ------------------------------------------------------------ the ward broker: TLS files and account

    private static final char[] KEY_PW = "key-Pass-42".toCharArray();

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate cert(String cn, KeyPair keys, String issuer, PrivateKey issuerKey, boolean ca)
            throws Exception {
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86_400)), new X500Name("CN=" + cn),
                keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static Path pem(Path file, Object... objects) throws Exception {
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(file))) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        }
        return file;
    }

    /** ca.pem, cs-1.pem, cs-1.key (PKCS#8), cs-1-enc.key (encrypted with KEY_PW), other.key. */
    private void writeTlsFiles() throws Exception {
        KeyPair caKeys = ec();
        KeyPair keys = ec();
        pem(dir.resolve("ca.pem"), cert("Ward CA", caKeys, "Ward CA", caKeys.getPrivate(), true));
        pem(dir.resolve("cs-1.pem"), cert("cs-1", keys, "Ward CA", caKeys.getPrivate(), false));
        pem(dir.resolve("cs-1.key"), new JcaPKCS8Generator(keys.getPrivate(), null));
        pem(dir.resolve("cs-1-enc.key"), new JcaPKCS8Generator(keys.getPrivate(),
                new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
                        .setPassword(KEY_PW).build()));
        pem(dir.resolve("other.key"), new JcaPKCS8Generator(ec().getPrivate(), null));
    }

    @Test
    void anSslBrokerTakesCaCertificateKeyAndUserAndPasswordsOnlyFromFileOrEnvironment() throws Exception {
        writeTlsFiles();
        StationConfig c = resolve(Map.of("VIGIL_BROKER_PASSWORD", "from-env"), "--broker", "ssl://broker.ward:8883",
                "--broker-ca", dir.resolve("ca.pem").toString(), "--broker-cert", dir.resolve("cs-1.pem").toString(),
                "--broker-key", dir.resolve("cs-1.key").toString(), "--broker-user", "cs-icu3-1");
        assertThat(c.brokerTls().hasClientCertificate()).isTrue();
        assertThat(c.brokerUser()).isEqualTo("cs-icu3-1");
        assertThat(c.brokerPassword()).containsExactly("from-env".toCharArray());
        assertThat(c.toString()).doesNotContain("from-env").contains("cs-icu3-1");

        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, """
                broker: ssl://broker.ward:8883
                brokerCa: ca.pem
                brokerCert: cs-1.pem
                brokerKey: cs-1-enc.key
                brokerUser: cs-icu3-1
                brokerPassword: from-file
                brokerKeyPassword: key-Pass-42
                """);
        StationConfig f = resolve("--config", file.toString()); // paths relative to the file's folder
        assertThat(f.brokerTls().hasClientCertificate()).isTrue();
        assertThat(f.brokerPassword()).containsExactly("from-file".toCharArray());
        assertThat(f.toString()).doesNotContain("from-file").doesNotContain("key-Pass-42");
        // the environment wins over the file, for both passwords
        assertThat(resolve(Map.of("VIGIL_BROKER_PASSWORD", "env-pw"), "--config", file.toString()).brokerPassword())
                .containsExactly("env-pw".toCharArray());
        Files.writeString(file, Files.readString(file).replace("key-Pass-42", "wrong"));
        assertThat(resolve(Map.of("VIGIL_BROKER_KEY_PASSWORD", "key-Pass-42"), "--config", file.toString())
                .brokerTls().hasClientCertificate()).isTrue();
        // ssl:// without a CA: the JVM's trust store; tcp://: no TLS at all
        assertThat(resolve("--broker", "ssl://broker.ward:8883").brokerTls().hasClientCertificate()).isFalse();
        assertThat(resolve("--broker", "tcp://broker.ward:1883").brokerTls()).isNull();
        // passwords are never options: they would show in ps
        assertOneLineError(run("--broker-password", "x"), "--broker-password");
        assertOneLineError(run("--broker-key-password", "x"), "--broker-key-password");
    }

    @Test
    void aWrongTlsFileOrAccountIsOneLineNamingTheOption() throws Exception {
        writeTlsFiles();
        String ca = dir.resolve("ca.pem").toString();
        String cert = dir.resolve("cs-1.pem").toString();
        String ssl = "ssl://broker.ward:8883";
        assertOneLineError(run("--broker", ssl, "--broker-ca", dir.resolve("nope.pem").toString()), "--broker-ca");
        assertOneLineError(run("--broker", ssl, "--broker-ca", dir.resolve("cs-1.key").toString()), "--broker-ca");
        Path text = Files.writeString(dir.resolve("ca.txt"), "not a certificate\n");
        assertOneLineError(run("--broker", ssl, "--broker-ca", text.toString()), "--broker-ca");
        assertOneLineError(run("--broker", ssl, "--broker-ca", ca, "--broker-cert", text.toString(), "--broker-key",
                dir.resolve("cs-1.key").toString()), "--broker-cert");
        assertOneLineError(run("--broker", ssl, "--broker-ca", ca, "--broker-cert", cert), "--broker-key");
        assertOneLineError(run("--broker", ssl, "--broker-ca", ca, "--broker-cert", cert, "--broker-key",
                dir.resolve("other.key").toString()), "--broker-key");
        assertOneLineError(run("--broker", ssl, "--broker-key", dir.resolve("cs-1.key").toString()), "--broker-key");
        assertOneLineError(run("--broker", ssl, "--broker-ca", ca, "--broker-cert", cert, "--broker-key",
                dir.resolve("cs-1-enc.key").toString()), "brokerKeyPassword");
        assertOneLineError(run("--broker", "tcp://broker.ward:1883", "--broker-ca", ca), "--broker-ca");
        assertOneLineError(run("--broker-ca", ca, "--data-dir", dir.toString()), "--broker-ca");
        assertOneLineError(run("--broker-user", "cs-icu3-1", "--data-dir", dir.toString()), "--broker-user");

        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "broker: ssl://broker.ward:8883\nbrokerCa: ca.pem\nbrokerCert: cs-1.pem\n"
                + "brokerKey: cs-1-enc.key\nbrokerKeyPassword: Not-The-Pw\n");
        Result wrongPw = run("--config", file.toString());
        assertOneLineError(wrongPw, "brokerKeyPassword");
        assertThat(wrongPw.err()).contains("wrong password").doesNotContain("Not-The-Pw");
        Files.writeString(file, "broker: ssl://broker.ward:8883\nbrokerPassword: Secret-1\n");
        Result noUser = run("--config", file.toString());
        assertOneLineError(noUser, "brokerPassword");
        assertThat(noUser.err()).doesNotContain("Secret-1");
    }
}
