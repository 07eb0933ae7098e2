package org.vigil.data.emr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS trust for the EMR: an SSLContext that trusts exactly the CA certificates of a PEM file. */
final class Tls {
    private Tls() {
    }

    /**
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
     */
    static SSLContext trusting(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            // CertificateFactory reads PEM ("-----BEGIN CERTIFICATE-----") as well as DER, several in a row.
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("EMR CA file " + caPem + " holds no certificate");
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                trust.setCertificateEntry("emr-ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the EMR CA file " + caPem + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The EMR CA file " + caPem + " is not a PEM certificate: "
                    + e.getMessage(), e);
        }
    }
}
