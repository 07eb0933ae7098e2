package org.vigil.link.live;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vigil.data.model.DeviceStatus;
import org.vigil.data.model.NumericValue;
import org.vigil.data.model.WaveChannel;

/**
 * What is known right now of one bed: its wave rings, latest numerics, device status and when data last arrived.
 * Written by the MQTT callback thread; read by any thread (the UI pulse, the alarm side, health reporting).
 */
public final class BedLive {

    /** Seconds of waveform kept for the screen; review comes from the recorder, not from here. */
    static final double RING_SECONDS = 16;

    private final String bedId;
    private final String label;
    private final boolean configured;
    private final Map<String, SampleRing> rings = new ConcurrentHashMap<>();
    private final Map<String, NumericValue> numerics = new ConcurrentHashMap<>();
    private volatile DeviceStatus status;
    private volatile String deviceId;
    private volatile Instant lastDataAt;
    private volatile Instant lastNumericsAt;
    private final BedDiagnostics diagnostics = new BedDiagnostics();
    private final DeviceClock clock = new DeviceClock();
    private final SeqTracker waveSeq = new SeqTracker();
    private final SeqTracker numericsSeq = new SeqTracker();

    BedLive(String bedId, String label, boolean configured) {
        this.bedId = bedId;
        this.label = label;
        this.configured = configured;
    }

    public String bedId() {
        return bedId;
    }

    public String label() {
        return label;
    }

    /** False for a bed that publishes without being configured ("unassigned"). */
    public boolean configured() {
        return configured;
    }

    /** The ring of a channel, or null when none has arrived. */
    public SampleRing ring(String code) {
        return rings.get(code);
    }

    public Map<String, SampleRing> rings() {
        return rings;
    }

    /** The latest value per code (each with its own device time). */
    public Map<String, NumericValue> numerics() {
        return numerics;
    }

    public NumericValue numeric(String code) {
        return numerics.get(code);
    }

    public DeviceStatus status() {
        return status;
    }

    public String deviceId() {
        return deviceId;
    }

    /** Station time when numerics or waves last arrived, or null if never. */
    public Instant lastDataAt() {
        return lastDataAt;
    }

    public Instant lastNumericsAt() {
        return lastNumericsAt;
    }

    public BedDiagnostics diagnostics() {
        return diagnostics;
    }

    /** How far the bed's device clock is from the station's. */
    public DeviceClock deviceClock() {
        return clock;
    }

    SeqTracker waveSeq() {
        return waveSeq;
    }

    SeqTracker numericsSeq() {
        return numericsSeq;
    }

    // ------------------------------------------------------------ writer side (MQTT callback thread)

    void acceptWave(String device, WaveChannel c, Instant receivedAt) {
        SampleRing ring = rings.get(c.code());
        if (ring == null || ring.rate() != c.rate()) {
            ring = new SampleRing(c.code(), c.rate(), c.unit(), RING_SECONDS);
            rings.put(c.code(), ring);
        }
        ring.append(c.t0(), c.offset(), c.scale(), c.samples());
        deviceId = device;
        lastDataAt = receivedAt;
    }

    void acceptNumeric(String device, NumericValue v) {
        numerics.put(v.code(), v);
        deviceId = device;
    }

    void numericsArrived(Instant receivedAt) {
        lastNumericsAt = receivedAt;
        lastDataAt = receivedAt;
    }

    void acceptStatus(DeviceStatus s) {
        status = s;
        if (s != null) {
            deviceId = s.device();
        }
    }

    /** Breaks every trace, e.g. when the device went offline: what comes next never joins what was. */
    void breakTraces() {
        rings.values().forEach(SampleRing::breakTrace);
    }
}
