package org.vigil.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.data.auth.PasswordHasher;
import org.vigil.data.auth.WeakPasswordException;
import org.vigil.data.model.Role;
import org.vigil.data.model.User;

/** What {@link UserStore} does, the same on H2 and PostgreSQL (see {@link StoreContract}). */
abstract class UserStoreContract extends StoreContract {
    private static final Instant T0 = Instant.parse("2026-03-01T08:15:30.123456Z");
    private static final String PW = "Tulip-Orbit-42";

    VigilDatabase db;
    UserStore store;

    @BeforeEach
    void open() {
        db = openDatabase();
        // A cheap hasher: these tests are about the store, PasswordHasherTest about the cost.
        store = new UserStore(db, "station-a", new PasswordHasher(1_000), Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        db.close();
    }

    record AuditRow(String action, String username, String station, String detail, Instant at) {
    }

    List<AuditRow> audit() throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT action, username, station, detail, logged_at FROM audit_log ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            List<AuditRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new AuditRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Jdbc.getInstant(rs, "logged_at")));
            }
            return rows;
        }
    }

    String storedHash(String username) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM app_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    static char[] pw(String s) {
        return s.toCharArray();
    }

    @Test
    void createAuthenticateDisableRoundTripWithAuditRows() throws Exception {
        assertThat(store.hasAnyAdmin()).isFalse();
        char[] password = pw(PW);
        User kim = store.createUser(" Kim.Lee ", "Kim Lee", Role.NURSE, password, "admin");
        assertThat(password).containsOnly('\0'); // wiped
        assertThat(kim).isEqualTo(new User(kim.id(), "kim.lee", "Kim Lee", Role.NURSE, false));
        assertThat(storedHash("kim.lee")).startsWith("pbkdf2-sha256$1000$").doesNotContain(PW);

        // Reopening finds it: it is on disk.
        db.close();
        db = openDatabase();
        store = new UserStore(db, "station-a", new PasswordHasher(1_000), Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(store.users()).containsExactly(kim);

        char[] login = pw(PW);
        assertThat(store.authenticate("kim.lee", login)).contains(kim);
        assertThat(login).containsOnly('\0');
        assertThat(store.authenticate("KIM.LEE", pw(PW))).contains(kim); // usernames are case-insensitive
        assertThat(store.authenticate("kim.lee", pw("Tulip-Orbit-43"))).isEmpty();

        store.setDisabled("kim.lee", true, "admin");
        assertThat(store.user("kim.lee")).get().extracting(User::disabled).isEqualTo(true);
        assertThat(store.authenticate("kim.lee", pw(PW))).isEmpty();
        store.setDisabled("kim.lee", true, "admin"); // no change, no audit row
        store.setDisabled("kim.lee", false, "admin");
        assertThat(store.authenticate("kim.lee", pw(PW))).contains(kim);

        assertThat(audit()).extracting(AuditRow::action, AuditRow::username, AuditRow::detail).containsExactly(
                tuple("user_created", "admin", "user kim.lee (nurse, Kim Lee) created"),
                tuple("login_ok", "kim.lee", "nurse"),
                tuple("login_ok", "kim.lee", "nurse"),
                tuple("login_failed", "kim.lee", "wrong password"),
                tuple("user_disabled", "admin", "user kim.lee disabled"),
                tuple("login_failed", "kim.lee", "user disabled"),
                tuple("user_enabled", "admin", "user kim.lee enabled"),
                tuple("login_ok", "kim.lee", "nurse"));
        assertThat(audit()).allSatisfy(r -> {
            assertThat(r.station()).isEqualTo("station-a");
            assertThat(r.at()).isEqualTo(T0);
            assertThat(String.valueOf(r.detail())).doesNotContain("Tulip");
        });
    }

    @Test
    void unknownUserGetsTheSameAnswerShape() throws Exception {
        store.createUser("kim.lee", "Kim Lee", Role.NURSE, pw(PW), "admin");

        Optional<User> wrongPassword = store.authenticate("kim.lee", pw("Tulip-Orbit-43"));
        Optional<User> unknown = store.authenticate("nobody", pw(PW));
        Optional<User> malformed = store.authenticate("Tulip Orbit 42!", pw(PW));
        Optional<User> nullName = store.authenticate(null, pw(PW));
        assertThat(List.of(wrongPassword, unknown, malformed, nullName)).containsOnly(Optional.empty());

        assertThat(audit()).extracting(AuditRow::action, AuditRow::username, AuditRow::detail).containsExactly(
                tuple("user_created", "admin", "user kim.lee (nurse, Kim Lee) created"),
                tuple("login_failed", "kim.lee", "wrong password"),
                tuple("login_failed", "nobody", "unknown user"),
                // What was typed is not a username (maybe a password in the wrong field): not logged.
                tuple("login_failed", null, "malformed username"),
                tuple("login_failed", null, "malformed username"));
    }

    @Test
    void unknownUserCostsAFullVerification() {
        // With the real iteration count: an unknown user must cost about what a real verification costs, so the
        // time does not tell which usernames exist. A lower bound only (load can only make the login slower).
        PasswordHasher real = new PasswordHasher();
        UserStore s = new UserStore(db, "station-a", real, Clock.systemUTC());
        s.createUser("kim.lee", "Kim Lee", Role.NURSE, pw(PW), "admin");
        String h = real.hash(pw(PW));
        long baseline = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            real.verify(pw("Tulip-Orbit-43"), h);
            baseline = Math.min(baseline, System.nanoTime() - t0);
        }
        long t0 = System.nanoTime();
        assertThat(s.authenticate("nobody", pw(PW))).isEmpty();
        long unknown = System.nanoTime() - t0;
        t0 = System.nanoTime();
        assertThat(s.authenticate("kim.lee", pw("Tulip-Orbit-43"))).isEmpty();
        long wrong = System.nanoTime() - t0;
        System.out.printf("verify %d ms, unknown user %d ms, wrong password %d ms%n", baseline / 1_000_000,
                unknown / 1_000_000, wrong / 1_000_000);
        assertThat(unknown).isGreaterThan(baseline / 2);
        assertThat(wrong).isGreaterThan(baseline / 2);
    }

    @Test
    void duplicateUsernameIsAClearError() {
        store.createUser("kim.lee", "Kim Lee", Role.NURSE, pw(PW), "admin");
        char[] again = pw("Another-Pass-77");
        assertThatThrownBy(() -> store.createUser("KIM.LEE", "Kim Lee 2", Role.CHARGE_NURSE, again, "admin"))
                .isInstanceOf(UsernameTakenException.class)
                .hasMessage("The username 'kim.lee' is already taken; choose another.");
        assertThat(again).containsOnly('\0'); // wiped on failure too
        // Also when the user is disabled: usernames are never reused.
        store.setDisabled("kim.lee", true, "admin");
        assertThatThrownBy(() -> store.createUser("kim.lee", "Kim", Role.NURSE, pw(PW), "admin"))
                .isInstanceOf(UsernameTakenException.class);
        assertThat(store.users()).hasSize(1);
    }

    @Test
    void usernameAndDisplayNameRules() {
        for (String bad : new String[] {"k", "kim lee", "kim@ward", "x".repeat(65), "", "kïm"}) {
            assertThatThrownBy(() -> store.createUser(bad, "Kim", Role.NURSE, pw(PW), "admin")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 to 64 characters");
        }
        assertThatThrownBy(() -> store.createUser("kim", " ", Role.NURSE, pw(PW), "admin"))
                .hasMessageContaining("display name");
        assertThat(store.createUser("k_9.x-y", "K", Role.NURSE, pw(PW), "admin").username()).isEqualTo("k_9.x-y");
    }

    @Test
    void thePolicyIsEnforced() throws Exception {
        char[] weak = pw("Password2024!");
        assertThatThrownBy(() -> store.createUser("kim.lee", "Kim Lee", Role.NURSE, weak, "admin"))
                .isInstanceOf(WeakPasswordException.class).hasMessageContaining("most commonly used");
        assertThat(weak).containsOnly('\0');
        assertThatThrownBy(() -> store.createUser("kim.lee", "Kim Lee", Role.NURSE, pw("kim.lee-Ward-7"), "admin"))
                .isInstanceOf(WeakPasswordException.class).hasMessageContaining("username");
        assertThat(store.users()).isEmpty();
        assertThat(audit()).isEmpty();
    }

    @Test
    void changePassword() throws Exception {
        store.createUser("kim.lee", "Kim Lee", Role.NURSE, pw(PW), "admin");
        assertThatThrownBy(() -> store.changePassword("kim.lee", pw("short-1A"), "kim.lee"))
                .isInstanceOf(WeakPasswordException.class);
        assertThatThrownBy(() -> store.changePassword("nobody", pw("Harbour-Lamp-19"), "admin"))
                .hasMessage("There is no user 'nobody'.");
        char[] next = pw("Harbour-Lamp-19");
        store.changePassword("kim.lee", next, "kim.lee");
        assertThat(next).containsOnly('\0');
        assertThat(store.authenticate("kim.lee", pw(PW))).isEmpty();
        assertThat(store.authenticate("kim.lee", pw("Harbour-Lamp-19"))).isPresent();
        assertThat(audit()).extracting(AuditRow::action, AuditRow::username, AuditRow::detail).containsExactly(
                tuple("user_created", "admin", "user kim.lee (nurse, Kim Lee) created"),
                tuple("password_changed", "kim.lee", "password of kim.lee changed"),
                tuple("login_failed", "kim.lee", "wrong password"),
                tuple("login_ok", "kim.lee", "nurse"));
    }

    @Test
    void anOldHashIsUpgradedAtTheNextLogin() throws Exception {
        store.createUser("kim.lee", "Kim Lee", Role.NURSE, pw(PW), "admin");
        assertThat(PasswordHasher.iterationsOf(storedHash("kim.lee"))).isEqualTo(1_000);

        UserStore raised = new UserStore(db, "station-a", new PasswordHasher(2_000), Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(raised.authenticate("kim.lee", pw("Tulip-Orbit-43"))).isEmpty();
        assertThat(PasswordHasher.iterationsOf(storedHash("kim.lee"))).isEqualTo(1_000); // not on a failed login
        assertThat(raised.authenticate("kim.lee", pw(PW))).isPresent();
        assertThat(PasswordHasher.iterationsOf(storedHash("kim.lee"))).isEqualTo(2_000);
        assertThat(raised.authenticate("kim.lee", pw(PW))).isPresent();
        assertThat(audit()).extracting(AuditRow::action).containsExactly("user_created", "login_failed",
                "password_rehashed", "login_ok", "login_ok");
    }

    @Test
    void hasAnyAdminAndTheLastAdminCannotBeDisabled() {
        store.createUser("nurse.a", "Nurse A", Role.NURSE, pw(PW), "admin");
        store.createUser("charge.b", "Charge B", Role.CHARGE_NURSE, pw(PW), "admin");
        assertThat(store.hasAnyAdmin()).isFalse();
        store.createUser("root.c", "Admin C", Role.ADMIN, pw(PW), "first-run");
        assertThat(store.hasAnyAdmin()).isTrue();

        assertThatThrownBy(() -> store.setDisabled("root.c", true, "root.c"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("last enabled administrator");
        store.createUser("root.d", "Admin D", Role.ADMIN, pw(PW), "root.c");
        store.setDisabled("root.c", true, "root.d");
        assertThat(store.hasAnyAdmin()).isTrue();
        assertThatThrownBy(() -> store.setDisabled("root.d", true, "root.d")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.setDisabled("nobody", true, "root.d")).hasMessageContaining("no user");

        assertThat(store.users()).extracting(User::username, User::role, User::disabled).containsExactly(
                tuple("charge.b", Role.CHARGE_NURSE, false),
                tuple("nurse.a", Role.NURSE, false),
                tuple("root.c", Role.ADMIN, true),
                tuple("root.d", Role.ADMIN, false));
    }

    @Test
    void recentLoginsCountFailuresSinceTheLastSuccessOrLockoutAtEveryStation() {
        store.createUser("kim", "Kim Lee", Role.NURSE, PW.toCharArray(), "admin");
        UserStore other = new UserStore(db, "station-b", new PasswordHasher(1_000), Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(store.authenticate("kim", "wrong".toCharArray())).isEmpty();
        assertThat(other.authenticate("KIM", "wrong".toCharArray())).isEmpty(); // another station, another case
        assertThat(store.recentLogins("kim", T0)).isEqualTo(new UserStore.RecentLogins(2, null));
        assertThat(store.recentLogins("kim", T0.plusSeconds(1)).failures()).as("before the window").isZero();
        assertThat(store.authenticate("kim", PW.toCharArray())).isPresent();
        assertThat(store.recentLogins("kim", T0).failures()).as("a success starts the count again").isZero();
        assertThat(store.authenticate("kim", "wrong".toCharArray())).isEmpty();
        new AuditLog(db).record("kim", "station-b", UserStore.LOGIN_LOCKOUT, null, null, "5 failed", T0);
        assertThat(store.recentLogins("kim", T0)).isEqualTo(new UserStore.RecentLogins(0, T0));
        assertThat(store.recentLogins("bo", T0)).isEqualTo(new UserStore.RecentLogins(0, null));
    }
}
