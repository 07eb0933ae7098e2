package org.vigil.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.openssl.PKCS8Generator;

/**
 * Test certificates made at test time with Bouncy Castle: CAs, server certificates (for 127.0.0.1/localhost or any
 * name), client certificates, and their PEM, PKCS#8, OpenSSL traditional and PKCS#12 files or an in-memory PKCS#12
 * {@link KeyStore}. EC P-256 keys unless RSA ones are given. Certificates are valid from an hour ago for two days.
 * Stateless; any thread.
 */
public final class TestPki {
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A certificate and its key pair. */
    public record Issued(X509Certificate cert, KeyPair keys) {
    }

    private TestPki() {
    }

    public static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Issued ca(String cn) {
        KeyPair keys = ec();
        return new Issued(build(new X500Name("CN=" + cn), keys, new X500Name("CN=" + cn), keys, true, null, null),
                keys);
    }

    /** A server certificate with these subject alternative names (IP addresses or DNS names). */
    public static Issued server(Issued ca, String cn, String... sans) {
        KeyPair keys = ec();
        GeneralName[] names = new GeneralName[sans.length];
        for (int i = 0; i < sans.length; i++) {
            names[i] = new GeneralName(sans[i].matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName,
                    sans[i]);
        }
        return new Issued(build(name(ca), ca.keys(), new X500Name("CN=" + cn), keys, false,
                sans.length == 0 ? null : new GeneralNames(names), KeyPurposeId.id_kp_serverAuth), keys);
    }

    public static Issued client(Issued ca, String cn, KeyPair keys) {
        return new Issued(build(name(ca), ca.keys(), new X500Name("CN=" + cn), keys, false, null,
                KeyPurposeId.id_kp_clientAuth), keys);
    }

    private static X500Name name(Issued ca) {
        return X500Name.getInstance(ca.cert().getSubjectX500Principal().getEncoded());
    }

    private static X509Certificate build(X500Name issuer, KeyPair issuerKeys, X500Name subject, KeyPair keys,
                                         boolean ca, GeneralNames san, KeyPurposeId purpose) {
        try {
            Instant now = Instant.now();
            var b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                    keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (purpose != null) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            if (san != null) {
                b.addExtension(Extension.subjectAlternativeName, false, san);
            }
            String alg = issuerKeys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(alg).build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path writeCert(Path file, X509Certificate... certs) {
        return pem(file, w -> {
            for (X509Certificate c : certs) {
                w.writeObject(c);
            }
        });
    }

    /** PKCS#8 {@code BEGIN PRIVATE KEY}, or {@code BEGIN ENCRYPTED PRIVATE KEY} with a password. */
    public static Path writePkcs8(Path file, KeyPair keys, char[] password) {
        return pem(file, w -> {
            try {
                w.writeObject(new JcaPKCS8Generator(keys.getPrivate(), password == null ? null
                        : new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(BC).setPassword(password)
                        .build()));
            } catch (Exception e) {
                throw new IOException(e);
            }
        });
    }

    /** OpenSSL's traditional form: PKCS#1 {@code BEGIN RSA PRIVATE KEY} or SEC1 {@code BEGIN EC PRIVATE KEY}. */
    public static Path writeTraditional(Path file, KeyPair jdkKeys, char[] password) {
        KeyPair keys = withBcPrivateKey(jdkKeys); // BC's SEC1 encoding keeps the curve, as OpenSSL's does
        return pem(file, w -> {
            if (password == null) {
                w.writeObject(keys);
            } else {
                w.writeObject(keys, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).build(password));
            }
        });
    }

    private static KeyPair withBcPrivateKey(KeyPair k) {
        try {
            java.security.KeyFactory f = java.security.KeyFactory.getInstance(k.getPrivate().getAlgorithm(), BC);
            return new KeyPair(k.getPublic(), f.generatePrivate(
                    new java.security.spec.PKCS8EncodedKeySpec(k.getPrivate().getEncoded())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#12 file with {@code id}'s key and certificate, followed by {@code chain}. */
    public static Path writePkcs12(Path file, Issued id, char[] password, X509Certificate... chain) {
        try (OutputStream out = Files.newOutputStream(file)) {
            pkcs12(id, password, chain).store(out, password);
            return file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** In-memory PKCS#12 key store holding {@code id}'s key and certificate (followed by {@code chain}) as "key". */
    public static KeyStore pkcs12(Issued id, char[] password, X509Certificate... chain) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            Certificate[] c = new Certificate[chain.length + 1];
            c[0] = id.cert();
            System.arraycopy(chain, 0, c, 1, chain.length);
            ks.setKeyEntry("key", id.keys().getPrivate(), password, c);
            return ks;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface PemWriting {
        void write(JcaPEMWriter w) throws IOException;
    }

    private static Path pem(Path file, PemWriting body) {
        try (Writer fw = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter w = new JcaPEMWriter(fw)) {
            body.write(w);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
