package org.vigil.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.data.auth.PasswordHasher;
import org.vigil.data.auth.WeakPasswordException;
import org.vigil.data.model.Role;
import org.vigil.data.model.User;

/** What {@link FirstRun} does, the same on H2 and PostgreSQL (see {@link StoreContract}). */
abstract class FirstRunContract extends StoreContract {
    VigilDatabase db;
    UserStore store;

    @BeforeEach
    void open() {
        db = openDatabase();
        store = new UserStore(db, "station-a", new PasswordHasher(1_000), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theFirstAdminIsCreatedOnceOnly() {
        char[] pw = "Tulip-Orbit-42".toCharArray();
        User admin = FirstRun.createFirstAdmin(store, "chief", pw);
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(admin.displayName()).isEqualTo("Administrator");
        assertThat(pw).containsOnly('\0');
        assertThat(store.authenticate("chief", "Tulip-Orbit-42".toCharArray())).contains(admin);

        char[] again = "Harbour-Lamp-19".toCharArray();
        assertThatThrownBy(() -> FirstRun.createFirstAdmin(store, "chief2", again))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already exists");
        assertThat(again).containsOnly('\0');
        assertThat(store.users()).containsExactly(admin);
    }

    @Test
    void anExistingDisabledAdminStillClosesFirstRun() {
        // The store refuses to disable the last admin, but the first run must not reopen even if one got disabled.
        store.createUser("a1", "A1", Role.ADMIN, "Tulip-Orbit-42".toCharArray(), "x");
        store.createUser("a2", "A2", Role.ADMIN, "Tulip-Orbit-42".toCharArray(), "x");
        store.setDisabled("a1", true, "a2");
        assertThatThrownBy(() -> FirstRun.createFirstAdmin(store, "a3", "Harbour-Lamp-19".toCharArray()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theFirstAdminPasswordFollowsThePolicy() {
        assertThatThrownBy(() -> FirstRun.createFirstAdmin(store, "chief", "admin123".toCharArray()))
                .isInstanceOf(WeakPasswordException.class).hasMessageContaining("at least 12");
        assertThat(store.hasAnyAdmin()).isFalse();
    }

    @Test
    void createdWithinTheTransactionCheckToo() {
        store.createUser("a1", "A1", Role.ADMIN, "Tulip-Orbit-42".toCharArray(), "x");
        // The package-private path FirstRun uses checks inside the insert's transaction as well.
        assertThatThrownBy(() -> store.createUser("a2", "A2", Role.ADMIN, "Tulip-Orbit-42".toCharArray(), "x", true))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void headlessPasswordFromTheEnvironmentOrTheConfig() {
        assertThat(FirstRun.headlessAdminPassword(Map.of("VIGIL_ADMIN_PASSWORD", "Tulip-Orbit-42"), null))
                .containsExactly("Tulip-Orbit-42".toCharArray());
        assertThat(FirstRun.headlessAdminPassword(Map.of(), "Tulip-Orbit-42"))
                .containsExactly("Tulip-Orbit-42".toCharArray());
        assertThat(FirstRun.headlessAdminPassword(Map.of("VIGIL_ADMIN_PASSWORD", " "), "Tulip-Orbit-42"))
                .containsExactly("Tulip-Orbit-42".toCharArray());
        assertThat(FirstRun.headlessAdminPassword(Map.of("VIGIL_ADMIN_PASSWORD", "Tulip-Orbit-42"), "Tulip-Orbit-42"))
                .containsExactly("Tulip-Orbit-42".toCharArray());
    }

    @Test
    void headlessNeitherOrConflictingIsRefused() {
        assertThatThrownBy(() -> FirstRun.headlessAdminPassword(Map.of(), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("VIGIL_ADMIN_PASSWORD")
                .hasMessageContaining("configuration file");
        assertThatThrownBy(() -> FirstRun.headlessAdminPassword(Map.of(), "  "))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> FirstRun.headlessAdminPassword(
                Map.of("VIGIL_ADMIN_PASSWORD", "Tulip-Orbit-42"), "Harbour-Lamp-19"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("differ")
                .hasMessageNotContaining("Tulip").hasMessageNotContaining("Harbour");
    }

    @Test
    void weakHeadlessAdminPasswordIsRefused() {
        assertThatThrownBy(() -> FirstRun.headlessAdminPassword(Map.of("VIGIL_ADMIN_PASSWORD", "changeme"), null))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessageStartingWith("The administrator password from the environment variable VIGIL_ADMIN_PASSWORD "
                        + "is refused: The password must be at least 12 characters")
                .hasMessageNotContaining("changeme");
        assertThatThrownBy(() -> FirstRun.headlessAdminPassword(Map.of(), "Admin-2024-admin"))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessageStartingWith("The administrator password from the configuration file is refused: ")
                .hasMessageContaining("username");
        assertThatThrownBy(() -> FirstRun.headlessAdminPassword(Map.of(), "Changeme2024!"))
                .hasMessageContaining("most commonly used");
    }

    @Test
    void ensureHeadlessAdminCreatesOnceThenDoesNothing() {
        Map<String, String> env = Map.of("VIGIL_ADMIN_PASSWORD", "Tulip-Orbit-42");
        User admin = FirstRun.ensureHeadlessAdmin(store, env, null).orElseThrow();
        assertThat(admin.username()).isEqualTo("admin");
        assertThat(FirstRun.ensureHeadlessAdmin(store, env, null)).isEmpty();
        assertThat(FirstRun.ensureHeadlessAdmin(store, Map.of(), null)).isEmpty(); // not needed any more
        assertThat(store.users()).containsExactly(admin);
        // A weak one on a first start creates nobody.
        db.close();
        db = openOtherDatabase();
        store = new UserStore(db, "station-a", new PasswordHasher(1_000), Clock.systemUTC());
        assertThatThrownBy(() -> FirstRun.ensureHeadlessAdmin(store, Map.of("VIGIL_ADMIN_PASSWORD", "weak"), null))
                .isInstanceOf(WeakPasswordException.class);
        assertThat(store.hasAnyAdmin()).isFalse();
    }
}
