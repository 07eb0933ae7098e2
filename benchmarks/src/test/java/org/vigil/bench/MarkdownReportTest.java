package org.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

    private static MarkdownReport.Run run(String date) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", "Test CPU");
        machine.put("cores", 2);
        machine.put("commit", "abc1234");
        Map<String, Object> wave = new LinkedHashMap<>();
        wave.put("messagesPerSecond", Map.of("median", 42_000L));
        wave.put("meetsTarget", true);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("wave", wave);
        return new MarkdownReport.Run(date, false, "bench/run", machine,
                List.of(new MarkdownReport.Result("decode-throughput", "One thread", figures)), "{\"x\": 1}");
    }

    @Test
    void appendsADatedSectionAndKeepsWhatIsThere(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("docs/benchmarks.md");
        Files.createDirectories(doc.getParent());
        Files.writeString(doc, "# Benchmarks\n\nA header someone wrote", StandardCharsets.UTF_8);

        MarkdownReport.append(doc, run("2026-01-02 03:04 UTC"));
        MarkdownReport.append(doc, run("2026-01-03 03:04 UTC"));

        String text = Files.readString(doc, StandardCharsets.UTF_8);
        assertThat(text).startsWith("# Benchmarks\n\nA header someone wrote\n");
        assertThat(text).contains("## 2026-01-02 03:04 UTC", "## 2026-01-03 03:04 UTC", "- Command: `bench/run`",
                "- Commit: abc1234", "Test CPU, 2 cores", "### decode-throughput",
                "| wave.messagesPerSecond.median | 42,000 |", "| wave.meetsTarget | **yes** |", "```json\n{\"x\": 1}\n```");
        assertThat(text.indexOf("2026-01-02")).isLessThan(text.indexOf("2026-01-03"));
    }

    @Test
    void createsTheFileWithAHeader(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("benchmarks.md");
        MarkdownReport.append(doc, run("2026-01-02 03:04 UTC"));
        assertThat(Files.readString(doc, StandardCharsets.UTF_8)).startsWith("# Benchmarks\n").contains("## 2026-01-02");
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(Stats.percentile(sorted, 50)).isEqualTo(50);
        assertThat(Stats.percentile(sorted, 99)).isEqualTo(99);
        assertThat(Stats.percentile(sorted, 100)).isEqualTo(100);
        assertThat(Stats.percentile(new long[] {7}, 99)).isEqualTo(7);
    }

    @Test
    void theRegistryFindsBenchmarksByName() {
        assertThat(Benchmarks.all()).extracting(Benchmark::name).containsExactly("decode-throughput", "wakeup-latency",
                "mqtt-latency", "alarm-latency", "waveform-codec", "recording", "emr-drain");
        assertThat(Benchmarks.select(List.of("mqtt-latency"))).extracting(Benchmark::name).containsExactly("mqtt-latency");
        assertThat(Benchmarks.select(List.of("alarm-latency"))).extracting(Benchmark::name).containsExactly("alarm-latency");
    }
}
