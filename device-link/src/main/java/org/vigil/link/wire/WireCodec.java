package org.vigil.link.wire;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * Decodes and encodes every payload of the wire contract (version 1). Decoding validates every rule of the
 * contract and never throws: bad input becomes {@link Decoded.Rejected} with a reason. Stateless and
 * thread-safe; the MQTT callback thread calls it for every message, so it does no I/O.
 */
public final class WireCodec {

    public static final int VERSION = 1;
    public static final int MAX_PAYLOAD_BYTES = 1 << 20;
    public static final int MAX_SAMPLES = 20_000;
    private static final int MAX_NESTING = 16;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY).build();

    private WireCodec() {
    }

    /** Thrown inside the decoder only; turned into a {@link Decoded.Rejected} at its edge. */
    private static final class Bad extends Exception {
        final RejectReason reason;

        Bad(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(JsonNode root) throws Bad;
    }

    // ---------------------------------------------------------------- decoding

    public static Decoded<Numerics> decodeNumerics(byte[] payload) {
        return decode(payload, false, root -> {
            Instant time = time(root, "time");
            JsonNode values = required(root, "values");
            if (!values.isArray()) {
                throw new Bad(RejectReason.WRONG_TYPE, "values is not an array");
            }
            List<NumericValue> list = new ArrayList<>(values.size());
            for (JsonNode v : values) {
                if (!v.isObject()) {
                    throw new Bad(RejectReason.WRONG_TYPE, "a numerics value is not an object");
                }
                String code = text(v, "code");
                JsonNode value = required(v, "value");
                Double number = null;
                if (!value.isNull()) {
                    number = finite(value, "value");
                }
                String unit = text(v, "unit");
                Instant t = v.has("time") ? time(v, "time") : time;
                String invalid = optionalText(v, "invalid");
                list.add(new NumericValue(code, number, unit, t, invalid));
            }
            return new Numerics(text(root, "device"), time, seq(root), list);
        });
    }

    public static Decoded<Wave> decodeWave(byte[] payload) {
        return decode(payload, false, root -> {
            Instant t0 = time(root, "t0");
            JsonNode channels = required(root, "channels");
            if (!channels.isArray()) {
                throw new Bad(RejectReason.WRONG_TYPE, "channels is not an array");
            }
            if (channels.isEmpty()) {
                throw new Bad(RejectReason.OUT_OF_RANGE, "channels is empty");
            }
            List<WaveChannel> list = new ArrayList<>(channels.size());
            for (JsonNode c : channels) {
                if (!c.isObject()) {
                    throw new Bad(RejectReason.WRONG_TYPE, "a channel is not an object");
                }
                String code = text(c, "code");
                double rate = finite(required(c, "rate"), "rate");
                if (rate < 1 || rate > 2000) {
                    throw new Bad(RejectReason.OUT_OF_RANGE, "rate " + rate + " of " + code + " is outside 1..2000");
                }
                String unit = text(c, "unit");
                double scale = finite(required(c, "scale"), "scale");
                if (scale == 0) {
                    throw new Bad(RejectReason.OUT_OF_RANGE, "scale of " + code + " is zero");
                }
                double offset = c.has("offset") ? finite(c.get("offset"), "offset") : 0;
                JsonNode samples = required(c, "samples");
                if (!samples.isArray()) {
                    throw new Bad(RejectReason.WRONG_TYPE, "samples of " + code + " is not an array");
                }
                int n = samples.size();
                if (n < 1 || n > MAX_SAMPLES) {
                    throw new Bad(RejectReason.OUT_OF_RANGE, n + " samples in " + code + " (1 to 20000)");
                }
                int[] s = new int[n];
                for (int i = 0; i < n; i++) {
                    JsonNode x = samples.get(i);
                    if (!x.isIntegralNumber() || !x.canConvertToInt()) {
                        throw new Bad(RejectReason.WRONG_TYPE, "sample " + i + " of " + code + " is not a 32-bit integer");
                    }
                    s[i] = x.intValue();
                }
                Instant ct0 = c.has("t0") ? time(c, "t0") : t0;
                list.add(new WaveChannel(code, rate, unit, scale, offset, s, ct0));
            }
            return new Wave(text(root, "device"), seq(root), t0, list);
        });
    }

    public static Decoded<DeviceStatus> decodeStatus(byte[] payload) {
        return decode(payload, true, root -> {
            String s = text(root, "state");
            DeviceState state = DeviceState.fromWire(s);
            if (state == null) {
                throw new Bad(RejectReason.OUT_OF_RANGE, "state '" + s + "' is not online, standby or offline");
            }
            Instant time = root.has("time") && !root.get("time").isNull() ? time(root, "time") : null;
            Double battery = null;
            if (root.has("battery") && !root.get("battery").isNull()) {
                battery = finite(root.get("battery"), "battery");
                if (battery < 0 || battery > 1) {
                    throw new Bad(RejectReason.OUT_OF_RANGE, "battery " + battery + " is outside 0..1");
                }
            }
            return new DeviceStatus(text(root, "device"), state, time, battery, onOff(root, "leads"), onOff(root, "probes"));
        });
    }

    public static Decoded<DeviceEvent> decodeEvent(byte[] payload) {
        return decode(payload, false, root -> {
            String p = text(root, "priority");
            AlarmPriority priority = AlarmPriority.fromWire(p);
            if (priority == null) {
                throw new Bad(RejectReason.OUT_OF_RANGE, "priority '" + p + "' is not high, medium or low");
            }
            String phase = text(root, "phase");
            if (!phase.equals("start") && !phase.equals("update") && !phase.equals("end")) {
                throw new Bad(RejectReason.OUT_OF_RANGE, "phase '" + phase + "' is not start, update or end");
            }
            String condition = normaliseCondition(text(root, "condition"));
            if (condition.isEmpty()) {
                throw new Bad(RejectReason.OUT_OF_RANGE, "condition has no letters or digits");
            }
            return new DeviceEvent(text(root, "device"), time(root, "time"), text(root, "id"), condition, priority,
                    phase, optionalText(root, "text"));
        });
    }

    public static Decoded<AlarmMessage> decodeAlarm(byte[] payload) {
        return decode(payload, true, root -> {
            String p = text(root, "priority");
            AlarmPriority priority = AlarmPriority.fromWire(p);
            if (priority == null) {
                throw new Bad(RejectReason.OUT_OF_RANGE, "priority '" + p + "' is not high, medium or low");
            }
            String state = text(root, "state");
            if (!List.of("active", "acknowledged", "latched", "ended").contains(state)) {
                throw new Bad(RejectReason.OUT_OF_RANGE, "alarm state '" + state + "'");
            }
            String kind = text(root, "kind");
            if (!kind.equals("physiological") && !kind.equals("technical")) {
                throw new Bad(RejectReason.OUT_OF_RANGE, "alarm kind '" + kind + "'");
            }
            String condition = text(root, "condition");
            if (!condition.matches("[A-Z0-9_]{1,32}")) {
                throw new Bad(RejectReason.OUT_OF_RANGE, "condition '" + condition + "'");
            }
            JsonNode level = required(root, "escalationLevel");
            if (!level.isIntegralNumber() || level.intValue() < 0) {
                throw new Bad(RejectReason.WRONG_TYPE, "escalationLevel is not a non-negative integer");
            }
            return new AlarmMessage(text(root, "alarm"), text(root, "ward"), text(root, "bed"), condition, kind,
                    priority, state, text(root, "text"), optionalNumber(root, "value"), optionalNumber(root, "limit"),
                    optionalText(root, "unit"), time(root, "sourceTime"), time(root, "raisedAt"),
                    optionalText(root, "ackBy"), optionalTime(root, "ackAt"), optionalTime(root, "audioPausedUntil"),
                    level.intValue(), text(root, "station"), time(root, "updatedAt"));
        });
    }

    public static Decoded<BedSettings> decodeSettings(byte[] payload) {
        return decode(payload, true, root -> {
            PatientCategory category;
            try {
                category = PatientCategory.fromWire(text(root, "category"));
            } catch (IllegalArgumentException e) {
                throw new Bad(RejectReason.OUT_OF_RANGE, e.getMessage());
            }
            JsonNode limits = required(root, "limits");
            if (!limits.isObject()) {
                throw new Bad(RejectReason.WRONG_TYPE, "limits is not an object");
            }
            Map<String, Limit> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = limits.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isObject()) {
                    throw new Bad(RejectReason.WRONG_TYPE, "limit of " + e.getKey() + " is not an object");
                }
                map.put(e.getKey(), new Limit(optionalNumber(e.getValue(), "low"), optionalNumber(e.getValue(), "high")));
            }
            List<String> off = new ArrayList<>();
            if (root.has("alarmOff")) {
                JsonNode a = root.get("alarmOff");
                if (!a.isArray()) {
                    throw new Bad(RejectReason.WRONG_TYPE, "alarmOff is not an array");
                }
                for (JsonNode x : a) {
                    if (!x.isTextual()) {
                        throw new Bad(RejectReason.WRONG_TYPE, "alarmOff holds a non-string");
                    }
                    off.add(x.textValue());
                }
            }
            return new BedSettings(text(root, "bed"), category, map, off, optionalText(root, "changedBy"),
                    text(root, "station"), time(root, "updatedAt"));
        });
    }

    public static Decoded<WardAudioPause> decodeAudioPause(byte[] payload) {
        return decode(payload, true, root -> new WardAudioPause(optionalTime(root, "pausedUntil"),
                optionalText(root, "by"), text(root, "station"), time(root, "updatedAt")));
    }

    public static Decoded<StationHealth> decodeHealth(byte[] payload) {
        return decode(payload, true, root -> {
            String state = text(root, "state");
            if (!state.equals("online") && !state.equals("offline")) {
                throw new Bad(RejectReason.OUT_OF_RANGE, "health state '" + state + "'");
            }
            return new StationHealth(text(root, "station"), state, optionalTime(root, "time"),
                    optionalInt(root, "beds"), optionalInt(root, "bedsWithData"), optionalNumber(root, "fps"),
                    optionalNumber(root, "cpuPercent"), optionalLong(root, "heapMb"),
                    optionalNumber(root, "ingestLatencyMsP99"), optionalNumber(root, "renderLatencyMsP99"),
                    optionalLong(root, "droppedFrames"), optionalLong(root, "rejectedMessages"),
                    optionalLong(root, "emrBacklog"), optionalLong(root, "alarmThreadStalls"),
                    optionalLong(root, "fxThreadStalls"));
        });
    }

    /** The contract's normalisation of a device event condition: upper case letters, digits and _, at most 32. */
    public static String normaliseCondition(String raw) {
        StringBuilder b = new StringBuilder(Math.min(raw.length(), 32));
        for (int i = 0; i < raw.length() && b.length() < 32; i++) {
            char c = Character.toUpperCase(raw.charAt(i));
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                b.append(c);
            } else if (c == '_' || c == ' ' || c == '-') {
                b.append('_');
            }
        }
        return b.toString();
    }

    private static <T> Decoded<T> decode(byte[] payload, boolean clearable, Reader<T> reader) {
        if (payload.length == 0) {
            return clearable ? new Decoded.Cleared<>()
                    : new Decoded.Rejected<>(RejectReason.NOT_JSON, "empty payload", null);
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return new Decoded.Rejected<>(RejectReason.TOO_LARGE, payload.length + " bytes (limit 1 MiB)", null);
        }
        if (!isUtf8(payload)) {
            return new Decoded.Rejected<>(RejectReason.NOT_UTF8, "payload is not UTF-8", null);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (StreamConstraintsException e) {
            return new Decoded.Rejected<>(RejectReason.TOO_DEEP, "JSON nested deeper than " + MAX_NESTING, null);
        } catch (JsonProcessingException e) {
            return new Decoded.Rejected<>(RejectReason.NOT_JSON, "not JSON: " + e.getOriginalMessage(), null);
        } catch (IOException | RuntimeException e) {
            return new Decoded.Rejected<>(RejectReason.NOT_JSON, "not JSON: " + e.getMessage(), null);
        }
        if (root == null || !root.isObject()) {
            return new Decoded.Rejected<>(RejectReason.WRONG_TYPE, "payload is not a JSON object", null);
        }
        JsonNode deviceNode = root.get("device");
        String device = deviceNode != null && deviceNode.isTextual() ? deviceNode.textValue() : null;
        try {
            JsonNode v = required(root, "v");
            if (!v.isIntegralNumber()) {
                throw new Bad(RejectReason.WRONG_TYPE, "v is not an integer");
            }
            if (v.intValue() != VERSION || !v.canConvertToInt()) {
                throw new Bad(RejectReason.UNKNOWN_VERSION, "unknown version v=" + v);
            }
            return new Decoded.Ok<>(reader.read(root));
        } catch (Bad b) {
            return new Decoded.Rejected<>(b.reason, b.getMessage(), device);
        } catch (RuntimeException e) {
            // A rule the checks above missed: still bad input, never a crash of the caller.
            return new Decoded.Rejected<>(RejectReason.WRONG_TYPE, String.valueOf(e.getMessage()), device);
        }
    }

    private static boolean isUtf8(byte[] payload) {
        for (byte b : payload) {
            if (b < 0) { // only pay for a full check when there is non-ASCII
                try {
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload));
                    return true;
                } catch (CharacterCodingException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static JsonNode required(JsonNode node, String field) throws Bad {
        JsonNode v = node.get(field);
        if (v == null) {
            throw new Bad(RejectReason.MISSING_FIELD, "missing " + field);
        }
        return v;
    }

    private static String text(JsonNode node, String field) throws Bad {
        JsonNode v = required(node, field);
        if (!v.isTextual()) {
            throw new Bad(RejectReason.WRONG_TYPE, field + " is not a string");
        }
        return v.textValue();
    }

    private static String optionalText(JsonNode node, String field) throws Bad {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new Bad(RejectReason.WRONG_TYPE, field + " is not a string");
        }
        return v.textValue();
    }

    private static double finite(JsonNode v, String field) throws Bad {
        if (!v.isNumber()) {
            throw new Bad(RejectReason.WRONG_TYPE, field + " is not a number");
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new Bad(RejectReason.OUT_OF_RANGE, field + " is not finite");
        }
        return d;
    }

    private static Double optionalNumber(JsonNode node, String field) throws Bad {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : finite(v, field);
    }

    private static Integer optionalInt(JsonNode node, String field) throws Bad {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new Bad(RejectReason.WRONG_TYPE, field + " is not an integer");
        }
        return v.intValue();
    }

    private static Long optionalLong(JsonNode node, String field) throws Bad {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new Bad(RejectReason.WRONG_TYPE, field + " is not an integer");
        }
        return v.longValue();
    }

    private static long seq(JsonNode root) throws Bad {
        JsonNode v = required(root, "seq");
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw new Bad(RejectReason.WRONG_TYPE, "seq is not a non-negative integer");
        }
        return v.longValue();
    }

    private static Instant time(JsonNode node, String field) throws Bad {
        String s = text(node, field);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new Bad(RejectReason.WRONG_TYPE, field + " '" + s + "' is not an ISO-8601 UTC time");
        }
    }

    private static Instant optionalTime(JsonNode node, String field) throws Bad {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : time(node, field);
    }

    private static Map<String, String> onOff(JsonNode root, String field) throws Bad {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw new Bad(RejectReason.WRONG_TYPE, field + " is not an object");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String s = e.getValue().isTextual() ? e.getValue().textValue() : "";
            if (!s.equals("on") && !s.equals("off")) {
                throw new Bad(RejectReason.OUT_OF_RANGE, field + "." + e.getKey() + " is not on/off");
            }
            map.put(e.getKey(), s);
        }
        return map;
    }

    // ---------------------------------------------------------------- encoding

    public static String formatTime(Instant t) {
        return TIME.format(t);
    }

    @FunctionalInterface
    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("v", VERSION);
            w.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return out.toByteArray();
    }

    private static void timeField(JsonGenerator g, String name, Instant t) throws IOException {
        if (t == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, formatTime(t));
        }
    }

    private static void numberField(JsonGenerator g, String name, Double d) throws IOException {
        if (d == null) {
            g.writeNullField(name);
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            g.writeNumberField(name, d.longValue());
        } else {
            g.writeNumberField(name, d);
        }
    }

    public static byte[] encode(Numerics n) {
        return write(g -> {
            g.writeStringField("device", n.device());
            timeField(g, "time", n.time());
            g.writeNumberField("seq", n.seq());
            g.writeArrayFieldStart("values");
            for (NumericValue v : n.values()) {
                g.writeStartObject();
                g.writeStringField("code", v.code());
                numberField(g, "value", v.value());
                g.writeStringField("unit", v.unit());
                if (!v.time().equals(n.time())) {
                    timeField(g, "time", v.time());
                }
                if (v.invalid() != null) {
                    g.writeStringField("invalid", v.invalid());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    public static byte[] encode(Wave w) {
        return write(g -> {
            g.writeStringField("device", w.device());
            g.writeNumberField("seq", w.seq());
            timeField(g, "t0", w.t0());
            g.writeArrayFieldStart("channels");
            for (WaveChannel c : w.channels()) {
                g.writeStartObject();
                g.writeStringField("code", c.code());
                numberField(g, "rate", c.rate());
                g.writeStringField("unit", c.unit());
                numberField(g, "scale", c.scale());
                numberField(g, "offset", c.offset());
                if (!c.t0().equals(w.t0())) {
                    timeField(g, "t0", c.t0());
                }
                g.writeArrayFieldStart("samples");
                for (int s : c.samples()) {
                    g.writeNumber(s);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    public static byte[] encode(DeviceStatus s) {
        return write(g -> {
            g.writeStringField("device", s.device());
            if (s.time() != null) {
                timeField(g, "time", s.time());
            }
            g.writeStringField("state", s.state().wireName());
            if (s.battery() != null) {
                numberField(g, "battery", s.battery());
            }
            writeOnOff(g, "leads", s.leads());
            writeOnOff(g, "probes", s.probes());
        });
    }

    private static void writeOnOff(JsonGenerator g, String name, Map<String, String> map) throws IOException {
        if (map.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : map.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    public static byte[] encode(DeviceEvent e) {
        return write(g -> {
            g.writeStringField("device", e.device());
            timeField(g, "time", e.time());
            g.writeStringField("id", e.id());
            g.writeStringField("condition", e.condition());
            g.writeStringField("priority", e.priority().wireName());
            g.writeStringField("phase", e.phase());
            if (e.text() != null) {
                g.writeStringField("text", e.text());
            }
        });
    }

    public static byte[] encode(AlarmMessage a) {
        return write(g -> {
            g.writeStringField("alarm", a.alarm());
            g.writeStringField("ward", a.ward());
            g.writeStringField("bed", a.bed());
            g.writeStringField("condition", a.condition());
            g.writeStringField("kind", a.kind());
            g.writeStringField("priority", a.priority().wireName());
            g.writeStringField("state", a.state());
            g.writeStringField("text", a.text());
            numberField(g, "value", a.value());
            numberField(g, "limit", a.limit());
            if (a.unit() == null) {
                g.writeNullField("unit");
            } else {
                g.writeStringField("unit", a.unit());
            }
            timeField(g, "sourceTime", a.sourceTime());
            timeField(g, "raisedAt", a.raisedAt());
            if (a.ackBy() == null) {
                g.writeNullField("ackBy");
            } else {
                g.writeStringField("ackBy", a.ackBy());
            }
            timeField(g, "ackAt", a.ackAt());
            timeField(g, "audioPausedUntil", a.audioPausedUntil());
            g.writeNumberField("escalationLevel", a.escalationLevel());
            g.writeStringField("station", a.station());
            timeField(g, "updatedAt", a.updatedAt());
        });
    }

    public static byte[] encode(BedSettings s) {
        return write(g -> {
            g.writeStringField("bed", s.bed());
            g.writeStringField("category", s.category().wireName());
            g.writeObjectFieldStart("limits");
            for (Map.Entry<String, Limit> e : s.limits().entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                numberField(g, "low", e.getValue().low());
                numberField(g, "high", e.getValue().high());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("alarmOff");
            for (String code : s.alarmOff()) {
                g.writeString(code);
            }
            g.writeEndArray();
            if (s.changedBy() != null) {
                g.writeStringField("changedBy", s.changedBy());
            }
            g.writeStringField("station", s.station());
            timeField(g, "updatedAt", s.updatedAt());
        });
    }

    public static byte[] encode(WardAudioPause p) {
        return write(g -> {
            timeField(g, "pausedUntil", p.pausedUntil());
            if (p.by() != null) {
                g.writeStringField("by", p.by());
            }
            g.writeStringField("station", p.station());
            timeField(g, "updatedAt", p.updatedAt());
        });
    }

    public static byte[] encode(StationHealth h) {
        return write(g -> {
            g.writeStringField("station", h.station());
            g.writeStringField("state", h.state());
            if (!h.isOnline()) {
                return; // the last will says only who and that it is offline
            }
            timeField(g, "time", h.time());
            g.writeNumberField("beds", h.beds());
            g.writeNumberField("bedsWithData", h.bedsWithData());
            numberField(g, "fps", h.fps() == null ? null : round1(h.fps()));
            numberField(g, "cpuPercent", round1(h.cpuPercent()));
            g.writeNumberField("heapMb", h.heapMb());
            numberField(g, "ingestLatencyMsP99", round1(h.ingestLatencyMsP99()));
            numberField(g, "renderLatencyMsP99", h.renderLatencyMsP99() == null ? null : round1(h.renderLatencyMsP99()));
            g.writeNumberField("droppedFrames", h.droppedFrames());
            g.writeNumberField("rejectedMessages", h.rejectedMessages());
            g.writeNumberField("emrBacklog", h.emrBacklog());
            if (h.alarmThreadStalls() != null) {
                g.writeNumberField("alarmThreadStalls", h.alarmThreadStalls());
            }
            if (h.fxThreadStalls() != null) {
                g.writeNumberField("fxThreadStalls", h.fxThreadStalls());
            }
        });
    }

    private static Double round1(Double d) {
        return d == null ? null : Math.round(d * 10) / 10.0;
    }
}
