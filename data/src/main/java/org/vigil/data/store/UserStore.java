package org.vigil.data.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.vigil.data.auth.PasswordHasher;
import org.vigil.data.auth.PasswordPolicy;
import org.vigil.data.model.Role;
import org.vigil.data.model.User;

/**
 * The station's users ({@code app_user}): creation, login, password change, disabling. Every change and every login
 * attempt writes an audit row with this station's name; a change and its audit row commit together.
 *
 * <p>Usernames are trimmed and lower-cased, then must match {@code [a-z0-9._-]{2,64}}; they are never reused (a
 * disabled user keeps the name). Passwords must pass {@link PasswordPolicy} and are stored only as
 * {@link PasswordHasher} hashes.
 *
 * <p>Passwords: every method taking a {@code char[]} password zeroes that array before it returns, whether it
 * succeeds or throws; nothing here logs or keeps a password. Hashing is deliberately slow (about 130 ms), and is
 * done before a pooled connection is taken so no connection is held meanwhile.
 *
 * <p>Login does the same work whether or not the user exists, is disabled or gives a wrong password (one full
 * PBKDF2 verification each time) and answers all of them with an empty result, so neither the answer nor its time
 * tells a guesser which usernames exist. The audit row does say why, for the administrator.
 *
 * <p>Authorisation is the caller's: check {@link org.vigil.data.model.Permission#MANAGE_USERS} before calling
 * {@link #createUser}, {@link #changePassword} (for someone else) or {@link #setDisabled}. Any thread may call it;
 * calls block on I/O and on hashing (never call from the JavaFX or MQTT callback thread).
 */
public final class UserStore {
    public static final String USER_CREATED = "user_created";
    public static final String LOGIN_OK = "login_ok";
    public static final String LOGIN_FAILED = "login_failed";
    public static final String PASSWORD_CHANGED = "password_changed";
    /** A successful login replaced a hash made with fewer iterations than the current count. */
    public static final String PASSWORD_REHASHED = "password_rehashed";
    public static final String USER_DISABLED = "user_disabled";
    public static final String USER_ENABLED = "user_enabled";
    /** Written by the console when too many failed logins lock a username out (see {@link #recentLogins}). */
    public static final String LOGIN_LOCKOUT = "login_lockout";

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{2,64}");
    private static final int MAX_DISPLAY_NAME = 200;
    private static final String SELECT_USER = "SELECT id, username, display_name, role, disabled FROM app_user";

    private final VigilDatabase db;
    private final String station;
    private final PasswordHasher hasher;
    private final Clock clock;
    /** Verified against for unknown users, so that they cost what known ones do; see {@link #dummyHash()}. */
    private volatile String dummyHash;

    /** @param station this station's name, written to the audit log */
    public UserStore(VigilDatabase db, String station) {
        this(db, station, new PasswordHasher(), Clock.systemUTC());
    }

    /** With a given hasher (its iteration count for new hashes) and the clock for audit times. */
    public UserStore(VigilDatabase db, String station, PasswordHasher hasher, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.station = Objects.requireNonNull(station, "station");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The username as stored: trimmed and lower-cased.
     *
     * @throws IllegalArgumentException saying what a username may contain, when it does not match
     */
    public static String normalizeUsername(String username) {
        Objects.requireNonNull(username, "username");
        String u = username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(u).matches()) {
            throw new IllegalArgumentException("A username must be 2 to 64 characters: lower-case letters a-z, digits, "
                    + "'.', '_' or '-' (e.g. 'kim.lee').");
        }
        return u;
    }

    /**
     * A username's recent logins as the audit log has them, at every station sharing this database: the failed ones
     * since its last successful login or lock-out, and when its last lock-out began (null: none).
     */
    public record RecentLogins(int failures, Instant lastLockout) {
    }

    /**
     * What the audit log holds of {@code username}'s logins from {@code since} on (the log is durable, so a restart of
     * the console does not reset a lock-out; the time index keeps this a short scan).
     *
     * @param username as stored ({@link #normalizeUsername})
     */
    public RecentLogins recentLogins(String username, Instant since) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(since, "since");
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT action, logged_at FROM audit_log "
                    + "WHERE logged_at >= ? AND username = ? AND action IN (?, ?, ?) ORDER BY logged_at, id")) {
                Jdbc.setInstant(ps, 1, since);
                ps.setString(2, username);
                ps.setString(3, LOGIN_FAILED);
                ps.setString(4, LOGIN_OK);
                ps.setString(5, LOGIN_LOCKOUT);
                int failures = 0;
                Instant lockout = null;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        switch (rs.getString(1)) {
                            case LOGIN_FAILED -> failures++;
                            case LOGIN_OK -> failures = 0;
                            default -> {
                                failures = 0;
                                lockout = Jdbc.getInstant(rs, "logged_at");
                            }
                        }
                    }
                }
                return new RecentLogins(failures, lockout);
            }
        });
    }

    /**
     * Whether any administrator exists, enabled or disabled. First-run set-up is offered only when none does, so
     * disabling every administrator never reopens it (and {@link #setDisabled} refuses to disable the last enabled
     * administrator anyway).
     */
    public boolean hasAnyAdmin() {
        return db.query(UserStore::adminExists);
    }

    private static boolean adminExists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM app_user WHERE role = ?")) {
            ps.setString(1, Role.ADMIN.wireName());
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Creates an enabled user. {@code password} is zeroed before this returns.
     *
     * @param createdBy who creates it (the logged-in admin, or e.g. "first-run"), for the audit log
     * @throws IllegalArgumentException when the username or display name is not valid
     * @throws org.vigil.data.auth.WeakPasswordException when the password is refused by {@link PasswordPolicy}
     * @throws UsernameTakenException when a user (enabled or not) already has the username
     */
    public User createUser(String username, String displayName, Role role, char[] password, String createdBy) {
        return createUser(username, displayName, role, password, createdBy, false);
    }

    /** As {@link #createUser}; with {@code onlyIfNoAdmin} the check that no admin exists runs in the same transaction. */
    User createUser(String username, String displayName, Role role, char[] password, String createdBy,
                    boolean onlyIfNoAdmin) {
        Objects.requireNonNull(password, "password");
        try {
            String u = normalizeUsername(username);
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(createdBy, "createdBy");
            String name = displayName.strip();
            if (name.isEmpty() || name.length() > MAX_DISPLAY_NAME) {
                throw new IllegalArgumentException("A display name is required (at most " + MAX_DISPLAY_NAME
                        + " characters).");
            }
            if (findRow(u).isPresent()) { // early, before the slow hash; the insert checks again
                throw new UsernameTakenException(u);
            }
            PasswordPolicy.check(password, u);
            String hash = hasher.hash(password);
            Instant at = clock.instant();
            return db.durable(c -> {
                if (onlyIfNoAdmin && adminExists(c)) {
                    throw new IllegalStateException("An administrator already exists; first-run set-up is closed.");
                }
                long id;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_user "
                        + "(username, display_name, role, password_hash, created_at, disabled) VALUES (?, ?, ?, ?, ?, FALSE)",
                        new String[] {"id"})) {
                    ps.setString(1, u);
                    ps.setString(2, name);
                    ps.setString(3, role.wireName());
                    ps.setString(4, hash);
                    Jdbc.setInstant(ps, 5, at);
                    ps.executeUpdate();
                    id = Jdbc.generatedId(ps);
                } catch (SQLException e) {
                    if ("23505".equals(e.getSQLState())) { // unique violation, on H2 and PostgreSQL
                        throw new UsernameTakenException(u);
                    }
                    throw e;
                }
                AuditLog.insert(c, createdBy, station, USER_CREATED, null, null,
                        "user " + u + " (" + role.wireName() + ", " + name + ") created", at);
                return new User(id, u, name, role, false);
            });
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * Checks a login and writes a {@value #LOGIN_OK} or {@value #LOGIN_FAILED} audit row. {@code password} is
     * zeroed before this returns. An unknown, malformed or disabled username, or a wrong password, all give an empty
     * result after the same amount of hashing. A successful login with a hash made with fewer iterations than the
     * current count replaces the hash ({@value #PASSWORD_REHASHED}).
     *
     * @return the user when the username and password match an enabled user
     */
    public Optional<User> authenticate(String username, char[] password) {
        Objects.requireNonNull(password, "password");
        try {
            // Not a username (maybe a password typed into the wrong field): null, neither looked up nor logged.
            String u = wellFormedOrNull(username);
            Optional<Row> row = u == null ? Optional.empty() : findRow(u);
            boolean matches = hasher.verify(password, row.map(Row::hash).orElseGet(this::dummyHash));
            Instant at = clock.instant();
            if (row.isEmpty()) {
                audit(u, LOGIN_FAILED, u == null ? "malformed username" : "unknown user", at);
                return Optional.empty();
            }
            Row r = row.get();
            if (r.user.disabled()) {
                audit(u, LOGIN_FAILED, "user disabled" + (matches ? "" : ", wrong password"), at);
                return Optional.empty();
            }
            if (!matches) {
                audit(u, LOGIN_FAILED, "wrong password", at);
                return Optional.empty();
            }
            String newHash = hasher.needsRehash(r.hash) ? hasher.hash(password) : null;
            db.durable(c -> {
                if (newHash != null && replaceHash(c, r.user.id(), r.hash, newHash)) {
                    AuditLog.insert(c, u, station, PASSWORD_REHASHED, null, null,
                            "hash upgraded to " + hasher.iterations() + " iterations", at);
                }
                AuditLog.insert(c, u, station, LOGIN_OK, null, null, r.user.role().wireName(), at);
                return null;
            });
            return Optional.of(r.user);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * Sets a new password (after {@link PasswordPolicy}). {@code newPassword} is zeroed before this returns. Whether
     * {@code changedBy} may do it (the user themself after re-entering the old password, or an admin) is the
     * caller's check.
     *
     * @throws IllegalArgumentException when there is no such user
     * @throws org.vigil.data.auth.WeakPasswordException when the password is refused
     */
    public void changePassword(String username, char[] newPassword, String changedBy) {
        Objects.requireNonNull(newPassword, "newPassword");
        try {
            String u = normalizeUsername(username);
            Objects.requireNonNull(changedBy, "changedBy");
            if (findRow(u).isEmpty()) {
                throw noSuchUser(u);
            }
            PasswordPolicy.check(newPassword, u);
            String hash = hasher.hash(newPassword);
            Instant at = clock.instant();
            db.durable(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET password_hash = ? WHERE username = ?")) {
                    ps.setString(1, hash);
                    ps.setString(2, u);
                    if (ps.executeUpdate() == 0) {
                        throw noSuchUser(u);
                    }
                }
                AuditLog.insert(c, changedBy, station, PASSWORD_CHANGED, null, null, "password of " + u + " changed", at);
                return null;
            });
        } finally {
            Arrays.fill(newPassword, '\0');
        }
    }

    /**
     * Disables or re-enables a user; a disabled user cannot log in and keeps the username. Does nothing (and writes
     * no audit row) when the user is already in that state.
     *
     * @throws IllegalArgumentException when there is no such user
     * @throws IllegalStateException when this would disable the last enabled administrator
     */
    public void setDisabled(String username, boolean disabled, String changedBy) {
        String u = normalizeUsername(username);
        Objects.requireNonNull(changedBy, "changedBy");
        Instant at = clock.instant();
        db.durable(c -> {
            User user;
            try (PreparedStatement ps = c.prepareStatement(SELECT_USER + " WHERE username = ? FOR UPDATE")) {
                ps.setString(1, u);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw noSuchUser(u);
                    }
                    user = user(rs);
                }
            }
            if (user.disabled() == disabled) {
                return null;
            }
            if (disabled && user.role() == Role.ADMIN && enabledAdmins(c) <= 1) {
                throw new IllegalStateException("'" + u + "' is the last enabled administrator and cannot be disabled; "
                        + "create or enable another administrator first.");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET disabled = ? WHERE id = ?")) {
                ps.setBoolean(1, disabled);
                ps.setLong(2, user.id());
                ps.executeUpdate();
            }
            AuditLog.insert(c, changedBy, station, disabled ? USER_DISABLED : USER_ENABLED, null, null,
                    "user " + u + (disabled ? " disabled" : " enabled"), at);
            return null;
        });
    }

    private static String wellFormedOrNull(String username) {
        try {
            return username == null ? null : normalizeUsername(username);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The user with this username (normalised), enabled or not. */
    public Optional<User> user(String username) {
        return findRow(normalizeUsername(username)).map(Row::user);
    }

    /** Every user, enabled or not, by username. */
    public List<User> users() {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT_USER + " ORDER BY username");
                 ResultSet rs = ps.executeQuery()) {
                List<User> users = new ArrayList<>();
                while (rs.next()) {
                    users.add(user(rs));
                }
                return users;
            }
        });
    }

    private record Row(User user, String hash) {
    }

    private Optional<Row> findRow(String normalizedUsername) {
        return db.query(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, username, display_name, role, disabled, password_hash FROM app_user WHERE username = ?")) {
                ps.setString(1, normalizedUsername);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(user(rs), rs.getString("password_hash"))) : Optional.empty();
                }
            }
        });
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                Role.fromWire(rs.getString("role")), rs.getBoolean("disabled"));
    }

    private static int enabledAdmins(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM app_user WHERE role = ? AND disabled = FALSE FOR UPDATE")) {
            ps.setString(1, Role.ADMIN.wireName());
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }
    }

    /** Replaces the hash unless it changed meanwhile (a concurrent password change wins). */
    private static boolean replaceHash(Connection c, long id, String oldHash, String newHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE app_user SET password_hash = ? WHERE id = ? AND password_hash = ?")) {
            ps.setString(1, newHash);
            ps.setLong(2, id);
            ps.setString(3, oldHash);
            return ps.executeUpdate() > 0;
        }
    }

    private void audit(String username, String action, String detail, Instant at) {
        db.query(c -> {
            AuditLog.insert(c, username, station, action, null, null, detail, at);
            return null;
        });
    }

    /**
     * A well-formed hash with the current iteration count and random salt and key: verifying any password against it
     * costs what verifying against a real hash costs, and never succeeds (a 2^-256 chance).
     */
    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            byte[] salt = new byte[16];
            byte[] key = new byte[32];
            SecureRandom random = new SecureRandom();
            random.nextBytes(salt);
            random.nextBytes(key);
            Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
            h = PasswordHasher.SCHEME + "$" + hasher.iterations() + "$" + b64.encodeToString(salt) + "$"
                    + b64.encodeToString(key);
            dummyHash = h;
        }
        return h;
    }

    private static IllegalArgumentException noSuchUser(String u) {
        return new IllegalArgumentException("There is no user '" + u + "'.");
    }
}
