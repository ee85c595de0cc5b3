package io.github.jamestlsrpt.core.read;

/** RFC 6901 JSON pointer tokens, and short renderings of untrusted text for messages. */
final class Pointers {

    private static final int SHOWN_LENGTH = 80;

    private Pointers() {}

    /** Escapes one reference token: "~" becomes "~0" and "/" becomes "~1" (RFC 6901 section 3). */
    static String escape(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            return token;
        }
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** Untrusted text on one line: every control character, line and paragraph separator becomes "?". */
    static String oneLine(String text) {
        StringBuilder line = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (line == null) {
                    line = new StringBuilder(text);
                }
                line.setCharAt(i, '?');
            }
        }
        return line == null ? text : line.toString();
    }

    /** Untrusted text for a message: control characters made visible, at most 80 characters. */
    static String abbreviate(String text) {
        StringBuilder shown = new StringBuilder(Math.min(text.length(), SHOWN_LENGTH + 1));
        int i = 0;
        for (; i < text.length() && shown.length() < SHOWN_LENGTH; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        if (i < text.length()) {
            if (Character.isHighSurrogate(shown.charAt(shown.length() - 1))) {
                shown.setLength(shown.length() - 1); // never leave half of a character outside the BMP
            }
            shown.append('…');
        }
        return shown.toString();
    }
}
