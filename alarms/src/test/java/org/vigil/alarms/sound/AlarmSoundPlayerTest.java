package org.vigil.alarms.sound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vigil.data.model.AlarmPriority.HIGH;
import static org.vigil.data.model.AlarmPriority.LOW;
import static org.vigil.data.model.AlarmPriority.MEDIUM;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigil.alarms.sound.PcmAnalysis.Pulse;

class AlarmSoundPlayerTest {

    private static final Duration RETRY = Duration.ofMillis(30);
    private final CapturingAudioSink sink = new CapturingAudioSink();
    private final List<String> unavailable = new CopyOnWriteArrayList<>();
    private final AtomicInteger available = new AtomicInteger();
    private AlarmSoundPlayer player;

    private AlarmSoundPlayer start(AudioSink s, AudioMode mode) {
        player = new AlarmSoundPlayer(s, mode, unavailable::add, available::incrementAndGet, Map.of(), RETRY).start();
        return player;
    }

    @AfterEach
    void stop() {
        if (player != null) {
            player.close();
        }
    }

    @Test
    void theHighestActivePriorityIsTheOneToSound() {
        assertThat(AlarmSoundPlayer.highest(List.of(LOW, HIGH, MEDIUM))).isEqualTo(HIGH);
        assertThat(AlarmSoundPlayer.highest(List.of(LOW, MEDIUM, LOW))).isEqualTo(MEDIUM);
        assertThat(AlarmSoundPlayer.highest(List.of())).isNull();
    }

    @Test
    void offModeNeverOpensALine() throws InterruptedException {
        start(sink, AudioMode.OFF);
        player.setPriority(HIGH);
        player.playTestTone();
        Thread.sleep(200);
        assertThat(sink.openAttempts).hasValue(0);
        assertThat(player.lineOpen()).isFalse();
        assertThat(unavailable).isEmpty();
        assertThat(available).hasValue(0);
    }

    @Test
    void playsOnItsOwnDaemonThreadInTheAgreedFormat() {
        start(sink, AudioMode.ON);
        player.setPriority(MEDIUM);
        await().atMost(Duration.ofSeconds(5)).until(() -> player.sounding() == MEDIUM);
        Thread thread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(AlarmSoundPlayer.THREAD_NAME)).findFirst().orElseThrow();
        assertThat(thread.isDaemon()).isTrue();
        assertThat(sink.format.getSampleRate()).isEqualTo(44_100f);
        assertThat(sink.format.getSampleSizeInBits()).isEqualTo(16);
        assertThat(sink.format.getChannels()).isEqualTo(1);
        assertThat(sink.format.getEncoding()).isEqualTo(javax.sound.sampled.AudioFormat.Encoding.PCM_SIGNED);
    }

    @Test
    void playsTheHighPriorityBurstThenFallsSilent() {
        start(sink, AudioMode.ON);
        player.setPriority(HIGH);
        int burst = AlarmSignalSynth.samples(Duration.ofMillis(3600));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.samples() > burst * 2);
        player.setPriority(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> player.sounding() == null);
        short[] pcm = sink.captured();
        List<Pulse> pulses = PcmAnalysis.pulses(pcm);
        assertThat(PcmAnalysis.bursts(pulses, PcmAnalysis.RATE * 2).getFirst()).hasSize(10);

        int after = sink.samples();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.samples() > after + 44_100);
        short[] tail = sink.captured();
        // silence after the last pulse (allow the one pulse that may have been playing)
        assertThat(PcmAnalysis.peak(tail, after + AlarmSignalSynth.samples(Duration.ofMillis(300)), tail.length)).isZero();
    }

    @Test
    void volumeBelowTheFloorIsRaisedToIt() {
        start(sink, AudioMode.ON);
        player.setVolume(0.0);
        assertThat(player.volume()).isEqualTo(AlarmVolume.FLOOR);
        player.setPriority(LOW);
        await().atMost(Duration.ofSeconds(5)).until(() -> PcmAnalysis.peak(sink.captured()) > 0
                && sink.samples() > AlarmSignalSynth.samples(Duration.ofMillis(400)));
        assertThat(PcmAnalysis.peak(sink.captured()))
                .isEqualTo((int) Math.round(AlarmVolume.FLOOR * AlarmSignalSynth.FULL_SCALE));
    }

    @Test
    void failingDeviceIsReportedExactlyOnceAndRecoveryToo() {
        sink.failOpen.set(true);
        start(sink, AudioMode.ON);
        player.setPriority(HIGH);
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.openAttempts.get() >= 4); // retried periodically
        assertThat(unavailable).hasSize(1);
        assertThat(unavailable.getFirst()).startsWith("audio unavailable");
        assertThat(player.audioUnavailable()).isTrue();
        assertThat(available).hasValue(0);

        sink.failOpen.set(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> available.get() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> player.sounding() == HIGH);
        assertThat(player.audioUnavailable()).isFalse();
        assertThat(unavailable).hasSize(1);

        // a write failure later (device unplugged) is a new episode: reported once more, then recovered
        sink.failWrite.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> unavailable.size() == 2);
        int attempts = sink.openAttempts.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.openAttempts.get() >= attempts + 3);
        assertThat(unavailable).hasSize(2);
        sink.failWrite.set(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> available.get() == 2);
    }

    @Test
    void realJavaSoundSinkWithoutADeviceReportsUnavailableInsteadOfCrashing() throws InterruptedException {
        boolean hasDevice;
        try {
            new JavaSoundSink().open(AlarmSignalSynth.FORMAT).close();
            hasDevice = true;
        } catch (AudioUnavailableException e) {
            hasDevice = false;
        }
        start(new JavaSoundSink(), AudioMode.AUTO);
        player.setPriority(HIGH);
        if (hasDevice) {
            await().atMost(Duration.ofSeconds(5)).until(() -> player.sounding() == HIGH);
            player.setPriority(null);
            assertThat(unavailable).isEmpty();
        } else {
            await().atMost(Duration.ofSeconds(5)).until(() -> unavailable.size() == 1);
            Thread.sleep(150); // several retries
            assertThat(unavailable).hasSize(1);
            assertThat(player.audioUnavailable()).isTrue();
            assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals(AlarmSoundPlayer.THREAD_NAME));
        }
    }

    @Test
    void switchingToOffEndsTheUnavailableConditionAndReleasesTheLine() {
        start(sink, AudioMode.ON);
        await().atMost(Duration.ofSeconds(5)).until(player::lineOpen);
        player.setMode(AudioMode.OFF);
        await().atMost(Duration.ofSeconds(5)).until(() -> !player.lineOpen());

        sink.failOpen.set(true);
        player.setMode(AudioMode.ON);
        await().atMost(Duration.ofSeconds(5)).until(() -> unavailable.size() == 1);
        player.setMode(AudioMode.OFF);
        await().atMost(Duration.ofSeconds(5)).until(() -> available.get() == 1);
        int attempts = sink.openAttempts.get();
        player.setPriority(HIGH);
        assertThat(player.audioUnavailable()).isFalse();
        await().during(Duration.ofMillis(150)).atMost(Duration.ofSeconds(1)).until(() -> sink.openAttempts.get() == attempts);
    }

    @Test
    void testToneIsPlayedWhenNoAlarmSounds() {
        start(sink, AudioMode.ON);
        await().atMost(Duration.ofSeconds(5)).until(player::lineOpen);
        player.playTestTone();
        await().atMost(Duration.ofSeconds(5)).until(() -> PcmAnalysis.pulses(sink.captured()).size() == 3
                && sink.samples() > AlarmSignalSynth.samples(Duration.ofMillis(1500)));
        assertThat(player.sounding()).isNull();
    }
}
