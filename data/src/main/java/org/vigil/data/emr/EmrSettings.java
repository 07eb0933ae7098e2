package org.vigil.data.emr;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the EMR's FHIR R4 endpoint: base URL, authentication, an optional CA certificate (PEM) for TLS,
 * timeouts and the identifier systems this hospital uses. Immutable; any thread. Secrets never appear in
 * {@link #toString()} (nor in any log line of this package).
 *
 * @param baseUrl            the FHIR base, e.g. {@code https://emr.hospital.local/fhir}
 * @param auth               none, HTTP Basic, a bearer token or OAuth2 client credentials
 * @param caFile             PEM file with the CA certificate(s) that signed the EMR's (and token endpoint's)
 *                           certificate; null for the JVM's trust store
 * @param connectTimeout     TCP connect timeout
 * @param readTimeout        socket read timeout (a slow EMR beyond this counts as unreachable and is retried)
 * @param mrnSystem          the identifier system of the hospital's MRN; null to search by value only
 * @param practitionerSystem the identifier system of the nurses' ids in {@code Observation.performer}
 */
public record EmrSettings(URI baseUrl, Auth auth, Path caFile, Duration connectTimeout, Duration readTimeout,
                          String mrnSystem, String practitionerSystem) {

    /** Default identifier system for the nurse (the station's user name) as performer. */
    public static final String DEFAULT_PRACTITIONER_SYSTEM = "urn:vigil:practitioner";

    public EmrSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("EMR URL must be http:// or https://, not " + baseUrl);
        }
        auth = auth == null ? new Auth.None() : auth;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(20) : readTimeout;
        practitionerSystem = practitionerSystem == null ? DEFAULT_PRACTITIONER_SYSTEM : practitionerSystem;
    }

    /** Settings with no authentication, the default timeouts and identifier systems. */
    public static EmrSettings of(String baseUrl) {
        return new EmrSettings(URI.create(baseUrl), new Auth.None(), null, null, null, null, null);
    }

    public EmrSettings withAuth(Auth newAuth) {
        return new EmrSettings(baseUrl, newAuth, caFile, connectTimeout, readTimeout, mrnSystem, practitionerSystem);
    }

    public EmrSettings withCaFile(Path newCaFile) {
        return new EmrSettings(baseUrl, auth, newCaFile, connectTimeout, readTimeout, mrnSystem, practitionerSystem);
    }

    public EmrSettings withTimeouts(Duration connect, Duration read) {
        return new EmrSettings(baseUrl, auth, caFile, connect, read, mrnSystem, practitionerSystem);
    }

    public EmrSettings withMrnSystem(String system) {
        return new EmrSettings(baseUrl, auth, caFile, connectTimeout, readTimeout, system, practitionerSystem);
    }

    @Override
    public String toString() {
        return "EmrSettings[" + baseUrl + ", auth " + auth + (caFile == null ? "" : ", CA " + caFile)
                + ", timeouts " + connectTimeout.toMillis() + "/" + readTimeout.toMillis() + " ms]";
    }

    /** How the station authenticates to the EMR. toString never shows a secret. */
    public sealed interface Auth {
        /** No authentication. */
        record None() implements Auth {
            @Override
            public String toString() {
                return "none";
            }
        }

        /** HTTP Basic. */
        record Basic(String user, String password) implements Auth {
            public Basic {
                Objects.requireNonNull(user, "user");
                Objects.requireNonNull(password, "password");
            }

            @Override
            public String toString() {
                return "basic (user " + user + ")";
            }
        }

        /** A fixed bearer token. */
        record Bearer(String token) implements Auth {
            public Bearer {
                Objects.requireNonNull(token, "token");
            }

            @Override
            public String toString() {
                return "bearer";
            }
        }

        /**
         * OAuth2 client credentials grant (RFC 6749 4.4): the token is fetched from {@code tokenUrl}, cached,
         * renewed before it expires and after a 401.
         *
         * @param scope may be null
         */
        record OAuth2(URI tokenUrl, String clientId, String clientSecret, String scope) implements Auth {
            public OAuth2 {
                Objects.requireNonNull(tokenUrl, "tokenUrl");
                Objects.requireNonNull(clientId, "clientId");
                Objects.requireNonNull(clientSecret, "clientSecret");
            }

            @Override
            public String toString() {
                return "oauth2 (client " + clientId + " at " + tokenUrl + ")";
            }
        }
    }
}
