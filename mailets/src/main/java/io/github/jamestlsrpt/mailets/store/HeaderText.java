package io.github.jamestlsrpt.mailets.store;

import io.github.jamestlsrpt.core.explain.SafeText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.james.mime4j.codec.EncoderUtil;
import org.apache.james.mime4j.util.CharsetUtil;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Untrusted text (anything that came from a report or a report mail) made safe for a header field (RFC 8460
 * section 7: all content is hostile): control characters, CR and LF included, become visible escapes, so no value
 * can end its header line and start another one; values are cut to a length; non-ASCII text is encoded (RFC 2047)
 * and long values are folded. Encoding and folding are mime4j's: Jakarta Mail 2.1's {@code MimeUtility.encodeText}
 * looks its stream provider up through a {@code ServiceLoader} on every call.
 */
public final class HeaderText {

    /** The usual cap for one value, in characters before encoding. */
    public static final int MAX_LENGTH = 200;

    /** RFC 5322 section 3.3, in UTC: "Sun, 29 Nov 2026 08:41:05 +0000". */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.US)
            .withZone(ZoneOffset.UTC);

    private HeaderText() {}

    /**
     * A Date header value (RFC 5322 section 3.3), for {@code setHeader("Date", ...)}: what {@code setSentDate} writes,
     * without Jakarta Mail's synchronised {@code MailDateFormat}, which one report in the spool's profile paid for.
     */
    public static String date(Instant instant) {
        return DATE.format(instant);
    }

    /** The text as it will read, before encoding: one line, cut to {@code maxLength} characters. */
    public static String plain(String untrusted, int maxLength) {
        return SafeText.of(untrusted == null ? "" : untrusted.strip(), maxLength);
    }

    /**
     * A value ready for {@code setHeader(name, value)} or {@link MimeWriting#field}: made {@link #plain}, then encoded
     * and folded.
     */
    public static String value(String name, String untrusted, int maxLength) {
        return encoded(name, plain(untrusted, maxLength));
    }

    /** A value ready for {@code setHeader(name, value)}, cut to {@value #MAX_LENGTH} characters. */
    public static String value(String name, String untrusted) {
        return value(name, untrusted, MAX_LENGTH);
    }

    /**
     * Encodes and folds a value that is already {@link #plain}: non-ASCII text becomes RFC 2047 encoded-words in UTF-8
     * ("Q" encoding), each short enough for a line of 76 characters, and the value is folded at white space.
     */
    static String encoded(String name, String plain) {
        int used = name.length() + 2;
        String encoded = CharsetUtil.isASCII(plain)
                ? plain
                : EncoderUtil.encodeEncodedWord(
                        plain, EncoderUtil.Usage.TEXT_TOKEN, used, StandardCharsets.UTF_8, EncoderUtil.Encoding.Q);
        return MimeUtil.fold(encoded, used);
    }
}
