package org.vigil.data.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    /** Cheap, for the tests that are not about the cost; the stored count is what verification uses. */
    private final PasswordHasher fast = new PasswordHasher(1_000);

    @Test
    void defaultHashHasTheDocumentedFormatAndVerifies() {
        PasswordHasher hasher = new PasswordHasher();
        long t0 = System.nanoTime();
        String h = hasher.hash("Tulip-Orbit-42".toCharArray());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("one PBKDF2-SHA256 hash at " + hasher.iterations() + " iterations: " + ms + " ms (cold)");

        assertThat(h).matches("pbkdf2-sha256\\$600000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        String[] parts = h.split("\\$");
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
        assertThat(PasswordHasher.iterationsOf(h)).isEqualTo(600_000);

        t0 = System.nanoTime();
        assertThat(hasher.verify("Tulip-Orbit-42".toCharArray(), h)).isTrue();
        System.out.println("one verification: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertThat(hasher.needsRehash(h)).isFalse();
    }

    @Test
    void aDifferentSaltEachTime() {
        String a = fast.hash("Tulip-Orbit-42".toCharArray());
        String b = fast.hash("Tulip-Orbit-42".toCharArray());
        assertThat(a).isNotEqualTo(b);
        assertThat(a.split("\\$")[2]).isNotEqualTo(b.split("\\$")[2]);
        assertThat(fast.verify("Tulip-Orbit-42".toCharArray(), a)).isTrue();
        assertThat(fast.verify("Tulip-Orbit-42".toCharArray(), b)).isTrue();
    }

    @Test
    void wrongPasswordFails() {
        String h = fast.hash("Tulip-Orbit-42".toCharArray());
        assertThat(fast.verify("Tulip-Orbit-43".toCharArray(), h)).isFalse();
        assertThat(fast.verify("tulip-orbit-42".toCharArray(), h)).isFalse();
        assertThat(fast.verify(new char[0], h)).isFalse();
    }

    @Test
    void theIterationCountIsReadFromTheStoredHash() {
        String old = new PasswordHasher(2_000).hash("Tulip-Orbit-42".toCharArray());
        assertThat(PasswordHasher.iterationsOf(old)).isEqualTo(2_000);

        // A hasher now configured with more iterations still verifies the old hash, and says it should be renewed.
        PasswordHasher current = new PasswordHasher(5_000);
        assertThat(current.verify("Tulip-Orbit-42".toCharArray(), old)).isTrue();
        assertThat(current.verify("Tulip-Orbit-24".toCharArray(), old)).isFalse();
        assertThat(current.needsRehash(old)).isTrue();
        assertThat(current.needsRehash(current.hash("Tulip-Orbit-42".toCharArray()))).isFalse();
        // ... and one configured with fewer still uses the stored count.
        assertThat(fast.verify("Tulip-Orbit-42".toCharArray(), old)).isTrue();
        assertThat(fast.needsRehash(old)).isFalse();

        // The count really is used: the same salt and key under another count do not verify.
        String tampered = old.replace("$2000$", "$2001$");
        assertThat(current.verify("Tulip-Orbit-42".toCharArray(), tampered)).isFalse();
    }

    @Test
    void unicodePasswordsWork() {
        String h = fast.hash("Grüße-Ärztin-Ωmega".toCharArray());
        assertThat(fast.verify("Grüße-Ärztin-Ωmega".toCharArray(), h)).isTrue();
        assertThat(fast.verify("Grusse-Arztin-Omega".toCharArray(), h)).isFalse();
    }

    @Test
    void malformedHashesDoNotVerify() {
        char[] pw = "Tulip-Orbit-42".toCharArray();
        for (String bad : new String[] {null, "", "plain", "pbkdf2-sha256$x$AAAA$AAAA", "bcrypt$600000$AAAA$AAAA",
                "pbkdf2-sha256$600000$%%%$AAAA", "pbkdf2-sha256$0$AAAA$AAAA", "pbkdf2-sha256$999999999$AAAA$AAAA",
                "pbkdf2-sha256$1000$AAAA"}) {
            assertThat(fast.verify(pw, bad)).as(String.valueOf(bad)).isFalse();
            assertThat(fast.needsRehash(bad)).as(String.valueOf(bad)).isTrue();
        }
        assertThatThrownBy(() -> PasswordHasher.iterationsOf("plain")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCallersArrayIsLeftAloneAndNotKept() {
        char[] pw = "Tulip-Orbit-42".toCharArray();
        String h = fast.hash(pw);
        assertThat(new String(pw)).isEqualTo("Tulip-Orbit-42");
        assertThat(h).doesNotContain("Tulip");
    }

    @Test
    void refusesTooFewIterations() {
        assertThatThrownBy(() -> new PasswordHasher(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iterations");
    }
}
