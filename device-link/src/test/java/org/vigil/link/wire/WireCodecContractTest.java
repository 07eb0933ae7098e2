package org.vigil.link.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.data.model.AlarmMessage;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.DeviceEvent;
import org.vigil.data.model.DeviceState;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.Limit;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.Numerics;
import org.vigil.data.model.PatientCategory;
import org.vigil.data.model.StationHealth;
import org.vigil.data.model.WardAudioPause;
import org.vigil.data.model.Wave;
import org.vigil.data.model.WaveChannel;

/** Every example payload of the wire contract decodes to the values it shows, and encoding round-trips. */
class WireCodecContractTest {

    static byte[] example(String name) {
        try (InputStream in = WireCodecContractTest.class.getResourceAsStream("/contract/" + name + ".json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static <T> T ok(Decoded<T> d) {
        assertThat(d).isInstanceOf(Decoded.Ok.class);
        return ((Decoded.Ok<T>) d).value();
    }

    @Test
    void numericsExample() {
        Numerics n = ok(WireCodec.decodeNumerics(example("numerics")));
        assertThat(n.device()).isEqualTo("mon-icu3-07");
        assertThat(n.time()).isEqualTo(Instant.parse("2026-11-24T05:00:01.000Z"));
        assertThat(n.seq()).isEqualTo(1842);
        assertThat(n.values()).hasSize(9);
        assertThat(n.find("MDC_ECG_HEART_RATE").value()).isEqualTo(72.0);
        assertThat(n.find("MDC_ECG_HEART_RATE").time()).isEqualTo(n.time());
        assertThat(n.find("MDC_PULS_OXIM_SAT_O2").value()).isEqualTo(97.0);
        assertThat(n.find("MDC_PULS_OXIM_PULS_RATE").value()).isEqualTo(71.0);
        assertThat(n.find("MDC_RESP_RATE").value()).isEqualTo(16.0);
        NumericValue sys = n.find("MDC_PRESS_BLD_NONINV_SYS");
        assertThat(sys.value()).isEqualTo(121.0);
        assertThat(sys.unit()).isEqualTo("mm[Hg]");
        assertThat(sys.time()).isEqualTo(Instant.parse("2026-11-24T04:58:40.000Z"));
        assertThat(n.find("MDC_PRESS_BLD_NONINV_DIA").value()).isEqualTo(79.0);
        assertThat(n.find("MDC_PRESS_BLD_NONINV_MEAN").value()).isEqualTo(93.0);
        assertThat(n.find("MDC_TEMP_BODY").value()).isEqualTo(36.8);
        assertThat(n.find("MDC_TEMP_BODY").unit()).isEqualTo("Cel");
        NumericValue co2 = n.find("MDC_CONC_AWAY_CO2_ET");
        assertThat(co2.value()).isNull();
        assertThat(co2.invalid()).isEqualTo("sensor-off");
        assertThat(co2.isValid()).isFalse();
    }

    @Test
    void waveExample() {
        Wave w = ok(WireCodec.decodeWave(example("wave")));
        assertThat(w.device()).isEqualTo("mon-icu3-07");
        assertThat(w.seq()).isEqualTo(9001);
        assertThat(w.t0()).isEqualTo(Instant.parse("2026-11-24T05:00:01.000Z"));
        assertThat(w.channels()).hasSize(3);
        WaveChannel ecg = w.channels().get(0);
        assertThat(ecg.code()).isEqualTo("MDC_ECG_ELEC_POTL_II");
        assertThat(ecg.rate()).isEqualTo(250);
        assertThat(ecg.unit()).isEqualTo("mV");
        assertThat(ecg.scale()).isEqualTo(0.005);
        assertThat(ecg.samples()).containsExactly(0, 2, 5, 4, 1, -3, -8, 30, 180, 240, 120, -40, -60, -20, 0, 4);
        assertThat(ecg.physical(9)).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ecg.t0()).isEqualTo(w.t0()); // no channel t0: the message's
        WaveChannel pleth = w.channels().get(1);
        assertThat(pleth.rate()).isEqualTo(125);
        assertThat(pleth.unit()).isEqualTo("1");
        assertThat(pleth.samples()).containsExactly(410, 455, 520, 580, 600, 585, 540, 490);
        WaveChannel resp = w.channels().get(2);
        assertThat(resp.rate()).isEqualTo(62.5);
        assertThat(resp.t0()).isEqualTo(Instant.parse("2026-11-24T05:00:00.992Z"));
        assertThat(resp.samples()).containsExactly(1203, 1210, 1220, 1232);
        assertThat(resp.offset()).isZero();
    }

    @Test
    void statusExampleAndLastWill() {
        DeviceStatus s = ok(WireCodec.decodeStatus(example("status")));
        assertThat(s).isEqualTo(new DeviceStatus("mon-icu3-07", DeviceState.ONLINE,
                Instant.parse("2026-11-24T05:00:00.000Z"), 0.82, Map.of("ECG", "on"), Map.of("SPO2", "off")));
        assertThat(s.anyProbeOff()).isTrue();
        DeviceStatus will = ok(WireCodec.decodeStatus(
                "{\"v\": 1, \"device\": \"mon-icu3-07\", \"state\": \"offline\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(will.state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(will.time()).isNull();
        assertThat(will.battery()).isNull();
    }

    @Test
    void eventExample() {
        DeviceEvent e = ok(WireCodec.decodeEvent(example("event")));
        assertThat(e).isEqualTo(new DeviceEvent("mon-icu3-07", Instant.parse("2026-11-24T05:00:02.120Z"), "evt-5521",
                "ASYSTOLE", AlarmPriority.HIGH, "start", "Asystole"));
    }

    @Test
    void alarmExample() {
        AlarmMessage a = ok(WireCodec.decodeAlarm(example("alarm")));
        assertThat(a).isEqualTo(new AlarmMessage("07-HR_HIGH-1795496401000", "icu3", "07", "HR_HIGH", "physiological",
                AlarmPriority.HIGH, "active", "HR 182 > 150", 182.0, 150.0, "/min",
                Instant.parse("2026-11-24T05:00:01.000Z"), Instant.parse("2026-11-24T05:00:01.012Z"), null, null, null,
                0, "cs-1", Instant.parse("2026-11-24T05:00:01.012Z")));
        // the id is derived from the data: bed, condition, onset in epoch ms
        assertThat(AlarmMessage.alarmId("07", "HR_HIGH", a.sourceTime())).isEqualTo(a.alarm());
    }

    @Test
    void settingsExample() {
        BedSettings s = ok(WireCodec.decodeSettings(example("settings")));
        assertThat(s.bed()).isEqualTo("07");
        assertThat(s.category()).isEqualTo(PatientCategory.ADULT);
        assertThat(s.limits()).containsEntry("MDC_ECG_HEART_RATE", new Limit(50.0, 120.0))
                .containsEntry("MDC_PULS_OXIM_SAT_O2", new Limit(90.0, null));
        assertThat(s.alarmOff()).containsExactly("MDC_RESP_RATE");
        assertThat(s.changedBy()).isEqualTo("charge.nurse");
        assertThat(s.station()).isEqualTo("cs-1");
        assertThat(s.updatedAt()).isEqualTo(Instant.parse("2026-11-24T05:10:00.000Z"));
    }

    @Test
    void audioPauseExample() {
        WardAudioPause p = ok(WireCodec.decodeAudioPause(example("audio-pause")));
        assertThat(p).isEqualTo(new WardAudioPause(Instant.parse("2026-11-24T05:12:00.000Z"), "charge.nurse", "cs-1",
                Instant.parse("2026-11-24T05:10:00.000Z")));
    }

    @Test
    void healthExample() {
        StationHealth h = ok(WireCodec.decodeHealth(example("health")));
        assertThat(h).isEqualTo(new StationHealth("cs-1", "online", Instant.parse("2026-11-24T05:00:05.000Z"), 16, 15,
                59.8, 31.5, 212L, 3.1, 21.0, 0L, 0L, 0L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"numerics", "wave", "status", "event", "alarm", "settings", "audio-pause", "health"})
    void everyExampleRoundTrips(String name) {
        byte[] json = example(name);
        Object first = decode(name, json);
        byte[] encoded = encode(first);
        assertThat(decode(name, encoded)).isEqualTo(first);
        // and the encoding itself is stable
        assertThat(new String(encode(decode(name, encoded)), StandardCharsets.UTF_8))
                .isEqualTo(new String(encoded, StandardCharsets.UTF_8));
    }

    @Test
    void encodedTimesHaveMilliseconds() {
        byte[] b = WireCodec.encode(new Numerics("d", Instant.parse("2026-11-24T05:00:01Z"), 1, List.of()));
        assertThat(new String(b, StandardCharsets.UTF_8)).contains("\"time\":\"2026-11-24T05:00:01.000Z\"")
                .startsWith("{\"v\":1,");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alarm", "settings", "audio-pause", "health", "status"})
    void anEmptyRetainedPayloadClearsAndIsNotBadInput(String name) {
        assertThat(decode(name, new byte[0], true)).isInstanceOf(Decoded.Cleared.class);
    }

    static Object decode(String name, byte[] json) {
        return ok(decodeRaw(name, json));
    }

    static Object decode(String name, byte[] json, boolean raw) {
        return decodeRaw(name, json);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Decoded<Object> decodeRaw(String name, byte[] json) {
        Decoded d = switch (name) {
            case "numerics" -> WireCodec.decodeNumerics(json);
            case "wave" -> WireCodec.decodeWave(json);
            case "status" -> WireCodec.decodeStatus(json);
            case "event" -> WireCodec.decodeEvent(json);
            case "alarm" -> WireCodec.decodeAlarm(json);
            case "settings" -> WireCodec.decodeSettings(json);
            case "audio-pause" -> WireCodec.decodeAudioPause(json);
            case "health" -> WireCodec.decodeHealth(json);
            default -> throw new IllegalArgumentException(name);
        };
        return d;
    }

    static byte[] encode(Object o) {
        return switch (o) {
            case Numerics n -> WireCodec.encode(n);
            case Wave w -> WireCodec.encode(w);
            case DeviceStatus s -> WireCodec.encode(s);
            case DeviceEvent e -> WireCodec.encode(e);
            case AlarmMessage a -> WireCodec.encode(a);
            case BedSettings s -> WireCodec.encode(s);
            case WardAudioPause p -> WireCodec.encode(p);
            case StationHealth h -> WireCodec.encode(h);
            default -> throw new IllegalArgumentException(o.toString());
        };
    }
}
