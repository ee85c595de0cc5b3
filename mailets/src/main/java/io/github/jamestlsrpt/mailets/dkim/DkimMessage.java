package io.github.jamestlsrpt.mailets.dkim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.MimeIOException;
import org.apache.james.mime4j.io.EOLConvertingInputStream;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * A message read for jDKIM exactly as jDKIM's own {@code org.apache.james.jdkim.impl.Message} reads it (mime4j, flat,
 * content not decoded, lone LF or CR read as CRLF, the same line and header limits, each field given as its raw text
 * without the final CRLF), at less cost. jDKIM's class finds mime4j's builder and writer through {@code
 * MessageServiceFactory.newInstance()}, a {@code ServiceLoader} scan of the class path, on every {@link
 * #getFields(String)} call, and builds a whole message: every Content-* field parsed, the body copied into mime4j's
 * storage. This class reads the same stream with mime4j's {@link MimeTokenStream}, the parser under that builder: the
 * fields as it gives them, the body as its body stream, read once by the body hash. One instance serves one
 * verification.
 */
final class DkimMessage implements Headers, AutoCloseable {

    /** jDKIM's own limits ({@code Message.newMessageBuilder}). */
    private static final MimeConfig CONFIG =
            MimeConfig.custom().setMaxLineLen(10000).setMaxHeaderLen(30000).build();

    private final MimeTokenStream stream;
    private final List<RawText> fields;

    private DkimMessage(MimeTokenStream stream, List<RawText> fields) {
        this.stream = stream;
        this.fields = fields;
    }

    /**
     * Reads the header, leaving the body to {@link #body()}; mime4j's {@link MimeIOException} (an {@link IOException})
     * when the header breaks a limit.
     */
    static DkimMessage read(InputStream in) throws IOException {
        return parse(new EOLConvertingInputStream(in));
    }

    /**
     * As {@link #read(InputStream)}, but bytes whose every CR and LF already make a CRLF pair, as a mail received
     * over SMTP has them, are read as they are: mime4j's {@link EOLConvertingInputStream} would give them unchanged,
     * a byte at a time, which costs more than all the rest of the reading.
     */
    static DkimMessage read(byte[] message) throws IOException {
        InputStream in = new ByteArrayInputStream(message);
        return parse(onlyCrlf(message) ? in : new EOLConvertingInputStream(in));
    }

    /** Whether every CR is followed by an LF and every LF follows a CR: nothing for line-end conversion to change. */
    static boolean onlyCrlf(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r') {
                if (i + 1 == bytes.length || bytes[i + 1] != '\n') {
                    return false;
                }
                i++;
            } else if (bytes[i] == '\n') {
                return false;
            }
        }
        return true;
    }

    private static DkimMessage parse(InputStream in) throws IOException {
        MimeTokenStream stream = new MimeTokenStream(CONFIG);
        stream.setRecursionMode(RecursionMode.M_FLAT);
        stream.parse(in);
        List<RawText> fields = new ArrayList<>();
        try {
            for (EntityState state = stream.next(); state != EntityState.T_BODY; state = stream.next()) {
                if (state == EntityState.T_FIELD) {
                    fields.add(RawText.of(stream.getField()));
                }
            }
        } catch (MimeException e) {
            throw new MimeIOException(e);
        }
        return new DkimMessage(stream, fields);
    }

    /** The body's bytes as they arrived (line ends made CRLF), for the body hash; to be read once. */
    InputStream body() {
        return stream.getInputStream();
    }

    @Override
    public List<String> getFields() {
        List<String> raw = new ArrayList<>(fields.size());
        for (RawText field : fields) {
            raw.add(field.text());
        }
        return raw;
    }

    @Override
    public List<String> getFields(String name) {
        // as mime4j's header: names compared in lower case
        String lowerCase = name.toLowerCase(Locale.US);
        List<String> raw = new ArrayList<>();
        for (RawText field : fields) {
            if (field.lowerCaseName().equals(lowerCase)) {
                raw.add(field.text());
            }
        }
        return raw;
    }

    @Override
    public void close() {
        stream.stop();
    }

    /**
     * A field's name in lower case and its raw text: the bytes mime4j read, folds included, without the final line
     * end (what mime4j's {@code DefaultMessageWriter.writeField} writes, less the CRLF it adds), decoded with the
     * default charset as jDKIM decodes them.
     */
    private record RawText(String lowerCaseName, String text) {

        static RawText of(Field field) {
            return new RawText(
                    field.getName().toLowerCase(Locale.US),
                    new String(field.getRaw().toByteArray()));
        }
    }
}
