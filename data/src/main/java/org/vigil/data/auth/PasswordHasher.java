package org.vigil.data.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes and verifies passwords with PBKDF2-HMAC-SHA256 from the JDK: a 16-byte random salt per hash, a 32-byte
 * key, {@value #DEFAULT_ITERATIONS} iterations by default (OWASP's recommendation for PBKDF2-HMAC-SHA256).
 *
 * <p>Encoded as {@code pbkdf2-sha256$<iterations>$<salt>$<key>} (salt and key in Base64 without padding), so the
 * iteration count travels with each hash: it can be raised later and hashes made with the old count still verify
 * ({@link #needsRehash} tells when one should be replaced at the next successful login).
 *
 * <p>Cost: one hash or verification at 600,000 iterations took about 126 ms on this project's build machines
 * (JDK 25, warm; about 280 ms for the very first call, before the JIT). It is deliberate: it is what makes a
 * stolen hash expensive to guess. Call it off the JavaFX thread.
 *
 * <p>The password is never logged or kept: the key derivation works on a copy that is cleared afterwards, and
 * derived keys are zeroed after comparison. (The JDK's own key object also holds a copy internally; it cannot be
 * destroyed on demand, and the JDK wipes it with a Cleaner once the object is unreachable, right after the call.) The caller's array is left as it is (the caller wipes it). Comparison
 * is constant-time ({@link MessageDigest#isEqual}). Immutable and safe on any thread.
 */
public final class PasswordHasher {
    public static final String SCHEME = "pbkdf2-sha256";
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** The lowest count this class accepts to create hashes with; below the default is meant for tests only. */
    public static final int MIN_ITERATIONS = 1_000;
    /** A stored count above this is taken as corrupt rather than spending minutes on one login. */
    static final int MAX_ITERATIONS = 50_000_000;
    static final int SALT_BYTES = 16;
    static final int KEY_BYTES = 32;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

    private final int iterations;

    /** A hasher with {@value #DEFAULT_ITERATIONS} iterations. */
    public PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    /**
     * A hasher that makes new hashes with {@code iterations} (and verifies hashes of any count). Raise it above the
     * default when machines get faster; counts below the default are for tests only.
     */
    public PasswordHasher(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iterations must be between " + MIN_ITERATIONS + " and "
                    + MAX_ITERATIONS + ", not " + iterations);
        }
        this.iterations = iterations;
    }

    /** The iteration count of new hashes. */
    public int iterations() {
        return iterations;
    }

    /** A new salted hash of {@code password}, encoded as described on the class. */
    public String hash(char[] password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] key = derive(password, salt, iterations, KEY_BYTES);
        try {
            return SCHEME + "$" + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * @return true when {@code password} matches {@code encoded}, with the iteration count, salt and key length
     *         read from {@code encoded}; false when it does not match or {@code encoded} is not a hash of this scheme
     */
    public boolean verify(char[] password, String encoded) {
        Objects.requireNonNull(password, "password");
        Parsed p = parse(encoded);
        if (p == null) {
            return false;
        }
        byte[] key = derive(password, p.salt, p.iterations, p.key.length);
        try {
            return MessageDigest.isEqual(key, p.key);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(p.key, (byte) 0);
        }
    }

    /** @return true when {@code encoded} should be replaced by a new hash: fewer iterations than now, or not parseable */
    public boolean needsRehash(String encoded) {
        Parsed p = parse(encoded);
        return p == null || p.iterations < iterations || p.salt.length < SALT_BYTES || p.key.length < KEY_BYTES;
    }

    /**
     * The iteration count stored in {@code encoded}.
     *
     * @throws IllegalArgumentException when {@code encoded} is not a hash of this scheme
     */
    public static int iterationsOf(String encoded) {
        Parsed p = parse(encoded);
        if (p == null) {
            throw new IllegalArgumentException("not a " + SCHEME + " password hash");
        }
        return p.iterations;
    }

    private record Parsed(int iterations, byte[] salt, byte[] key) {
    }

    /** @return null when {@code encoded} is not {@code pbkdf2-sha256$<n>$<salt>$<key>} with sane values */
    private static Parsed parse(String encoded) {
        if (encoded == null) {
            return null;
        }
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return null;
        }
        try {
            int n = Integer.parseInt(parts[1]);
            byte[] salt = B64_DECODE.decode(parts[2]);
            byte[] key = B64_DECODE.decode(parts[3]);
            if (n < 1 || n > MAX_ITERATIONS || salt.length == 0 || key.length == 0 || key.length > 64) {
                return null;
            }
            return new Parsed(n, salt, key);
        } catch (IllegalArgumentException e) { // NumberFormatException included
            return null;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int keyBytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyBytes * 8); // copies the password
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // PBKDF2WithHmacSHA256 is required of every Java SE implementation: this is a broken runtime.
            throw new IllegalStateException(ALGORITHM + " is not available: " + e.getMessage(), e);
        } finally {
            spec.clearPassword();
        }
    }
}
