package io.github.jamestlsrpt.mailets.dkim;

import java.util.regex.Pattern;

/**
 * Makes text from a hostile mail safe for a verdict that may end up in a header or a log (RFC 8460 section 7): no
 * control characters (so no line breaks), nothing outside ASCII, bounded length.
 */
final class Text {

    private static final Pattern SPACES = Pattern.compile(" {2,}");

    static final int MAX_VALUE = 100;
    static final int MAX_REASON = 1000;

    private Text() {}

    /** One tag value from a signature or key record. */
    static String value(String raw) {
        return raw == null ? "(none)" : bounded(printable(raw), MAX_VALUE);
    }

    /** A whole reason sentence. */
    static String reason(String raw) {
        return bounded(SPACES.matcher(printable(raw)).replaceAll(" ").strip(), MAX_REASON);
    }

    private static String printable(String raw) {
        StringBuilder text = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                text.append(' ');
            } else if (c > 0x7e) {
                text.append('?');
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static String bounded(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
