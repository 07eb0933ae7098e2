package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options, config file and their errors: a wrong one is one line that names it, exit code 2. */
class CommandLineTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static StationConfig resolve(String... args) {
        VigilCommand c = new VigilCommand();
        new picocli.CommandLine(c).parseArgs(args);
        return c.resolve();
    }

    @Test
    void helpListsEveryOptionAndVersionSaysWhatItIs() {
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--config", "--headless", "--broker", "--embedded-port", "--ward", "--station",
                "--simulate", "--data-dir", "sim");
        Result version = run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("Vigil ");
    }

    @Test
    void anUnknownOptionIsOneLineNamingItWithExitCode2() {
        Result r = run("--bogus");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--bogus");
    }

    @Test
    void wrongValuesAreOneLineNamingTheOption() {
        assertOneLineError(run("--embedded-port", "abc"), "--embedded-port");
        assertOneLineError(run("--embedded-port", "70000", "--data-dir", dir.toString()), "--embedded-port");
        assertOneLineError(run("--ward", "icu 3", "--data-dir", dir.toString()), "--ward");
        assertOneLineError(run("--station", "a/b", "--data-dir", dir.toString()), "--station");
        assertOneLineError(run("--broker", "http://host:80", "--data-dir", dir.toString()), "--broker");
        assertOneLineError(run("--simulate", "-1", "--data-dir", dir.toString()), "--simulate");
        assertOneLineError(run("--config", dir.resolve("missing.yaml").toString()), "--config");
        assertOneLineError(run("sim", "--broker", "tcp://127.0.0.1:1", "--beds", "0"), "--beds");
    }

    private static void assertOneLineError(Result r, String names) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).as("one line").doesNotContain("\n").startsWith("vigil: ").contains(names);
    }

    @Test
    void defaultsAreTheEmbeddedBrokerAndTwelveSimulatedBeds() {
        StationConfig c = resolve("--data-dir", dir.toString());
        assertThat(c.embedded()).isTrue();
        assertThat(c.embeddedPort()).isEqualTo(1883);
        assertThat(c.effectiveBrokerUrl()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(c.simulate()).isEqualTo(12);
        assertThat(c.beds()).hasSize(12);
        assertThat(c.beds().get(0).id()).isEqualTo("01");
        assertThat(c.headless()).isFalse();
        assertThat(c.station()).matches("[A-Za-z0-9_-]{1,64}");
        assertThat(c.noDataAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aWardBrokerMeansNoSimulationUnlessAsked() {
        assertThat(resolve("--broker", "tcp://broker.ward:1883").simulate()).isZero();
        assertThat(resolve("--broker", "tcp://broker.ward:1883").beds()).isEmpty();
        assertThat(resolve("--broker", "tcp://broker.ward:1883", "--simulate", "3").simulate()).isEqualTo(3);
    }

    @Test
    void theConfigFileHasAKeyForEveryOptionAndTheCommandLineWins() throws Exception {
        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, """
                headless: true
                broker: tcp://10.1.2.3:1883
                embeddedPort: 1999
                ward: icu3
                station: cs-1
                simulate: 2
                dataDir: /var/lib/vigil
                noDataSeconds: 15
                beds:
                  - id: "07"
                    label: Bed 7
                  - id: "08"
                """);
        StationConfig c = resolve("--config", file.toString(), "--station", "cs-2");
        assertThat(c.headless()).isTrue();
        assertThat(c.brokerUrl()).isEqualTo("tcp://10.1.2.3:1883");
        assertThat(c.embeddedPort()).isEqualTo(1999);
        assertThat(c.ward()).isEqualTo("icu3");
        assertThat(c.station()).isEqualTo("cs-2");
        assertThat(c.simulate()).isEqualTo(2);
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/vigil"));
        assertThat(c.noDataAfter()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.beds()).extracting(b -> b.id() + "=" + b.label()).containsExactly("07=Bed 7", "08=08");
    }

    @Test
    void anUnknownConfigKeyIsNamed() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "ward: icu3\nbrokr: tcp://x:1\n");
        Result r = run("--config", file.toString());
        assertOneLineError(r, "brokr");
        Files.writeString(file, "beds:\n  - id: \"07\"\n  - id: \"07\"\n");
        assertOneLineError(run("--config", file.toString()), "listed twice");
        Files.writeString(file, "embeddedPort: lots\n");
        assertOneLineError(run("--config", file.toString()), "embeddedPort");
    }
}
