package org.vigil.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Appends one run to {@code docs/benchmarks.md} as a new dated section: the command, the machine, a table of
 * every figure of every benchmark (nested figures as dotted names), and the run's JSON. What the file already
 * holds is kept as it is; a missing file is created with a short header.
 */
final class MarkdownReport {

    static final String HEADER = """
            # Benchmarks

            Measured figures of the Vigil station, appended by the benchmark harness (`bench/run`, module
            `benchmarks/`), newest last. Each section says when, on which machine and with which command.
            """;

    private MarkdownReport() {
    }

    /** Appends the run to {@code doc}, creating it (and its folder) with {@link #HEADER} if needed. */
    static void append(Path doc, Run run) throws IOException {
        StringBuilder sb = new StringBuilder();
        if (!Files.exists(doc)) {
            if (doc.getParent() != null) {
                Files.createDirectories(doc.getParent());
            }
            sb.append(HEADER);
        } else {
            String existing = Files.readString(doc, StandardCharsets.UTF_8);
            if (!existing.isEmpty() && !existing.endsWith("\n")) {
                sb.append('\n');
            }
        }
        sb.append(section(run));
        Files.writeString(doc, sb.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** One run: what was run, where and how, and what came out. */
    record Run(String date, boolean quick, String command, Map<String, Object> machine,
               List<Result> results, String json) {
    }

    record Result(String name, String description, Map<String, Object> figures) {
    }

    static String section(Run run) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n## ").append(run.date()).append(run.quick() ? " (quick run: smoke check, not for comparison)" : "")
                .append("\n\n");
        sb.append("- Command: `").append(run.command()).append("`\n");
        Object commit = run.machine().get("commit");
        if (commit != null) {
            sb.append("- Commit: ").append(commit).append('\n');
        }
        sb.append("- Machine: ").append(Machine.summary(run.machine())).append("\n");
        for (Result r : run.results()) {
            sb.append("\n### ").append(r.name()).append("\n\n").append(r.description()).append(".\n\n");
            sb.append("| figure | value |\n|---|---|\n");
            flatten("", r.figures(), sb);
        }
        sb.append("\n<details><summary>JSON of this run</summary>\n\n```json\n").append(run.json().strip())
                .append("\n```\n\n</details>\n");
        return sb.toString();
    }

    private static void flatten(String prefix, Map<String, Object> figures, StringBuilder sb) {
        for (Map.Entry<String, Object> e : figures.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) nested;
                flatten(key + ".", m, sb);
            } else {
                sb.append("| ").append(key).append(" | ").append(cell(e.getValue())).append(" |\n");
            }
        }
    }

    private static String cell(Object v) {
        String s = v instanceof Boolean b ? (b ? "**yes**" : "**NO**")
                : v instanceof Long || v instanceof Integer ? String.format(java.util.Locale.ROOT, "%,d", ((Number) v).longValue())
                : String.valueOf(v);
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
