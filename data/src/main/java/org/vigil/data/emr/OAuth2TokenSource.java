package org.vigil.data.emr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth2 client credentials tokens (RFC 6749 4.4) for the EMR: fetched with java.net.http, cached, renewed a
 * little before they expire and on demand after a 401. Thread-safe; {@link #token()} blocks on the token
 * endpoint when a new token is needed. Never logs the secret or the token.
 */
final class OAuth2TokenSource {
    private static final Logger LOG = LoggerFactory.getLogger(OAuth2TokenSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lifetime assumed when the endpoint does not say (expires_in is only RECOMMENDED). */
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private final EmrSettings.Auth.OAuth2 config;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final boolean customCa;
    private String token;
    private Instant renewAt = Instant.MIN;
    private int fetched;

    OAuth2TokenSource(EmrSettings.Auth.OAuth2 config, SSLContext ssl, Duration timeout, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.timeout = timeout;
        this.clock = clock;
        this.customCa = ssl != null;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout);
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.http = b.build();
    }

    /** A valid access token, fetching a new one when none is cached or the cached one is about to expire. */
    synchronized String token() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** Forgets the cached token (the EMR answered 401 to it), so that the next call fetches a new one. */
    synchronized void invalidate() {
        token = null;
    }

    /** How many tokens were fetched so far. */
    synchronized int tokensFetched() {
        return fetched;
    }

    private void fetch() {
        String form = "grant_type=client_credentials"
                + (config.scope() == null || config.scope().isBlank() ? "" : "&scope=" + enc(config.scope()));
        // client_secret_basic (RFC 6749 2.3.1): id and secret form-encoded, then Basic.
        String basic = Base64.getEncoder().encodeToString(
                (enc(config.clientId()) + ":" + enc(config.clientSecret())).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(config.tokenUrl())
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            String tls = Tls.problem(e, "its", customCa);
            throw new EmrException.Unreachable("EMR token endpoint " + config.tokenUrl()
                    + (tls != null ? ": " + tls : " unreachable: " + e), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmrException.Unreachable("interrupted while fetching an EMR token", false, e);
        }
        if (response.statusCode() != 200) {
            boolean refused = response.statusCode() == 400 || response.statusCode() == 401;
            throw new EmrException.Unreachable("EMR token endpoint " + config.tokenUrl() + " answered HTTP "
                    + response.statusCode() + (refused ? " (client id or secret refused)" : ""), refused, null);
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            String access = body.path("access_token").asText(null);
            if (access == null || access.isBlank()) {
                throw new EmrException.Unreachable("EMR token endpoint " + config.tokenUrl()
                        + " answered without an access_token", false, null);
            }
            Duration lifetime = body.has("expires_in") ? Duration.ofSeconds(body.get("expires_in").asLong()) : DEFAULT_LIFETIME;
            // Renew when a tenth of the lifetime (at most 60 s) is left, so a request never carries a token that
            // expires on the way.
            Duration margin = lifetime.dividedBy(10).compareTo(Duration.ofSeconds(60)) > 0
                    ? Duration.ofSeconds(60) : lifetime.dividedBy(10);
            token = access;
            renewAt = clock.instant().plus(lifetime).minus(margin);
            fetched++;
            LOG.info("EMR access token obtained from {} (valid {} s)", config.tokenUrl(), lifetime.toSeconds());
        } catch (IOException e) {
            throw new EmrException.Unreachable("EMR token endpoint " + config.tokenUrl() + " answered no JSON", false, e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
