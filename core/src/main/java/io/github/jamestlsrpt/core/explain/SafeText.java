package io.github.jamestlsrpt.core.explain;

/**
 * Untrusted report text made safe to show a person (RFC 8460 section 7: all content is hostile): control and
 * bidirectional-formatting characters become visible escapes, and long values are cut.
 */
public final class SafeText {

    private SafeText() {}

    public static String of(String text) {
        return of(text, 200);
    }

    public static String of(String text, int maxLength) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(Math.min(text.length(), maxLength) + 8);
        for (int i = 0; i < text.length(); i++) {
            if (safe.length() >= maxLength) {
                if (safe.length() > 0 && Character.isHighSurrogate(safe.charAt(safe.length() - 1))) {
                    safe.setLength(safe.length() - 1); // never leave half of a character outside the BMP
                }
                safe.append('…');
                break;
            }
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                safe.append(String.format("\\u%04x", (int) c));
            } else {
                safe.append(c);
            }
        }
        return safe.toString();
    }
}
