package org.vigil.data.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDBC URL split into what may be shown and the password it may carry: PostgreSQL's (or any query-style URL's)
 * {@code ?password=...} (among {@code &}-separated parameters, URL-encoded) or H2's {@code ;PASSWORD=...}. Keys are matched ignoring case, so a
 * misspelt {@code PASSWORD=} is never shown either. Immutable; any thread.
 */
record JdbcUrl(String withoutPassword, String password, boolean isPostgres) {
    private static final Pattern USER_INFO = Pattern.compile("^(jdbc:[a-z0-9]+://[^/@?;]*?:)[^/@?;]*@");

    static JdbcUrl parse(String url) {
        boolean postgres = url.regionMatches(true, 0, "jdbc:postgresql:", 0, "jdbc:postgresql:".length());
        // H2 puts settings after ';'; PostgreSQL and most other drivers use a URL query.
        boolean h2 = url.regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length());
        char start = h2 ? ';' : '?';
        String sep = h2 ? ";" : "&";
        int q = url.indexOf(start);
        if (q < 0) {
            return new JdbcUrl(url, null, postgres);
        }
        String password = null;
        List<String> kept = new ArrayList<>();
        for (String param : url.substring(q + 1).split(Pattern.quote(sep), -1)) {
            int eq = param.indexOf('=');
            String key = (eq < 0 ? param : param.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            if (key.equals("password")) {
                String value = eq < 0 ? "" : param.substring(eq + 1);
                password = h2 ? value : URLDecoder.decode(value, StandardCharsets.UTF_8);
            } else if (!param.isEmpty()) {
                kept.add(param);
            }
        }
        String base = url.substring(0, q);
        return new JdbcUrl(kept.isEmpty() ? base : base + start + String.join(sep, kept), password, postgres);
    }

    /** What logs and messages show: no password parameter, and {@code user:***@} for a password in the authority. */
    String redacted() {
        Matcher m = USER_INFO.matcher(withoutPassword);
        return m.find() ? m.replaceFirst(Matcher.quoteReplacement(m.group(1)) + "***@") : withoutPassword;
    }

    @Override
    public String toString() {
        return redacted();
    }
}
