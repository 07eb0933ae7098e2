package org.vigil.link.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.vigil.link.tls.TlsFileException.Item;

/**
 * The TLS side of the station's connection to an {@code ssl://} broker: whom to trust (a CA file, or the JVM's
 * default trust store) and, optionally, the station's own certificate and key (PEM or PKCS#12). Every file is read
 * and checked in {@link #load} (so a wrong one stops the station at start with a message naming it); the socket
 * factory is built once, on first use. Immutable; any thread. {@link #toString()} names the files and
 * certificates, never a key or password.
 */
public final class BrokerTls {
    private static final BrokerTls JVM_DEFAULTS = new BrokerTls(null, null, null, "JVM default trust store", "none");

    private final KeyStore trust;
    private final KeyStore identity;
    private final char[] identityPassword;
    private final String trustText;
    private final String identityText;
    private volatile SSLSocketFactory factory;

    private BrokerTls(KeyStore trust, KeyStore identity, char[] identityPassword, String trustText,
                      String identityText) {
        this.trust = trust;
        this.identity = identity;
        this.identityPassword = identityPassword;
        this.trustText = trustText;
        this.identityText = identityText;
    }

    /** The JVM's default trust store, no client certificate. */
    public static BrokerTls jvmDefaults() {
        return JVM_DEFAULTS;
    }

    /**
     * Reads and checks the files.
     *
     * @param ca PEM file of the CA certificate(s) that signed the broker's certificate; null: the JVM's trust store
     * @param cert the station's certificate (PEM, with its chain if any) or a PKCS#12 file holding certificate and
     *     key; null: no client certificate
     * @param key the station's PEM private key; null with a PKCS#12 {@code cert}, or when the PEM {@code cert} file
     *     also holds the key
     * @param keyPassword for an encrypted key or a PKCS#12 file; null when none
     * @throws TlsFileException naming the setting and file that is wrong
     */
    public static BrokerTls load(Path ca, Path cert, Path key, char[] keyPassword) {
        KeyStore trust = null;
        String trustText = "JVM default trust store";
        if (ca != null) {
            List<X509Certificate> cas = PemFiles.certificates(ca, Item.CA);
            trust = emptyStore(Item.CA, ca);
            try {
                for (int i = 0; i < cas.size(); i++) {
                    trust.setCertificateEntry("ca-" + i, cas.get(i));
                }
            } catch (GeneralSecurityException e) {
                throw new TlsFileException(Item.CA, ca, "cannot be used as trust anchors: " + e.getMessage());
            }
            trustText = ca + " (" + cas.stream().map(c -> c.getSubjectX500Principal().getName())
                    .collect(Collectors.joining("; ")) + ")";
        }
        if (cert == null) {
            if (key != null) {
                throw new TlsFileException(Item.KEY, key, "a key without a certificate: give the certificate too");
            }
            return new BrokerTls(trust, null, null, trustText, "none");
        }
        KeyStore identity;
        char[] password;
        X509Certificate leaf;
        if (PemFiles.isPem(cert, Item.CERT)) {
            List<X509Certificate> chain = PemFiles.certificates(cert, Item.CERT);
            leaf = chain.get(0);
            Path keyFile = key != null ? key : cert;
            if (key == null && !PemFiles.hasPrivateKey(cert, Item.CERT)) {
                throw new TlsFileException(Item.KEY, cert, "no private key for this certificate: give the key file");
            }
            PrivateKey pk = PemFiles.privateKey(keyFile, Item.KEY, keyPassword);
            requireMatch(pk, leaf.getPublicKey(), keyFile);
            password = randomPassword();
            identity = emptyStore(Item.CERT, cert);
            try {
                identity.setKeyEntry("station", pk, password, chain.toArray(new Certificate[0]));
            } catch (GeneralSecurityException e) {
                throw new TlsFileException(Item.KEY, keyFile, "cannot be used with its certificate: " + e.getMessage());
            }
        } else {
            password = keyPassword == null ? new char[0] : keyPassword.clone();
            identity = PemFiles.pkcs12(cert, Item.CERT, password);
            if (key != null) {
                throw new TlsFileException(Item.KEY, key, "not needed: the PKCS#12 certificate file holds the key");
            }
            leaf = pkcs12Leaf(identity, password, cert);
        }
        String identityText = cert + " (" + leaf.getSubjectX500Principal().getName() + ", issued by "
                + leaf.getIssuerX500Principal().getName() + ")";
        return new BrokerTls(trust, identity, password, trustText, identityText);
    }

    /** True when the station presents a certificate of its own. */
    public boolean hasClientCertificate() {
        return identity != null;
    }

    /** A socket factory for Paho; built on first use, then the same one. */
    public SSLSocketFactory socketFactory() {
        SSLSocketFactory f = factory;
        if (f == null) {
            synchronized (this) {
                f = factory;
                if (f == null) {
                    f = factory = build();
                }
            }
        }
        return f;
    }

    private SSLSocketFactory build() {
        try {
            if (trust == null && identity == null) {
                return SSLContext.getDefault().getSocketFactory();
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust); // null: the JVM's default trust store
            KeyManagerFactory kmf = null;
            if (identity != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(identity, identityPassword);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the broker: " + e.getMessage(), e);
        }
    }

    private static X509Certificate pkcs12Leaf(KeyStore ks, char[] password, Path file) {
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate c) {
                    if (!(ks.getKey(alias, password) instanceof PrivateKey pk)) {
                        continue;
                    }
                    requireMatch(pk, c.getPublicKey(), file);
                    return c;
                }
            }
        } catch (java.security.UnrecoverableKeyException e) {
            throw new TlsFileException(Item.KEY_PASSWORD, file, "wrong password for the key in the PKCS#12 file");
        } catch (GeneralSecurityException e) {
            throw new TlsFileException(Item.CERT, file, "cannot read the PKCS#12 file: " + e.getMessage());
        }
        throw new TlsFileException(Item.CERT, file, "the PKCS#12 file holds no private key with its certificate");
    }

    /** Signs a challenge with the key and verifies it with the certificate's public key. */
    private static void requireMatch(PrivateKey key, PublicKey certKey, Path keyFile) {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> key.getAlgorithm(); // Ed25519, Ed448, EdDSA
        };
        boolean ok;
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(challenge);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(certKey);
            v.update(challenge);
            ok = v.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            throw new TlsFileException(Item.KEY, keyFile, "the private key does not match the certificate");
        }
    }

    private static KeyStore emptyStore(Item item, Path file) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            return ks;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsFileException(item, file, "cannot create a key store: " + e.getMessage());
        }
    }

    private static char[] randomPassword() {
        SecureRandom r = new SecureRandom();
        char[] p = new char[24];
        for (int i = 0; i < p.length; i++) {
            p[i] = (char) ('a' + r.nextInt(26));
        }
        return p;
    }

    @Override
    public String toString() {
        return "BrokerTls[trust=" + trustText + ", client certificate=" + identityText + "]";
    }
}
