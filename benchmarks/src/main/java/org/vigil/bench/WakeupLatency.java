package org.vigil.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A baseline of the machine, not of Vigil: how late a sleeping thread wakes from a 2 ms timed sleep, and how long a
 * hand-off to a parked thread takes (stamp, unpark, the other thread reads the clock). Every MQTT message crosses
 * several such wake-ups (device client's sender thread, the broker, the station client's receiver and callback
 * threads), so their tail bounds the tail of the arrival-to-ring latency on this machine.
 */
final class WakeupLatency implements Benchmark {

    private static final long PERIOD = 2_000_000L;

    @Override
    public String name() {
        return "wakeup-latency";
    }

    @Override
    public String description() {
        return "Machine baseline: lateness of a thread waking from a 2 ms sleep, and of a hand-off to a parked thread "
                + "(each MQTT message crosses several such wake-ups)";
    }

    @Override
    public Map<String, Object> run(RunOptions o) throws Exception {
        double seconds = o.seconds(10, 3);
        int n = (int) (seconds * 1e9 / PERIOD);
        long[] sleepLate = new long[n];
        long[] handoff = new long[n];
        Handoff receiver = new Handoff(handoff);
        Thread rx = Thread.ofPlatform().name("bench-handoff-receiver").daemon().start(receiver);
        CpuMeter cpu = CpuMeter.start();
        long due = System.nanoTime() + PERIOD;
        for (int i = 0; i < n; i++) {
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long now = System.nanoTime();
            sleepLate[i] = now - due;
            receiver.send(i, rx);
            due += PERIOD;
        }
        receiver.done = true;
        LockSupport.unpark(rx);
        rx.join(1_000);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", n + " wake-ups every 2 ms over " + seconds + " s");
        out.put("timedSleepLate", figures(sleepLate, n));
        out.put("handoffToParkedThread", figures(handoff, receiver.received));
        Map<String, Object> c = cpu.stop();
        c.put("note", "the machine figure includes anything else running");
        out.put("cpu", c);
        return out;
    }

    private static Map<String, Object> figures(long[] values, int count) {
        long[] s = Arrays.copyOf(values, count);
        Arrays.sort(s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        if (count == 0) {
            return m;
        }
        m.put("p50Ms", Stats.ms(Stats.percentile(s, 50)));
        m.put("p99Ms", Stats.ms(Stats.percentile(s, 99)));
        m.put("p999Ms", Stats.ms(Stats.percentile(s, 99.9)));
        m.put("maxMs", Stats.ms(s[s.length - 1]));
        return m;
    }

    /** The parked side: records how long after the stamp it ran. */
    private static final class Handoff implements Runnable {
        private final long[] latencies;
        private volatile long stamp;
        private volatile int seq = -1;
        volatile boolean done;
        int received;

        Handoff(long[] latencies) {
            this.latencies = latencies;
        }

        void send(int i, Thread to) {
            stamp = System.nanoTime();
            seq = i;
            LockSupport.unpark(to);
        }

        @Override
        public void run() {
            int seen = -1;
            while (!done) {
                LockSupport.park();
                int s = seq;
                if (s != seen) {
                    long now = System.nanoTime();
                    if (s == seen + 1 && received < latencies.length) { // a missed one would be measured late
                        latencies[received++] = now - stamp;
                    }
                    seen = s;
                }
            }
        }
    }
}
