package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alarms.AlarmEngine;
import org.vigil.alarms.sound.AlarmSoundPlayer;
import org.vigil.alarms.sound.AudioMode;
import org.vigil.data.model.Role;
import org.vigil.data.store.AuditLog;
import org.vigil.data.store.FirstRun;
import org.vigil.data.store.StationSettings;
import org.vigil.data.store.UserStore;
import org.vigil.data.store.VigilDatabase;
import org.vigil.testing.MutableClock;
import org.vigil.ui.users.StationActions.Result;

/**
 * The console's alarm volume: a charge nurse sets it, the test tone is heard at it through the real sound player,
 * it is audited and kept across a restart, and it never goes below the floor. Real database, fake clock.
 */
class AlarmVolumeTest {
    private static final String PASSWORD = "Quiet-ward-at-night-7";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T05:00:00Z"));
    private final CapturingAudioSink capturing = new CapturingAudioSink();
    private VigilDatabase db;
    private AlarmEngine alarms;
    private AlarmSoundPlayer player;
    private StationActionsImpl actions;

    /** As the station starts with audio: the volume kept at this console (else 50 %), then the test tone. */
    private void start() {
        db = VigilDatabase.openFile(dir);
        UserStore users = new UserStore(db, "cs-1");
        if (!users.hasAnyAdmin()) {
            FirstRun.createFirstAdmin(users, "admin", PASSWORD.toCharArray());
            users.createUser("nurse.kim", "Kim Lee", Role.NURSE, PASSWORD.toCharArray(), "admin");
            users.createUser("charge.ana", "Ana Ruiz", Role.CHARGE_NURSE, PASSWORD.toCharArray(), "admin");
        }
        alarms = new AlarmEngine(clock, Duration.ofSeconds(10));
        actions = new StationActionsImpl(users, new AuditLog(db), alarms, p -> { }, s -> { }, bed -> null, "cs-1",
                clock, Runnable::run);
        player = new AlarmSoundPlayer(capturing, AudioMode.ON, reason -> { }, () -> { }).start();
        StationSettings settings = new StationSettings(db, "cs-1");
        int volume = StationActionsImpl.startVolume(settings, 50);
        player.setVolume(volume / 100.0);
        actions.alarmVolume(settings, volume, percent -> {
            player.setVolume(percent / 100.0);
            player.playTestTone();
        });
    }

    private void restart() {
        tearDown();
        start();
    }

    @AfterEach
    void tearDown() {
        if (player != null) {
            player.close();
        }
        if (alarms != null) {
            alarms.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private Result logIn(String user) throws Exception {
        return actions.logIn(user, PASSWORD.toCharArray()).get(30, TimeUnit.SECONDS);
    }

    private Result setVolume(int percent) throws Exception {
        return actions.setAlarmVolume(percent).get(10, TimeUnit.SECONDS);
    }

    /** The loudest sample of the test tone played at the volume just set. */
    private long testToneAt(int percent) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(capturing::quiet);
        capturing.reset();
        assertThat(setVolume(percent).done()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> capturing.loudestSample() > 0);
        await().atMost(Duration.ofSeconds(10)).until(capturing::quiet);
        return capturing.loudestSample();
    }

    @Test
    void aChargeNurseSetsTheVolumeTheTestToneIsHeardAtItAndItIsKeptAcrossARestart() throws Exception {
        start();
        assertThat(actions.alarmVolumePercent()).isEqualTo(50);
        logIn("charge.ana");

        long quiet = testToneAt(25);
        long loud = testToneAt(100);
        assertThat(loud).as("100 %% against 25 %%").isGreaterThan(3 * quiet);
        assertThat(player.volume()).isEqualTo(1.0);
        assertThat(actions.alarmVolumePercent()).isEqualTo(100);
        assertThat(setVolume(80).message()).contains("Alarm volume 80 %");

        restart();
        assertThat(actions.alarmVolumePercent()).as("kept at this console").isEqualTo(80);
        assertThat(player.volume()).isEqualTo(0.8);
        assertThat(audit()).containsExactly("alarm_volume charge.ana 50 % -> 25 %",
                "alarm_volume charge.ana 25 % -> 100 %", "alarm_volume charge.ana 100 % -> 80 %");
    }

    @Test
    void aNurseIsRefusedAndNobodyGoesBelowTheFloor() throws Exception {
        start();
        Result anonymous = setVolume(70);
        assertThat(anonymous.done()).isFalse();
        assertThat(anonymous.message()).isEqualTo("Log in to change the alarm volume");

        logIn("nurse.kim");
        Result nurse = setVolume(70);
        assertThat(nurse.done()).isFalse();
        assertThat(nurse.message()).isEqualTo("Changing the alarm volume needs a charge nurse: log in as one");

        logIn("charge.ana");
        Result silent = setVolume(0);
        assertThat(silent.done()).isFalse();
        assertThat(silent.message()).isEqualTo("The alarm volume cannot go below 25 %: alarms must stay audible");
        assertThat(setVolume(101).done()).isFalse();
        assertThat(actions.alarmVolumePercent()).isEqualTo(50);
        assertThat(player.volume()).isEqualTo(0.5);
        assertThat(audit()).containsExactly("alarm_volume_refused null 50 % -> 70 %: not logged in",
                "alarm_volume_refused nurse.kim 50 % -> 70 %: nurse may not");
    }

    @Test
    void aStoredVolumeBelowTheFloorIsNotUsed() {
        db = VigilDatabase.openFile(dir);
        StationSettings settings = new StationSettings(db, "cs-1");
        settings.put(StationSettings.ALARM_VOLUME, "5", "someone", clock.instant()); // e.g. edited in the database
        assertThat(StationActionsImpl.startVolume(settings, 50)).isEqualTo(50);
        settings.put(StationSettings.ALARM_VOLUME, "loud", "someone", clock.instant());
        assertThat(StationActionsImpl.startVolume(settings, 50)).isEqualTo(50);
        settings.put(StationSettings.ALARM_VOLUME, "25", "someone", clock.instant());
        assertThat(StationActionsImpl.startVolume(settings, 50)).isEqualTo(25);
    }

    @Test
    void withAudioOffThereIsNoVolumeToSet() throws Exception {
        db = VigilDatabase.openFile(dir);
        alarms = new AlarmEngine(clock, Duration.ofSeconds(10));
        actions = new StationActionsImpl(new UserStore(db, "cs-1"), new AuditLog(db), alarms, p -> { }, s -> { },
                bed -> null, "cs-1", clock, Runnable::run);
        assertThat(actions.alarmVolumePercent()).isNull();
        Result r = setVolume(70);
        assertThat(r.done()).isFalse();
        assertThat(r.message()).contains("Audio is off");
    }

    /** "action username detail" of the volume's audit rows, oldest first. */
    private List<String> audit() {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT action, username, detail FROM audit_log WHERE action LIKE 'alarm_volume%' ORDER BY id")) {
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                    }
                    return rows;
                }
            }
        });
    }
}
