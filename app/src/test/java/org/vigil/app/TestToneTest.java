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
import org.vigil.data.store.AuditLog;
import org.vigil.data.store.UserStore;
import org.vigil.data.store.VigilDatabase;
import org.vigil.testing.MutableClock;
import org.vigil.ui.users.StationActions.Result;

/** The test tone on demand (Ctrl+G): played through the real sound player when there is audio, refused and said why without. */
class TestToneTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T05:00:00Z"));
    private VigilDatabase db;
    private AlarmEngine alarms;
    private AlarmSoundPlayer player;
    private StationActionsImpl actions;

    private void start() {
        db = VigilDatabase.openFile(dir);
        alarms = new AlarmEngine(clock, Duration.ofSeconds(10));
        actions = new StationActionsImpl(new UserStore(db, "cs-1"), new AuditLog(db), alarms, p -> { }, s -> { },
                bed -> null, "cs-1", clock, Runnable::run);
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

    @Test
    void theTestToneIsHeardThroughTheSoundPlayerAndAudited() throws Exception {
        start();
        CapturingAudioSink capturing = new CapturingAudioSink();
        player = new AlarmSoundPlayer(capturing, AudioMode.ON, reason -> { }, () -> { }).start();
        actions.testTone(player::playTestTone, null);

        Result r = actions.playTestTone().get(10, TimeUnit.SECONDS);

        assertThat(r.done()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> capturing.loudestSample() > 1000);
        assertThat(auditDetails()).containsExactly("played");
    }

    @Test
    void withAudioOffTheConsoleSaysThereIsNoTestTone() throws Exception {
        start();

        Result r = actions.playTestTone().get(10, TimeUnit.SECONDS);

        assertThat(r.done()).isFalse();
        assertThat(r.message()).contains("Audio is off");
        assertThat(auditDetails()).singleElement().asString().startsWith("not played");
    }

    private List<String> auditDetails() {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT detail FROM audit_log WHERE action = 'test_tone' ORDER BY id")) {
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                    return rows;
                }
            }
        });
    }
}
