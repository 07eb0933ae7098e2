package org.vigil.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.link.sim.SimulatedFeed;
import org.vigil.link.wire.WardTopic;
import org.vigil.link.wire.WireCodec;

/**
 * Simulated beds streaming through a broker, shared by {@link MqttLatency} and {@link AlarmLatency}: one Paho client
 * per bed (as the simulator has) and one thread that publishes for all of them on schedule, the simulator's signals
 * (ECG 250 Hz, pleth 125 Hz and respiration 62.5 Hz in 0.5 s wave messages, QoS 0; 1 Hz numerics, QoS 1), each bed
 * at its own phase (real devices are not in step). What a benchmark records, or changes in a message, it does in
 * its {@link Hooks}, called on the publisher thread.
 */
final class BedStreams {

    static final long WAVE_PERIOD = TimeUnit.MILLISECONDS.toNanos(500);
    static final long NUMERICS_PERIOD = TimeUnit.SECONDS.toNanos(1);

    /** What a benchmark does around each publish; all called on the publisher thread. */
    interface Hooks {
        /** The bed's due wave message; returns the message to publish, or null to publish nothing. */
        default Wave wave(int bed, Wave w) {
            return w;
        }

        /** Just before the wave is published, {@code now} being {@code System.nanoTime()} after encoding. */
        default void sendingWave(int bed, Wave w, long now, long due) {
        }

        /** The bed's due numerics; returns the message to publish, or null to publish nothing. */
        default Numerics numerics(int bed, Numerics n) {
            return n;
        }

        /** Just before the numerics are published, {@code now} being {@code System.nanoTime()} after encoding. */
        default void sendingNumerics(int bed, Numerics n, long now, long due) {
        }
    }

    private final int beds;
    private final Hooks hooks;
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final String[] waveTopics;
    private final String[] numericsTopics;
    private List<SimulatedFeed> feeds;
    private Instant deviceStart;
    private Thread thread;
    private volatile boolean stop;
    /** Publishes that threw; written by the publisher thread. */
    volatile long failures;

    /** Connects one client per bed, named {@code clientPrefix + deviceId}, with Paho's defaults otherwise. */
    BedStreams(String url, int beds, String clientPrefix, Hooks hooks) throws MqttException {
        this.beds = beds;
        this.hooks = hooks;
        waveTopics = new String[beds];
        numericsTopics = new String[beds];
        List<SimulatedFeed> names = SimulatedFeed.ward(Ward.ID, beds, Instant.EPOCH);
        List<IMqttToken> tokens = new ArrayList<>();
        for (int i = 0; i < beds; i++) {
            SimulatedFeed f = names.get(i);
            waveTopics[i] = WardTopic.bed(Ward.ID, f.bedId(), WardTopic.BedFeed.WAVE);
            numericsTopics[i] = WardTopic.bed(Ward.ID, f.bedId(), WardTopic.BedFeed.NUMERICS);
            MqttAsyncClient c = new MqttAsyncClient(url, clientPrefix + f.deviceId(), new MemoryPersistence());
            MqttConnectOptions opts = new MqttConnectOptions();
            opts.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            opts.setCleanSession(true);
            opts.setKeepAliveInterval(30);
            opts.setMaxInflight(1000);
            clients.add(c);
            tokens.add(c.connect(opts));
        }
        for (IMqttToken t : tokens) {
            t.waitForCompletion(10_000);
        }
    }

    /**
     * Starts publishing: the schedule starts at {@code base} ({@code nanoTime}), the devices' clocks at
     * {@code deviceStart} (device time = deviceStart + (due - base)).
     */
    void start(long base, Instant deviceStart, String threadName) {
        this.deviceStart = deviceStart;
        feeds = SimulatedFeed.ward(Ward.ID, beds, deviceStart);
        thread = Thread.ofPlatform().name(threadName).daemon().start(() -> loop(base));
    }

    private void loop(long base) {
        // events: {due, bed, kind (0 wave, 1 numerics)}; each bed at its own phase
        PriorityQueue<long[]> q = new PriorityQueue<>(Comparator.comparingLong(a -> a[0]));
        for (int i = 0; i < beds; i++) {
            q.add(new long[] {base + WAVE_PERIOD + i * WAVE_PERIOD / beds, i, 0});
            q.add(new long[] {base + i * NUMERICS_PERIOD / beds + NUMERICS_PERIOD / (2 * beds), i, 1});
        }
        while (!stop) {
            long[] e = q.poll();
            long due = e[0];
            long wait;
            while ((wait = due - System.nanoTime()) > 0 && !stop) {
                LockSupport.parkNanos(Math.min(wait, 50_000_000L));
            }
            if (stop) {
                break;
            }
            int bed = (int) e[1];
            Instant deviceTime = deviceStart.plusNanos(due - base); // device clocks start with the schedule
            try {
                if (e[2] == 0) {
                    Wave w = hooks.wave(bed, feeds.get(bed).wave(deviceTime));
                    if (w != null) {
                        byte[] payload = WireCodec.encode(w);
                        long now = System.nanoTime();
                        hooks.sendingWave(bed, w, now, due);
                        clients.get(bed).publish(waveTopics[bed], payload, 0, false);
                    }
                    e[0] += WAVE_PERIOD;
                } else {
                    Numerics n = hooks.numerics(bed, feeds.get(bed).numerics(deviceTime));
                    if (n != null) {
                        byte[] payload = WireCodec.encode(n);
                        long now = System.nanoTime();
                        hooks.sendingNumerics(bed, n, now, due);
                        clients.get(bed).publish(numericsTopics[bed], payload, 1, false);
                    }
                    e[0] += NUMERICS_PERIOD;
                }
            } catch (MqttException | RuntimeException ex) {
                failures++;
                e[0] += e[2] == 0 ? WAVE_PERIOD : NUMERICS_PERIOD;
            }
            q.add(e);
        }
    }

    /** Stops the publisher thread (waits up to 5 s for it). */
    void stop() throws InterruptedException {
        stop = true;
        if (thread != null) {
            thread.join(5_000);
        }
    }

    /** Stops publishing and disconnects the clients (best effort); does not wait for the publisher thread. */
    void close() {
        stop = true;
        for (MqttAsyncClient c : clients) {
            try {
                if (c.isConnected()) {
                    c.disconnect(200).waitForCompletion(1_000);
                }
                c.close(true);
            } catch (MqttException ignored) {
                // best effort at the end of a benchmark
            }
        }
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
        }
    }
}
