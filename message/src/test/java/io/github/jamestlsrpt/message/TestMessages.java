package io.github.jamestlsrpt.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds message fixtures in code from report JSON, so that a test shows the shape it feeds in: the payload is
 * gzipped and base64-encoded here (76-character lines), every line ends in CRLF. The sender presets follow the
 * shapes of real reports (RFC8460-RECEIVER.md, "Real-world deviations" item 15), shared with the matchers' tests through this
 * module's test jar; literal files under
 * src/test/resources/messages hold the mails that are clearer as text.
 */
public final class TestMessages {

    public static final String CRLF = "\r\n";

    public static final String GOOGLE_FILENAME = "google.com!example.com!1699920000!1700006399!001.json.gz";
    public static final String MICROSOFT_FILENAME =
            "microsoft.com!example.com!1699920000!1700006399!133444444444444444.json.gz";
    public static final String MAIL_RU_FILENAME = "mail.ru!example.com!1699920000!1700006400!001.json.gz";

    public static final String GOOGLE_MESSAGE_ID = "<000000000000a1b2c3d4e5f6@google.com>";
    public static final String MAIL_RU_REPORT_ID = "<c96d67df-0440-57f7-6e96-c83824d0fdf2@mail.ru>";

    private TestMessages() {}

    // ------------------------------------------------------------------------------------------ senders

    /**
     * Google: multipart/report; report-type=tlsrpt, a text/plain human part, then application/tlsrpt+gzip with
     * name= and filename=; TLS-Report-Domain and TLS-Report-Submitter headers.
     */
    public static byte[] googleLike(String json) {
        return googleMail(attachment("application/tlsrpt+gzip", GOOGLE_FILENAME, gzip(json)))
                .bytes();
    }

    /** {@link #googleLike} with any report parts after the human part. */
    public static Entity googleMail(Entity... reportParts) {
        List<Entity> parts = new ArrayList<>();
        parts.add(entity("text/plain; charset=\"UTF-8\"; format=flowed; delsp=yes")
                .sevenBit("This is an aggregate TLS report from google.com"));
        parts.addAll(List.of(reportParts));
        return message("multipart/report; report-type=tlsrpt")
                .header("Date", "Wed, 15 Nov 2023 04:17:13 -0800")
                .header("TLS-Report-Domain", "example.com")
                .header("TLS-Report-Submitter", "google.com")
                .header("Message-ID", GOOGLE_MESSAGE_ID)
                .header(
                        "Subject",
                        "Report Domain: example.com Submitter: google.com"
                                + " Report-ID: <2023.11.14T00.00.00Z+example.com@google.com>")
                .header("From", "noreply-smtp-tls-reporting@google.com")
                .header("To", "tlsrpt@example.com")
                .parts(parts.toArray(Entity[]::new));
    }

    /**
     * Microsoft: the human part is quoted-printable text/html; the report part has a Content-Description and a
     * Content-Disposition filename=, but no name= on its Content-Type.
     */
    public static byte[] microsoftLike(String json) {
        Entity html = entity("text/html; charset=\"us-ascii\"")
                .quotedPrintable(
                        """
                        <html>
                        <head>
                        <meta http-equiv="Content-Type" content="text/html; charset=us-ascii">
                        </head>
                        <body>
                        <div>This is an aggregate TLS report from microsoft.com</div>
                        </body>
                        </html>
                        """);
        Entity report = entity("application/tlsrpt+gzip")
                .header("Content-Description", "\n " + MICROSOFT_FILENAME)
                .header("Content-Disposition", "attachment;\n\tfilename=\"" + MICROSOFT_FILENAME + "\"")
                .base64(gzip(json));
        return message("multipart/report;\n\treport-type=tlsrpt")
                .header("From", "<tlsrpt-noreply@microsoft.com>")
                .header("To", "\"tlsrpt@example.com\" <tlsrpt@example.com>")
                .header("Date", "Wed, 15 Nov 2023 19:37:28 +0000")
                .header(
                        "Subject",
                        "Report Domain: example.com Submitter: microsoft.com Report-ID:\n 133444444444444444+example.com")
                .header("TLS-Report-Domain", "example.com")
                .header("TLS-Report-Submitter", "microsoft.com")
                .header("Message-ID", "<133444444444444444+example.com@example.com>")
                .parts(html, report)
                .bytes();
    }

    /**
     * Mail.ru: the Subject folded over several lines, report-type quoted, a preamble, and a second (empty)
     * text/plain part after the attachment.
     */
    public static byte[] mailRuLike(String json) {
        return message("multipart/report; report-type=\"tlsrpt\"")
                .header("From", "noreply-smtp-tls-reporting@corp.mail.ru")
                .header("Date", "Wed, 15 Nov 2023 03:10:38 +0300")
                .header("To", "tlsrpt@example.com")
                .header(
                        "Subject",
                        "Report\n Domain: example.com\n Submitter: mail.ru\n Report-ID: " + MAIL_RU_REPORT_ID)
                .header("Auto-Submitted", "auto-generated")
                .header("TLS-Report-Domain", "example.com")
                .header("TLS-Report-Submitter", "mail.ru")
                .header("Message-Id", MAIL_RU_REPORT_ID)
                .preamble("This is a multipart message in MIME format.")
                .parts(
                        entity("text/plain; charset=\"us-ascii\"")
                                .sevenBit("This is an aggregate TLS report from mail.ru"),
                        entity("application/tlsrpt+gzip;\n name=\"" + MAIL_RU_FILENAME + "\"")
                                .header("Content-Disposition", "attachment;\n filename=\"" + MAIL_RU_FILENAME + "\"")
                                .base64(gzip(json)),
                        entity("text/plain; charset=\"us-ascii\"").sevenBit(""))
                .bytes();
    }

    /** Mail that does not say it is a TLS report: multipart/mixed from a person, with the given parts after a note. */
    public static Entity ordinaryMail(Entity... attachments) {
        List<Entity> parts = new ArrayList<>();
        parts.add(entity("text/plain; charset=UTF-8").sevenBit("Hi, the file you asked for is attached.\nAlice"));
        parts.addAll(List.of(attachments));
        return message("multipart/mixed")
                .header("From", "Alice <alice@example.org>")
                .header("To", "postmaster@example.com")
                .header("Date", "Wed, 15 Nov 2023 10:00:00 +0100")
                .header("Subject", "the file")
                .header("Message-ID", "<note-1@example.org>")
                .parts(parts.toArray(Entity[]::new));
    }

    /** A forwarding mail: a note, then the given message as message/rfc822. */
    public static Entity forwarding(Entity forwarded) {
        return message("multipart/mixed")
                .header("From", "Bob <bob@example.com>")
                .header("To", "tlsrpt-archive@example.com")
                .header("Subject", "Fwd: TLS report")
                .parts(
                        entity("text/plain; charset=UTF-8").sevenBit("See the forwarded report."),
                        entity("message/rfc822").raw(forwarded.text()));
    }

    /** A base64 attachment with name= on its Content-Type and filename= on its Content-Disposition. */
    public static Entity attachment(String mediaType, String filename, byte[] content) {
        return entity(mediaType + ";\n\tname=\"" + filename + "\"")
                .header("Content-Disposition", "attachment;\n\tfilename=\"" + filename + "\"")
                .base64(content);
    }

    // ------------------------------------------------------------------------------------------ free form

    /** A top-level entity: MIME-Version, then the headers added, then Content-Type. */
    public static Entity message(String contentType) {
        return new Entity(contentType).header("MIME-Version", "1.0");
    }

    /** A body part with the given Content-Type value (folding written as "\n "). */
    public static Entity entity(String contentType) {
        return new Entity(contentType);
    }

    /** A message without any Content-Type header. */
    public static Entity messageWithoutContentType() {
        return new Entity(null).header("MIME-Version", "1.0");
    }

    /** A MIME entity; a multipart one gets a boundary of its own, appended to its Content-Type. */
    public static final class Entity {

        private final String contentType;
        private final List<String> headers = new ArrayList<>();
        private final List<Entity> children = new ArrayList<>();
        private String preamble;
        private String body = "";

        private Entity(String contentType) {
            this.contentType = contentType;
        }

        /** A header; "\n" in the value becomes CRLF, so "\n " folds. */
        public Entity header(String name, String value) {
            headers.add(name + ": " + crlf(value));
            return this;
        }

        /** Content-Transfer-Encoding: base64, 76-character lines. */
        public Entity base64(byte[] content) {
            return header("Content-Transfer-Encoding", "base64").raw(base64Lines(content));
        }

        /** Content-Transfer-Encoding: quoted-printable. */
        public Entity quotedPrintable(String text) {
            return header("Content-Transfer-Encoding", "quoted-printable").raw(TestMessages.quotedPrintable(text));
        }

        /** Content-Transfer-Encoding: 7bit; "\n" becomes CRLF. */
        public Entity sevenBit(String text) {
            return header("Content-Transfer-Encoding", "7bit").raw(crlf(text));
        }

        /** The body exactly as given, already encoded. */
        public Entity raw(String encodedBody) {
            this.body = encodedBody;
            return this;
        }

        public Entity preamble(String text) {
            this.preamble = crlf(text);
            return this;
        }

        public Entity parts(Entity... parts) {
            children.addAll(List.of(parts));
            return this;
        }

        public byte[] bytes() {
            return text().getBytes(StandardCharsets.ISO_8859_1);
        }

        public String text() {
            StringBuilder out = new StringBuilder();
            for (String header : headers) {
                out.append(header).append(CRLF);
            }
            if (children.isEmpty()) {
                if (contentType != null) {
                    out.append("Content-Type: ").append(crlf(contentType)).append(CRLF);
                }
                return out.append(CRLF).append(body).append(CRLF).toString();
            }
            List<String> renderedChildren = children.stream().map(Entity::text).toList();
            // derived from the content, so that a forwarded message's boundary never equals its container's
            String boundary = "=_tlsrpt_test_" + Integer.toHexString(renderedChildren.hashCode());
            out.append("Content-Type: ")
                    .append(crlf(contentType))
                    .append(";" + CRLF + " boundary=\"")
                    .append(boundary)
                    .append('"')
                    .append(CRLF)
                    .append(CRLF);
            if (preamble != null) {
                out.append(preamble).append(CRLF);
            }
            for (String child : renderedChildren) {
                out.append("--").append(boundary).append(CRLF).append(child);
            }
            return out.append("--").append(boundary).append("--").append(CRLF).toString();
        }
    }

    // ------------------------------------------------------------------------------------------ encodings

    public static byte[] gzip(String text) {
        return gzip(text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A zip archive holding the entries in the map's order. */
    public static byte[] zip(Map<String, String> entries) {
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

    /** Base64 in lines of 76 characters separated by CRLF (RFC 2045 section 6.8). */
    public static String base64Lines(byte[] content) {
        return Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII))
                .encodeToString(content);
    }

    /** Quoted-printable (RFC 2045 section 6.7) of UTF-8 text: "\n" is a line break, lines soft-broken at 76. */
    public static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            int lineLength = 0;
            byte[] bytes = lines[l].getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xff;
                boolean last = i == bytes.length - 1;
                String encoded = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !last)
                        ? String.valueOf((char) b)
                        : String.format("=%02X", b);
                if (lineLength + encoded.length() > 75) {
                    out.append('=').append(CRLF);
                    lineLength = 0;
                }
                out.append(encoded);
                lineLength += encoded.length();
            }
            if (l < lines.length - 1) {
                out.append(CRLF);
            }
        }
        return out.toString();
    }

    /** A literal fixture under src/test/resources/messages. */
    public static byte[] resource(String name) {
        try (InputStream in = TestMessages.class.getResourceAsStream("/messages/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no message fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", CRLF);
    }
}
