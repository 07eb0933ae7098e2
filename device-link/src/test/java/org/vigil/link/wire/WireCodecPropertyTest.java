package org.vigil.link.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.Wave;
import org.vigil.data.model.WaveChannel;

/** No input makes the decoder throw; well-formed messages decode exactly. */
class WireCodecPropertyTest {

    @Property(tries = 2000)
    void arbitraryBytesNeverEscapeAsAnException(@ForAll @Size(max = 400) byte[] payload) {
        for (var d : decodeAll(payload)) {
            assertThat(d).isNotNull();
        }
    }

    @Property(tries = 1000)
    void arbitraryJsonNeverEscapesAsAnException(@ForAll("json") String json) {
        for (var d : decodeAll(json.getBytes(StandardCharsets.UTF_8))) {
            assertThat(d).isNotNull();
        }
    }

    @Property(tries = 500)
    void wellFormedWavesDecodeExactly(@ForAll("waves") Wave wave) {
        Decoded<Wave> d = WireCodec.decodeWave(WireCodec.encode(wave));
        assertThat(d).isEqualTo(new Decoded.Ok<>(wave));
    }

    @Property(tries = 500)
    void wellFormedNumericsDecodeExactly(@ForAll("numerics") Numerics n) {
        Decoded<Numerics> d = WireCodec.decodeNumerics(WireCodec.encode(n));
        assertThat(d).isEqualTo(new Decoded.Ok<>(n));
    }

    private static List<Decoded<?>> decodeAll(byte[] p) {
        return List.of(WireCodec.decodeNumerics(p), WireCodec.decodeWave(p), WireCodec.decodeStatus(p),
                WireCodec.decodeEvent(p), WireCodec.decodeAlarm(p), WireCodec.decodeSettings(p),
                WireCodec.decodeAudioPause(p), WireCodec.decodeHealth(p));
    }

    @Provide
    Arbitrary<String> json() {
        Arbitrary<String> keys = Arbitraries.of("v", "device", "seq", "t0", "time", "channels", "values", "code", "rate",
                "unit", "scale", "offset", "samples", "state", "battery", "leads", "priority", "phase", "id", "condition");
        Arbitrary<String> scalars = Arbitraries.oneOf(Arbitraries.of("1", "0", "-1", "null", "true", "\"x\"",
                        "\"2026-11-24T05:00:01.000Z\"", "1e308", "-0.0", "2000", "20001", "\"online\"", "\"high\""),
                Arbitraries.integers().map(String::valueOf), Arbitraries.doubles().map(String::valueOf),
                Arbitraries.strings().ofMaxLength(8).map(s -> "\"" + s.replace("\\", "").replace("\"", "") + "\""));
        return Arbitraries.recursive(() -> scalars, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]"),
                Combinators.combine(keys.list().ofMaxSize(5), inner.list().ofSize(5)).as((ks, vs) -> {
                    List<String> fields = new ArrayList<>();
                    for (int i = 0; i < ks.size(); i++) {
                        fields.add("\"" + ks.get(i) + "\":" + vs.get(i));
                    }
                    return "{" + String.join(",", fields) + "}";
                })), 4);
    }

    private static Arbitrary<Instant> times() {
        return Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
    }

    @Provide
    Arbitrary<Wave> waves() {
        Arbitrary<WaveChannel> channel = Combinators.combine(
                Arbitraries.of("MDC_ECG_ELEC_POTL_II", "MDC_PULS_OXIM_PLETH", "MDC_IMPED_TTHOR", "X_UNKNOWN"),
                Arbitraries.of(1.0, 62.5, 125.0, 250.0, 360.0, 2000.0),
                Arbitraries.of(0.005, 0.01, 1.0, -2.5, 1e-6),
                Arbitraries.of(0.0, -1024.0 / 200, 3.25),
                Arbitraries.integers().array(int[].class).ofMinSize(1).ofMaxSize(300),
                times()).as((code, rate, scale, offset, samples, t0) ->
                new WaveChannel(code, rate, "mV", scale, offset, samples, t0));
        return Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20),
                        Arbitraries.longs().between(0, Long.MAX_VALUE), times(), channel.list().ofMinSize(1).ofMaxSize(4))
                .as(Wave::new);
    }

    @Provide
    Arbitrary<Numerics> numerics() {
        return times().flatMap(t -> {
            Arbitrary<NumericValue> value = Combinators.combine(
                    Arbitraries.of("MDC_ECG_HEART_RATE", "MDC_PULS_OXIM_SAT_O2", "MDC_TEMP_BODY", "MDC_UNKNOWN_X"),
                    Arbitraries.oneOf(Arbitraries.doubles().between(-1e6, 1e6), Arbitraries.just((Double) null)),
                    Arbitraries.of("/min", "%", "Cel", "mm[Hg]"),
                    Arbitraries.oneOf(Arbitraries.just(t), times())).as((code, v, unit, time) ->
                    new NumericValue(code, v, unit, time, v == null ? "sensor-off" : null));
            return Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20),
                    Arbitraries.longs().between(0, Long.MAX_VALUE), value.list().ofMaxSize(10))
                    .as((device, seq, values) -> new Numerics(device, t, seq, values));
        });
    }
}
