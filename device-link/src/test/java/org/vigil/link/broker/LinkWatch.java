package org.vigil.link.broker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.vigil.data.model.AlarmMessage;
import org.vigil.data.model.BedSettings;
import org.vigil.data.model.WardAudioPause;
import org.vigil.data.model.Numerics;
import org.vigil.link.FeedListener;
import org.vigil.link.LinkState;
import org.vigil.link.live.BedLive;

/**
 * A {@link FeedListener} for the broker tests: remembers what the real WardLink handed on (numerics seq per bed,
 * current or late; alarms; link states). Written on the MQTT callback thread, read by the test thread.
 */
final class LinkWatch implements FeedListener {
    /** An alarm as received; {@code message} null means the retained alarm was cleared. */
    record AlarmSeen(String bed, String alarmId, AlarmMessage message) {
    }

    final Map<String, Set<Long>> numericsSeq = new ConcurrentHashMap<>();
    final AtomicLong numericsMessages = new AtomicLong();
    final List<AlarmSeen> alarms = new CopyOnWriteArrayList<>();
    final List<LinkState> states = new CopyOnWriteArrayList<>();
    /** Bed settings and ward audio pauses, as "settings 07" / "audio-pause". */
    final List<String> shared = new CopyOnWriteArrayList<>();

    @Override
    public void onNumerics(BedLive bed, Numerics n, Instant receivedAt) {
        seen(bed, n);
    }

    @Override
    public void onLateNumerics(BedLive bed, Numerics n, Instant receivedAt) {
        seen(bed, n);
    }

    private void seen(BedLive bed, Numerics n) {
        numericsMessages.incrementAndGet();
        numericsSeq.computeIfAbsent(bed.bedId(), b -> ConcurrentHashMap.newKeySet()).add(n.seq());
    }

    Set<Long> seq(String bed) {
        return numericsSeq.getOrDefault(bed, Set.of());
    }

    @Override
    public void onAlarm(String bed, String alarmId, AlarmMessage alarm) {
        alarms.add(new AlarmSeen(bed, alarmId, alarm));
    }

    @Override
    public void onSettings(String bed, BedSettings settings) {
        shared.add("settings " + bed);
    }

    @Override
    public void onAudioPause(WardAudioPause pause) {
        shared.add("audio-pause");
    }

    @Override
    public void onLinkState(LinkState state, Instant since) {
        states.add(state);
    }

    /** A numerics payload of the wire contract; device time advances 1 s per seq from {@code t0}. */
    static byte[] numerics(String device, long seq, Instant t0) {
        return ("{\"v\":1,\"device\":\"" + device + "\",\"time\":\"" + t0.plusSeconds(seq) + "\",\"seq\":" + seq
                + ",\"values\":[{\"code\":\"MDC_ECG_HEART_RATE\",\"value\":72,\"unit\":\"/min\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An alarm state message; {@code ackBy} null for an unacknowledged one. */
    static String alarm(String bed, String alarmId, String station, String ackBy, Instant at) {
        return "{\"v\":1,\"alarm\":\"" + alarmId + "\",\"ward\":\"icu3\",\"bed\":\"" + bed + "\","
                + "\"condition\":\"HR_HIGH\",\"kind\":\"physiological\",\"priority\":\"high\","
                + "\"state\":\"" + (ackBy == null ? "active" : "acknowledged") + "\",\"text\":\"HR 182 > 150\","
                + "\"value\":182,\"limit\":150,\"unit\":\"/min\",\"sourceTime\":\"" + at + "\",\"raisedAt\":\"" + at
                + "\",\"ackBy\":" + (ackBy == null ? "null" : "\"" + ackBy + "\"") + ",\"ackAt\":"
                + (ackBy == null ? "null" : "\"" + at + "\"") + ",\"audioPausedUntil\":null,\"escalationLevel\":0,"
                + "\"station\":\"" + station + "\",\"updatedAt\":\"" + at + "\"}";
    }
}
