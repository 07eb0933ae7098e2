package org.vigil.bench;

import java.util.Map;

/**
 * One benchmark of the harness. To add one: implement this, give it a short kebab-case {@link #name()} and add
 * it to {@link Benchmarks#all()}. {@link #run} returns its figures as an ordered map (numbers, strings, booleans,
 * nested maps); by convention a figure with a target also gives {@code target} (in words) and
 * {@code meetsTarget}, and a benchmark that cannot run here returns {@link #skipped(String)}.
 */
public interface Benchmark {

    /** Short kebab-case name, used by {@code --only NAME}. */
    String name();

    /** One line: what is measured, in words. */
    String description();

    /** Runs the benchmark (shorter when {@link RunOptions#quick()}) and returns its figures. */
    Map<String, Object> run(RunOptions options) throws Exception;

    /** The figures of a benchmark that could not run on this machine, with the reason. */
    static Map<String, Object> skipped(String reason) {
        return Map.of("skipped", reason);
    }
}
