package org.vigil.testing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real FHIR R4 server for tests: HAPI {@link RestfulServer} on embedded Jetty 12 (ee10) on a free loopback
 * port, with in-memory Patient, Encounter, Location and Observation stores and a transaction endpoint whose
 * entries are creates with {@code ifNoneExist} (conditional create on identifier: an existing match answers 200
 * and creates nothing). Every incoming resource is validated against the official R4 profiles
 * ({@link RequestValidatingInterceptor} with {@link FhirInstanceValidator} over DefaultProfileValidationSupport,
 * CommonCodeSystemsTerminologyService, InMemoryTerminologyServerValidationSupport and
 * UnknownCodeSystemWarningValidationSupport); a non-conformant resource (an error) is refused with 422 and an
 * OperationOutcome, as a strict EMR would.
 *
 * <p>It can be told to fail: {@link #down()} / {@link #up()} (same port), {@link #slow}, {@link #fail5xx},
 * {@link #expireTokens()} (401 until the client presents a new token), {@link #dropResponses} (the change is
 * committed, the response never arrives). A tiny OAuth2 token endpoint ({@link #tokenUrl()}) issues tokens for
 * the client credentials grant. Seed helpers create patients, bed Locations and in-progress Encounters directly.
 *
 * <p>{@link #startHttps} serves the same over HTTPS only (FHIR and token endpoint), with a certificate made by the
 * test ({@link TestPki}), to test the client's trust in a hospital CA.
 *
 * <p>Thread-safe. The validator is built once per JVM (loading the R4 profiles takes seconds).
 */
public final class FhirTestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FhirTestServer.class);
    /** The identifier system of bed Locations, as Vigil queries them (value {@code {ward}/{bed}}). */
    public static final String LOCATION_SYSTEM = "urn:vigil:location";
    private static final FhirContext CTX = FhirContext.forR4();
    private static volatile FhirInstanceValidator sharedValidator;

    /** Which authentication the server demands on /fhir. */
    private enum AuthMode { NONE, BASIC, BEARER, OAUTH2 }

    private final Map<String, Map<String, Resource>> store = new LinkedHashMap<>();
    /** Per type, "system|value" and "|value" of every identifier to the resource id: conditional creates stay O(1). */
    private final Map<String, Map<String, String>> byIdentifier = new java.util.HashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final boolean validate;
    /** The server's key and certificate chain for HTTPS (in memory, random password); null: plain HTTP. */
    private final KeyStore tlsKeys;
    private final String tlsPassword;
    private int port;
    private Server jetty;

    private volatile Duration delay = Duration.ZERO;
    private final AtomicInteger failures5xx = new AtomicInteger();
    private final AtomicInteger drops = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger transactions = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile AuthMode authMode = AuthMode.NONE;
    private volatile String expectedAuthorization;
    private volatile String clientId;
    private volatile String clientSecret;
    private volatile long tokenLifetimeSeconds = 3600;
    private final Set<String> validTokens = Collections.synchronizedSet(new HashSet<>());
    private final AtomicInteger tokensIssued = new AtomicInteger();

    private FhirTestServer(boolean validate, KeyStore tlsKeys, String tlsPassword) {
        this.validate = validate;
        this.tlsKeys = tlsKeys;
        this.tlsPassword = tlsPassword;
        for (String type : List.of("Patient", "Encounter", "Location", "Observation")) {
            store.put(type, new LinkedHashMap<>());
            byIdentifier.put(type, new java.util.HashMap<>());
        }
    }

    /** Starts a validating server on a free loopback port. */
    public static FhirTestServer start() {
        return start(0, true);
    }

    /**
     * Starts a server on {@code port} (0: a free one).
     *
     * @param validate false to skip profile validation (only for throughput measurements of the client side)
     */
    public static FhirTestServer start(int port, boolean validate) {
        if (validate) {
            validator();
        }
        FhirTestServer s = new FhirTestServer(validate, null, null);
        s.port = port == 0 ? FreePorts.loopback() : port;
        s.up();
        return s;
    }

    /**
     * Starts a validating server on a free loopback port that speaks HTTPS only, presenting {@code identity}'s
     * certificate followed by {@code chain} (e.g. a {@link TestPki#server} certificate for 127.0.0.1).
     */
    public static FhirTestServer startHttps(TestPki.Issued identity, X509Certificate... chain) {
        validator();
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getEncoder().encodeToString(random);
        FhirTestServer s = new FhirTestServer(true, TestPki.pkcs12(identity, password.toCharArray(), chain), password);
        s.port = FreePorts.loopback();
        s.up();
        return s;
    }

    /** The FHIR base URL, {@code http://127.0.0.1:{port}/fhir} ({@code https://} for {@link #startHttps}). */
    public String baseUrl() {
        return scheme() + "://127.0.0.1:" + port + "/fhir";
    }

    /** The OAuth2 token endpoint. */
    public String tokenUrl() {
        return scheme() + "://127.0.0.1:" + port + "/oauth/token";
    }

    private String scheme() {
        return tlsKeys == null ? "http" : "https";
    }

    public int port() {
        return port;
    }

    // ---------------------------------------------------------------- fault injection

    /** Stops listening (connections are refused) until {@link #up()}; the stores are kept. */
    public synchronized void down() {
        if (jetty == null) {
            return;
        }
        try {
            jetty.stop();
            jetty.join();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the FHIR test server: " + e, e);
        }
        jetty = null;
        LOG.info("FHIR test server on port {} down", port);
    }

    /** Listens again on the same port. */
    public synchronized void up() {
        if (jetty != null) {
            return;
        }
        Server server = new Server();
        ServerConnector connector;
        if (tlsKeys == null) {
            connector = new ServerConnector(server);
        } else {
            // A new factory per start: Jetty stops (and may not restart) the one of a stopped server.
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStore(tlsKeys);
            tls.setKeyStorePassword(tlsPassword);
            HttpConfiguration https = new HttpConfiguration();
            https.addCustomizer(new SecureRequestCustomizer());
            connector = new ServerConnector(server, new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(https));
        }
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setReuseAddress(true);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new Fhir()), "/fhir/*");
        context.addServlet(new ServletHolder(new TokenServlet()), "/oauth/token");
        context.addFilter(new FilterHolder(new Faults()), "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure is what matters
            }
            throw new IllegalStateException("starting the FHIR test server on port " + port + ": " + e, e);
        }
        jetty = server;
        LOG.info("FHIR test server at {}", baseUrl());
    }

    /** Every FHIR request waits {@code d} before it is handled (zero: none). */
    public void slow(Duration d) {
        delay = d;
    }

    /** The next {@code n} FHIR requests are answered 503 with an OperationOutcome, without being handled. */
    public void fail5xx(int n) {
        failures5xx.set(n);
    }

    /** The next {@code n} FHIR requests are handled (changes committed) and then the connection is dropped unanswered. */
    public void dropResponses(int n) {
        drops.set(n);
    }

    /** Demands HTTP Basic with these credentials. */
    public void requireBasic(String user, String password) {
        expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        authMode = AuthMode.BASIC;
    }

    /** Demands this fixed bearer token. */
    public void requireBearer(String token) {
        expectedAuthorization = "Bearer " + token;
        authMode = AuthMode.BEARER;
    }

    /** Demands a token from {@link #tokenUrl()}, issued to this client for {@code lifetime}. */
    public void requireOAuth2(String id, String secret, Duration lifetime) {
        clientId = id;
        clientSecret = secret;
        tokenLifetimeSeconds = lifetime.toSeconds();
        authMode = AuthMode.OAUTH2;
    }

    /** Revokes every token issued so far: requests carrying one get 401 until the client fetches a new one. */
    public void expireTokens() {
        validTokens.clear();
    }

    /** Tokens issued by the token endpoint so far. */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** The Authorization headers of the FHIR requests received so far (null entries for requests without one). */
    public List<String> authorizationHeaders() {
        return List.copyOf(authorizations);
    }

    /** FHIR requests received (including refused and failed ones). */
    public int requestCount() {
        return requests.get();
    }

    /** Transaction Bundles handled (committed), including those whose response was dropped. */
    public int transactionCount() {
        return transactions.get();
    }

    // ---------------------------------------------------------------- seeding and inspection

    /** Adds a patient; returns its reference ({@code Patient/n}). */
    public String seedPatient(String mrnSystem, String mrn, String given, String family, LocalDate birthDate) {
        Patient p = new Patient();
        Identifier id = p.addIdentifier().setValue(mrn);
        if (mrnSystem != null) {
            id.setSystem(mrnSystem);
        }
        id.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v2-0203").setCode("MR");
        p.addName(new HumanName().setFamily(family).addGiven(given));
        p.setBirthDateElement(new DateType(birthDate.toString()));
        p.setGender(Enumerations.AdministrativeGender.UNKNOWN);
        return "Patient/" + put(p);
    }

    /** Adds the Location of a bed, identified by {@value #LOCATION_SYSTEM} {@code {ward}/{bed}}; returns its reference. */
    public String seedBedLocation(String ward, String bed) {
        Location l = new Location();
        l.addIdentifier().setSystem(LOCATION_SYSTEM).setValue(ward + "/" + bed);
        l.setName("Bed " + bed + ", ward " + ward);
        l.setStatus(Location.LocationStatus.ACTIVE);
        return "Location/" + put(l);
    }

    /** Adds an in-progress inpatient Encounter of {@code patientRef} at {@code locationRef}; returns its reference. */
    public String seedEncounter(String patientRef, String locationRef) {
        Encounter e = new Encounter();
        e.setStatus(Encounter.EncounterStatus.INPROGRESS);
        e.getClass_().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("IMP");
        e.setSubject(new Reference(patientRef));
        e.addLocation().setLocation(new Reference(locationRef)).setStatus(Encounter.EncounterLocationStatus.ACTIVE);
        return "Encounter/" + put(e);
    }

    /** Moves an Encounter to another location (the old one becomes completed history). */
    public void moveEncounter(String encounterRef, String locationRef) {
        synchronized (store) {
            Encounter e = (Encounter) store.get("Encounter").get(new IdType(encounterRef).getIdPart());
            e.getLocation().forEach(l -> l.setStatus(Encounter.EncounterLocationStatus.COMPLETED));
            e.addLocation().setLocation(new Reference(locationRef)).setStatus(Encounter.EncounterLocationStatus.ACTIVE);
        }
    }

    /** Ends an Encounter (status finished): the patient has left. */
    public void finishEncounter(String encounterRef) {
        synchronized (store) {
            Encounter e = (Encounter) store.get("Encounter").get(new IdType(encounterRef).getIdPart());
            e.setStatus(Encounter.EncounterStatus.FINISHED);
        }
    }

    /** Copies of the stored Observations, in creation order. */
    public List<Observation> observations() {
        synchronized (store) {
            return store.get("Observation").values().stream().map(r -> (Observation) r.copy()).toList();
        }
    }

    private String put(Resource r) {
        synchronized (store) {
            String id = Long.toString(nextId.getAndIncrement());
            r.setId(new IdType(r.fhirType(), id, "1"));
            r.getMeta().setVersionId("1");
            store.get(r.fhirType()).put(id, r);
            for (Identifier i : identifiers(r)) {
                byIdentifier.get(r.fhirType()).putIfAbsent((i.getSystem() == null ? "" : i.getSystem()) + "|" + i.getValue(), id);
                byIdentifier.get(r.fhirType()).putIfAbsent("|" + i.getValue(), id);
            }
            return id;
        }
    }

    private static List<Identifier> identifiers(Resource r) {
        return switch (r) {
            case Observation o -> o.getIdentifier();
            case Patient p -> p.getIdentifier();
            case Encounter en -> en.getIdentifier();
            case Location l -> l.getIdentifier();
            default -> List.of();
        };
    }

    private List<Resource> find(String type, Predicate<Resource> match) {
        synchronized (store) {
            return store.get(type).values().stream().filter(match).map(Resource::copy).toList();
        }
    }

    private static boolean hasIdentifier(List<Identifier> ids, TokenParam t) {
        return ids.stream().anyMatch(i -> t.getValue().equals(i.getValue())
                && (t.getSystem() == null || t.getSystem().isEmpty() || t.getSystem().equals(i.getSystem())));
    }

    private static boolean anyIdentifier(List<Identifier> ids, TokenOrListParam list) {
        return list == null || list.getValuesAsQueryTokens().stream().anyMatch(t -> hasIdentifier(ids, t));
    }

    @Override
    public void close() {
        down();
    }

    // ---------------------------------------------------------------- the HAPI server

    private static FhirInstanceValidator validator() {
        FhirInstanceValidator v = sharedValidator;
        if (v == null) {
            synchronized (FhirTestServer.class) {
                v = sharedValidator;
                if (v == null) {
                    // LOINC, SNOMED CT and MDC are not loaded here: codes from them are checked for structure
                    // (and profile patterns), an unknown code system is a warning, not an error.
                    UnknownCodeSystemWarningValidationSupport unknown = new UnknownCodeSystemWarningValidationSupport(CTX);
                    unknown.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
                    ValidationSupportChain chain = new ValidationSupportChain(
                            new DefaultProfileValidationSupport(CTX),
                            new CommonCodeSystemsTerminologyService(CTX),
                            new InMemoryTerminologyServerValidationSupport(CTX),
                            unknown);
                    v = new FhirInstanceValidator(chain);
                    // Loading the R4 profiles takes seconds: done here, not inside the first request.
                    long t0 = System.nanoTime();
                    // An Observation per vital-signs profile, so their snapshots are made now as well.
                    Bundle warm = new Bundle().setType(Bundle.BundleType.TRANSACTION);
                    for (String profile : List.of("vitalsigns", "heartrate", "oxygensat", "resprate", "bodytemp", "bp")) {
                        Observation o = new Observation();
                        o.getMeta().addProfile("http://hl7.org/fhir/StructureDefinition/" + profile);
                        o.setStatus(Observation.ObservationStatus.FINAL);
                        o.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
                        warm.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.randomUUID()).setResource(o)
                                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
                    }
                    ca.uhn.fhir.validation.FhirValidator fv = CTX.newValidator().registerValidatorModule(v);
                    fv.validateWithResult(new Patient());
                    fv.validateWithResult(warm);
                    LOG.info("FHIR validator ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
                    sharedValidator = v;
                }
            }
        }
        return v;
    }

    private final class Fhir extends RestfulServer {
        private static final long serialVersionUID = 1L;

        Fhir() {
            super(CTX);
        }

        @Override
        protected void initialize() {
            setResourceProviders(new PatientProvider(), new LocationProvider(), new EncounterProvider(),
                    new ObservationProvider());
            registerProvider(new SystemProvider());
            if (validate) {
                RequestValidatingInterceptor v = new RequestValidatingInterceptor();
                v.addValidatorModule(validator());
                v.setFailOnSeverity(ResultSeverityEnum.ERROR);
                v.setAddResponseHeaderOnSeverity(null);
                registerInterceptor(v);
            }
        }
    }

    public final class PatientProvider implements IResourceProvider {
        @Override
        public Class<Patient> getResourceType() {
            return Patient.class;
        }

        @Read
        public Patient read(@IdParam IdType id) {
            return (Patient) readResource("Patient", id);
        }

        @Search
        public List<Resource> search(@OptionalParam(name = Patient.SP_IDENTIFIER) TokenOrListParam identifier,
                                     @OptionalParam(name = Patient.SP_NAME) StringParam name,
                                     @OptionalParam(name = Patient.SP_BIRTHDATE) DateParam birthDate,
                                     @Count Integer count) {
            return find("Patient", r -> {
                Patient p = (Patient) r;
                if (!anyIdentifier(p.getIdentifier(), identifier)) {
                    return false;
                }
                if (name != null && p.getName().stream().noneMatch(n -> nameMatches(n, name.getValue()))) {
                    return false;
                }
                return birthDate == null || (p.hasBirthDate()
                        && p.getBirthDateElement().getValueAsString().equals(birthDate.getValueAsString()));
            });
        }

        private static boolean nameMatches(HumanName n, String query) {
            String q = query.toLowerCase(Locale.ROOT);
            List<String> parts = new ArrayList<>();
            n.getGiven().forEach(g -> parts.add(g.getValue()));
            parts.add(n.getFamily());
            parts.add(n.getText());
            String full = String.join(" ", n.getGiven().stream().map(Object::toString).toList()) + " " + n.getFamily();
            parts.add(full);
            return parts.stream().filter(s -> s != null).anyMatch(s -> s.toLowerCase(Locale.ROOT).startsWith(q));
        }
    }

    public final class LocationProvider implements IResourceProvider {
        @Override
        public Class<Location> getResourceType() {
            return Location.class;
        }

        @Read
        public Location read(@IdParam IdType id) {
            return (Location) readResource("Location", id);
        }

        @Search
        public List<Resource> search(@OptionalParam(name = Location.SP_IDENTIFIER) TokenOrListParam identifier,
                                     @Count Integer count) {
            return find("Location", r -> anyIdentifier(((Location) r).getIdentifier(), identifier));
        }
    }

    public final class EncounterProvider implements IResourceProvider {
        @Override
        public Class<Encounter> getResourceType() {
            return Encounter.class;
        }

        @Read
        public Encounter read(@IdParam IdType id) {
            return (Encounter) readResource("Encounter", id);
        }

        /** {@code status} and {@code location} (by id, or chained {@code location.identifier}), with _include. */
        @Search
        public List<Resource> search(@OptionalParam(name = Encounter.SP_STATUS) TokenOrListParam status,
                                     @OptionalParam(name = Encounter.SP_LOCATION, chainWhitelist = {"", Location.SP_IDENTIFIER},
                                             targetTypes = Location.class) ReferenceOrListParam location,
                                     @IncludeParam(allow = {"Encounter:patient", "Encounter:location", "Encounter:subject"})
                                     Set<Include> includes,
                                     @Count Integer count) {
            List<Resource> found;
            synchronized (store) {
                found = find("Encounter", r -> {
                    Encounter e = (Encounter) r;
                    if (status != null && status.getValuesAsQueryTokens().stream()
                            .noneMatch(t -> t.getValue().equals(e.getStatus().toCode()))) {
                        return false;
                    }
                    return location == null || e.getLocation().stream().anyMatch(l -> locationMatches(l, location));
                });
                boolean incPatient = includes != null && includes.stream().anyMatch(i -> i.getValue().endsWith(":patient")
                        || i.getValue().endsWith(":subject"));
                boolean incLocation = includes != null && includes.stream().anyMatch(i -> i.getValue().endsWith(":location"));
                for (Resource r : found) {
                    Encounter e = (Encounter) r;
                    if (incPatient && e.getSubject().hasReference()) {
                        Resource p = store.get("Patient").get(new IdType(e.getSubject().getReference()).getIdPart());
                        if (p != null) {
                            e.getSubject().setResource(p.copy());
                        }
                    }
                    if (incLocation) {
                        for (Encounter.EncounterLocationComponent l : e.getLocation()) {
                            Resource loc = store.get("Location").get(new IdType(l.getLocation().getReference()).getIdPart());
                            if (loc != null) {
                                l.getLocation().setResource(loc.copy());
                            }
                        }
                    }
                }
            }
            return found;
        }

        private boolean locationMatches(Encounter.EncounterLocationComponent l, ReferenceOrListParam wanted) {
            String ref = l.getLocation().getReference();
            if (ref == null) {
                return false;
            }
            Location loc = (Location) store.get("Location").get(new IdType(ref).getIdPart());
            for (ReferenceParam p : wanted.getValuesAsQueryTokens()) {
                if (Location.SP_IDENTIFIER.equals(p.getChain())) {
                    String v = p.getValue();
                    int bar = v.indexOf('|');
                    TokenParam t = bar < 0 ? new TokenParam(v) : new TokenParam(v.substring(0, bar), v.substring(bar + 1));
                    if (loc != null && hasIdentifier(loc.getIdentifier(), t)) {
                        return true;
                    }
                } else if (new IdType(ref).getIdPart().equals(p.getIdPart())) {
                    return true;
                }
            }
            return false;
        }
    }

    public final class ObservationProvider implements IResourceProvider {
        @Override
        public Class<Observation> getResourceType() {
            return Observation.class;
        }

        @Read
        public Observation read(@IdParam IdType id) {
            return (Observation) readResource("Observation", id);
        }

        @Search
        public List<Resource> search(@OptionalParam(name = Observation.SP_IDENTIFIER) TokenOrListParam identifier,
                                     @OptionalParam(name = Observation.SP_SUBJECT) ReferenceParam subject,
                                     @Count Integer count) {
            return find("Observation", r -> {
                Observation o = (Observation) r;
                return anyIdentifier(o.getIdentifier(), identifier)
                        && (subject == null || subject.getValue().equals(o.getSubject().getReference()));
            });
        }
    }

    private Resource readResource(String type, IdType id) {
        synchronized (store) {
            Resource r = store.get(type).get(id.getIdPart());
            if (r == null) {
                throw new ResourceNotFoundException(id);
            }
            return r.copy();
        }
    }

    /** Transactions of creates, each with an optional {@code ifNoneExist=identifier=system|value}. */
    public final class SystemProvider {
        @Transaction
        public Bundle transaction(@TransactionParam Bundle in) {
            Bundle out = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
            synchronized (store) {
                // Checked first, so that a refused transaction changes nothing (all or nothing).
                for (Bundle.BundleEntryComponent e : in.getEntry()) {
                    if (e.getRequest().getMethod() != Bundle.HTTPVerb.POST || e.getResource() == null
                            || !store.containsKey(e.getResource().fhirType())) {
                        throw new InvalidRequestException("This server accepts only POST creates of Patient, Encounter, "
                                + "Location or Observation in a transaction");
                    }
                }
                for (Bundle.BundleEntryComponent e : in.getEntry()) {
                    Resource r = e.getResource();
                    String type = r.fhirType();
                    String existing = conditionalMatch(type, e.getRequest().getIfNoneExist());
                    Bundle.BundleEntryResponseComponent resp = out.addEntry().getResponse();
                    if (existing != null) {
                        resp.setStatus("200 OK").setLocation(type + "/" + existing + "/_history/1");
                    } else {
                        Resource copy = r.copy();
                        String id = put(copy);
                        resp.setStatus("201 Created").setLocation(type + "/" + id + "/_history/1");
                    }
                }
                transactions.incrementAndGet();
            }
            return out;
        }

        private String conditionalMatch(String type, String ifNoneExist) {
            if (ifNoneExist == null || ifNoneExist.isBlank()) {
                return null;
            }
            String q = ifNoneExist.startsWith(type + "?") ? ifNoneExist.substring(type.length() + 1) : ifNoneExist;
            if (!q.startsWith("identifier=") || q.contains("&")) {
                throw new InvalidRequestException("This server supports ifNoneExist on identifier only, not '" + ifNoneExist + "'");
            }
            String v = URLDecoder.decode(q.substring("identifier=".length()), StandardCharsets.UTF_8);
            int bar = v.indexOf('|');
            TokenParam t = bar < 0 ? new TokenParam(v) : new TokenParam(v.substring(0, bar), v.substring(bar + 1));
            String key = (t.getSystem() == null ? "" : t.getSystem()) + "|" + t.getValue();
            return byIdentifier.get(type).get(key);
        }
    }

    // ---------------------------------------------------------------- faults, authentication, token endpoint

    private static final String OUTCOME = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
            + "\"code\":\"%s\",\"diagnostics\":\"%s\"}]}";

    private final class Faults implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            HttpServletResponse response = (HttpServletResponse) res;
            requests.incrementAndGet();
            String auth = request.getHeader("Authorization");
            authorizations.add(auth == null ? "" : auth);
            Duration d = delay;
            if (!d.isZero()) {
                try {
                    Thread.sleep(d.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (failures5xx.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                outcome(response, 503, "transient", "Injected failure: service unavailable");
                return;
            }
            if (!authorized(auth)) {
                response.setHeader("WWW-Authenticate", authMode == AuthMode.BASIC ? "Basic realm=\"fhir\"" : "Bearer");
                outcome(response, 401, "login", "Authentication required");
                return;
            }
            if (drops.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                Buffered buffered = new Buffered(response);
                chain.doFilter(req, buffered);
                // Committed, but the client never hears of it.
                ServletContextRequest.getServletContextRequest(req).getConnectionMetaData().getConnection()
                        .getEndPoint().close();
                return;
            }
            chain.doFilter(req, res);
        }

        private boolean authorized(String auth) {
            return switch (authMode) {
                case NONE -> true;
                case BASIC, BEARER -> expectedAuthorization.equals(auth);
                case OAUTH2 -> auth != null && auth.startsWith("Bearer ") && validTokens.contains(auth.substring(7));
            };
        }
    }

    private static void outcome(HttpServletResponse response, int status, String code, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("application/fhir+json");
        response.getWriter().write(String.format(OUTCOME, code, text));
    }

    /** Swallows the response body, so nothing reaches the client before the connection is dropped. */
    private static final class Buffered extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
        private final ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener l) {
                // blocking only
            }

            @Override
            public void write(int b) {
                sink.write(b);
            }
        };
        private final PrintWriter writer = new PrintWriter(new OutputStreamWriter(sink, StandardCharsets.UTF_8));

        Buffered(HttpServletResponse r) {
            super(r);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return out;
        }

        @Override
        public PrintWriter getWriter() {
            return writer;
        }

        @Override
        public void flushBuffer() {
            // never commit
        }
    }

    /** OAuth2 client credentials grant; client_secret_basic or client_secret_post. */
    private final class TokenServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String id = req.getParameter("client_id");
            String secret = req.getParameter("client_secret");
            String auth = req.getHeader("Authorization");
            if (auth != null && auth.startsWith("Basic ")) {
                String decoded = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                    secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
                }
            }
            resp.setContentType("application/json");
            if (!"client_credentials".equals(req.getParameter("grant_type"))) {
                resp.setStatus(400);
                resp.getWriter().write("{\"error\":\"unsupported_grant_type\"}");
                return;
            }
            if (clientId == null || !clientId.equals(id) || !clientSecret.equals(secret)) {
                resp.setStatus(401);
                resp.getWriter().write("{\"error\":\"invalid_client\"}");
                return;
            }
            String token = "tok-" + tokensIssued.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
            validTokens.add(token);
            resp.getWriter().write("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                    + tokenLifetimeSeconds + "}");
        }
    }
}
