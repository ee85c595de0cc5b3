package io.github.jamestlsrpt.mailets.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.field.ContentTransferEncodingField;
import org.apache.james.mime4j.field.Fields;
import org.apache.james.mime4j.message.BasicBodyFactory;
import org.apache.james.mime4j.message.BodyPart;
import org.apache.james.mime4j.message.BodyPartBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.CharsetUtil;
import org.apache.james.mime4j.util.ContentUtil;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * What the stored report messages and the receipts share: they are built with mime4j's DOM and written by its
 * {@link DefaultMessageWriter}, which encodes every body itself. Jakarta Mail 2.1, which wrote them before, looks its
 * stream provider up through a {@code ServiceLoader} for every body it encodes.
 */
public final class MimeWriting {

    /** RFC 5322 section 2.1.1: a line holds at most 998 characters before its CRLF. */
    static final int LINE_LENGTH = 998;

    /** An RFC 2231 value longer than this is cut into continuations, so that folding can keep lines short. */
    static final int PARAMETER_SEGMENT = 60;

    private static final DefaultMessageWriter WRITER = new DefaultMessageWriter();
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** RFC 2045 section 5.1 tspecials, which RFC 2231 section 7 adds to what attribute-char excludes. */
    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    private MimeWriting() {}

    /**
     * A header field written exactly as given: {@code value} must already be safe, encoded and folded (see
     * {@link HeaderText#value} and {@link HeaderText#date}). mime4j would fold a field again from its name on, which
     * can break a long first token away from the colon. The field holds its bytes ("name: value"; UTF-8, which is
     * US-ASCII for a value made safe) as they will be written, as mime4j's parser would have left them, without parsing
     * them back.
     *
     * @throws IllegalArgumentException when {@code name} is not a field name (RFC 5322 section 2.2: printable US-ASCII
     *     but the colon)
     */
    public static Field field(String name, String value) {
        if (name.isEmpty() || !name.chars().allMatch(c -> c > ' ' && c < 0x7f && c != ':')) {
            throw new IllegalArgumentException("not a header field name: " + name);
        }
        byte[] raw = (name + ": " + value).getBytes(StandardCharsets.UTF_8);
        return new WrittenField(name, new ByteArrayBuffer(raw, true));
    }

    /**
     * A UTF-8 text part of lines ending in LF, written with CRLF: 7bit when the text allows it, else
     * quoted-printable. A CR of its own makes a binary body, whose quoted-printable escapes it instead of writing it
     * bare.
     */
    public static BodyPart textPart(String subtype, String lines) {
        byte[] bytes = lines.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        BodyPartBuilder part = BodyPartBuilder.create();
        if (lines.indexOf('\r') < 0) {
            part.setBody(BasicBodyFactory.INSTANCE.textBody(bytes, StandardCharsets.UTF_8));
        } else {
            part.setBody(BasicBodyFactory.INSTANCE.binaryBody(bytes));
        }
        return part.setField(Fields.contentType("text/" + subtype, new NameValuePair("charset", "UTF-8")))
                .setField(transferEncoding(bytes))
                .build();
    }

    /**
     * The Content-Transfer-Encoding of a body: 7bit when it is printable US-ASCII in lines of at most 998 octets with
     * CRLF line ends (RFC 2045 section 2.7), else quoted-printable. mime4j keeps the CRLF of a text body as line
     * breaks and escapes CR, LF and white space of a binary body, so that both come back unchanged; a text body must
     * hold no CR or LF outside a CRLF pair.
     */
    public static ContentTransferEncodingField transferEncoding(byte[] body) {
        return Fields.contentTransferEncoding(isSevenBit(body) ? "7bit" : "quoted-printable");
    }

    static boolean isSevenBit(byte[] body) {
        int line = 0;
        for (int i = 0; i < body.length; i++) {
            int b = body[i] & 0xff;
            if (b == '\r' && i + 1 < body.length && body[i + 1] == '\n') {
                i++;
                line = 0;
                continue;
            }
            if ((b < 0x20 && b != '\t') || b >= 0x7f || ++line > LINE_LENGTH) {
                return false;
            }
        }
        return true;
    }

    /**
     * The parameter {@code name} of a Content-Type or Content-Disposition: as it is when US-ASCII (mime4j quotes it
     * when it must), else in UTF-8 by RFC 2231 section 4, as Jakarta Mail wrote it, cut into numbered continuations
     * (section 3) when long, so that no line of the header passes the limit of RFC 5322.
     */
    public static List<NameValuePair> parameter(String name, String value) {
        if (CharsetUtil.isASCII(value) && value.chars().noneMatch(c -> c < 0x20 || c == 0x7f)) {
            return List.of(new NameValuePair(name, value));
        }
        String encoded = percentEncoded(value);
        String charset = "UTF-8''";
        if (charset.length() + encoded.length() <= PARAMETER_SEGMENT) {
            return List.of(new NameValuePair(name + "*", charset + encoded));
        }
        List<NameValuePair> segments = new ArrayList<>();
        int start = 0;
        while (start < encoded.length()) {
            int end = Math.min(encoded.length(), start + PARAMETER_SEGMENT);
            if (end < encoded.length()) {
                // never cut a %XX escape in two
                if (encoded.charAt(end - 1) == '%') {
                    end -= 1;
                } else if (encoded.charAt(end - 2) == '%') {
                    end -= 2;
                }
            }
            String segment = encoded.substring(start, end);
            segments.add(new NameValuePair(
                    name + "*" + segments.size() + "*", segments.isEmpty() ? charset + segment : segment));
            start = end;
        }
        return segments;
    }

    /** RFC 2231 section 7: every octet that is not an attribute-char becomes %XX. */
    private static String percentEncoded(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(bytes.length * 3);
        for (byte octet : bytes) {
            int b = octet & 0xff;
            if (b <= 0x20 || b >= 0x7f || b == '*' || b == '\'' || b == '%' || TSPECIALS.indexOf(b) >= 0) {
                encoded.append('%').append((char) HEX[b >> 4]).append((char) HEX[b & 0xf]);
            } else {
                encoded.append((char) b);
            }
        }
        return encoded.toString();
    }

    /** The message as RFC 5322 bytes with CRLF line ends. */
    public static byte[] bytes(Message message, int sizeHint) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(sizeHint);
        try {
            WRITER.writeMessage(message, bytes);
        } catch (IOException impossible) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", impossible);
        }
        return bytes.toByteArray();
    }

    /** A field of given bytes; its body, asked for only by readers of the DOM, is the value unfolded. */
    private static final class WrittenField implements Field {
        private final String name;
        private final ByteSequence raw;

        WrittenField(String name, ByteSequence raw) {
            this.name = name;
            this.raw = raw;
        }

        @Override
        public String getName() {
            return name;
        }

        /** As mime4j's {@code RawField} reads it: after the colon and one space, unless nothing follows that space. */
        @Override
        public String getBody() {
            int start = name.length() + (raw.length() > name.length() + 2 ? 2 : 1);
            return MimeUtil.unfold(ContentUtil.decode(StandardCharsets.UTF_8, raw, start, raw.length() - start));
        }

        @Override
        public ByteSequence getRaw() {
            return raw;
        }

        @Override
        public String toString() {
            return ContentUtil.decode(StandardCharsets.UTF_8, raw);
        }
    }
}
