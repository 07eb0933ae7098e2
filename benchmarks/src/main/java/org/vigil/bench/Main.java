package org.vigil.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness: runs the registered benchmarks, prints their figures as JSON on stdout and appends them to
 * {@code docs/benchmarks.md}. Progress goes to stderr.
 *
 * <pre>
 * java -Xmx1g -XX:+UseZGC -jar benchmarks/target/vigil-benchmarks.jar \
 *     [--quick] [--only NAME]... [--no-doc] [--doc FILE] [--list]
 * </pre>
 */
public final class Main {

    private static final String USAGE = """
            usage: bench/run [options]
               or: java -Xmx1g -XX:+UseZGC -jar benchmarks/target/vigil-benchmarks.jar [options]
              --quick        short warm-ups and measurements (a smoke check; figures not for comparison)
              --only NAME    run only this benchmark (repeatable, or comma-separated); see --list
              --list         list the benchmarks and exit
              --no-doc       do not append to docs/benchmarks.md (JSON on stdout only)
              --doc FILE     append to FILE instead of docs/benchmarks.md of this repository
            """;

    /** The station's heap and GC options, as the installer gives them to the packaged app. */
    static final String STATION_JVM = "-Xmx1g -XX:+UseZGC";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // the station's own logback.xml is on the class path too (vigil-app): name ours, so that logs go to stderr
        // and stdout stays pure JSON
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "bench-logback.xml");
        }
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        boolean quick = false;
        boolean doc = true;
        Path docPath = null;
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--no-doc" -> doc = false;
                case "--only", "--doc" -> {
                    if (i + 1 >= args.length) {
                        err.print(args[i] + " needs a value\n" + USAGE);
                        return 2;
                    }
                    if (args[i].equals("--only")) {
                        for (String n : args[++i].split(",")) {
                            if (!n.isBlank()) {
                                only.add(n.trim());
                            }
                        }
                    } else {
                        docPath = Path.of(args[++i]);
                    }
                }
                case "--list" -> {
                    for (Benchmark b : Benchmarks.all()) {
                        out.println(b.name() + "\t" + b.description());
                    }
                    return 0;
                }
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return 0;
                }
                default -> {
                    err.print("unknown option " + args[i] + "\n" + USAGE);
                    return 2;
                }
            }
        }
        List<Benchmark> selected;
        try {
            selected = Benchmarks.select(only);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Path root = repoRoot();
        if (doc && docPath == null) {
            if (root == null) {
                err.println("cannot find the repository (benchmarks/pom.xml) from here: give --doc FILE or --no-doc");
                return 2;
            }
            docPath = root.resolve("docs/benchmarks.md");
        }

        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String command = System.getProperty("vigil.bench.command",
                "java " + String.join(" ", Machine.jvmArgs()) + " -jar benchmarks/target/vigil-benchmarks.jar"
                        + (args.length == 0 ? "" : " " + String.join(" ", args)));
        Map<String, Object> machine = Machine.describe(root);
        if (!String.valueOf(machine.get("gc")).contains("ZGC")) {
            err.println("[bench] note: this JVM runs " + machine.get("gc") + "; the station ships with " + STATION_JVM
                    + " (installer/pom.xml), which the latency tail depends on: use bench/run, or java " + STATION_JVM
                    + " -jar benchmarks/target/vigil-benchmarks.jar");
        }

        Map<String, Object> benchmarks = new LinkedHashMap<>();
        List<MarkdownReport.Result> results = new ArrayList<>();
        boolean failed = false;
        for (Benchmark b : selected) {
            err.println("[bench] " + b.name() + (quick ? " (quick)" : "") + ": " + b.description());
            long t0 = System.nanoTime();
            Map<String, Object> figures;
            try {
                figures = b.run(new RunOptions(quick));
            } catch (Exception | Error e) {
                failed = true;
                figures = Map.of("error", String.valueOf(e));
                e.printStackTrace(err);
            }
            err.printf("[bench] %s done in %.1f s%n", b.name(), (System.nanoTime() - t0) / 1e9);
            if (figures.containsKey("skipped")) {
                err.println("[bench] " + b.name() + " SKIPPED: " + figures.get("skipped"));
            }
            benchmarks.put(b.name(), figures);
            results.add(new MarkdownReport.Result(b.name(), b.description(), figures));
        }

        machine.put("loadAverageAtEnd", Machine.loadAverage());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", date);
        json.put("mode", quick ? "quick" : "full");
        json.put("command", command);
        json.put("machine", machine);
        json.put("benchmarks", benchmarks);
        String text = toJson(json);
        out.println(text);
        out.flush();
        if (doc) {
            MarkdownReport.append(docPath, new MarkdownReport.Run(date, quick, command, machine, results, text));
            err.println("[bench] appended to " + docPath);
        }
        return failed ? 1 : 0;
    }

    static String toJson(Object value) throws JsonProcessingException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
    }

    /** The repository root: from this jar's place (benchmarks/target/), else upwards from the working folder. */
    static Path repoRoot() {
        List<Path> starts = new ArrayList<>();
        try {
            starts.add(Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | RuntimeException ignored) {
            // fall back to the working folder
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path p = start; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("benchmarks/pom.xml")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                    return p;
                }
            }
        }
        return null;
    }
}
