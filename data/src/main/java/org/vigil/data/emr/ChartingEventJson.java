package org.vigil.data.emr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The outbox's stored form of a {@link ChartingEvent}: explicit JSON, so stored rows survive code changes. */
final class ChartingEventJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChartingEventJson() {
    }

    static String write(ChartingEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", 1);
        n.put("station", e.station());
        n.put("eventId", e.eventId());
        n.put("patientRef", e.patient().reference());
        n.put("mrn", e.patient().mrn());
        if (e.localPatientId() != null) {
            n.put("localPatientId", e.localPatientId());
        }
        n.put("encounter", e.encounter());
        n.put("bed", e.bedId());
        n.put("device", e.deviceId());
        n.put("performer", e.performer());
        n.put("effective", e.effective().toString());
        ArrayNode values = n.putArray("values");
        for (ChartedValue v : e.values()) {
            ObjectNode o = values.addObject();
            o.put("code", v.code());
            o.put("value", v.value());
            o.put("unit", v.unit());
            if (v.measuredValue() != null) {
                o.put("measured", v.measuredValue());
            }
            o.put("reason", v.changeReason());
            o.put("measuredAt", v.measuredAt() == null ? null : v.measuredAt().toString());
        }
        n.put("acvpu", e.acvpu() == null ? null : e.acvpu().name());
        if (e.supplementalOxygen() != null) {
            n.put("o2", e.supplementalOxygen());
        }
        n.put("status", e.status().name());
        return n.toString();
    }

    static ChartingEvent read(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            List<ChartedValue> values = new ArrayList<>();
            for (JsonNode v : n.path("values")) {
                values.add(new ChartedValue(v.get("code").asText(), v.get("value").asDouble(), v.get("unit").asText(),
                        v.hasNonNull("measured") ? v.get("measured").asDouble() : null, text(v, "reason"),
                        v.hasNonNull("measuredAt") ? Instant.parse(v.get("measuredAt").asText()) : null));
            }
            return new ChartingEvent(n.get("station").asText(), n.get("eventId").asText(),
                    new EmrPatientRef(text(n, "patientRef"), text(n, "mrn")),
                    n.hasNonNull("localPatientId") ? n.get("localPatientId").asLong() : null,
                    text(n, "encounter"), n.get("bed").asText(), text(n, "device"), text(n, "performer"),
                    Instant.parse(n.get("effective").asText()), values,
                    n.hasNonNull("acvpu") ? Acvpu.valueOf(n.get("acvpu").asText()) : null,
                    n.hasNonNull("o2") ? n.get("o2").asBoolean() : null,
                    ChartingEvent.Status.valueOf(n.get("status").asText()));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("stored charting event cannot be read: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
