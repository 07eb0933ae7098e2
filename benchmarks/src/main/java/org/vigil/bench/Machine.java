package org.vigil.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** What the figures were measured on: CPU, cores, RAM, OS, JDK, JVM, load, and the commit of the work tree. */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> describe(Path repoRoot) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpuinfo("model name").orElse(System.getProperty("os.arch")));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("ramGiB", meminfoGiB().map(g -> (Object) g).orElse("unknown"));
        m.put("os", osRelease().orElse(System.getProperty("os.name")) + " (" + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", " + System.getProperty("os.arch") + ")");
        m.put("jdk", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.name") + ")");
        m.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", ")));
        List<String> args = jvmArgs();
        m.put("jvmArgs", args.isEmpty() ? "(none)" : String.join(" ", args));
        m.put("maxHeapMb", Math.round(Runtime.getRuntime().maxMemory() / 1048576.0));
        m.put("loadAverageAtStart", loadAverage());
        if (repoRoot != null) {
            git(repoRoot, "rev-parse", "--short", "HEAD").ifPresent(c -> {
                boolean dirty = git(repoRoot, "status", "--porcelain", "--untracked-files=no").map(s -> !s.isBlank()).orElse(false);
                m.put("commit", c + (dirty ? " (with uncommitted changes)" : ""));
            });
        }
        return m;
    }

    /** This JVM's options, less the harness's own {@code -Dvigil.bench.*}. */
    static List<String> jvmArgs() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-Dvigil.bench.")).toList();
    }

    /** The 1, 5 and 15 minute load averages. */
    static String loadAverage() {
        return read(Path.of("/proc/loadavg")).map(s -> String.join(" ", List.of(s.trim().split("\\s+")).subList(0, 3)))
                .orElse("unknown");
    }

    /** One line for the markdown section. */
    static String summary(Map<String, Object> m) {
        return m.get("cpu") + ", " + m.get("cores") + " cores, " + m.get("ramGiB") + " GiB RAM; " + m.get("os") + "; "
                + m.get("jdk") + ", " + m.get("gc") + ", max heap " + m.get("maxHeapMb") + " MB, JVM args: "
                + m.get("jvmArgs") + "; load average at start " + m.get("loadAverageAtStart")
                + (m.containsKey("loadAverageAtEnd") ? ", at end " + m.get("loadAverageAtEnd") : "");
    }

    private static Optional<String> cpuinfo(String key) {
        return read(Path.of("/proc/cpuinfo")).flatMap(s -> s.lines()
                .filter(l -> l.startsWith(key))
                .map(l -> l.substring(l.indexOf(':') + 1).trim().replaceAll("\\s+", " "))
                .findFirst());
    }

    private static Optional<Double> meminfoGiB() {
        return read(Path.of("/proc/meminfo")).flatMap(s -> s.lines()
                .filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0)
                .map(g -> Math.round(g * 10) / 10.0)
                .findFirst());
    }

    private static Optional<String> osRelease() {
        return read(Path.of("/etc/os-release")).flatMap(s -> s.lines()
                .filter(l -> l.startsWith("PRETTY_NAME="))
                .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", ""))
                .findFirst());
    }

    private static Optional<String> read(Path p) {
        try {
            return Files.isReadable(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> git(Path dir, String... args) {
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
