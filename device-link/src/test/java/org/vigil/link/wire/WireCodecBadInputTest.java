package org.vigil.link.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract's bad input is dropped with a specific reason, never an exception. */
class WireCodecBadInputTest {

    private static final String WAVE_OK = "{\"v\":1,\"device\":\"d\",\"seq\":1,\"t0\":\"2026-11-24T05:00:01.000Z\","
            + "\"channels\":[{\"code\":\"MDC_ECG_ELEC_POTL_II\",\"rate\":250,\"unit\":\"mV\",\"scale\":0.005,\"samples\":[1,2,3]}]}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON | NOT_JSON | {\"v\":1,",
            "array root | WRONG_TYPE | [1,2]",
            "unknown version | UNKNOWN_VERSION | " + "{\"v\":2,\"device\":\"d\",\"seq\":1,\"t0\":\"2026-11-24T05:00:01.000Z\",\"channels\":[]}",
            "missing channels | MISSING_FIELD | {\"v\":1,\"device\":\"d\",\"seq\":1,\"t0\":\"2026-11-24T05:00:01.000Z\"}",
            "empty channels | OUT_OF_RANGE | {\"v\":1,\"device\":\"d\",\"seq\":1,\"t0\":\"2026-11-24T05:00:01.000Z\",\"channels\":[]}",
            "zero rate | OUT_OF_RANGE | {\"v\":1,\"device\":\"d\",\"seq\":1,\"t0\":\"2026-11-24T05:00:01.000Z\",\"channels\":[{\"code\":\"X\",\"rate\":0,\"unit\":\"mV\",\"scale\":1,\"samples\":[1]}]}",
            "rate over 2000 | OUT_OF_RANGE | {\"v\":1,\"device\":\"d\",\"seq\":1,\"t0\":\"2026-11-24T05:00:01.000Z\",\"channels\":[{\"code\":\"X\",\"rate\":2001,\"unit\":\"mV\",\"scale\":1,\"samples\":[1]}]}",
            "zero scale | OUT_OF_RANGE | {\"v\":1,\"device\":\"d\",\"seq\":1,\"t0\":\"2026-11-24T05:00:01.000Z\",\"channels\":[{\"code\":\"X\",\"rate\":250,\"unit\":\"mV\",\"scale\":0,\"samples\":[1]}]}",
            "string sample | WRONG_TYPE | {\"v\":1,\"device\":\"d\",\"seq\":1,\"t0\":\"2026-11-24T05:00:01.000Z\",\"channels\":[{\"code\":\"X\",\"rate\":250,\"unit\":\"mV\",\"scale\":1,\"samples\":[1,\"2\"]}]}",
            "fractional sample | WRONG_TYPE | {\"v\":1,\"device\":\"d\",\"seq\":1,\"t0\":\"2026-11-24T05:00:01.000Z\",\"channels\":[{\"code\":\"X\",\"rate\":250,\"unit\":\"mV\",\"scale\":1,\"samples\":[1.5]}]}",
            "bad time | WRONG_TYPE | {\"v\":1,\"device\":\"d\",\"seq\":1,\"t0\":\"yesterday\",\"channels\":[{\"code\":\"X\",\"rate\":250,\"unit\":\"mV\",\"scale\":1,\"samples\":[1]}]}",
            "negative seq | WRONG_TYPE | {\"v\":1,\"device\":\"d\",\"seq\":-1,\"t0\":\"2026-11-24T05:00:01.000Z\",\"channels\":[{\"code\":\"X\",\"rate\":250,\"unit\":\"mV\",\"scale\":1,\"samples\":[1]}]}",
            "NaN rate | NOT_JSON | {\"v\":1,\"device\":\"d\",\"seq\":1,\"t0\":\"2026-11-24T05:00:01.000Z\",\"channels\":[{\"code\":\"X\",\"rate\":NaN,\"unit\":\"mV\",\"scale\":1,\"samples\":[1]}]}",
    })
    void badWaveIsRejectedWithItsReason(String what, RejectReason reason, String json) {
        Decoded<?> d = WireCodec.decodeWave(json.getBytes(StandardCharsets.UTF_8));
        assertThat(d).isInstanceOf(Decoded.Rejected.class);
        assertThat(((Decoded.Rejected<?>) d).reason()).as(what).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "string value | WRONG_TYPE | {\"v\":1,\"device\":\"d\",\"time\":\"2026-11-24T05:00:01.000Z\",\"seq\":1,\"values\":[{\"code\":\"X\",\"value\":\"72\",\"unit\":\"/min\"}]}",
            "missing unit | MISSING_FIELD | {\"v\":1,\"device\":\"d\",\"time\":\"2026-11-24T05:00:01.000Z\",\"seq\":1,\"values\":[{\"code\":\"X\",\"value\":72}]}",
            "missing device | MISSING_FIELD | {\"v\":1,\"time\":\"2026-11-24T05:00:01.000Z\",\"seq\":1,\"values\":[]}",
            "values not array | WRONG_TYPE | {\"v\":1,\"device\":\"d\",\"time\":\"2026-11-24T05:00:01.000Z\",\"seq\":1,\"values\":{}}",
            "huge number | OUT_OF_RANGE | {\"v\":1,\"device\":\"d\",\"time\":\"2026-11-24T05:00:01.000Z\",\"seq\":1,\"values\":[{\"code\":\"X\",\"value\":1e999,\"unit\":\"/min\"}]}",
    })
    void badNumericsIsRejectedWithItsReason(String what, RejectReason reason, String json) {
        Decoded<?> d = WireCodec.decodeNumerics(json.getBytes(StandardCharsets.UTF_8));
        assertThat(d).isInstanceOf(Decoded.Rejected.class);
        assertThat(((Decoded.Rejected<?>) d).reason()).as(what).isEqualTo(reason);
    }

    @org.junit.jupiter.api.Test
    void nonUtf8DeepNestingAndOversizeAreRejected() {
        byte[] latin1 = "{\"v\":1,\"device\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(reason(WireCodec.decodeWave(latin1))).isEqualTo(RejectReason.NOT_UTF8);
        String deep = "{\"v\":1,\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
        assertThat(reason(WireCodec.decodeWave(deep.getBytes(StandardCharsets.UTF_8)))).isEqualTo(RejectReason.TOO_DEEP);
        byte[] huge = new byte[WireCodec.MAX_PAYLOAD_BYTES + 1];
        assertThat(reason(WireCodec.decodeWave(huge))).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(WireCodec.decodeWave(WAVE_OK.getBytes(StandardCharsets.UTF_8))).isInstanceOf(Decoded.Ok.class);
    }

    @org.junit.jupiter.api.Test
    void aRejectKnowsTheDeviceWhenItCouldReadIt() {
        Decoded<?> d = WireCodec.decodeWave("{\"v\":1,\"device\":\"mon-9\",\"seq\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(((Decoded.Rejected<?>) d).device()).isEqualTo("mon-9");
    }

    private static RejectReason reason(Decoded<?> d) {
        return ((Decoded.Rejected<?>) d).reason();
    }
}
