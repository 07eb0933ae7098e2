package org.vigil.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.link.FeedListener;
import org.vigil.link.LinkProbe;
import org.vigil.link.LinkSettings;
import org.vigil.link.WardLink;
import org.vigil.link.live.BedLive;
import org.vigil.link.live.WardLive;
import org.vigil.link.wire.Decoded;
import org.vigil.link.wire.WireCodec;

/**
 * Figure 1: how many messages one thread decodes and hands off per second. Each message goes through
 * {@code WardLink.dispatch} exactly as on the MQTT callback thread (topic parse, UTF-8 check, JSON parse, every
 * validation of the wire contract, the write into the bed's rings or latest numerics, one listener), without a
 * broker. The messages are the simulator's own (64 beds, ECG 250 Hz + pleth 125 Hz + respiration 62.5 Hz in
 * 0.25 s wave messages; 9-value numerics), encoded once up front, all different, dispatched in arrival order
 * round and round. A careful plain loop: warm-up, then timed iterations; median, min and max over iterations.
 * Also measured: {@code WireCodec.decodeWave} alone (no topic, no ring), to show where the time goes.
 */
final class DecodeThroughput implements Benchmark {

    static final double TARGET_WAVE_PER_SECOND = 20_000;
    private static final int BEDS = 64;
    private static final int WAVE_PERIODS = 40;        // a cycle of 10 s of 0.25 s messages per bed: 2560 messages
    private static final int NUMERICS_SECONDS = 20;    // a cycle of 20 s of numerics per bed: 1280 messages

    private volatile long sink;

    @Override
    public String name() {
        return "decode-throughput";
    }

    @Override
    public String description() {
        return "One thread: WardLink.dispatch (topic, decode + validate, ring write, listener) of the simulator's "
                + "0.25 s wave messages (ECG 250 Hz + pleth 125 Hz + resp 62.5 Hz) and 1 Hz numerics of 64 beds";
    }

    @Override
    public Map<String, Object> run(RunOptions o) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        double warmUp = o.seconds(4, 2);
        int iterations = o.count(10, 3);
        double iteration = o.seconds(1, 0.5);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", "single thread; " + iterations + " timed iterations of " + iteration + " s after at least "
                + warmUp + " s warm-up (per message kind, longer until the JIT is quiet); live-like streams of "
                + BEDS + " beds as the simulator makes them "
                + "(seq +1, device time advancing), encoded in batches of " + BEDS * WAVE_PERIODS + " wave or "
                + BEDS * NUMERICS_SECONDS + " numerics messages outside the timed region");

        Counting counting = new Counting();
        try (WardLink link = newLink(counting)) {
            LinkProbe probe = new LinkProbe(link);
            Loop dispatch = m -> probe.dispatch(m.topic(), m.payload());

            Ward.Source waves = Ward.waves(BEDS, WAVE_PERIODS, 250, start);
            CpuMeter cpu = CpuMeter.start();
            Figures w = measure(waves, dispatch, warmUp, iterations, iteration);
            Map<String, Object> cpuFigures = cpu.stop();
            Map<String, Object> wave = new LinkedHashMap<>();
            wave.put("messagesPerSecond", Stats.medianMinMax(w.rates));
            double[] sampleRates = w.rates.clone();
            for (int i = 0; i < sampleRates.length; i++) {
                sampleRates[i] *= w.countPerMessage;
            }
            wave.put("samplesPerSecond", Stats.medianMinMax(sampleRates));
            double median = ((Number) Stats.medianMinMax(w.rates).get("median")).doubleValue();
            wave.put("microsPerMessage", Stats.round(1e6 / median, 2));
            wave.put("samplesPerMessage", Stats.round(w.countPerMessage, 2));
            wave.put("bytesPerMessage", Math.round(w.bytesPerMessage));
            wave.put("bedsAtFourMessagesPerSecond", Math.round(median / 4));
            wave.put("warmUpSeconds", w.warmUpSeconds());
            wave.put("target", ">= 20000 wave messages/s on one core");
            wave.put("meetsTarget", median >= TARGET_WAVE_PER_SECOND);
            cpuFigures.put("note", "while measuring waves (batches are encoded between timed loops, on the same "
                    + "thread); the machine figure near 100 means nothing else was running");
            wave.put("cpu", cpuFigures);
            out.put("wave", wave);

            Figures d = measure(Ward.waves(BEDS, WAVE_PERIODS, 250, start), m -> {
                if (WireCodec.decodeWave(m.payload()) instanceof Decoded.Ok<Wave> ok) {
                    sink += ok.value().seq();
                } else {
                    throw new IllegalStateException("rejected " + m.topic());
                }
            }, o.seconds(2, 0.5), o.count(4, 2), iteration);
            Map<String, Object> dec = new LinkedHashMap<>();
            dec.put("messagesPerSecond", Stats.medianMinMax(d.rates));
            dec.put("note", "WireCodec.decodeWave alone: no topic parse, seq/flood checks, ring write or listener");
            out.put("waveDecodeOnly", dec);

            Counting numericsCounting = new Counting();
            Figures n;
            try (WardLink numericsLink = newLink(numericsCounting)) {
                // a ward of its own: the wave stream's device time ran far ahead of the wall clock, and numerics
                // starting back at the beginning would be taken as late backlog by the shared device clock
                LinkProbe numericsProbe = new LinkProbe(numericsLink);
                n = measure(Ward.numerics(BEDS, NUMERICS_SECONDS, start), m -> numericsProbe.dispatch(m.topic(), m.payload()),
                        o.seconds(3, 1), iterations, iteration);
                check(numericsLink, numericsCounting, 0, n.dispatched);
            }
            Map<String, Object> num = new LinkedHashMap<>();
            num.put("messagesPerSecond", Stats.medianMinMax(n.rates));
            num.put("valuesPerMessage", Stats.round(n.countPerMessage, 2));
            num.put("bytesPerMessage", Math.round(n.bytesPerMessage));
            out.put("numerics", num);

            check(link, counting, w.dispatched, 0);
            out.put("everyMessageHandedOffAsCurrent", true);
        }
        return out;
    }

    /** Every message must have been taken as current data: none rejected, late or duplicate. */
    private static void check(WardLink link, Counting counting, long waves, long numerics) {
        if (link.rejects().total() != 0 || counting.waves != waves || counting.numerics != numerics || counting.late != 0) {
            throw new IllegalStateException("not every message was handed off as current: " + link.rejects().total()
                    + " rejected " + link.rejects().snapshot() + ", waves " + counting.waves + " of " + waves
                    + ", numerics " + counting.numerics + " of " + numerics + ", late " + counting.late);
        }
    }

    static WardLink newLink(FeedListener listener) {
        // Never started: dispatch needs no broker. The URL is only validated.
        WardLink link = new WardLink(new LinkSettings("tcp://127.0.0.1:1", Ward.ID, "bench"),
                new WardLive(Ward.beds(BEDS)), Clock.systemUTC());
        link.addListener(listener);
        return link;
    }

    @FunctionalInterface
    interface Loop {
        void handle(Ward.Message m);
    }

    /** Per-iteration rates, and what the messages were like. */
    record Figures(double[] rates, long dispatched, double countPerMessage, double bytesPerMessage,
                   double warmUpSeconds) {
    }

    /**
     * Warm-up, then {@code iterations} timed runs of about {@code seconds} of handling each. Only the loop over a
     * batch is timed; making the next batch is not. The warm-up lasts at least {@code warmUpSeconds} of handling,
     * and goes on (up to three times as long, and at least 10 s) until the JIT compilers have been quiet for a
     * second: on a busy 2-core machine the compiler threads lag behind, and a timed iteration must not measure them.
     */
    static Figures measure(Ward.Source source, Loop loop, double warmUpSeconds, int iterations, double seconds) {
        long dispatched = 0;
        long count = 0;
        long bytes = 0;
        long timedMessages = 0;
        long warm = 0;
        long warmStarted = System.nanoTime();
        long checkedAt = warmStarted;
        long compiledMs = compilationMillis();
        boolean quiet = false;
        double maxWarmUpNanos = Math.max(3 * warmUpSeconds, 10) * 1e9;
        while (warm < warmUpSeconds * 1e9 || (!quiet && System.nanoTime() - warmStarted < maxWarmUpNanos)) {
            Ward.Message[] batch = source.next();
            warm += timed(batch, loop);
            dispatched += batch.length;
            long now = System.nanoTime();
            if (now - checkedAt >= 1_000_000_000L) {
                long c = compilationMillis();
                quiet = c - compiledMs < 20;
                compiledMs = c;
                checkedAt = now;
            }
        }
        double[] rates = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long spent = 0;
            long n = 0;
            while (spent < seconds * 1e9) {
                Ward.Message[] batch = source.next();
                spent += timed(batch, loop);
                n += batch.length;
                for (Ward.Message m : batch) {
                    count += m.count();
                    bytes += m.payload().length;
                }
            }
            dispatched += n;
            timedMessages += n;
            rates[i] = n / (spent / 1e9);
        }
        return new Figures(rates, dispatched, (double) count / timedMessages, (double) bytes / timedMessages,
                Stats.round(warm / 1e9, 1));
    }

    /** Total time the JIT compilers have spent so far, in ms (0 where the JVM does not tell). */
    private static long compilationMillis() {
        CompilationMXBean c = ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
    }

    /** Handles one batch; returns the nanoseconds it took. */
    private static long timed(Ward.Message[] batch, Loop loop) {
        long t0 = System.nanoTime();
        for (Ward.Message m : batch) {
            loop.handle(m);
        }
        return System.nanoTime() - t0;
    }

    /** The one listener: counts what was handed off, so that nothing of the work can be optimised away. */
    static final class Counting implements FeedListener {
        long waves;
        long numerics;
        long late;

        @Override
        public void onLateWave(BedLive bed, Wave wave, Instant receivedAt) {
            late++;
        }

        @Override
        public void onLateNumerics(BedLive bed, Numerics n, Instant receivedAt) {
            late++;
        }

        @Override
        public void onWave(BedLive bed, Wave wave, Instant receivedAt) {
            waves++;
        }

        @Override
        public void onNumerics(BedLive bed, Numerics n, Instant receivedAt) {
            numerics++;
        }
    }
}
