package io.github.jamestlsrpt.mailets.dkim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.io.EOLConvertingInputStream;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * A message read for jDKIM exactly as jDKIM's own {@code org.apache.james.jdkim.impl.Message} reads it (mime4j, flat,
 * content not decoded, lone LF or CR read as CRLF, the same line and header limits, each field given as its raw text
 * without the final CRLF), but with mime4j's builder and writer made directly: jDKIM's class finds them through
 * {@code MessageServiceFactory.newInstance()}, a {@code ServiceLoader} scan of the class path, on every
 * {@link #getFields(String)} call, which in James (extension jars included) cost more than the verification itself.
 * One instance serves one verification.
 */
final class DkimMessage implements Headers, AutoCloseable {

    /** jDKIM's own limits ({@code Message.newMessageBuilder}). */
    private static final MimeConfig CONFIG =
            MimeConfig.custom().setMaxLineLen(10000).setMaxHeaderLen(30000).build();

    private final Message message;
    private final DefaultMessageWriter writer = new DefaultMessageWriter();

    private DkimMessage(Message message) {
        this.message = message;
    }

    /** Reads the message; mime4j's {@code MimeIOException} (an {@link IOException}) when it breaks a limit. */
    static DkimMessage read(InputStream in) throws IOException {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(CONFIG);
        builder.setFlatMode(true);
        builder.setContentDecoding(false);
        return new DkimMessage(builder.parseMessage(new EOLConvertingInputStream(in)));
    }

    /** The body's bytes as they arrived (line ends made CRLF), for the body hash. */
    InputStream body() throws IOException {
        return ((SingleBody) message.getBody()).getInputStream();
    }

    @Override
    public List<String> getFields() {
        return raw(message.getHeader().getFields());
    }

    @Override
    public List<String> getFields(String name) {
        return raw(message.getHeader().getFields(name));
    }

    private List<String> raw(List<Field> fields) {
        List<String> raw = new ArrayList<>(fields.size());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Field field : fields) {
            bytes.reset();
            try {
                writer.writeField(field, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
            }
            // as jDKIM: the field without the CRLF writeField ends it with, decoded with the default charset
            raw.add(new String(bytes.toByteArray(), 0, bytes.size() - 2));
        }
        return raw;
    }

    @Override
    public void close() {
        message.dispose();
    }
}
