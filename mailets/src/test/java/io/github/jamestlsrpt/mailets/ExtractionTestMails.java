package io.github.jamestlsrpt.mailets;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.mailet.base.test.FakeMail;

/**
 * Builds report mails in code, so that each test shows the shape it feeds in: payloads are gzipped and base64-encoded
 * here (76-character lines), every line ends in CRLF. The default mail follows Google's shape (RFC8460-RECEIVER.md,
 * "The mail").
 */
final class ExtractionTestMails {

    static final String CRLF = "\r\n";
    static final String GOOGLE_FILENAME = "google.com!example.com!1699920000!1700006399!001.json.gz";
    static final String GOOGLE_MESSAGE_ID = "<000000000000a1b2c3d4e5f6@google.com>";
    static final String ENVELOPE_SENDER = "bounces+tlsrpt@google.com";
    static final Date LAST_UPDATED = Date.from(java.time.Instant.parse("2023-11-15T12:17:13Z"));

    private ExtractionTestMails() {}

    /** Google's shape: multipart/report; report-type=tlsrpt, a text part, then the report parts given. */
    static Entity googleMail(Entity... reportParts) {
        List<Entity> parts = new ArrayList<>();
        parts.add(entity("text/plain; charset=\"UTF-8\"").sevenBit("This is an aggregate TLS report from google.com"));
        parts.addAll(List.of(reportParts));
        return message("multipart/report; report-type=tlsrpt")
                .header("Date", "Wed, 15 Nov 2023 04:17:13 -0800")
                .header("TLS-Report-Domain", "example.com")
                .header("TLS-Report-Submitter", "google.com")
                .header("Message-ID", GOOGLE_MESSAGE_ID)
                .header("Subject", "Report Domain: example.com Submitter: google.com Report-ID: <x@google.com>")
                .header("From", "Google TLS reporting <noreply-smtp-tls-reporting@google.com>")
                .header("To", "tlsrpt@example.com")
                .parts(parts.toArray(Entity[]::new));
    }

    /** {@link #googleMail} with one gzipped report attached under Google's filename. */
    static Entity googleMail(String json) {
        return googleMail(attachment("application/tlsrpt+gzip", GOOGLE_FILENAME, gzip(json)));
    }

    /** A note from a person, with the given attachments. */
    static Entity ordinaryMail(Entity... attachments) {
        List<Entity> parts = new ArrayList<>();
        parts.add(entity("text/plain; charset=UTF-8").sevenBit("Hi, see you tomorrow.\nAlice"));
        parts.addAll(List.of(attachments));
        return message("multipart/mixed")
                .header("From", "Alice <alice@example.org>")
                .header("To", "postmaster@example.com")
                .header("Subject", "tomorrow")
                .header("Message-ID", "<note-1@example.org>")
                .parts(parts.toArray(Entity[]::new));
    }

    /** A base64 attachment with name= and a Content-Disposition filename=. */
    static Entity attachment(String mediaType, String filename, byte[] content) {
        return entity(mediaType + ";\n\tname=\"" + filename + "\"")
                .header("Content-Disposition", "attachment;\n\tfilename=\"" + filename + "\"")
                .base64(content);
    }

    static Entity message(String contentType) {
        return new Entity(contentType).header("MIME-Version", "1.0");
    }

    static Entity entity(String contentType) {
        return new Entity(contentType);
    }

    /** A FakeMail named "mail-1" holding the message, from {@link #ENVELOPE_SENDER}, updated {@link #LAST_UPDATED}. */
    static FakeMail fakeMail(Entity message) {
        return fakeMail(message.bytes());
    }

    static FakeMail fakeMail(byte[] message) {
        try {
            return FakeMail.builder()
                    .name("mail-1")
                    .mimeMessage(mimeMessage(message))
                    .sender(ENVELOPE_SENDER)
                    .recipient("tlsrpt@example.com")
                    .lastUpdated(LAST_UPDATED)
                    .build();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static MimeMessage mimeMessage(byte[] message) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A MIME entity; a multipart one gets a boundary of its own. */
    static final class Entity {

        private final String contentType;
        private final List<String> headers = new ArrayList<>();
        private final List<Entity> children = new ArrayList<>();
        private String body = "";

        private Entity(String contentType) {
            this.contentType = contentType;
        }

        /** A header; "\n" in the value becomes CRLF, so "\n " folds. */
        Entity header(String name, String value) {
            headers.add(name + ": " + crlf(value));
            return this;
        }

        Entity base64(byte[] content) {
            return header("Content-Transfer-Encoding", "base64").raw(base64Lines(content));
        }

        Entity sevenBit(String text) {
            return header("Content-Transfer-Encoding", "7bit").raw(crlf(text));
        }

        Entity raw(String encodedBody) {
            this.body = encodedBody;
            return this;
        }

        Entity parts(Entity... parts) {
            children.addAll(List.of(parts));
            return this;
        }

        byte[] bytes() {
            return text().getBytes(StandardCharsets.ISO_8859_1);
        }

        String text() {
            StringBuilder out = new StringBuilder();
            for (String header : headers) {
                out.append(header).append(CRLF);
            }
            if (children.isEmpty()) {
                out.append("Content-Type: ").append(crlf(contentType)).append(CRLF);
                return out.append(CRLF).append(body).append(CRLF).toString();
            }
            List<String> rendered = children.stream().map(Entity::text).toList();
            String boundary = "=_extract_test_" + Integer.toHexString(rendered.hashCode());
            out.append("Content-Type: ")
                    .append(crlf(contentType))
                    .append(";" + CRLF + " boundary=\"")
                    .append(boundary)
                    .append('"')
                    .append(CRLF)
                    .append(CRLF);
            for (String child : rendered) {
                out.append("--").append(boundary).append(CRLF).append(child);
            }
            return out.append("--").append(boundary).append("--").append(CRLF).toString();
        }
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A zip archive holding the entries in the map's order. */
    static byte[] zip(Map<String, String> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String base64Lines(byte[] content) {
        return Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII))
                .encodeToString(content);
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", CRLF);
    }
}
