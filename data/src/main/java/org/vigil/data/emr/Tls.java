package org.vigil.data.emr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

/** TLS for the EMR: an SSLContext that trusts exactly the CA certificates of a PEM file; TLS failures in words. */
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

    /**
     * A sentence naming the TLS problem among {@code failure}'s causes, for the nurse's and the administrator's
     * eyes (no file path, no secret); null when the failure is no TLS problem.
     *
     * @param whose    the server, as the sentence names it ("the EMR's", or "its" after the token endpoint's URL)
     * @param customCa whether the station trusts a CA file ({@link EmrSettings#caFile()}) or the JVM's trust store
     */
    static String problem(Throwable failure, String whose, boolean customCa) {
        SSLException ssl = null;
        boolean noPath = false;
        boolean certificate = false;
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException s && ssl == null) {
                ssl = s;
            }
            noPath |= t instanceof CertPathBuilderException;
            certificate |= t instanceof CertificateException || t instanceof CertPathValidatorException;
            deepest = t;
        }
        if (ssl == null) {
            return null;
        }
        if (ssl instanceof SSLPeerUnverifiedException) {
            return whose + " certificate is not for this host name (" + ssl.getMessage() + ")";
        }
        if (noPath) {
            return whose + " certificate is not trusted: no CA in "
                    + (customCa ? "the EMR CA file" : "the JVM's trust store") + " signed it (" + deepest.getMessage() + ")"
                    + (customCa ? "" : "; set the EMR CA file to the hospital CA's certificate");
        }
        if (certificate) {
            return whose + " certificate is not trusted (" + deepest.getMessage() + ")";
        }
        return "the TLS handshake failed (" + ssl.getMessage() + ")";
    }
}
