package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.testing.EmbeddedMqttBroker;
import org.vigil.testing.MqttTestClient;

/** {@code vigil sim --replay}: its option errors (one line, exit 2) and a short replay that ends by itself. */
class ReplayCommandTest {

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

    private static void assertOneLineError(Result r, String... names) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).as("one line").doesNotContain("\n").startsWith("vigil: ").contains(names);
    }

    /** A BIDMC-like record of 1 s at 125 Hz with its numerics. */
    private Path oneSecondRecording() throws Exception {
        String signals = IntStream.rangeClosed(0, 125).mapToObj(i -> String.format(Locale.ROOT, "%.3f,%.5f,%.5f,%.5f",
                i / 125.0, Math.sin(i / 10.0), 0.5 + 0.1 * Math.cos(i / 20.0), 0.01 * i)).collect(Collectors.joining("\n"));
        Files.writeString(dir.resolve("bidmc_99_Signals.csv"), "Time [s], II, PLETH, RESP\n" + signals + "\n");
        Files.writeString(dir.resolve("bidmc_99_Numerics.csv"), "Time [s], HR, PULSE, RESP, SpO2\n0,80,79,14,98\n1,81,NaN,14,98\n");
        return dir.resolve("bidmc_99");
    }

    @Test
    void aMissingOrBadRecordingOrOptionIsOneLineWithExitCode2() throws Exception {
        String url = "tcp://127.0.0.1:1";
        assertOneLineError(run("sim", "--broker", url, "--replay", dir.resolve("nope/101").toString()), "--replay",
                "101.hea");
        assertOneLineError(run("sim", "--broker", url, "--replay", dir.resolve("101.hea").toString()), "--replay",
                "101.hea");
        Files.writeString(dir.resolve("bad.hea"), "bad 1 360 10\nbad.dat 212 200\n");
        assertOneLineError(run("sim", "--broker", url, "--replay", dir.resolve("bad").toString()), "--replay", "bad.dat");
        Files.writeString(dir.resolve("worse.hea"), "worse x\r\n");
        assertOneLineError(run("sim", "--broker", url, "--replay", dir.resolve("worse.hea").toString()), "--replay",
                "worse.hea");
        String ok = oneSecondRecording().toString();
        assertOneLineError(run("sim", "--broker", url, "--replay", ok + "," + ok), "--replay", "bidmc-99");
        assertOneLineError(run("sim", "--broker", url, "--replay", ok, "--speed", "0"), "--speed");
        assertOneLineError(run("sim", "--broker", url, "--replay", ok, "--speed", "101"), "--speed");
        assertOneLineError(run("sim", "--broker", url, "--replay", ok, "--speed", "fast"), "--speed");
        assertOneLineError(run("sim", "--broker", url, "--replay", ok, "--beds", "-1"), "--beds");
        assertOneLineError(run("sim", "--broker", url, "--loop"), "--loop", "--replay");
        assertOneLineError(run("sim", "--broker", url, "--beds", "0"), "--beds");
    }

    @Test
    void helpDescribesTheReplayOptions() {
        Result help = run("sim", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--replay", "--speed", "--loop", "--beds");
    }

    @Test
    void aReplayWithoutLoopOrSimulatedBedsPublishesItsRecordingGoesOfflineAndEnds() throws Exception {
        String record = oneSecondRecording().toString();
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start();
             MqttTestClient live = new MqttTestClient().connect(broker.url())) {
            live.subscribe("ward/w1/bed/+/+", 1);
            Result r = run("sim", "--broker", broker.url(), "--ward", "w1", "--replay", record + "_Signals.csv");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(live.awaitMessage("ward/w1/bed/bidmc-99/status", Duration.ofSeconds(5)).text())
                    .contains("\"state\":\"online\"");
            assertThat(live.awaitMessage("ward/w1/bed/bidmc-99/numerics", Duration.ofSeconds(5)).text())
                    .contains("\"device\":\"replay-bidmc-99\"", "\"value\":80");
            assertThat(live.awaitMessage("ward/w1/bed/bidmc-99/status", Duration.ofSeconds(5)).text())
                    .isEqualTo("{\"v\":1,\"device\":\"replay-bidmc-99\",\"state\":\"offline\"}");
            List<String> waves = live.received().stream().filter(m -> m.topic().endsWith("/wave"))
                    .map(MqttTestClient.Received::text).toList();
            assertThat(waves).isNotEmpty().allMatch(w -> w.contains("MDC_ECG_ELEC_POTL_II") && w.contains("\"rate\":125"));
        }
    }
}
