package org.vigil.link.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.vigil.link.tls.TlsFileException.Item;

/**
 * Reads certificates and private keys from PEM files (Bouncy Castle's {@link PEMParser}) and PKCS#12 files.
 * Keys: PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), SEC1
 * ({@code BEGIN EC PRIVATE KEY}), each optionally encrypted (PKCS#8 {@code BEGIN ENCRYPTED PRIVATE KEY} or
 * OpenSSL's {@code Proc-Type: 4,ENCRYPTED}). Every failure is a {@link TlsFileException}. Stateless; any thread.
 */
public final class PemFiles {
    /** Used as an instance only (never registered): PEM decryption ciphers the JDK may lack. */
    private static final Provider BC = new BouncyCastleProvider();

    private PemFiles() {
    }

    /** True if the file looks like PEM text (else it may be PKCS#12 / DER). */
    public static boolean isPem(Path file, Item item) {
        return text(file, item).contains("-----BEGIN ");
    }

    /** Every certificate of a PEM file, in file order (a chain or a CA bundle); at least one. */
    public static List<X509Certificate> certificates(Path file, Item item) {
        List<X509Certificate> certs = new ArrayList<>();
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        for (Object o : objects(file, item)) {
            if (o instanceof X509CertificateHolder h) {
                try {
                    certs.add(conv.getCertificate(h));
                } catch (CertificateException e) {
                    throw new TlsFileException(item, file, "a certificate cannot be read: " + e.getMessage());
                }
            }
        }
        if (certs.isEmpty()) {
            throw new TlsFileException(item, file, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certs;
    }

    /** True if the PEM file holds a private key (plain or encrypted). */
    public static boolean hasPrivateKey(Path file, Item item) {
        return objects(file, item).stream().anyMatch(PemFiles::isKey);
    }

    /**
     * The first private key of a PEM file.
     *
     * @param password for an encrypted key; null or empty when it is not encrypted
     */
    public static PrivateKey privateKey(Path file, Item item, char[] password) {
        Object key = objects(file, item).stream().filter(PemFiles::isKey).findFirst().orElseThrow(
                () -> new TlsFileException(item, file, "holds no PEM private key (-----BEGIN PRIVATE KEY-----, "
                        + "RSA PRIVATE KEY, EC PRIVATE KEY or ENCRYPTED PRIVATE KEY)"));
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter(); // JDK key objects, for the JDK's TLS
        boolean noPassword = password == null || password.length == 0;
        try {
            if (key instanceof PEMKeyPair kp) {
                return conv.getPrivateKey(kp.getPrivateKeyInfo());
            }
            if (key instanceof PrivateKeyInfo info) {
                return conv.getPrivateKey(info);
            }
            if (noPassword) {
                throw new TlsFileException(Item.KEY_PASSWORD, file, "the key is encrypted and no password was given");
            }
            if (key instanceof PEMEncryptedKeyPair enc) {
                return conv.getPrivateKey(enc.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC)
                        .build(password)).getPrivateKeyInfo());
            }
            PKCS8EncryptedPrivateKeyInfo enc = (PKCS8EncryptedPrivateKeyInfo) key;
            return conv.getPrivateKey(enc.decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password)));
        } catch (PKCSException | IOException | OperatorCreationException | RuntimeException e) {
            if (e instanceof TlsFileException t) {
                throw t;
            }
            if (key instanceof PEMKeyPair || key instanceof PrivateKeyInfo) {
                throw new TlsFileException(item, file, "the private key cannot be read: " + e.getMessage());
            }
            throw new TlsFileException(Item.KEY_PASSWORD, file, "wrong password for the encrypted key");
        }
    }

    /** A PKCS#12 (.p12/.pfx) file; {@code password} may be null or empty for an unprotected one. */
    public static KeyStore pkcs12(Path file, Item item, char[] password) {
        byte[] bytes = bytes(file, item);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new java.io.ByteArrayInputStream(bytes), password == null ? new char[0] : password);
            return ks;
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password")) {
                throw new TlsFileException(Item.KEY_PASSWORD, file, "wrong password for the PKCS#12 file");
            }
            throw new TlsFileException(item, file, "neither PEM nor a PKCS#12 file"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        } catch (GeneralSecurityException e) {
            throw new TlsFileException(item, file, "cannot read it as PKCS#12: " + e.getMessage());
        }
    }

    private static boolean isKey(Object o) {
        return o instanceof PEMKeyPair || o instanceof PrivateKeyInfo || o instanceof PEMEncryptedKeyPair
                || o instanceof PKCS8EncryptedPrivateKeyInfo;
    }

    private static List<Object> objects(Path file, Item item) {
        List<Object> out = new ArrayList<>();
        String text = text(file, item);
        try (Reader r = new StringReader(text); PEMParser p = new PEMParser(r)) {
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                out.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw new TlsFileException(item, file, "not valid PEM: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new TlsFileException(item, file, "not a PEM file (no -----BEGIN ...----- block)");
        }
        return out;
    }

    private static String text(Path file, Item item) {
        return new String(bytes(file, item), StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(Path file, Item item) {
        try {
            if (Files.isDirectory(file)) {
                throw new TlsFileException(item, file, "is a folder, not a file");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TlsFileException(item, file, "no such file");
        } catch (IOException e) {
            throw new TlsFileException(item, file, "cannot read it: " + e.getMessage());
        }
    }
}
