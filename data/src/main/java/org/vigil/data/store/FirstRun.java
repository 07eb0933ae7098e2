package org.vigil.data.store;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vigil.data.auth.PasswordPolicy;
import org.vigil.data.auth.WeakPasswordException;
import org.vigil.data.model.Role;
import org.vigil.data.model.User;

/**
 * The first start of a station, when no administrator exists yet: the first administrator is created once, by the
 * set-up screen (desktop) or from configuration (headless). After that the set-up is closed for good: it is
 * refused while any administrator exists, enabled or disabled. The first administrator's password passes the same
 * {@link PasswordPolicy} as everyone's. Pure logic over {@link UserStore}; the app wires it.
 *
 * <p>Headless: the password comes from the configuration file's value or from the environment variable
 * {@value #ENV_ADMIN_PASSWORD}. When both are set they must agree (a silent choice between two different passwords
 * would leave the operator guessing which one works). Either is read only on the very first start; afterwards the
 * app should tell the operator to remove it.
 */
public final class FirstRun {
    public static final String ENV_ADMIN_PASSWORD = "VIGIL_ADMIN_PASSWORD";
    /** The headless station's first administrator's username. */
    public static final String DEFAULT_ADMIN_USERNAME = "admin";
    /** Who the audit log names as creator of the first administrator. */
    public static final String CREATED_BY = "first-run";

    private FirstRun() {
    }

    /**
     * Creates the first administrator (display name "Administrator"). {@code password} is zeroed before this returns.
     *
     * @throws IllegalStateException when an administrator already exists
     * @throws WeakPasswordException when the password is refused by the policy
     * @throws IllegalArgumentException when the username is not valid
     */
    public static User createFirstAdmin(UserStore store, String username, char[] password) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(password, "password");
        if (store.hasAnyAdmin()) {
            Arrays.fill(password, '\0');
            throw new IllegalStateException("An administrator already exists; first-run set-up is closed. "
                    + "Ask an administrator to create your account.");
        }
        // Checked again inside the insert's transaction, for two stations starting at once on a shared store (a
        // small window remains there under READ COMMITTED; it would give two admins, not none).
        return store.createUser(username, Role.ADMIN.label(), Role.ADMIN, password, CREATED_BY, true);
    }

    /** {@link #headlessAdminPassword(Map, String, String)} for the user {@value #DEFAULT_ADMIN_USERNAME}. */
    public static char[] headlessAdminPassword(Map<String, String> env, String configValue) {
        return headlessAdminPassword(env, configValue, DEFAULT_ADMIN_USERNAME);
    }

    /**
     * The first administrator's password for a headless station's very first start: the configuration file's value
     * ({@code configValue}, may be null) or the environment's {@value #ENV_ADMIN_PASSWORD}. Blank counts as unset.
     * Call it only when {@link UserStore#hasAnyAdmin()} is false.
     *
     * @return a fresh array the caller hands to {@link #createFirstAdmin} (which zeroes it)
     * @throws IllegalStateException when neither is set, or both are set and differ
     * @throws WeakPasswordException when the password is refused by the policy; the message names its source and
     *         never contains the password
     */
    public static char[] headlessAdminPassword(Map<String, String> env, String configValue, String username) {
        Objects.requireNonNull(env, "env");
        String fromEnv = blankToNull(env.get(ENV_ADMIN_PASSWORD));
        String fromConfig = blankToNull(configValue);
        if (fromEnv == null && fromConfig == null) {
            throw new IllegalStateException("First start of a headless station: no administrator exists yet. Set the "
                    + "administrator password in the configuration file or in the environment variable "
                    + ENV_ADMIN_PASSWORD + " (at least " + PasswordPolicy.MIN_LENGTH + " characters), start once, "
                    + "then remove it.");
        }
        if (fromEnv != null && fromConfig != null && !fromEnv.equals(fromConfig)) {
            throw new IllegalStateException("The administrator password is set both in the configuration file and in "
                    + ENV_ADMIN_PASSWORD + ", and they differ: set only one.");
        }
        String source = fromEnv != null ? "the environment variable " + ENV_ADMIN_PASSWORD : "the configuration file";
        char[] password = (fromEnv != null ? fromEnv : fromConfig).toCharArray();
        Optional<String> problem = PasswordPolicy.problem(password, username);
        if (problem.isPresent()) {
            Arrays.fill(password, '\0');
            throw new WeakPasswordException("The administrator password from " + source + " is refused: "
                    + problem.get());
        }
        return password;
    }

    /**
     * The headless first start in one call: when no administrator exists, creates {@value #DEFAULT_ADMIN_USERNAME}
     * with {@link #headlessAdminPassword(Map, String)}; otherwise does nothing.
     *
     * @return the administrator created now, or empty when one existed already
     */
    public static Optional<User> ensureHeadlessAdmin(UserStore store, Map<String, String> env, String configValue) {
        Objects.requireNonNull(store, "store");
        if (store.hasAnyAdmin()) {
            return Optional.empty();
        }
        try {
            return Optional.of(createFirstAdmin(store, DEFAULT_ADMIN_USERNAME, headlessAdminPassword(env, configValue)));
        } catch (UsernameTakenException | IllegalStateException e) {
            // Two headless stations first starting on one shared store: the other one created it a moment ago.
            if (store.hasAnyAdmin()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
