package io.github.jamestlsrpt.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RawMessageTest {

    /** Header lines ending in a bare LF, which Jakarta Mail writes back with CRLF: the received bytes differ. */
    private static final byte[] RECEIVED = ("From: tlsrpt@reporter.example\n"
                    + "Subject: Report Domain: example.com\n"
                    + "Content-Type: text/plain\n"
                    + "\n"
                    + "the body\n")
            .getBytes(StandardCharsets.US_ASCII);

    /** A spool's source that counts how often its bytes are read. */
    private static final class Source implements MimeMessageSource {
        private int opened;

        @Override
        public String getSourceId() {
            return "mail-1";
        }

        @Override
        public InputStream getInputStream() {
            opened++;
            return new ByteArrayInputStream(RECEIVED);
        }

        @Override
        public long getMessageSize() {
            return RECEIVED.length;
        }
    }

    /** James's message class, telling whether Jakarta Mail has parsed it. */
    private static final class SpoolMessage extends MimeMessageWrapper {
        SpoolMessage(MimeMessageSource source) {
            super(source);
        }

        boolean parsed() {
            return messageParsed;
        }
    }

    private static byte[] written(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    @Nested
    class InJamesSpool {

        @Test
        void shouldGiveTheBytesAsReceivedWithoutParsingTheMessage() throws Exception {
            Source source = new Source();
            SpoolMessage message = new SpoolMessage(source);

            byte[] bytes = RawMessage.bytes(message, 0);

            assertThat(bytes).isEqualTo(RECEIVED);
            assertThat(source.opened).isEqualTo(1);
            assertThat(message.parsed()).isFalse();
        }

        @Test
        void shouldStreamTheBytesAsReceivedWithoutParsingTheMessage() throws Exception {
            Source source = new Source();
            SpoolMessage message = new SpoolMessage(source);

            byte[] bytes;
            try (InputStream in = RawMessage.open(message)) {
                bytes = in.readAllBytes();
            }

            assertThat(bytes).isEqualTo(RECEIVED);
            assertThat(message.parsed()).isFalse();
        }

        @Test
        void shouldWriteAMessageThatAMailetChanged() throws Exception {
            SpoolMessage message = new SpoolMessage(new Source());
            message.setHeader("X-Tlsrpt-Outcome", "accepted");

            byte[] bytes = RawMessage.bytes(message, 16);

            assertThat(new String(bytes, StandardCharsets.US_ASCII))
                    .contains("X-Tlsrpt-Outcome: accepted\r\n")
                    .endsWith("the body\n");
            assertThat(bytes).isEqualTo(written(message));
        }
    }

    @Nested
    class Elsewhere {

        @Test
        void shouldWriteAnyOtherMessageAsJakartaMailDoes() throws Exception {
            MimeMessage message =
                    new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(RECEIVED));

            byte[] bytes = RawMessage.bytes(message, -1);
            byte[] streamed;
            try (InputStream in = RawMessage.open(message)) {
                streamed = in.readAllBytes();
            }

            assertThat(bytes)
                    .isEqualTo(written(message))
                    .isEqualTo(new String(RECEIVED, StandardCharsets.US_ASCII)
                            .replace("example.com\n", "example.com\r\n")
                            .replace("tlsrpt@reporter.example\n", "tlsrpt@reporter.example\r\n")
                            .replace("text/plain\n\n", "text/plain\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            assertThat(streamed).isEqualTo(bytes);
        }

        @Test
        void shouldPassOnAFailureToWrite() {
            MimeMessage failing = new MimeMessage(Session.getInstance(new Properties())) {
                @Override
                public void writeTo(OutputStream out) throws IOException {
                    throw new IOException("the spool lost the body");
                }
            };

            assertThatThrownBy(() -> RawMessage.bytes(failing, 0))
                    .isInstanceOf(IOException.class)
                    .hasMessage("the spool lost the body");
        }

        @Test
        void shouldPassOnAMessageThatCannotBeRead() throws MessagingException {
            MimeMessage failing = new MimeMessage(Session.getInstance(new Properties())) {
                @Override
                public void writeTo(OutputStream out) throws MessagingException {
                    throw new MessagingException("no content");
                }
            };

            assertThatThrownBy(() -> RawMessage.open(failing))
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("no content");
        }
    }
}
