package org.vigil.data.emr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.config.SocketConfig;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The station's FHIR R4 client to the EMR, over HAPI's generic client (one {@link FhirContext} per client, made
 * when it is created; the station creates one client):
 * patient search, the in-progress Encounters at the ward's beds, and transaction Bundles. Authentication by HAPI
 * client interceptors (Basic, bearer, OAuth2 client credentials with the token renewed before expiry and once
 * after a 401); TLS with a custom CA from {@link EmrSettings#caFile()}.
 *
 * <p>Thread-safe; every call blocks on the network (up to the read timeout) and must never run on the JavaFX or
 * MQTT callback thread. Failures are {@link EmrException.Unreachable} (try later) or {@link EmrException.Refused}
 * (the EMR refused the request; the message is its OperationOutcome).
 */
public final class EmrClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmrClient.class);

    /** Identifier system of the ward's bed Locations; the value is {@code {ward}/{bed}} (see docs/emr.md). */
    public static final String LOCATION_SYSTEM = "urn:vigil:location";
    private static final String MR_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0203";

    private final EmrSettings settings;
    private final CloseableHttpClient http;
    private final IGenericClient fhir;
    private final OAuth2TokenSource tokens;
    private final ObservationBundles bundles;

    public EmrClient(EmrSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock decides when a cached OAuth2 token is renewed */
    public EmrClient(EmrSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        SSLContext ssl = settings.caFile() == null ? null : Tls.trusting(settings.caFile());
        this.http = httpClient(settings, ssl);
        // HAPI sends every request through its context's client factory, so the context (made once, here) is
        // this client's own: it carries our Apache client (timeouts, TLS trust). The station makes one EmrClient.
        FhirContext ctx = FhirContext.forR4();
        ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(ctx);
        // Each of these setters discards a client given before it: set them first, then give ours.
        factory.setConnectTimeout((int) settings.connectTimeout().toMillis());
        factory.setConnectionRequestTimeout((int) settings.connectTimeout().toMillis());
        factory.setSocketTimeout((int) settings.readTimeout().toMillis());
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        factory.setHttpClient(http);
        ctx.setRestfulClientFactory(factory);
        this.fhir = ctx.newRestfulGenericClient(settings.baseUrl().toString());
        switch (settings.auth()) {
            case EmrSettings.Auth.None n -> this.tokens = null;
            case EmrSettings.Auth.Basic b -> {
                this.tokens = null;
                fhir.registerInterceptor(new BasicAuthInterceptor(b.user(), b.password()));
            }
            case EmrSettings.Auth.Bearer b -> {
                this.tokens = null;
                fhir.registerInterceptor(new BearerTokenAuthInterceptor(b.token()));
            }
            case EmrSettings.Auth.OAuth2 o -> {
                this.tokens = new OAuth2TokenSource(o, ssl, settings.readTimeout(), clock);
                fhir.registerInterceptor(new OAuth2Interceptor(tokens));
            }
        }
        this.bundles = new ObservationBundles(settings.mrnSystem(), settings.practitionerSystem());
        LOG.info("EMR client for {}", settings);
    }

    private static CloseableHttpClient httpClient(EmrSettings s, SSLContext ssl) {
        RegistryBuilder<ConnectionSocketFactory> sockets = RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", PlainConnectionSocketFactory.getSocketFactory())
                .register("https", ssl == null ? SSLConnectionSocketFactory.getSocketFactory() : new SSLConnectionSocketFactory(ssl));
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager(sockets.build());
        pool.setMaxTotal(8);
        pool.setDefaultMaxPerRoute(8);
        // A pooled connection left over from before an EMR restart is checked before reuse.
        pool.setValidateAfterInactivity(500);
        pool.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout((int) s.readTimeout().toMillis()).build());
        RequestConfig rc = RequestConfig.custom()
                .setConnectTimeout((int) s.connectTimeout().toMillis())
                .setConnectionRequestTimeout((int) s.connectTimeout().toMillis())
                .setSocketTimeout((int) s.readTimeout().toMillis())
                .build();
        // No automatic retries: the outbox decides when to resend (conditional create makes that harmless).
        return HttpClients.custom().setConnectionManager(pool).setDefaultRequestConfig(rc).disableAutomaticRetries().build();
    }

    public EmrSettings settings() {
        return settings;
    }

    /** The Location identifier value of a bed: {@code {ward}/{bed}}. */
    public static String locationValue(String ward, String bedId) {
        return ward + "/" + bedId;
    }

    /** Patients whose identifier is {@code mrn} (in the configured MRN system when there is one). */
    public List<EmrPatient> findPatientsByMrn(String mrn) {
        Objects.requireNonNull(mrn, "mrn");
        if (mrn.isBlank()) {
            throw new IllegalArgumentException("MRN is empty");
        }
        return call("patient search by MRN", () -> patients(fhir.search().forResource(Patient.class)
                .where(settings.mrnSystem() == null ? Patient.IDENTIFIER.exactly().code(mrn.strip())
                        : Patient.IDENTIFIER.exactly().systemAndCode(settings.mrnSystem(), mrn.strip()))
                .count(50)
                .returnBundle(Bundle.class).execute()));
    }

    /** Patients whose name matches {@code name} (FHIR string search: starts with, any part) born on {@code birthDate}. */
    public List<EmrPatient> findPatientsByNameAndBirthDate(String name, LocalDate birthDate) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(birthDate, "birthDate");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name is empty");
        }
        return call("patient search by name", () -> patients(fhir.search().forResource(Patient.class)
                .where(Patient.NAME.matches().value(name.strip()))
                .and(Patient.BIRTHDATE.exactly().day(birthDate.toString()))
                .count(50)
                .returnBundle(Bundle.class).execute()));
    }

    /** Reads one patient by reference ({@code Patient/123}). */
    public EmrPatient readPatient(String reference) {
        return call("patient read", () -> patient(fhir.read().resource(Patient.class).withUrl(reference).execute()));
    }

    /**
     * The in-progress Encounters at the given beds of {@code ward}:
     * {@code GET Encounter?status=in-progress&location.identifier=urn:vigil:location|{ward}/{bed},...
     * &_include=Encounter:patient&_include=Encounter:location}. Patients and Locations the EMR does not include
     * are read one by one. An Encounter whose current location is none of the beds is left out.
     */
    public List<BedEncounter> inProgressEncounters(String ward, Collection<String> bedIds) {
        Objects.requireNonNull(ward, "ward");
        if (bedIds.isEmpty()) {
            return List.of();
        }
        Map<String, String> bedByLocationValue = new HashMap<>();
        for (String bed : bedIds) {
            bedByLocationValue.put(locationValue(ward, bed), bed);
        }
        return call("encounter search", () -> {
            Bundle page = fhir.search().forResource(Encounter.class)
                    .where(Encounter.STATUS.exactly().code(Encounter.EncounterStatus.INPROGRESS.toCode()))
                    .and(Encounter.LOCATION.hasChainedProperty(
                            Location.IDENTIFIER.exactly().systemAndValues(LOCATION_SYSTEM, bedByLocationValue.keySet())))
                    .include(Encounter.INCLUDE_PATIENT)
                    .include(Encounter.INCLUDE_LOCATION)
                    .count(500)
                    .returnBundle(Bundle.class).execute();
            List<Encounter> encounters = new ArrayList<>();
            Map<String, Resource> included = new HashMap<>();
            while (true) {
                for (Bundle.BundleEntryComponent e : page.getEntry()) {
                    Resource r = e.getResource();
                    if (r instanceof Encounter enc) {
                        encounters.add(enc);
                    } else if (r != null) {
                        included.put(key(r), r);
                    }
                }
                if (page.getLink(IBaseBundleLinks.NEXT) == null) {
                    break;
                }
                page = fhir.loadPage().next(page).execute();
            }
            List<BedEncounter> result = new ArrayList<>();
            for (Encounter enc : encounters) {
                String bed = currentBed(enc, included, bedByLocationValue);
                if (bed == null || !enc.getSubject().hasReference()) {
                    continue;
                }
                String patientRef = enc.getSubject().getReferenceElement().toUnqualifiedVersionless().getValue();
                Resource p = included.get(patientRef);
                EmrPatient patient = p instanceof Patient pat ? patient(pat) : patient(fhir.read().resource(Patient.class)
                        .withUrl(patientRef).execute());
                result.add(new BedEncounter(bed, enc.getIdElement().toUnqualifiedVersionless().getValue(), patient));
            }
            return result;
        });
    }

    private String currentBed(Encounter enc, Map<String, Resource> included, Map<String, String> bedByLocationValue) {
        for (Encounter.EncounterLocationComponent l : enc.getLocation()) {
            // Past locations (completed, or with an end) are history, not where the patient is.
            if (l.getStatus() == Encounter.EncounterLocationStatus.COMPLETED || l.getPeriod().hasEnd()) {
                continue;
            }
            Reference ref = l.getLocation();
            List<Identifier> ids = new ArrayList<>();
            if (ref.hasIdentifier()) {
                ids.add(ref.getIdentifier());
            }
            if (ref.hasReference()) {
                String key = ref.getReferenceElement().toUnqualifiedVersionless().getValue();
                Resource r = included.get(key);
                if (r == null) {
                    r = fhir.read().resource(Location.class).withUrl(key).execute();
                    included.put(key, r);
                }
                if (r instanceof Location loc) {
                    ids.addAll(loc.getIdentifier());
                }
            }
            for (Identifier id : ids) {
                if (LOCATION_SYSTEM.equals(id.getSystem()) && bedByLocationValue.containsKey(id.getValue())) {
                    return bedByLocationValue.get(id.getValue());
                }
            }
        }
        return null;
    }

    /** Maps {@code event} to one transaction Bundle ({@link ObservationBundles}) and posts it. */
    public TransactionOutcome chart(ChartingEvent event) {
        return postTransaction(bundles.transaction(event));
    }

    /** The Bundle {@link #chart} would post (for review screens and tests). */
    public Bundle bundleFor(ChartingEvent event) {
        return bundles.transaction(event);
    }

    /** Posts a transaction Bundle; counts the entries the EMR created and those that already existed. */
    public TransactionOutcome postTransaction(Bundle transaction) {
        Bundle response = call("transaction", () -> fhir.transaction().withBundle(transaction).execute());
        int created = 0;
        int existing = 0;
        for (Bundle.BundleEntryComponent e : response.getEntry()) {
            String status = e.getResponse().getStatus();
            if (status != null && status.startsWith("201")) {
                created++;
            } else if (status != null && status.startsWith("200")) {
                existing++;
            }
        }
        return new TransactionOutcome(created, existing);
    }

    /** OAuth2 tokens fetched so far (0 for other authentication). */
    public int tokensFetched() {
        return tokens == null ? 0 : tokens.tokensFetched();
    }

    private <T> T call(String what, Supplier<T> op) {
        try {
            return op.get();
        } catch (BaseServerResponseException e) {
            if (e.getStatusCode() == 401 && tokens != null) {
                // The token may have been revoked or expired early: renew once and repeat.
                LOG.info("EMR answered 401 to {}; renewing the access token", what);
                tokens.invalidate();
                try {
                    return op.get();
                } catch (RuntimeException again) {
                    throw translate(what, again);
                }
            }
            throw translate(what, e);
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    private EmrException translate(String what, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EmrException emr) {
                return emr;
            }
        }
        // Before the status check: HAPI's connection failures are BaseServerResponseExceptions with status 500,
        // though the EMR answered nothing.
        if (e instanceof FhirClientConnectionException || e instanceof DataFormatException) {
            String tls = Tls.problem(e, "the EMR's", settings.caFile() != null);
            if (tls != null) {
                return new EmrException.Unreachable("EMR " + what + " failed: " + tls, false, e);
            }
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return new EmrException.Unreachable("EMR unreachable (" + what + "): " + root, false, e);
        }
        if (e instanceof BaseServerResponseException r) {
            int status = r.getStatusCode();
            if (status == 401 || status == 403) {
                return new EmrException.Unreachable("EMR refused the station's credentials (HTTP " + status + ") for "
                        + what, true, e);
            }
            if (status >= 500 || status == 408 || status == 429) {
                return new EmrException.Unreachable("EMR answered HTTP " + status + " to " + what + ": "
                        + outcomeText(r), false, e);
            }
            return new EmrException.Refused(status, outcomeText(r), e);
        }
        return new EmrException.Unreachable("EMR " + what + " failed: " + e, false, e);
    }

    /** The OperationOutcome's issues as the server wrote them: "error: diagnostics (location); ...". */
    static String outcomeText(BaseServerResponseException e) {
        if (e.getOperationOutcome() instanceof OperationOutcome oo && oo.hasIssue()) {
            return oo.getIssue().stream().filter(i -> i.getSeverity() == null
                            || i.getSeverity().ordinal() <= OperationOutcome.IssueSeverity.ERROR.ordinal())
                    .map(i -> (i.getSeverity() == null ? "" : i.getSeverity().toCode() + ": ") + i.getDiagnostics()
                            + (i.hasExpression() ? " (" + i.getExpression().get(0).getValue() + ")"
                            : i.hasLocation() ? " (" + i.getLocation().get(0).getValue() + ")" : ""))
                    .collect(Collectors.joining("; "));
        }
        String body = e.getResponseBody();
        return "HTTP " + e.getStatusCode() + ": " + (body == null || body.isBlank() ? e.getMessage() : body);
    }

    private List<EmrPatient> patients(Bundle bundle) {
        List<EmrPatient> result = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            if (e.getResource() instanceof Patient p) {
                result.add(patient(p));
            }
        }
        return result;
    }

    private EmrPatient patient(Patient p) {
        // birthDate is a plain date: its string form, not the Date object (which carries a time zone).
        return new EmrPatient(key(p), mrn(p), name(p),
                p.hasBirthDate() && p.getBirthDateElement().getValueAsString().length() == 10
                        ? LocalDate.parse(p.getBirthDateElement().getValueAsString()) : null,
                p.hasGender() ? p.getGender().toCode() : null);
    }

    private String mrn(Patient p) {
        Map<String, Identifier> found = new LinkedHashMap<>();
        for (Identifier id : p.getIdentifier()) {
            if (settings.mrnSystem() != null && settings.mrnSystem().equals(id.getSystem())) {
                found.putIfAbsent("system", id);
            }
            if (id.getType().getCoding().stream().anyMatch(c -> MR_TYPE_SYSTEM.equals(c.getSystem()) && "MR".equals(c.getCode()))) {
                found.putIfAbsent("type", id);
            }
            found.putIfAbsent("first", id);
        }
        Identifier best = found.getOrDefault("system", found.getOrDefault("type", found.get("first")));
        return best == null ? null : best.getValue();
    }

    private static String name(Patient p) {
        if (!p.hasName()) {
            return null;
        }
        HumanName n = p.getNameFirstRep();
        if (n.hasText()) {
            return n.getText();
        }
        String given = n.getGiven().stream().map(Object::toString).collect(Collectors.joining(" "));
        return (given + " " + (n.hasFamily() ? n.getFamily() : "")).strip();
    }

    private static String key(IBaseResource r) {
        return r.getIdElement().toUnqualifiedVersionless().getValue();
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            LOG.debug("closing the EMR HTTP client", e);
        }
    }

    /** Adds a fresh OAuth2 bearer token to every request. */
    private static final class OAuth2Interceptor implements IClientInterceptor {
        private final OAuth2TokenSource tokens;

        OAuth2Interceptor(OAuth2TokenSource tokens) {
            this.tokens = tokens;
        }

        @Override
        public void interceptRequest(IHttpRequest request) {
            request.addHeader("Authorization", "Bearer " + tokens.token());
        }

        @Override
        public void interceptResponse(IHttpResponse response) {
            // nothing: a 401 is handled by EmrClient, which renews the token and repeats the call once
        }
    }

    private static final class IBaseBundleLinks {
        static final String NEXT = "next";
    }
}
