package org.vigil.link;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.data.model.AlarmMessage;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.StationHealth;
import org.vigil.data.model.WardAudioPause;
import org.vigil.link.live.BedLive;
import org.vigil.link.live.LatencyRecorder;
import org.vigil.link.live.WardLive;
import org.vigil.link.wire.Decoded;
import org.vigil.link.wire.RejectReason;
import org.vigil.link.wire.WardTopic;
import org.vigil.link.wire.WireCodec;

/**
 * The station's connection to the ward broker: subscribes to every topic of the ward, decodes and validates each
 * message, writes it into the live buffers and hands it to the {@link FeedListener}s; publishes the station's own
 * topics. The MQTT callback thread only decodes and hands off. Public methods may be called from any thread.
 */
public final class WardLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WardLink.class);
    private static final int KEEP_ALIVE_SECONDS = 10;

    private final LinkSettings settings;
    private final WardLive ward;
    private final Clock clock;
    private final RejectCounters rejects;
    private final LatencyRecorder ingestLatency = new LatencyRecorder();
    private final FloodGuard flood = new FloodGuard();
    private final SharedWardState shared = new SharedWardState();
    private final java.util.Map<String, byte[]> pendingRetained = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final List<FeedListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<LinkState> state = new AtomicReference<>(LinkState.CONNECTING);
    private volatile Instant stateSince;
    private final ScheduledExecutorService reconnect;
    private MqttAsyncClient client;
    private volatile boolean closed;

    public WardLink(LinkSettings settings, WardLive ward, Clock clock) {
        this.settings = settings;
        this.ward = ward;
        this.clock = clock;
        this.rejects = new RejectCounters(clock);
        this.stateSince = clock.instant();
        this.reconnect = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("vigil-mqtt-connect").uncaughtExceptionHandler(
                        (t, e) -> LOG.error("Uncaught in {}", t.getName(), e)).factory());
    }

    public void addListener(FeedListener l) {
        listeners.add(l);
    }

    public LinkSettings settings() {
        return settings;
    }

    public WardLive ward() {
        return ward;
    }

    public LinkState state() {
        return state.get();
    }

    /** Station time of the last change of {@link #state()}. */
    public Instant stateSince() {
        return stateSince;
    }

    /** The alarm states, bed settings, audio pause and station health the ward's stations share. */
    public SharedWardState shared() {
        return shared;
    }

    public RejectCounters rejects() {
        return rejects;
    }

    public LatencyRecorder ingestLatency() {
        return ingestLatency;
    }

    /**
     * Checks that no other station with this id is online, then connects and subscribes. If the broker cannot be
     * reached, keeps trying in the background (1 s, doubling to 30 s) while the station runs and shows it.
     *
     * @throws DuplicateStationException when a station with the same id is online on the ward
     */
    public void start() throws MqttException {
        checkNoTwin();
        client = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
        client.setCallback(new Callback());
        connect(Duration.ofSeconds(1));
    }

    private MqttConnectOptions options() {
        MqttConnectOptions o = credentials();
        o.setCleanSession(false); // the broker keeps QoS 1 messages for the station while it is away
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(30_000);
        o.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        o.setMaxInflight(1000);
        o.setWill(WardTopic.health(settings.ward(), settings.station()),
                WireCodec.encode(StationHealth.offline(settings.station())), 1, true);
        return o;
    }

    /** How to reach and log in to the broker: TLS and account; shared by the station's client and its probe. */
    private MqttConnectOptions credentials() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setConnectionTimeout(5);
        if (settings.tls() != null) { // ssl://: the CA (or the JVM's trust store) and the station's certificate
            o.setSocketFactory(settings.tls().socketFactory());
            o.setHttpsHostnameVerificationEnabled(true);
        }
        if (settings.user() != null) {
            o.setUserName(settings.user());
            char[] password = settings.password();
            if (password != null) {
                o.setPassword(password);
            }
        }
        return o;
    }

    private void connect(Duration retryIn) {
        if (closed) {
            return;
        }
        try {
            client.connect(options(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // subscriptions are made in connectComplete
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    setState(LinkState.DISCONNECTED);
                    LOG.warn("Cannot reach the ward broker {} ({}); retrying in {} s", settings.brokerUrl(),
                            e.getMessage(), retryIn.toSeconds());
                    Duration next = retryIn.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                            ? Duration.ofSeconds(30) : retryIn.multipliedBy(2);
                    reconnect.schedule(() -> connect(next), retryIn.toMillis(), TimeUnit.MILLISECONDS);
                }
            });
        } catch (MqttException e) {
            LOG.warn("Connect to {} failed: {}", settings.brokerUrl(), e.getMessage());
            reconnect.schedule(() -> connect(retryIn), retryIn.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void subscribe() {
        String w = "ward/" + settings.ward();
        String[] filters = {w + "/bed/+/numerics", w + "/bed/+/wave", w + "/bed/+/status", w + "/bed/+/event",
                w + "/bed/+/settings", w + "/alarm/#", w + "/audio-pause", w + "/station/+/health"};
        int[] qos = {1, 0, 1, 1, 1, 1, 1, 1};
        try {
            // connected, as far as the nurse is concerned, means receiving: only once the broker acknowledged
            client.subscribe(filters, qos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    setState(LinkState.CONNECTED);
                    flushPendingRetained();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.error("The broker refused the ward's subscriptions: {}", e.getMessage());
                    setState(LinkState.DISCONNECTED);
                }
            });
        } catch (MqttException e) {
            LOG.error("Subscribing to the ward's topics failed", e);
            setState(LinkState.DISCONNECTED);
        }
    }

    /**
     * Publishes without waiting; a failure is logged. Any thread. A retained message (shared ward state) published
     * while the broker is away is kept, the latest per topic, and sent once the link is back: an acknowledgement or a
     * pause is never lost to a reconnect. Other messages published while away are dropped (health is sent again).
     */
    public void publish(String topic, byte[] payload, int qos, boolean retained) {
        MqttAsyncClient c = client;
        if (c == null || state.get() != LinkState.CONNECTED) {
            if (retained && !topic.equals(WardTopic.health(settings.ward(), settings.station()))) {
                pendingRetained.put(topic, payload); // (health is sent afresh every 5 s: no stale copy)
            }
            return;
        }
        try {
            c.publish(topic, payload, qos, retained);
        } catch (MqttException e) {
            LOG.debug("Publish to {} failed: {}", topic, e.getMessage());
            if (retained) {
                pendingRetained.put(topic, payload);
            }
        }
    }

    /** Sends the retained messages kept while the broker was away, oldest topic first. */
    private void flushPendingRetained() {
        for (var e : pendingRetained.entrySet()) {
            if (pendingRetained.remove(e.getKey(), e.getValue())) {
                publish(e.getKey(), e.getValue(), 1, true);
            }
        }
    }

    /**
     * Publishes an alarm's state, retained. What goes out is the merge with what the ward already holds, so a stale
     * version never becomes the broker's retained copy.
     */
    public void publishAlarm(AlarmMessage alarm) {
        AlarmMessage merged = shared.mergeAlarm(alarm.alarm(), onTheWire(alarm, WireCodec::encode, WireCodec::decodeAlarm));
        publish(WardTopic.alarm(settings.ward(), merged.bed(), merged.alarm()), WireCodec.encode(merged), 1, true);
    }

    /** Clears an alarm's retained message (the contract: 60 s after it ended, by any station). */
    public void clearAlarm(String bed, String alarmId) {
        shared.mergeAlarm(alarmId, null);
        publish(WardTopic.alarm(settings.ward(), bed, alarmId), new byte[0], 1, true);
    }

    public void publishSettings(BedSettings bedSettings) {
        BedSettings merged = shared.mergeSettings(bedSettings.bed(),
                onTheWire(bedSettings, WireCodec::encode, WireCodec::decodeSettings));
        publish(WardTopic.bed(settings.ward(), merged.bed(), WardTopic.BedFeed.SETTINGS), WireCodec.encode(merged), 1,
                true);
    }

    public void publishAudioPause(WardAudioPause pause) {
        WardAudioPause merged = shared.mergeAudioPause(onTheWire(pause, WireCodec::encode, WireCodec::decodeAudioPause));
        publish(WardTopic.audioPause(settings.ward()), WireCodec.encode(merged), 1, true);
    }

    /**
     * A value as the wire carries it (times to the millisecond): what this station holds must equal the broker's
     * echo of it, or {@link #restoreIfStale} would take the echo for a stale version and publish again, forever.
     */
    private static <T> T onTheWire(T value, java.util.function.Function<T, byte[]> encode,
                                   java.util.function.Function<byte[], Decoded<T>> decode) {
        return decode.apply(encode.apply(value)) instanceof Decoded.Ok<T> ok ? ok.value() : value;
    }

    public void publishHealth(StationHealth health) {
        publish(WardTopic.health(settings.ward(), settings.station()), WireCodec.encode(health), 1, true);
    }

    private void setState(LinkState s) {
        if (state.getAndSet(s) != s) {
            stateSince = clock.instant();
            LOG.info("{} ({})", s.text(), settings.brokerUrl());
            for (FeedListener l : listeners) {
                l.onLinkState(s, stateSince);
            }
        }
    }

    /** Refuses to start when a station with this id says (retained health) that it is online on this ward. */
    private void checkNoTwin() throws MqttException {
        String topic = WardTopic.health(settings.ward(), settings.station());
        MqttAsyncClient probe = new MqttAsyncClient(settings.brokerUrl(),
                settings.clientId() + "-probe-" + Long.toHexString(System.nanoTime()), new MemoryPersistence());
        AtomicReference<StationHealth> seen = new AtomicReference<>();
        CountDownLatch got = new CountDownLatch(1);
        try {
            MqttConnectOptions o = credentials();
            o.setCleanSession(true);
            probe.connect(o).waitForCompletion(6_000);
            probe.subscribe(topic, 1, (t, m) -> {
                if (WireCodec.decodeHealth(m.getPayload()) instanceof Decoded.Ok<org.vigil.data.model.StationHealth> ok) {
                    seen.set(ok.value());
                }
                got.countDown();
            }).waitForCompletion(3_000);
            got.await(700, TimeUnit.MILLISECONDS); // a retained message arrives at once, if there is one
        } catch (MqttException e) {
            LOG.warn("Could not check for a station with the same id ({}); the broker may be down", e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            try {
                if (probe.isConnected()) {
                    probe.disconnect().waitForCompletion(2_000);
                }
                probe.close();
            } catch (MqttException ignored) {
                // best effort
            }
        }
        StationHealth h = seen.get();
        if (h != null && h.isOnline()) {
            throw new DuplicateStationException("station '" + settings.station() + "' is already online on ward '"
                    + settings.ward() + "' (its health on " + topic + " says so, last at " + h.time()
                    + "); give this station another --station id. If that station has just crashed, the broker marks"
                    + " it offline within " + (KEEP_ALIVE_SECONDS * 3 / 2) + " s.");
        }
    }

    @Override
    public void close() {
        closed = true;
        reconnect.shutdownNow();
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                // A clean goodbye: say offline ourselves (the will only fires on an unclean loss).
                c.publish(WardTopic.health(settings.ward(), settings.station()),
                        WireCodec.encode(StationHealth.offline(settings.station())), 1, true).waitForCompletion(2_000);
                c.disconnect(1_000).waitForCompletion(2_000);
            }
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("Closing the MQTT client: {}", e.getMessage());
        }
    }

    // ------------------------------------------------------------ the MQTT callback thread

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            subscribe();
        }

        @Override
        public void connectionLost(Throwable cause) {
            setState(LinkState.DISCONNECTED);
            LOG.warn("Lost the ward broker: {}", cause == null ? "unknown cause" : cause.getMessage());
            for (BedLive b : ward.beds()) {
                b.rings().values().forEach(r -> r.breakTrace());
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            long started = System.nanoTime();
            try {
                dispatch(topic, message.getPayload());
            } catch (RuntimeException e) {
                // Never let one message take down the callback thread (and with it every other bed).
                LOG.error("Unexpected failure handling a message on {}", topic, e);
            }
            ingestLatency.record((System.nanoTime() - started) / 1_000);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }

    /** Decodes one message and hands it on. Package-private so that tests can drive it without a broker. */
    void dispatch(String topic, byte[] payload) {
        Optional<WardTopic> parsed = WardTopic.parse(topic);
        if (parsed.isEmpty() || !parsed.get().ward().equals(settings.ward())) {
            rejects.reject(topicSource(topic), RejectReason.BAD_TOPIC, topic, "topic does not parse");
            return;
        }
        Instant now = clock.instant();
        switch (parsed.get()) {
            case WardTopic.Bed b -> {
                switch (b.feed()) {
                    case NUMERICS -> handle(topic, b.bed(), WireCodec.decodeNumerics(payload), n -> {
                        if (flooding(topic, b.bed(), n.device(), FloodGuard.Kind.NUMERICS, n.time())) {
                            return;
                        }
                        WardLive.Arrival a = ward.accept(b.bed(), n, now);
                        BedLive bed = ward.bed(b.bed());
                        if (a == WardLive.Arrival.CURRENT) {
                            listeners.forEach(l -> l.onNumerics(bed, n, now));
                        } else if (a == WardLive.Arrival.LATE) {
                            listeners.forEach(l -> l.onLateNumerics(bed, n, now));
                        }
                    });
                    case WAVE -> handle(topic, b.bed(), WireCodec.decodeWave(payload), w -> {
                        if (flooding(topic, b.bed(), w.device(), FloodGuard.Kind.WAVE, w.t0())) {
                            return;
                        }
                        WardLive.Arrival a = ward.accept(b.bed(), w, now);
                        BedLive bed = ward.bed(b.bed());
                        if (a == WardLive.Arrival.CURRENT) {
                            listeners.forEach(l -> l.onWave(bed, w, now));
                        } else if (a == WardLive.Arrival.LATE) {
                            listeners.forEach(l -> l.onLateWave(bed, w, now));
                        }
                    });
                    case STATUS -> handleClearable(topic, b.bed(), WireCodec.decodeStatus(payload), s -> {
                        BedLive bed = ward.accept(b.bed(), s, now);
                        listeners.forEach(l -> l.onStatus(bed, s, now));
                    });
                    case EVENT -> handle(topic, b.bed(), WireCodec.decodeEvent(payload), e -> {
                        if (flooding(topic, b.bed(), e.device(), FloodGuard.Kind.EVENT, e.time())) {
                            return;
                        }
                        BedLive bed = ward.bedOrUnassigned(b.bed());
                        listeners.forEach(l -> l.onDeviceEvent(bed, e, now));
                    });
                    case SETTINGS -> handleClearable(topic, b.bed(), WireCodec.decodeSettings(payload), s -> {
                        BedSettings merged = shared.mergeSettings(b.bed(), s);
                        restoreIfStale(topic, s, merged, WireCodec::encode);
                        listeners.forEach(l -> l.onSettings(b.bed(), merged));
                    });
                }
            }
            case WardTopic.Alarm a -> handleClearable(topic, a.bed(), WireCodec.decodeAlarm(payload), m -> {
                AlarmMessage merged = shared.mergeAlarm(a.alarm(), m);
                restoreIfStale(topic, m, merged, WireCodec::encode);
                listeners.forEach(l -> l.onAlarm(a.bed(), a.alarm(), merged));
            });
            case WardTopic.AudioPause p -> handleClearable(topic, "ward", WireCodec.decodeAudioPause(payload), m -> {
                WardAudioPause merged = shared.mergeAudioPause(m);
                restoreIfStale(topic, m, merged, WireCodec::encode);
                listeners.forEach(l -> l.onAudioPause(merged));
            });
            case WardTopic.Health h -> handleClearable(topic, h.station(), WireCodec.decodeHealth(payload), m -> {
                shared.putStation(h.station(), m);
                listeners.forEach(l -> l.onStationHealth(h.station(), m));
            });
        }
    }

    private <T> void handle(String topic, String bed, Decoded<T> d, java.util.function.Consumer<T> onOk) {
        if (d instanceof Decoded.Ok<T> ok) {
            onOk.accept(ok.value());
        } else if (d instanceof Decoded.Rejected<T> r) {
            rejects.reject(r.device() != null ? r.device() : "bed " + bed, r.reason(), topic, r.detail());
        } else {
            rejects.reject("bed " + bed, RejectReason.NOT_JSON, topic, "empty payload on a non-retained topic");
        }
    }

    private <T> void handleClearable(String topic, String source, Decoded<T> d, java.util.function.Consumer<T> onOk) {
        if (d instanceof Decoded.Cleared<T>) {
            onOk.accept(null);
        } else {
            handle(topic, source, d, onOk);
        }
    }

    /**
     * A version that lost the merge (older, or without an acknowledgement the ward already has) has just become the
     * broker's retained copy: put the winner back, so that a station starting later learns the truth.
     */
    private <T> void restoreIfStale(String topic, T received, T merged, java.util.function.Function<T, byte[]> encode) {
        if (received != null && merged != null && !merged.equals(received)) {
            publish(topic, encode.apply(merged), 1, true);
        }
    }

    private boolean flooding(String topic, String bed, String device, FloodGuard.Kind kind, Instant deviceTime) {
        if (flood.admit(bed, kind, deviceTime)) {
            return false;
        }
        rejects.reject(device, RejectReason.FLOOD, topic, "more than " + FloodGuard.describe(kind));
        return true;
    }

    private static String topicSource(String topic) {
        String t = topic.length() > 80 ? topic.substring(0, 80) + "..." : topic;
        return "topic " + new String(t.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
