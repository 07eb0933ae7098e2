package org.vigil.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry: every benchmark of the harness, in the order a full run runs them. */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static List<Benchmark> all() {
        return List.of(
                new DecodeThroughput(),
                new WakeupLatency(),
                new MqttLatency(),
                new AlarmLatency(),
                new WaveformCodecBenchmark(),
                new RecordingBenchmark(),
                new EmrDrain());
    }

    /** The benchmarks called {@code names} (all when empty), in registry order. */
    public static List<Benchmark> select(List<String> names) {
        if (names.isEmpty()) {
            return all();
        }
        Map<String, Benchmark> byName = new LinkedHashMap<>();
        all().forEach(b -> byName.put(b.name(), b));
        for (String n : names) {
            if (!byName.containsKey(n)) {
                throw new IllegalArgumentException("no benchmark '" + n + "'; there are: " + String.join(", ", byName.keySet()));
            }
        }
        List<Benchmark> out = new ArrayList<>();
        for (Benchmark b : all()) {
            if (names.contains(b.name())) {
                out.add(b);
            }
        }
        return out;
    }
}
