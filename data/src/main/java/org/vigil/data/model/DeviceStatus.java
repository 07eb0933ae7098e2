package org.vigil.data.model;

import java.time.Instant;
import java.util.Map;

/**
 * A device status message (also the device's last will). {@code time} and {@code battery} may be null;
 * {@code leads} and {@code probes} map a name to "on" or "off" and may be empty.
 */
public record DeviceStatus(String device, DeviceState state, Instant time, Double battery,
                           Map<String, String> leads, Map<String, String> probes) {
    public DeviceStatus {
        leads = leads == null ? Map.of() : Map.copyOf(leads);
        probes = probes == null ? Map.of() : Map.copyOf(probes);
    }

    public boolean anyLeadOff() {
        return leads.containsValue("off");
    }

    public boolean anyProbeOff() {
        return probes.containsValue("off");
    }
}
