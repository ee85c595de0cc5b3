package io.github.jamestlsrpt.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.james.server.core.MimeMessageWrapper;

/**
 * A mail's message as bytes, for the matchers and mailets that read it with mime4j and never need Jakarta Mail's
 * parsed content. James's spool holds a message as a {@link MimeMessageWrapper} over the bytes it received: while no
 * mailet has changed the message, its bytes are taken from there as they are, without parsing it (which would make
 * every later step that writes the message parse and write it anew). Any other message, or one that a mailet has
 * changed, is written out by {@link MimeMessage#writeTo}.
 */
public final class RawMessage {

    private static final int DEFAULT_SIZE = 8192;

    private RawMessage() {}

    /**
     * The message's bytes as a stream, to be closed by the caller.
     *
     * @throws MessagingException when the message cannot be read
     * @throws IOException when its bytes cannot be read
     */
    public static InputStream open(MimeMessage message) throws MessagingException, IOException {
        if (message instanceof MimeMessageWrapper wrapper && !wrapper.isModified()) {
            return wrapper.getMessageInputStream();
        }
        return new ByteArrayInputStream(written(message, DEFAULT_SIZE));
    }

    /**
     * The message's bytes.
     *
     * @param expectedSize what the bytes are expected to take, to size the buffer; not positive when unknown
     * @throws MessagingException when the message cannot be read
     * @throws IOException when its bytes cannot be read
     */
    public static byte[] bytes(MimeMessage message, int expectedSize) throws MessagingException, IOException {
        if (message instanceof MimeMessageWrapper wrapper && !wrapper.isModified()) {
            try (InputStream in = wrapper.getMessageInputStream()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(bufferSize(expectedSize));
                in.transferTo(out);
                return out.toByteArray();
            }
        }
        return written(message, expectedSize);
    }

    private static byte[] written(MimeMessage message, int expectedSize) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bufferSize(expectedSize));
        message.writeTo(out);
        return out.toByteArray();
    }

    private static int bufferSize(int expectedSize) {
        return expectedSize > 0 ? expectedSize : DEFAULT_SIZE;
    }
}
