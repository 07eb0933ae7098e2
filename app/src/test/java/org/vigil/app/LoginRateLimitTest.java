package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.vigil.data.auth.PasswordHasher;
import org.vigil.data.model.Role;
import org.vigil.data.store.AuditLog;
import org.vigil.data.store.FirstRun;
import org.vigil.data.store.UserStore;
import org.vigil.data.store.VigilDatabase;
import org.vigil.testing.MutableClock;
import org.vigil.ui.users.StationActions.Result;

/**
 * Password guessing at the console: 5 failed logins for a username within 5 min lock that username out for 60 s,
 * audited, with the remaining time in the message; neither the username's case nor a restart of the console resets
 * the count. Real database (users, audit log), fake clock: no sleeping.
 */
class LoginRateLimitTest {
    private static final String PASSWORD = "Quiet-ward-at-night-7";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T05:00:00Z"));
    private VigilDatabase db;
    private AlarmEngine alarms;
    private StationActionsImpl actions;

    private void start() {
        db = VigilDatabase.openFile(dir);
        // the station's clock for the audit rows too, as in Station: the lock-out counts them by time
        UserStore users = new UserStore(db, "cs-1", new PasswordHasher(), clock);
        if (!users.hasAnyAdmin()) {
            FirstRun.createFirstAdmin(users, "admin", PASSWORD.toCharArray());
            users.createUser("nurse.kim", "Kim Lee", Role.NURSE, PASSWORD.toCharArray(), "admin");
            users.createUser("nurse.bo", "Bo Chen", Role.NURSE, PASSWORD.toCharArray(), "admin");
        }
        alarms = new AlarmEngine(clock, Duration.ofSeconds(10));
        actions = new StationActionsImpl(users, new AuditLog(db), alarms, p -> { }, s -> { }, bed -> null, "cs-1",
                clock, Runnable::run);
    }

    @AfterEach
    void tearDown() {
        if (alarms != null) {
            alarms.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private Result logIn(String user, String password) throws Exception {
        return actions.logIn(user, password.toCharArray()).get(30, TimeUnit.SECONDS);
    }

    private List<String> audit(String username) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT action FROM audit_log WHERE username = ? ORDER BY id")) {
                ps.setString(1, username);
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

    @Test
    void fiveFailuresWithinFiveMinutesLockTheUsernameOutForSixtySeconds() throws Exception {
        start();
        for (int i = 1; i <= 4; i++) {
            Result r = logIn("nurse.kim", "wrong-" + i);
            assertThat(r.done()).isFalse();
            assertThat(r.message()).isEqualTo("Wrong username or password, or the user is disabled");
            clock.advance(Duration.ofSeconds(30));
        }
        Result fifth = logIn("nurse.kim", "wrong-5");
        assertThat(fifth.message()).isEqualTo("Wrong username or password. Too many failed logins for nurse.kim: "
                + "try again in 60 s");
        // locked out: even the right password is refused, with the time left
        clock.advance(Duration.ofSeconds(15));
        Result locked = logIn("nurse.kim", PASSWORD);
        assertThat(locked.done()).isFalse();
        assertThat(locked.message()).isEqualTo("Too many failed logins for nurse.kim: try again in 45 s");
        assertThat(actions.currentUser()).isNull();
        // another username is not affected
        assertThat(logIn("nurse.bo", PASSWORD).done()).isTrue();

        clock.advance(Duration.ofSeconds(44));
        assertThat(logIn("nurse.kim", PASSWORD).message()).endsWith("try again in 1 s");
        clock.advance(Duration.ofSeconds(1));
        Result after = logIn("nurse.kim", PASSWORD);
        assertThat(after.done()).as("60 s after the lock-out").isTrue();
        assertThat(actions.currentUser().username()).isEqualTo("nurse.kim");

        assertThat(audit("nurse.kim")).containsExactly("login_failed", "login_failed", "login_failed",
                "login_failed", "login_failed", "login_lockout", "login_locked_out", "login_locked_out", "login_ok");
    }

    @Test
    void changingTheCaseOfTheUsernameOrRestartingTheConsoleDoesNotResetTheCount() throws Exception {
        start();
        for (String typed : List.of("Nurse.Kim", "NURSE.KIM", " nurse.KIM ")) {
            assertThat(logIn(typed, "wrong").message()).isEqualTo("Wrong username or password, or the user is disabled");
        }
        tearDown();
        start(); // the console restarts (the counts are in the audit log, not in memory)
        assertThat(logIn("nUrse.kim", "wrong").message()).doesNotContain("Too many");
        assertThat(logIn("nurse.kim", "wrong").message()).endsWith("Too many failed logins for nurse.kim: "
                + "try again in 60 s");
        tearDown();
        start();
        clock.advance(Duration.ofSeconds(20));
        assertThat(logIn("Nurse.Kim", PASSWORD).message()).isEqualTo(
                "Too many failed logins for nurse.kim: try again in 40 s");
        clock.advance(Duration.ofSeconds(40));
        assertThat(logIn("Nurse.Kim", PASSWORD).done()).isTrue();
    }

    @Test
    void failuresSpreadOverMoreThanFiveMinutesDoNotLockOut() throws Exception {
        start();
        for (int i = 1; i <= 6; i++) {
            assertThat(logIn("nurse.kim", "wrong").message())
                    .isEqualTo("Wrong username or password, or the user is disabled");
            clock.advance(Duration.ofSeconds(76)); // 4 failures at most within any 5 min
        }
        assertThat(logIn("nurse.kim", PASSWORD).done()).isTrue();
        assertThat(audit("nurse.kim")).doesNotContain("login_lockout");
    }

    @Test
    void aSuccessfulLoginStartsTheCountAgain() throws Exception {
        start();
        for (int i = 0; i < 4; i++) {
            logIn("nurse.kim", "wrong");
        }
        assertThat(logIn("nurse.kim", PASSWORD).done()).isTrue();
        for (int i = 0; i < 4; i++) {
            assertThat(logIn("nurse.kim", "wrong").message()).doesNotContain("Too many");
        }
        assertThat(logIn("nurse.kim", PASSWORD).done()).isTrue();
    }
}
