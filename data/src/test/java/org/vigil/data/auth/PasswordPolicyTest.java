package org.vigil.data.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {
    static String problem(String pw, String user) {
        return PasswordPolicy.problem(pw.toCharArray(), user).orElse(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tulip-Orbit-42", "purple monkey dishwasher 7", "correct horse Battery", "Xk9#mQ2!vL4@",
            "Grüße aus Köln 2026", "ward7 Night-shift"})
    void acceptsReasonablePasswords(String pw) {
        assertThat(problem(pw, "kim.lee")).isNull();
    }

    @Test
    void tooShort() {
        assertThat(problem("Tulip-42", "kim.lee")).contains("at least 12 characters").contains("it has 8");
        assertThat(problem("Tulip-Orbit", "kim.lee")).contains("at least 12"); // 11
        assertThat(problem("", null)).contains("at least 12");
        // Code points, not chars: 11 emoji are 22 chars but 11 characters.
        assertThat(problem("😀".repeat(11), null)).contains("it has 11");
    }

    @Test
    void tooLong() {
        assertThat(problem("Ab1-".repeat(65), null)).contains("at most 256");
    }

    @Test
    void oneClassOfCharacterOnly() {
        assertThat(problem("correcthorsebatterystaple", null)).contains("all lower-case letters");
        assertThat(problem("CORRECTHORSEBATTERY", null)).contains("all capital letters");
        assertThat(problem("839201746512", null)).contains("all digits");
        assertThat(problem("!@#$%^&*()_+", null)).contains("all symbols");
    }

    @Test
    void containsTheUsername() {
        assertThat(problem("Kim.Lee-2026-spring", "kim.lee")).isEqualTo("The password must not contain the username.");
        assertThat(problem("xxKIM.LEExx-99", "kim.lee")).contains("username");
        // A two-letter username does not rule out every word that contains those two letters.
        assertThat(problem("Enjoy-the-view-42", "jo")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Password1234", "password123!", "Password2024!", "P@ssw0rd1234", "1q2w3e4r5t6y",
            "qwerty123456", "1qaz2wsx3edc", "Welcome12345", "iloveyou2024", "Letmein!2345", "Admin1234567",
            "abc123456789", "Summer2024!!", "!!Qwerty2024"})
    void commonPasswordsAreRefused(String pw) {
        assertThat(problem(pw, "kim.lee")).contains("most commonly used passwords");
    }

    @Test
    void checkThrowsWithTheMessageAndNeverThePassword() {
        assertThatThrownBy(() -> PasswordPolicy.check("Secret-1".toCharArray(), "kim.lee"))
                .isInstanceOf(WeakPasswordException.class).hasMessageContaining("at least 12")
                .hasMessageNotContaining("Secret-1");
        char[] pw = "Tulip-Orbit-42".toCharArray();
        PasswordPolicy.check(pw, "kim.lee");
        assertThat(new String(pw)).isEqualTo("Tulip-Orbit-42"); // the caller's array is left alone
    }
}
