package io.github.jamestlsrpt.matchers;

import static io.github.jamestlsrpt.matchers.Mails.init;
import static io.github.jamestlsrpt.matchers.Mails.mail;
import static io.github.jamestlsrpt.matchers.Mails.recipient;
import static io.github.jamestlsrpt.message.TestMessages.GOOGLE_FILENAME;
import static io.github.jamestlsrpt.message.TestMessages.attachment;
import static io.github.jamestlsrpt.message.TestMessages.entity;
import static io.github.jamestlsrpt.message.TestMessages.forwarding;
import static io.github.jamestlsrpt.message.TestMessages.googleMail;
import static io.github.jamestlsrpt.message.TestMessages.gzip;
import static io.github.jamestlsrpt.message.TestMessages.message;
import static io.github.jamestlsrpt.message.TestMessages.ordinaryMail;
import static io.github.jamestlsrpt.message.TestMessages.zip;
import static io.github.jamestlsrpt.message.TestReports.HTML_ERROR_PAGE;
import static io.github.jamestlsrpt.message.TestReports.ORDINARY_JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jamestlsrpt.core.read.ReportSniffer;
import io.github.jamestlsrpt.message.TestMessages;
import io.github.jamestlsrpt.message.TestMessages.Entity;
import io.github.jamestlsrpt.message.TestReports;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IsTlsReportTest {

    private static final String REPORT = TestReports.googleReport();

    private static final String DMARC_FILENAME = "google.com!example.com!1699920000!1700006399";

    private static final String DMARC_AGGREGATE =
            """
            <?xml version="1.0" encoding="UTF-8" ?>
            <feedback>
              <report_metadata>
                <org_name>google.com</org_name>
                <email>noreply-dmarc-support@google.com</email>
                <report_id>1234567890123456789</report_id>
                <date_range><begin>1699920000</begin><end>1700006399</end></date_range>
              </report_metadata>
              <policy_published><domain>example.com</domain><p>reject</p></policy_published>
            </feedback>
            """;

    private final Mails.RecordingLogger log = new Mails.RecordingLogger();
    private final List<Long> bytesRead = new ArrayList<>();
    private IsTlsReport matcher;

    /** The real sniffer, counting what it takes from each part. */
    private ReportSniffer.Sniff countingSniff(InputStream payload, int budget) {
        CountingStream counting = new CountingStream(payload);
        try {
            return ReportSniffer.sniff(counting, budget);
        } finally {
            bytesRead.add(counting.count);
        }
    }

    private IsTlsReport matcher(String condition) throws MessagingException {
        return init(new IsTlsReport(log.logger(), this::countingSniff), condition);
    }

    @BeforeEach
    void setUp() throws MessagingException {
        matcher = matcher(null);
    }

    private static Arguments example(String description, Entity message, String evidence) {
        return Arguments.of(description, message.bytes(), evidence);
    }

    private static Arguments example(String description, byte[] message, String evidence) {
        return Arguments.of(description, message, evidence);
    }

    private static Arguments example(String description, Entity message) {
        return Arguments.of(description, message.bytes());
    }

    private static Entity googleLikeReportMail() {
        return googleMail(attachment("application/tlsrpt+gzip", GOOGLE_FILENAME, gzip(REPORT)));
    }

    private static Entity mailFromAReporter(Entity... parts) {
        return message("multipart/mixed")
                .header("From", "tlsrpt@reporter.example")
                .header("Subject", "Report Domain: example.com Submitter: reporter.example")
                .header("TLS-Report-Domain", "example.com")
                .header("TLS-Report-Submitter", "reporter.example")
                .parts(parts);
    }

    private static Entity dmarcMail(Entity attachment) {
        return message("multipart/mixed")
                .header("From", "noreply-dmarc-support@google.com")
                .header("Subject", "Report domain: example.com Submitter: google.com Report-ID: 1234567890123456789")
                .parts(entity("text/plain").sevenBit("This is an aggregate DMARC report."), attachment);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> reportMails() {
        String sniffed = "holds a JSON object with the RFC 8460 member \"organization-name\"";
        return Stream.of(
                example(
                        "Google-like multipart/report with application/tlsrpt+gzip",
                        googleLikeReportMail(),
                        "part 2 (application/tlsrpt+gzip, \"" + GOOGLE_FILENAME + "\") is labelled as a TLS report"),
                example(
                        "Microsoft-like application/tlsrpt+gzip after a text/html part, filename= only",
                        TestMessages.microsoftLike(REPORT),
                        "part 2 (application/tlsrpt+gzip, \"" + TestMessages.MICROSOFT_FILENAME + "\") is labelled"),
                example(
                        "Mail.ru-like report-type quoted, a second text part after the report",
                        TestMessages.mailRuLike(REPORT),
                        "is labelled as a TLS report"),
                example(
                        "upper-case Application/TLSRPT+JSON with parameters",
                        ordinaryMail(entity("Application/TLSRPT+JSON; charset=utf-8; x-any=1")
                                .sevenBit(REPORT)),
                        "part 2 (application/tlsrpt+json) is labelled"),
                example(
                        "application/octet-stream named .json.gz in a mail that does not say it is a report",
                        ordinaryMail(attachment("application/octet-stream", GOOGLE_FILENAME, gzip(REPORT))),
                        "part 2 (application/octet-stream, \"" + GOOGLE_FILENAME + "\") " + sniffed),
                example(
                        "application/gzip with an RFC 2231 split and encoded filename",
                        ordinaryMail(entity("application/gzip")
                                .header(
                                        "Content-Disposition",
                                        "attachment;\n filename*0*=utf-8''google.com%21example.com%211699920000;\n"
                                                + " filename*1*=%211700006399%21001.json.gz")
                                .base64(gzip(REPORT))),
                        "(application/gzip, \"" + GOOGLE_FILENAME + "\") " + sniffed),
                example(
                        "application/zip holding a .json entry",
                        ordinaryMail(attachment(
                                "application/zip",
                                "google.com!example.com!1699920000!1700006399.zip",
                                zip(Map.of("google.com!example.com!1699920000!1700006399.json", REPORT)))),
                        sniffed),
                example(
                        "application/tlsrpt with a .json filename",
                        ordinaryMail(attachment("application/tlsrpt", "report.json", utf8(REPORT))),
                        sniffed),
                example(
                        "a whole-body application/json report",
                        message("application/json").header("Subject", "report").sevenBit(REPORT),
                        "the message body (application/json) " + sniffed),
                example(
                        "a whole-body text/plain report",
                        message("text/plain; charset=utf-8").sevenBit(REPORT),
                        "the message body (text/plain) " + sniffed),
                example(
                        "a whole-body application/json report in quoted-printable",
                        message("application/json; charset=utf-8").quotedPrintable(REPORT),
                        "the message body (application/json) " + sniffed),
                example(
                        "a whole-body gzip report without a name",
                        message("application/gzip").base64(gzip(REPORT)),
                        "the message body (application/gzip) " + sniffed),
                example(
                        "a forwarded report, as message/rfc822",
                        forwarding(googleLikeReportMail()),
                        "part 2.2 (application/tlsrpt+gzip"),
                example(
                        "a forward of a forwarded report",
                        forwarding(forwarding(googleLikeReportMail())),
                        "part 2.2.2 (application/tlsrpt+gzip"),
                example(
                        "a forwarded whole-body report",
                        forwarding(message("application/json").sevenBit(REPORT)),
                        "part 2 (application/json) " + sniffed),
                example(
                        "TLS-Report-Domain header and application/gzip named .json.gz",
                        mailFromAReporter(
                                entity("text/plain").sevenBit("report attached"),
                                attachment("application/gzip", GOOGLE_FILENAME, gzip(REPORT))),
                        "part 2 (application/gzip, \"" + GOOGLE_FILENAME + "\") is labelled"),
                example(
                        "a multipart/report; report-type=tlsrpt inside a gateway's multipart/mixed",
                        message("multipart/mixed")
                                .parts(
                                        entity("text/plain").sevenBit("[EXTERNAL] scanned by the gateway"),
                                        entity("multipart/report; report-type=tlsrpt")
                                                .parts(
                                                        entity("text/plain").sevenBit("report"),
                                                        attachment(
                                                                "application/octet-stream",
                                                                "report.json",
                                                                utf8(REPORT)))),
                        "part 2.2 (application/octet-stream, \"report.json\") is labelled"),
                example(
                        "application/tlsrpt+gzip holding a web page: labelled, so extraction keeps it as invalid",
                        googleMail(attachment("application/tlsrpt+gzip", GOOGLE_FILENAME, gzip(HTML_ERROR_PAGE))),
                        "is labelled as a TLS report"),
                example(
                        "TLS-Report-Domain and a .json.gz holding a web page: labelled, so kept as invalid",
                        mailFromAReporter(attachment("application/gzip", "report.json.gz", gzip(HTML_ERROR_PAGE))),
                        "part 1 (application/gzip, \"report.json.gz\") is labelled"));
    }

    static Stream<Arguments> otherMails() {
        return Stream.of(
                example(
                        "a DMARC aggregate report, application/gzip .xml.gz with ! in its name",
                        dmarcMail(attachment("application/gzip", DMARC_FILENAME + ".xml.gz", gzip(DMARC_AGGREGATE)))),
                example(
                        "a DMARC aggregate report as application/zip",
                        dmarcMail(attachment(
                                "application/zip",
                                DMARC_FILENAME + ".zip",
                                zip(Map.of(DMARC_FILENAME + ".xml", DMARC_AGGREGATE))))),
                example(
                        "a DMARC aggregate report as application/octet-stream .xml.gz with ! in its name",
                        dmarcMail(attachment(
                                "application/octet-stream", DMARC_FILENAME + "!42.xml.gz", gzip(DMARC_AGGREGATE)))),
                example(
                        "a DMARC aggregate report whose whole body is gzip",
                        message("application/gzip").base64(gzip(DMARC_AGGREGATE))),
                example(
                        "a .xml.gz even under a TLS-Report-Domain header",
                        mailFromAReporter(attachment("application/gzip", DMARC_FILENAME + ".xml.gz", gzip(REPORT)))),
                example(
                        "a bounce (delivery-status) returning a mail that held a TLS report",
                        message("multipart/report; report-type=delivery-status")
                                .header("From", "MAILER-DAEMON@example.com")
                                .header("Subject", "Undelivered Mail Returned to Sender")
                                .parts(
                                        entity("text/plain").sevenBit("The mail could not be delivered."),
                                        entity("message/delivery-status")
                                                .sevenBit("Reporting-MTA: dns; mx.example.com\n\n"
                                                        + "Final-Recipient: rfc822; tlsrpt@example.org\n"
                                                        + "Action: failed\nStatus: 5.1.1\n"),
                                        entity("message/rfc822")
                                                .raw(googleLikeReportMail().text()))),
                example(
                        "a cron mail",
                        message("text/plain; charset=UTF-8")
                                .header("From", "root@host.example.com (Cron Daemon)")
                                .header("Subject", "Cron <root@host> /usr/local/bin/backup")
                                .sevenBit("backup finished: 3 files, 12 MB\n")),
                example(
                        "an HTML newsletter",
                        message("multipart/alternative")
                                .header("From", "news@shop.example")
                                .parts(
                                        entity("text/plain; charset=utf-8").sevenBit("Our offers this week"),
                                        entity("text/html; charset=utf-8")
                                                .quotedPrintable("<html><body><h1>Our offers</h1></body></html>"))),
                example(
                        "a PDF attachment",
                        ordinaryMail(attachment(
                                "application/pdf", "invoice.pdf", utf8("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF")))),
                example(
                        "a .json.gz named part holding a gzipped web page, in a mail that says nothing of reports",
                        ordinaryMail(attachment("application/octet-stream", "report.json.gz", gzip(HTML_ERROR_PAGE)))),
                example(
                        "an ordinary .json attachment",
                        ordinaryMail(attachment("application/json", "package.json", utf8(ORDINARY_JSON)))),
                example(
                        "ordinary JSON as the whole body",
                        message("application/json").sevenBit(ORDINARY_JSON)),
                example(
                        "an unnamed application/octet-stream attachment holding a report (the tool ignores it too)",
                        ordinaryMail(entity("application/octet-stream").base64(gzip(REPORT)))),
                example(
                        "a multipart/report; report-type=tlsrpt without any report part",
                        message("multipart/report; report-type=tlsrpt")
                                .parts(entity("text/plain").sevenBit("the report will follow"))));
    }

    @Nested
    class Detection {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.github.jamestlsrpt.matchers.IsTlsReportTest#reportMails")
        void shouldMatchAMailThatHoldsATlsReport(String description, byte[] message, String evidence) {
            FakeMail mail = mail("mail-1", message);

            Collection<MailAddress> matched = matcher.match(mail);

            assertThat(matched).containsExactly(recipient());
            assertThat(log.debugs).singleElement().asString().contains(evidence);
            assertThat(log.warnings).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.github.jamestlsrpt.matchers.IsTlsReportTest#otherMails")
        void shouldNotMatchOtherMail(String description, byte[] message) {
            FakeMail mail = mail("mail-1", message);

            Collection<MailAddress> matched = matcher.match(mail);

            assertThat(matched).isNotNull().isEmpty();
            assertThat(log.warnings).isEmpty();
        }

        @Test
        void shouldNotMatchATruncatedGzipAndSayWhyAtWarn() {
            byte[] gzip = gzip(REPORT);
            FakeMail mail = mail(
                    "mail-7",
                    ordinaryMail(
                            attachment("application/gzip", GOOGLE_FILENAME, Arrays.copyOf(gzip, gzip.length / 2))));

            Collection<MailAddress> matched = matcher.match(mail);

            assertThat(matched).isEmpty();
            assertThat(log.warnings)
                    .containsExactly("IsTlsReport: mail mail-7: part 2 (application/gzip, \"" + GOOGLE_FILENAME
                            + "\") is not a report that can be read: the gzip data is truncated");
            assertThat(log.throwableLogged).isFalse();
        }

        @Test
        void shouldMatchOnTheReportAfterAnUnreadablePart() {
            byte[] gzip = gzip(REPORT);
            FakeMail mail = mail(
                    "mail-8",
                    ordinaryMail(
                            attachment("application/gzip", "first.json.gz", Arrays.copyOf(gzip, 30)),
                            attachment("application/gzip", "second.json.gz", gzip)));

            Collection<MailAddress> matched = matcher.match(mail);

            assertThat(matched).containsExactly(recipient());
            assertThat(log.warnings).singleElement().asString().contains("first.json.gz");
        }

        @Test
        void shouldReturnEveryRecipientOfTheMail() throws Exception {
            FakeMail mail = FakeMail.builder()
                    .name("mail-2")
                    .mimeMessage(Mails.mimeMessage(googleLikeReportMail().bytes()))
                    .recipients("tlsrpt@example.com", "postmaster@example.com")
                    .build();

            assertThat(matcher.match(mail))
                    .containsExactly(new MailAddress("tlsrpt@example.com"), new MailAddress("postmaster@example.com"));
        }
    }

    @Nested
    class Cost {

        @Test
        void shouldReadNoPartWhoseLabelsDecide() {
            matcher.match(mail("mail-1", googleLikeReportMail()));
            matcher.match(mail("mail-2", ordinaryMail(attachment("application/pdf", "big.pdf", new byte[500_000]))));

            assertThat(bytesRead).isEmpty();
        }

        @Test
        void shouldPeekAtMostPeekBytesOfHugeAttachmentsThatAreNoReports() throws MessagingException {
            IsTlsReport small = matcher("peekBytes=4096");
            StringBuilder export = new StringBuilder("{\"rows\": [");
            for (int i = 0; i < 100_000; i++) {
                export.append("{\"id\": ")
                        .append(i)
                        .append(", \"name\": \"row ")
                        .append(i)
                        .append("\"},");
            }
            export.append("{}]}");
            byte[] random = new byte[2 * 1024 * 1024];
            new Random(3).nextBytes(random);
            FakeMail mail = mail(
                    "mail-3",
                    ordinaryMail(
                            attachment("application/json", "export.json", utf8(export.toString())),
                            attachment("application/octet-stream", "archive.json.gz", gzip(random))));

            Collection<MailAddress> matched = small.match(mail);

            assertThat(matched).isEmpty();
            assertThat(bytesRead).hasSize(2).allSatisfy(count -> assertThat(count)
                    .isLessThanOrEqualTo(4096L));
        }

        @Test
        void shouldStopAtTheFirstReportPart() {
            FakeMail mail = mail(
                    "mail-4",
                    ordinaryMail(
                            attachment("application/json", "first.json", utf8(REPORT)),
                            attachment("application/json", "second.json", utf8(REPORT))));

            assertThat(matcher.match(mail)).containsExactly(recipient());
            assertThat(bytesRead).hasSize(1);
        }

        @Test
        void shouldMatchAReportNestedThirtyLevelsDeep() {
            FakeMail mail =
                    mail("mail-5", nested(30, attachment("application/tlsrpt+gzip", "r.json.gz", gzip(REPORT))));

            assertThat(matcher.match(mail)).containsExactly(recipient());
        }

        @Test
        void shouldNotWalkDeeperThanThirtyTwoLevels() {
            FakeMail mail =
                    mail("mail-6", nested(40, attachment("application/tlsrpt+gzip", "r.json.gz", gzip(REPORT))));

            assertThat(matcher.match(mail)).isEmpty();
            assertThat(log.warnings)
                    .singleElement()
                    .asString()
                    .contains("mail-6")
                    .contains("deeper than 32 levels");
        }

        @Test
        void shouldNotWalkMoreThanAThousandParts() {
            List<Entity> parts = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                parts.add(entity("text/plain").sevenBit("part " + i));
            }
            parts.add(attachment("application/tlsrpt+gzip", "r.json.gz", gzip(REPORT)));
            FakeMail mail = mail("mail-7", message("multipart/mixed").parts(parts.toArray(Entity[]::new)));

            assertThat(matcher.match(mail)).isEmpty();
            assertThat(log.warnings)
                    .containsExactly(
                            "IsTlsReport: mail mail-7: the message has more than 1000 MIME parts; the rest is not looked at");
        }

        private static Entity nested(int levels, Entity leaf) {
            Entity inner = leaf;
            for (int i = 1; i < levels; i++) {
                inner = entity("multipart/mixed").parts(inner);
            }
            return message("multipart/mixed").parts(inner);
        }
    }

    @Nested
    class Robustness {

        @Test
        void shouldNotThrowWhenTheMessageCannotBeLoaded() {
            Collection<MailAddress> matched = matcher.match(Mails.mailWhoseMessageFails("mail-9"));

            assertThat(matched).isNotNull().isEmpty();
            assertThat(log.warnings)
                    .containsExactly("IsTlsReport: mail mail-9: the message cannot be read: MessagingException: the"
                            + " spool cannot load mail-9");
            assertThat(log.throwableLogged).isFalse();
        }

        @Test
        void shouldNotMatchAMailWithoutMessage() {
            assertThat(matcher.match(Mails.bareMail("mail-10"))).isEmpty();
        }

        @Test
        void shouldWarnWithoutThrowingWhenACandidatePartCannotBeDecoded() {
            FakeMail mail = mail(
                    "mail-11",
                    ordinaryMail(entity("application/gzip; name=\"r.json.gz\"")
                            .header("Content-Transfer-Encoding", "base64")
                            .raw("H4sI=")));

            Collection<MailAddress> matched = matcher.match(mail);

            assertThat(matched).isEmpty();
            assertThat(log.warnings).singleElement().asString().startsWith("IsTlsReport: mail mail-11: part 2");
            assertThat(log.throwableLogged).isFalse();
        }

        @Test
        void shouldWarnWithoutThrowingWhenTheBytesOfTheMessageCannotBeLoaded() throws MessagingException {
            MimeMessage failing =
                    new MimeMessage(Mails.mimeMessage(googleLikeReportMail().bytes())) {
                        @Override
                        public void writeTo(OutputStream out) throws IOException {
                            throw new IOException("the spool lost the body");
                        }
                    };
            FakeMail mail = FakeMail.builder()
                    .name("mail-14")
                    .mimeMessage(failing)
                    .recipient(Mails.RECIPIENT)
                    .build();

            Collection<MailAddress> matched = matcher.match(mail);

            assertThat(matched).isEmpty();
            assertThat(log.warnings)
                    .containsExactly("IsTlsReport: mail mail-14: the message cannot be read:"
                            + " IOException: the spool lost the body");
        }

        @Test
        void shouldWarnWithoutThrowingWhenAPartsStreamFails() throws MessagingException {
            IsTlsReport failing = init(
                    new IsTlsReport(log.logger(), (payload, budget) -> {
                        throw new UncheckedIOException(new IOException("disk error\n" + "x".repeat(300)));
                    }),
                    null);
            FakeMail mail = mail("mail-15", ordinaryMail(attachment("application/json", "r.json", utf8(REPORT))));

            Collection<MailAddress> matched = failing.match(mail);

            assertThat(matched).isEmpty();
            assertThat(log.warnings)
                    .singleElement()
                    .asString()
                    .startsWith("IsTlsReport: mail mail-15: part 2 (application/json, \"r.json\") cannot be read:"
                            + " IOException: disk error?xxx")
                    .endsWith("x...")
                    .doesNotContain("\n");
            assertThat(log.throwableLogged).isFalse();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\nno boundary at all\r\n",
                    "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
                            + "Content-Type: application/tlsrpt+gzip\r\n\r\n",
                    "MIME-Version: 1.0\r\nContent-Type: ;;;===\r\n\r\n{\"organization-name\": 1}",
                    "MIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\nnot a message",
                    "\r\n\r\n",
                    "no header line at all"
                })
        void shouldNeverThrowOnMalformedMime(String raw) {
            FakeMail mail = mail("mail-12", raw.getBytes(StandardCharsets.ISO_8859_1));

            Collection<MailAddress> matched = matcher.match(mail);

            assertThat(matched).isNotNull();
            assertThat(log.throwableLogged).isFalse();
        }

        @Test
        void shouldMatchAPartLabelledAsAReportEvenIfTheMultipartIsNeverClosed() {
            String raw = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
                    + "Content-Type: application/tlsrpt+gzip\r\n\r\n";

            assertThat(matcher.match(mail("mail-13", raw.getBytes(StandardCharsets.ISO_8859_1))))
                    .containsExactly(recipient());
        }
    }

    @Nested
    class Reading {

        /** James's message class, telling whether Jakarta Mail has parsed it. */
        private static final class SpoolMessage extends MimeMessageWrapper {
            SpoolMessage(byte[] bytes) {
                super(new MimeMessageSource() {
                    @Override
                    public String getSourceId() {
                        return "spool";
                    }

                    @Override
                    public InputStream getInputStream() {
                        return new ByteArrayInputStream(bytes);
                    }
                });
            }

            boolean parsed() {
                return messageParsed;
            }
        }

        private static Entity jsonPart(String encoding, String body) {
            return entity("application/json; name=\"r.json\"")
                    .header("Content-Transfer-Encoding", encoding)
                    .raw(body);
        }

        private static String uuencoded(String text) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream encoder = MimeUtility.encode(out, "x-uuencode")) {
                encoder.write(utf8(text));
            }
            return out.toString(StandardCharsets.US_ASCII);
        }

        @Test
        void shouldMatchAMessageOfJamesSpoolWithoutParsingIt() throws MessagingException {
            SpoolMessage message = new SpoolMessage(googleLikeReportMail().bytes());
            FakeMail mail = FakeMail.builder()
                    .name("mail-16")
                    .mimeMessage(message)
                    .recipient(Mails.RECIPIENT)
                    .build();

            Collection<MailAddress> matched = matcher.match(mail);

            assertThat(matched).containsExactly(recipient());
            assertThat(message.parsed()).isFalse();
            assertThat(log.debugs)
                    .singleElement()
                    .asString()
                    .contains("part 2 (application/tlsrpt+gzip, \"" + GOOGLE_FILENAME
                            + "\") is labelled as a TLS report");
        }

        @Test
        void shouldReadAReportWhoseTransferEncodingCarriesAComment() {
            FakeMail mail = mail(
                    "mail-17", ordinaryMail(jsonPart("Base64 (the report)", TestMessages.base64Lines(utf8(REPORT)))));

            assertThat(matcher.match(mail)).containsExactly(recipient());
            assertThat(log.debugs).singleElement().asString().contains("part 2 (application/json, \"r.json\") holds");
        }

        @Test
        void shouldReadAUuencodedReport() throws Exception {
            FakeMail mail = mail("mail-18", ordinaryMail(jsonPart("x-uuencode", uuencoded(REPORT))));

            assertThat(matcher.match(mail)).containsExactly(recipient());
            assertThat(log.debugs).singleElement().asString().contains("part 2 (application/json, \"r.json\") holds");
            assertThat(log.warnings).isEmpty();
        }

        @Test
        void shouldWarnWhenAPartIsNotUuencodedAsItSays() {
            FakeMail mail = mail("mail-19", ordinaryMail(jsonPart("x-uuencode", "not uuencoded\r\n")));

            assertThat(matcher.match(mail)).isEmpty();
            assertThat(log.warnings)
                    .singleElement()
                    .asString()
                    .startsWith("IsTlsReport: mail mail-19: part 2 (application/json, \"r.json\") cannot be read: ");
        }

        @Test
        void shouldWarnAboutAnUnknownTransferEncodingAndGoOn() {
            FakeMail mail = mail(
                    "mail-20",
                    ordinaryMail(
                            jsonPart("x-unknown", "{}"), attachment("application/json", "second.json", utf8(REPORT))));

            assertThat(matcher.match(mail)).containsExactly(recipient());
            assertThat(log.warnings)
                    .containsExactly("IsTlsReport: mail mail-20: part 2 (application/json, \"r.json\") cannot be read:"
                            + " IOException: Unknown encoding: x-unknown");
            assertThat(log.debugs).singleElement().asString().contains("part 3 (application/json, \"second.json\")");
        }

        @Test
        void shouldStopReadingAMessageOfTenThousandParts() {
            List<Entity> parts = new ArrayList<>();
            for (int i = 0; i < ReportMailDetector.MAX_BUILT; i++) {
                parts.add(entity("text/plain").sevenBit("p"));
            }
            parts.add(attachment("application/tlsrpt+gzip", "r.json.gz", gzip(REPORT)));
            FakeMail mail = mail("mail-21", message("multipart/mixed").parts(parts.toArray(Entity[]::new)));

            assertThat(matcher.match(mail)).isEmpty();
            assertThat(log.warnings)
                    .containsExactly(
                            "IsTlsReport: mail mail-21: the message has more than 1000 MIME parts; the rest is not looked at");
        }
    }

    @Nested
    class Configuration {

        @Test
        void shouldPeekAt64KibByDefault() {
            assertThat(matcher.configuration()).isEqualTo(new IsTlsReport.Configuration(65536));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  ", "peekBytes=65536", " peekBytes = 65536 ;"})
        void shouldAcceptAnEmptyConditionAndTheDefaultWrittenOut(String condition) throws MessagingException {
            assertThat(matcher(condition).configuration().peekBytes()).isEqualTo(65536);
        }

        @ParameterizedTest
        @ValueSource(ints = {1024, 131072, 1048576})
        void shouldTakePeekBytesWithinItsRange(int peekBytes) throws MessagingException {
            assertThat(matcher("peekBytes=" + peekBytes).configuration().peekBytes())
                    .isEqualTo(peekBytes);
        }

        @ParameterizedTest
        @ValueSource(strings = {"peekBytes=1023", "peekBytes=1048577", "peekBytes=64k", "peekBytes=", "peekBytes=-1"})
        void shouldRejectPeekBytesOutsideItsRangeNamingTheRange(String condition) {
            assertThatThrownBy(() -> matcher(condition))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageStartingWith("IsTlsReport: peekBytes must be an integer from 1024 to 1048576, was");
        }

        @Test
        void shouldRejectAnUnknownParameterNamingTheKnownOnes() {
            assertThatThrownBy(() -> matcher("peekbytes=4096"))
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("IsTlsReport: unknown parameter \"peekbytes\"; the parameters are peekBytes,"
                            + " written name=value and separated by \";\"");
        }

        @Test
        void shouldRejectAParameterWithoutValue() {
            assertThatThrownBy(() -> matcher("4096"))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageStartingWith("IsTlsReport: \"4096\" is not name=value; the parameters are peekBytes");
        }

        @Test
        void shouldRejectAParameterGivenTwice() {
            assertThatThrownBy(() -> matcher("peekBytes=4096; peekBytes=8192"))
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("IsTlsReport: parameter peekBytes is given twice");
        }
    }

    /** Counts the bytes taken from a part's stream. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
