package io.github.jamestlsrpt.mailets.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns a TXT record, as a {@code DNSService} hands it over, into the one string DKIM reads. James's dnsjava-backed
 * service gives the record in its presentation form: every character-string quoted, separated by spaces, with
 * {@code \"}, {@code \\} and {@code \DDD} escapes ({@code "v=DKIM1; k=rsa; p=MIIB..." "...IDAQAB"}); a key longer than
 * 255 bytes always comes in several strings, which RFC 6376 section 3.6.2.2 joins without anything between them.
 * Other services (James's in-memory one) give the text itself, which is used as it is.
 */
final class TxtRecordText {

    private TxtRecordText() {}

    static String join(String record) {
        String text = record.strip();
        if (!text.startsWith("\"")) {
            return text;
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '"') {
                // the spaces between character-strings; anything else outside quotes is not part of a string
                i++;
                continue;
            }
            i = readQuoted(text, i + 1, joined);
        }
        return joined.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads one quoted character-string from {@code start} (after its opening quote); returns the index after it. */
    private static int readQuoted(String text, int start, ByteArrayOutputStream out) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.length()) {
                if (i + 3 < text.length() && isDigits(text, i + 1, 3)) {
                    out.write(Integer.parseInt(text, i + 1, i + 4, 10) & 0xff);
                    i += 4;
                } else {
                    out.write(text.charAt(i + 1));
                    i += 2;
                }
                continue;
            }
            out.write(c);
            i++;
        }
        // an unterminated string: keep what it holds
        return i;
    }

    private static boolean isDigits(String text, int from, int count) {
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
