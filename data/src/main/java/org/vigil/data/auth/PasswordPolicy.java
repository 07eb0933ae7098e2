package org.vigil.data.auth;

import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which passwords the station accepts, for every user including the first administrator. A password is refused,
 * with a message saying why, when it
 * <ol>
 * <li>has fewer than {@value #MIN_LENGTH} characters (or more than {@value #MAX_LENGTH});</li>
 * <li>is made of one class of character only: all lower-case letters, all capitals, all digits, or all symbols;</li>
 * <li>contains the username, in any case (usernames of at least {@value #MIN_USERNAME_IN_PASSWORD} characters: a
 * two-letter username such as "jo" would otherwise refuse ordinary words);</li>
 * <li>is one of the most common passwords: its letters, once digits and symbols are dropped (and
 * once more with the digits and symbols around the letters dropped and those within read as the letters they
 * stand for, such as 0 for o and @ for a), are one of a small built-in list of the words and
 * keyboard runs that top every leaked-password list ("password", "qwerty", "welcome", "letmein"...). So
 * "Password2024!", "P@ssw0rd1234" and "1q2w3e4r5t6y" are refused.</li>
 * </ol>
 * The checks run on the {@code char[]} itself; no {@code String} of the password is made, and temporary copies are
 * wiped. The caller's array is left as it is. Pure and safe on any thread.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    public static final int MIN_USERNAME_IN_PASSWORD = 3;

    /** Lower case, letters only: what the most common passwords are made of once digits and symbols are dropped. */
    private static final List<String> COMMON = List.of(
            "password", "passwort", "passwd", "pass", "qwerty", "qwertz", "azerty", "qwertyuiop", "qwe", "asd",
            "asdf", "asdfgh", "asdfghjkl", "zxc", "zxcvbn", "zxcvbnm", "qaz", "qazwsx", "qazwsxedc", "wsx", "abc",
            "abcd", "abcdef", "abcdefg", "abcdefgh", "aa", "a", "letmein", "welcome", "iloveyou", "admin",
            "administrator", "root", "guest", "user", "login", "test", "default", "changeme", "secret", "master",
            "monkey", "dragon", "football", "baseball", "soccer", "sunshine", "princess", "shadow", "superman",
            "batman", "trustno", "whatever", "freedom", "starwars", "pokemon", "hello", "hellothere", "michael",
            "jennifer", "charlie", "summer", "winter", "spring", "autumn", "hospital", "nurse", "doctor", "vigil",
            "ward", "station");

    private PasswordPolicy() {
    }

    /**
     * @param username the user's login name, or null when not known
     * @throws WeakPasswordException with the first reason the password is refused
     */
    public static void check(char[] password, String username) {
        Optional<String> problem = problem(password, username);
        if (problem.isPresent()) {
            throw new WeakPasswordException(problem.get());
        }
    }

    /**
     * @param username the user's login name, or null when not known
     * @return why {@code password} is refused, as a sentence for the user; empty when it is accepted
     */
    public static Optional<String> problem(char[] password, String username) {
        if (password == null) {
            return Optional.of("A password is required.");
        }
        int length = Character.codePointCount(password, 0, password.length);
        if (length < MIN_LENGTH) {
            return Optional.of("The password must be at least " + MIN_LENGTH + " characters long (it has " + length
                    + "). A few unrelated words make a long password that is easy to remember.");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("The password must be at most " + MAX_LENGTH + " characters long (it has " + length + ").");
        }
        if (oneClassOnly(password)) {
            return Optional.of("The password must mix kinds of characters: it is all " + className(classOf(password, 0))
                    + ". Add capitals, digits, spaces or symbols.");
        }
        char[] lower = lowerCase(password);
        try {
            if (username != null && username.strip().length() >= MIN_USERNAME_IN_PASSWORD
                    && contains(lower, username.strip().toLowerCase(Locale.ROOT).toCharArray())) {
                return Optional.of("The password must not contain the username.");
            }
            if (isCommon(lower, false) || isCommon(lower, true)) {
                return Optional.of("The password is one of the most commonly used passwords (with digits or symbols "
                        + "added, or letters swapped for look-alikes), which are tried first by anyone guessing. "
                        + "Choose another.");
            }
        } finally {
            Arrays.fill(lower, '\0');
        }
        return Optional.empty();
    }

    private static final int LOWER = 0;
    private static final int UPPER = 1;
    private static final int DIGIT = 2;
    private static final int OTHER_LETTER = 3;
    private static final int SYMBOL = 4;

    private static int classOf(char[] s, int i) {
        int cp = Character.codePointAt(s, i);
        if (Character.isLowerCase(cp)) {
            return LOWER;
        }
        if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
            return UPPER;
        }
        if (Character.isDigit(cp)) {
            return DIGIT;
        }
        return Character.isLetter(cp) ? OTHER_LETTER : SYMBOL;
    }

    private static String className(int c) {
        return switch (c) {
            case LOWER -> "lower-case letters";
            case UPPER -> "capital letters";
            case DIGIT -> "digits";
            case OTHER_LETTER -> "letters of one kind";
            default -> "symbols";
        };
    }

    private static boolean oneClassOnly(char[] s) {
        int first = classOf(s, 0);
        for (int i = 0; i < s.length; i += Character.charCount(Character.codePointAt(s, i))) {
            if (classOf(s, i) != first) {
                return false;
            }
        }
        return true;
    }

    private static char[] lowerCase(char[] s) {
        char[] out = new char[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Character.toLowerCase(s[i]);
        }
        return out;
    }

    private static boolean contains(char[] haystack, char[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Whether the letters a-z of {@code lower} are a common word. With {@code readLookAlikes}, the digits and symbols
     * before the first and after the last letter are dropped (the "2024!" of "P@ssw0rd2024!") and those in between
     * read as the letters they stand for (the "@" and "0").
     */
    private static boolean isCommon(char[] lower, boolean readLookAlikes) {
        int from = 0;
        int to = lower.length;
        if (readLookAlikes) {
            while (from < to && !isAsciiLetter(lower[from])) {
                from++;
            }
            while (to > from && !isAsciiLetter(lower[to - 1])) {
                to--;
            }
        }
        char[] letters = new char[lower.length];
        int n = 0;
        try {
            for (int i = from; i < to; i++) {
                char c = readLookAlikes ? lookAlike(lower[i]) : lower[i];
                if (isAsciiLetter(c)) {
                    letters[n++] = c;
                }
            }
            if (n == 0) {
                return false;
            }
            CharBuffer found = CharBuffer.wrap(letters, 0, n);
            for (String word : COMMON) {
                if (word.contentEquals(found)) {
                    return true;
                }
            }
            return false;
        } finally {
            Arrays.fill(letters, '\0');
        }
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static char lookAlike(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1', '!', '|' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7', '+' -> 't';
            case '8' -> 'b';
            case '9' -> 'g';
            default -> c;
        };
    }
}
