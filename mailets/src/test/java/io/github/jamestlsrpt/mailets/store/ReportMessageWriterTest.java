package io.github.jamestlsrpt.mailets.store;

import static io.github.jamestlsrpt.mailets.store.StoreFixtures.GOOGLE_FILENAME;
import static io.github.jamestlsrpt.mailets.store.StoreFixtures.GOOGLE_REPORT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jamestlsrpt.core.document.Provenance;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.explain.PlainSummary;
import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReportReader;
import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.ReportOutcome;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReportMessageWriterTest {

    private static final Instant NOW = Instant.parse("2026-11-29T08:00:05Z");
    private static final DkimVerdict PASS = DkimVerdict.pass("google.com", "a signature of google.com passes");

    private final ReportMessageWriter writer = new ReportMessageWriter(address("tlsrpt@example.com"));

    @Nested
    class Headers {

        @Test
        void shouldSayDomainReporterPeriodAndFailuresInTheSubject() throws Exception {
            MimeMessage message = write(StoreFixtures.google());

            assertThat(message.getSubject())
                    .isEqualTo("TLS report for example.com from Google LLC, 2026-11-28: 12 of 4,000 sessions failed");
        }

        @Test
        void shouldCarryTheRfc8460HeadersForImapSearch() throws Exception {
            MimeMessage message = write(StoreFixtures.google());

            assertThat(message.getHeader("TLS-Report-Domain")).containsExactly("example.com");
            assertThat(message.getHeader("TLS-Report-Submitter")).containsExactly("google.com");
        }

        @Test
        void shouldCarryReportIdPeriodStatusAndKey() throws Exception {
            ExtractedReport report = StoreFixtures.google();

            MimeMessage message = write(report);

            assertThat(message.getHeader("X-TLSRPT-Report-Id")).containsExactly(GOOGLE_REPORT_ID);
            assertThat(message.getHeader("X-TLSRPT-Period"))
                    .containsExactly("2026-11-28T00:00:00Z/2026-11-28T23:59:59Z");
            assertThat(message.getHeader("X-TLSRPT-Status")).containsExactly("valid; outcome=accepted; dkim=pass");
            assertThat(message.getHeader("X-TLSRPT-Deduplication-Key")).containsExactly(report.deduplicationKey());
            assertThat(report.deduplicationKey()).matches("[0-9a-f]{64}");
        }

        @Test
        void shouldBeAnAutomaticMessageFromAndToTheOwnerWithAStableMessageId() throws Exception {
            ExtractedReport report = StoreFixtures.google();

            MimeMessage message = write(report);
            MimeMessage again = write(report);

            assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
            assertThat(message.getFrom()).containsExactly(address("tlsrpt@example.com"));
            assertThat(message.getRecipients(MimeMessage.RecipientType.TO))
                    .containsExactly(address("tlsrpt@example.com"));
            assertThat(message.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-11-29T08:00:05Z"));
            assertThat(message.getHeader("Date")).containsExactly("Sun, 29 Nov 2026 08:00:05 +0000");
            assertThat(message.getMessageID()).isEqualTo("<tlsrpt." + report.deduplicationKey() + "@example.com>");
            assertThat(again.getMessageID()).isEqualTo(message.getMessageID());
        }

        @Test
        void shouldSayWhenAReportIsValidWithWarningsAndOutOfScope() throws Exception {
            String json = StoreFixtures.googleJson().replace("\"mx-host\": [\"mx.example.com\"]", "\"mx-host\": []");
            ExtractedReport report = StoreFixtures.extracted(
                    json, ReportOutcome.OUT_OF_SCOPE, "none of its policy domains is served here");

            MimeMessage message = write(report, DkimVerdict.none());

            assertThat(message.getHeader("X-TLSRPT-Status"))
                    .containsExactly("valid-with-warnings; outcome=out-of-scope; dkim=none");
            assertThat(message.getSubject()).startsWith("[out of scope] TLS report for example.com");
        }

        @Test
        void shouldLeaveTheDkimVerdictOutWhenUnknown() throws Exception {
            MimeMessage message = write(StoreFixtures.google(), null);

            assertThat(message.getHeader("X-TLSRPT-Status")).containsExactly("valid; outcome=accepted");
            assertThat(body(message)).doesNotContain("DKIM:");
        }

        @Test
        void shouldNameEveryPolicyDomainInTheHeaderAndTheFirstThreeInTheSubject() throws Exception {
            String json = StoreFixtures.googleJson();
            String policy = json.substring(json.indexOf("    {\n      \"policy\""), json.lastIndexOf("  ]"));
            String policies = String.join(
                    ",\n",
                    List.of("a.example", "B.example", "b.example", "c.example", "d.example").stream()
                            .map(domain -> policy.strip().replace("example.com", domain))
                            .toList());
            String several = json.substring(0, json.indexOf("    {\n      \"policy\"")) + policies + "\n  ]\n}\n";

            MimeMessage message = write(StoreFixtures.accepted(several));

            assertThat(message.getHeader("TLS-Report-Domain"))
                    .containsExactly("a.example, B.example, c.example, d.example");
            assertThat(message.getSubject())
                    .isEqualTo("TLS report for a.example, B.example, c.example and 1 more from Google LLC,"
                            + " 2026-11-28: 60 of 20,000 sessions failed");
        }

        @Test
        void shouldEncodeNonAsciiTextAndDecodeItBackUnchanged() throws Exception {
            ExtractedReport report = StoreFixtures.accepted(
                    StoreFixtures.reportJson("Mülleriß Téléphone", "ид-отчёта-1", "example.com", 10, 0));

            byte[] bytes = writer.write(report, PASS, NOW);
            MimeMessage message = InMemoryReportMailbox.parse(bytes);

            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).matches("\\p{ASCII}*");
            assertThat(message.getSubject())
                    .isEqualTo("TLS report for example.com from Mülleriß Téléphone, 2026-11-28: no failures in 10"
                            + " sessions");
            assertThat(decoded(message, "X-TLSRPT-Report-Id")).isEqualTo("ид-отчёта-1");
        }

        @Test
        void shouldUseTheContactDomainWhenTheReportNamesNoOrganization() throws Exception {
            String json = StoreFixtures.googleJson().replace("\"organization-name\": \"Google LLC\",", "");

            MimeMessage message = write(StoreFixtures.accepted(json));

            assertThat(message.getSubject()).contains(" from google.com, ");
        }
    }

    @Nested
    class HostileText {

        @Test
        void shouldNotLetAReportIdOrOrganizationAddAHeader() throws Exception {
            String json = StoreFixtures.reportJson(
                    "Evil Corp\r\nBcc: victim@example.org",
                    "id-1\r\nBcc: victim@example.org\r\nX-Injected: yes",
                    "example.com",
                    10,
                    1);
            ExtractedReport report = StoreFixtures.accepted(json)
                    .withPart(
                            "2\r\nBcc: part@example.org",
                            "../../etc/passwd\r\nBcc: file@example.org",
                            "application/tlsrpt+gzip\r\nBcc: type@example.org");

            byte[] bytes = writer.write(report, PASS, NOW);
            MimeMessage message = InMemoryReportMailbox.parse(bytes);

            assertThat(message.getHeader("Bcc")).isNull();
            assertThat(message.getHeader("X-Injected")).isNull();
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1).lines())
                    .noneMatch(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("bcc:"))
                    .noneMatch(line -> line.startsWith("X-Injected:"));
            assertThat(decoded(message, "X-TLSRPT-Report-Id"))
                    .isEqualTo("id-1\\u000d\\u000aBcc: victim@example.org\\u000d\\u000aX-Injected: yes");
            assertThat(message.getSubject()).contains("from Evil Corp\\u000d\\u000aBcc: victim@example.org, ");
            BodyPart original = parts(message).getBodyPart(2);
            assertThat(original.getFileName()).isEqualTo("passwd__Bcc_ file@example.org");
            assertThat(original.getContentType()).startsWith("application/octet-stream");
        }

        @Test
        void shouldCutLongValues() throws Exception {
            String longId = "x".repeat(5000);
            ExtractedReport report =
                    StoreFixtures.accepted(StoreFixtures.reportJson("Google LLC", longId, "example.com", 10, 1));

            byte[] bytes = writer.write(report, PASS, NOW);
            MimeMessage message = InMemoryReportMailbox.parse(bytes);

            assertThat(decoded(message, "X-TLSRPT-Report-Id")).isEqualTo("x".repeat(200) + "…");
            assertThat(parts(message).getBodyPart(1).getFileName()).isEqualTo("x".repeat(100) + ".json");
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1).lines()).allMatch(line -> line.length() <= 998);
        }

        @Test
        void shouldKeepOnlyTheLastPartOfALongFilename() throws Exception {
            ExtractedReport report =
                    StoreFixtures.google().withPart("2", "a".repeat(300) + ".json.gz", "application/tlsrpt+gzip");

            assertThat(ReportMessageWriter.originalFilename(report))
                    .hasSize(120)
                    .endsWith("aaa.json.gz");
        }

        @Test
        void shouldNameTheOriginalByItsBytesWhenTheSenderGaveNoUsableFilename() throws Exception {
            ExtractedReport gzip = StoreFixtures.google().withPart("2", "...", "application/tlsrpt+gzip");
            ExtractedReport none = StoreFixtures.google().withPart("2", null, "application/tlsrpt+gzip");
            ExtractedReport json = StoreFixtures.extracted(
                    StoreFixtures.googleJson().getBytes(StandardCharsets.UTF_8), null, ReportOutcome.ACCEPTED, null);
            ExtractedReport zip = StoreFixtures.extracted(
                    zip("a.json", StoreFixtures.googleJson()), "a.json", ReportOutcome.ACCEPTED, null);

            assertThat(ReportMessageWriter.originalFilename(gzip)).isEqualTo("report.json.gz");
            assertThat(ReportMessageWriter.originalFilename(none)).isEqualTo("report.json.gz");
            assertThat(ReportMessageWriter.originalFilename(json.withPart("2", null, "x/y")))
                    .isEqualTo("report.json");
            assertThat(ReportMessageWriter.originalFilename(zip.withPart("2", null, "x/y")))
                    .isEqualTo("report.zip");
        }

        @Test
        void shouldKeepOnlyTheBaseTypeOfTheSendersContentType() {
            ExtractedReport google = StoreFixtures.google();

            assertThat(ReportMessageWriter.mediaType(
                            google.withPart("2", null, "Application/TLSRPT+GZIP; name=\"x.gz\"")))
                    .isEqualTo("application/tlsrpt+gzip");
            assertThat(ReportMessageWriter.mediaType(google.withPart("2", null, "application/tlsrpt+json")))
                    .isEqualTo("application/tlsrpt+json");
            assertThat(ReportMessageWriter.mediaType(google.withPart("2", null, "not a type")))
                    .isEqualTo("application/octet-stream");
            assertThat(ReportMessageWriter.mediaType(google.withPart("2", null, "text/\"html\"")))
                    .isEqualTo("application/octet-stream");
        }

        @Test
        void shouldHashADeduplicationKeyThatIsNotAPlainToken() {
            ExtractedReport google = StoreFixtures.google();
            ExtractedReport odd = new ExtractedReport(
                    "2",
                    null,
                    null,
                    "application/json",
                    ReportOutcome.ACCEPTED,
                    null,
                    "id",
                    "org",
                    List.of(),
                    "google llc\u001fid\r\nBcc: x",
                    1,
                    0,
                    "{}",
                    "[]",
                    new byte[0],
                    null);

            assertThat(ReportMessageWriter.keyOf(google)).isEqualTo(google.deduplicationKey());
            assertThat(ReportMessageWriter.keyOf(odd))
                    .matches("[0-9a-f]{64}")
                    .isEqualTo(ReportMessageWriter.keyOf(odd));
            assertThatThrownBy(() -> ReportMessageWriter.keyOf(StoreFixtures.invalid("not JSON")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void shouldStillWriteAMessageWhenTheDocumentIsNotWhatItShouldBe() throws Exception {
            ExtractedReport odd = new ExtractedReport(
                    "2",
                    null,
                    null,
                    "application/json",
                    ReportOutcome.ACCEPTED,
                    null,
                    null,
                    null,
                    List.of(),
                    "key",
                    0,
                    0,
                    "{\"status\": 1, \"deduplication-key\": [], \"report\": {\"contact-info\": \"nobody\"}} trailing",
                    "[]",
                    "not a report".getBytes(StandardCharsets.US_ASCII),
                    null);

            MimeMessage message = write(odd);

            assertThat(message.getSubject()).isEqualTo("TLS report from an unnamed reporter: no sessions");
            assertThat(message.getHeader("X-TLSRPT-Status")).containsExactly("unknown; outcome=accepted; dkim=pass");
            assertThat(message.getHeader("X-TLSRPT-Period")).isNull();
            assertThat(message.getHeader("X-TLSRPT-Report-Id")).isNull();
            assertThat(message.getHeader("TLS-Report-Domain")).isNull();
            assertThat(message.getHeader("TLS-Report-Submitter")).isNull();
            assertThat(parts(message).getBodyPart(1).getFileName()).isEqualTo("tls-report.json");
            assertThat(body(message)).contains("The attached JSON document holds the whole report.");
        }
    }

    @Nested
    class Parts {

        @Test
        void shouldHoldSummaryDocumentAndOriginal() throws Exception {
            ExtractedReport report = StoreFixtures.google();

            MimeMultipart parts = parts(write(report));

            assertThat(parts.getContentType()).startsWith("multipart/mixed");
            assertThat(parts.getCount()).isEqualTo(3);
            assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("application/json");
            assertThat(parts.getBodyPart(2).getContentType()).startsWith("application/tlsrpt+gzip");
        }

        @Test
        void shouldSummariseWithTheCoresPlainSummary() throws Exception {
            ExtractedReport report = StoreFixtures.google();
            ReadResult.UsableReport usable = (ReadResult.UsableReport)
                    new ReportReader().read(report.original()).get(0);
            String expected = PlainSummary.of(StoredReport.of(usable, Provenance.UNKNOWN));

            String body = body(write(report));

            assertThat(body).startsWith(expected.replace("\n", "\r\n"));
            assertThat(body)
                    .contains("Accepted and stored.\r\n")
                    .contains("DKIM: pass, signed by google.com (a signature of google.com passes)\r\n")
                    .contains("Found in: part 2, file \"" + GOOGLE_FILENAME + "\" of the report mail\r\n")
                    .contains("Attached: 2026-11-28T00_00_00Z_example.com.json (the report as stored, JSON) and "
                            + GOOGLE_FILENAME + " (the report as received)");
            assertThat(expected).contains("certificate").contains("12");
        }

        @Test
        void shouldTakeTheSummaryExtractionWroteWithoutReadingTheOriginalAgain() throws Exception {
            ExtractedReport google = StoreFixtures.google();
            byte[] notAReport = "not a report any more".getBytes(StandardCharsets.US_ASCII);
            ExtractedReport report = google.withOriginal(notAReport).withSummary("The summary extraction wrote.\n");

            String body = body(write(report));

            assertThat(body).startsWith("The summary extraction wrote.\r\n\r\nAccepted and stored.\r\n");
        }

        @Test
        void shouldSummariseTheRightEntryOfAZip() throws Exception {
            byte[] zip = zip(
                    "first.json",
                    StoreFixtures.reportJson("First Org", "first", "example.com", 1, 0),
                    "second.json",
                    StoreFixtures.reportJson("Second Org", "second", "example.com", 2, 0));
            ExtractedReport second = StoreFixtures.extracted(zip, "second.json", ReportOutcome.ACCEPTED, null);

            String body = body(write(second));

            assertThat(body).startsWith("TLS report from Second Org").contains("zip entry \"second.json\"");
        }

        @Test
        void shouldSayWhyAnOutOfScopeReportIsStoredApart() throws Exception {
            ExtractedReport report = StoreFixtures.extracted(
                    StoreFixtures.googleJson(),
                    ReportOutcome.OUT_OF_SCOPE,
                    "example.com is not a domain of this\r\nserver");

            assertThat(body(write(report)))
                    .contains("Out of scope, stored apart: example.com is not a domain of this\\u000d\\u000aserver");
        }

        @Test
        void shouldSayAnOutOfScopeReportIsStoredApartWhenExtractionGaveNoReason() throws Exception {
            ExtractedReport report =
                    StoreFixtures.extracted(StoreFixtures.googleJson(), ReportOutcome.OUT_OF_SCOPE, null);

            assertThat(body(write(report)))
                    .contains("Out of scope, stored apart: none of its policy domains is served here\r\n");
        }

        @Test
        void shouldAttachTheStoredDocumentUnchanged() throws Exception {
            ExtractedReport report = StoreFixtures.google();

            BodyPart document = parts(write(report)).getBodyPart(1);

            assertThat(document.getFileName()).isEqualTo("2026-11-28T00_00_00Z_example.com.json");
            assertThat(document.getDisposition()).isEqualTo("attachment");
            assertThat(new String(bytes(document), StandardCharsets.UTF_8)).isEqualTo(report.document());
        }

        @Test
        void shouldAttachTheOriginalBytesUnchanged() throws Exception {
            ExtractedReport report = StoreFixtures.google();

            BodyPart original = parts(write(report)).getBodyPart(2);

            assertThat(original.getFileName()).isEqualTo(GOOGLE_FILENAME);
            assertThat(original.getDisposition()).isEqualTo("attachment");
            assertThat(original.getHeader("Content-Transfer-Encoding")).containsExactly("base64");
            assertThat(bytes(original)).isEqualTo(report.original());
        }
    }

    @Nested
    class Mime {

        @Test
        void shouldReadTheSameWithMime4jAsWithJakartaMail() throws Exception {
            ExtractedReport report = StoreFixtures.google();
            byte[] bytes = writer.write(report, PASS, NOW);

            Message parsed = mime4j(bytes);
            MimeMessage message = InMemoryReportMailbox.parse(bytes);

            assertThat(parsed.getSubject()).isEqualTo(message.getSubject());
            assertThat(parsed.getMessageId()).isEqualTo(message.getMessageID());
            assertThat(parsed.getDate()).isEqualTo(message.getSentDate());
            assertThat(parsed.getHeader().getField("X-TLSRPT-Deduplication-Key").getBody())
                    .isEqualTo(report.deduplicationKey());
            List<Entity> parts = ((Multipart) parsed.getBody()).getBodyParts();
            assertThat(parts)
                    .extracting(Entity::getMimeType)
                    .containsExactly("text/plain", "application/json", "application/tlsrpt+gzip");
            assertThat(parts).extracting(Entity::getCharset).startsWith("UTF-8", "utf-8");
            assertThat(parts)
                    .extracting(Entity::getFilename)
                    .containsExactly(null, "2026-11-28T00_00_00Z_example.com.json", GOOGLE_FILENAME);
            assertThat(parts).extracting(Entity::getDispositionType).containsExactly(null, "attachment", "attachment");
            assertThat(parts)
                    .extracting(Entity::getContentTransferEncoding)
                    .containsExactly("7bit", "quoted-printable", "base64");
            assertThat(new String(decoded(parts.get(0)), StandardCharsets.UTF_8))
                    .isEqualTo(body(message));
            assertThat(decoded(parts.get(1))).isEqualTo(report.document().getBytes(StandardCharsets.UTF_8));
            assertThat(decoded(parts.get(2))).isEqualTo(report.original());
        }

        @Test
        void shouldWriteOnlyCrlfLineEndsAndNoLineLongerThanRfc5322Allows() throws Exception {
            ExtractedReport report = StoreFixtures.accepted(StoreFixtures.reportJson(
                            "Mülleriß\r\nTéléphone " + "Ü".repeat(2000),
                            "ид\r\n" + "x".repeat(3000),
                            "example.com",
                            10,
                            1))
                    .withPart("2", "報告".repeat(100) + ".json.gz", "application/tlsrpt+gzip");

            byte[] bytes = writer.write(report, PASS, NOW);

            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(text).matches("\\p{ASCII}*");
            assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
            assertThat(text.split("\r\n", -1)).allMatch(line -> line.length() <= 998);
            String headers = text.substring(0, text.indexOf("\r\n\r\n"));
            assertThat(headers.split("\r\n")).allMatch(line -> line.length() <= 998);
            assertThat(decoded(
                            ((Multipart) mime4j(bytes).getBody()).getBodyParts().get(1)))
                    .isEqualTo(report.document().getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void shouldNameANonAsciiFileByRfc2231AsJakartaMailDid() throws Exception {
            ExtractedReport report =
                    StoreFixtures.google().withPart("2", "отчёт-été.json.gz", "application/tlsrpt+gzip");

            byte[] bytes = writer.write(report, PASS, NOW);

            assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                    .contains("filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82-%C3%A9t%C3%A9.json.gz")
                    .contains("name*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82-%C3%A9t%C3%A9.json.gz");
            assertThat(parts(InMemoryReportMailbox.parse(bytes)).getBodyPart(2).getFileName())
                    .isEqualTo("отчёт-été.json.gz");
            assertThat(((Multipart) mime4j(bytes).getBody())
                            .getBodyParts()
                            .get(2)
                            .getFilename())
                    .isEqualTo("отчёт-été.json.gz");
        }

        @Test
        void shouldGiveTheLongestNonAsciiFilenameBackToBothReaders() throws Exception {
            ExtractedReport report =
                    StoreFixtures.google().withPart("2", "報告".repeat(100) + "😀.json.gz", "application/tlsrpt+gzip");
            String expected = ReportMessageWriter.originalFilename(report);

            byte[] bytes = writer.write(report, PASS, NOW);

            assertThat(expected).hasSize(120).endsWith("報告😀.json.gz");
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains("filename*0*=UTF-8''");
            BodyPart original = parts(InMemoryReportMailbox.parse(bytes)).getBodyPart(2);
            assertThat(original.getFileName()).isEqualTo(expected);
            assertThat(new jakarta.mail.internet.ContentType(original.getContentType()).getParameter("name"))
                    .isEqualTo(expected);
            assertThat(((Multipart) mime4j(bytes).getBody())
                            .getBodyParts()
                            .get(2)
                            .getFilename())
                    .isEqualTo(expected);
        }

        @Test
        void shouldGiveALongFilenameWithSpacesBackUnchangedThoughItsQuotedStringIsFolded() throws Exception {
            String name = "TLS report of example.com, sent by a sender that likes long names with spaces ".repeat(2);
            ExtractedReport report = StoreFixtures.google().withPart("2", name, "application/tlsrpt+gzip");
            String expected = ReportMessageWriter.originalFilename(report);

            byte[] bytes = writer.write(report, PASS, NOW);

            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            String disposition = text.substring(text.lastIndexOf("Content-Disposition: "));
            disposition = disposition.substring(0, disposition.indexOf("\r\n\r\n"));
            assertThat(expected).hasSize(120).contains(" sent by ");
            assertThat(disposition.split("\r\n")).hasSizeGreaterThan(2).allMatch(line -> line.length() <= 78);
            assertThat(parts(InMemoryReportMailbox.parse(bytes)).getBodyPart(2).getFileName())
                    .isEqualTo(expected);
            assertThat(((Multipart) mime4j(bytes).getBody())
                            .getBodyParts()
                            .get(2)
                            .getFilename())
                    .isEqualTo(expected);
        }

        @Test
        void shouldFoldAVeryLongOrganizationNameIntoShortEncodedLines() throws Exception {
            String organization = "Organisation Ünïcode Société ".repeat(20);
            ExtractedReport report =
                    StoreFixtures.accepted(StoreFixtures.reportJson(organization, "id-2", "example.com", 10, 1));

            byte[] bytes = writer.write(report, PASS, NOW);

            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            String subject = text.substring(text.indexOf("\r\nSubject: ") + 2, text.indexOf("\r\nMIME-Version: "));
            assertThat(subject.split("\r\n")).hasSizeGreaterThan(2).allMatch(line -> line.length() <= 76);
            String expected = "TLS report for example.com from " + organization.substring(0, 100) + "…, 2026-11-28:"
                    + " 1 of 11 sessions failed";
            assertThat(InMemoryReportMailbox.parse(bytes).getSubject()).isEqualTo(expected);
            assertThat(mime4j(bytes).getSubject()).isEqualTo(expected);
        }

        @Test
        void shouldSendANonAsciiSummaryAsQuotedPrintableThatDecodesToTheSameText() throws Exception {
            ExtractedReport report = StoreFixtures.accepted(
                    StoreFixtures.reportJson("Mülleriß Téléphone", "ид-отчёта-1", "example.com", 10, 0));

            byte[] bytes = writer.write(report, PASS, NOW);

            List<Entity> parts = ((Multipart) mime4j(bytes).getBody()).getBodyParts();
            assertThat(parts.get(0).getContentTransferEncoding()).isEqualTo("quoted-printable");
            String summary = new String(decoded(parts.get(0)), StandardCharsets.UTF_8);
            assertThat(summary)
                    .startsWith("TLS report from Mülleriß Téléphone")
                    .isEqualTo(body(InMemoryReportMailbox.parse(bytes)))
                    .endsWith(" (the report as received)\r\n");
            assertThat(summary.replace("\r\n", "")).doesNotContain("\n");
        }

        @Test
        void shouldNeverWriteABareCarriageReturnFromTheSummary() throws Exception {
            ExtractedReport google = StoreFixtures.google();
            ExtractedReport report = google.withSummary("A summary with a bare\r carriage return and a CRLF\r\n");

            byte[] bytes = writer.write(report, PASS, NOW);

            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
            Entity summary =
                    ((Multipart) mime4j(bytes).getBody()).getBodyParts().get(0);
            assertThat(summary.getMimeType()).isEqualTo("text/plain");
            assertThat(summary.getCharset()).isEqualTo("UTF-8");
            assertThat(summary.getContentTransferEncoding()).isEqualTo("quoted-printable");
            assertThat(new String(decoded(summary), StandardCharsets.UTF_8))
                    .startsWith("A summary with a bare\r carriage return and a CRLF\r\r\n\r\nAccepted and stored.\r\n");
        }

        @Test
        void shouldNotLetAHostileValueAddAFieldForMime4jEither() throws Exception {
            ExtractedReport report = StoreFixtures.accepted(StoreFixtures.reportJson(
                    "Evil Corp\r\nBcc: victim@example.org", "id-1\r\nBcc: victim@example.org", "example.com", 10, 1));

            Message parsed = mime4j(writer.write(report, PASS, NOW));

            assertThat(parsed.getHeader().getFields("Bcc")).isEmpty();
            assertThat(parsed.getHeader().getFields())
                    .extracting(Field::getName)
                    .containsExactly(
                            "Date",
                            "From",
                            "To",
                            "Message-ID",
                            "Subject",
                            "MIME-Version",
                            "Content-Type",
                            "Auto-Submitted",
                            "TLS-Report-Domain",
                            "TLS-Report-Submitter",
                            "X-TLSRPT-Report-Id",
                            "X-TLSRPT-Period",
                            "X-TLSRPT-Status",
                            "X-TLSRPT-Deduplication-Key");
        }
    }

    @Nested
    class Wording {

        @Test
        void shouldShowOneUtcDayAsADate() {
            assertThat(ReportMessageWriter.period(at("2026-11-28T00:00:00Z"), at("2026-11-28T23:59:59Z")))
                    .isEqualTo("2026-11-28");
            assertThat(ReportMessageWriter.period(at("2026-11-28T00:00:00Z"), at("2026-11-29T00:00:00Z")))
                    .isEqualTo("2026-11-28");
        }

        @Test
        void shouldShowSeveralWholeDaysAsARangeOfDates() {
            assertThat(ReportMessageWriter.period(at("2026-11-28T00:00:00Z"), at("2026-12-01T00:00:00Z")))
                    .isEqualTo("2026-11-28 to 2026-11-30");
            assertThat(ReportMessageWriter.period(at("2026-11-28T00:00:00Z"), at("2026-11-30T23:59:59Z")))
                    .isEqualTo("2026-11-28 to 2026-11-30");
        }

        @Test
        void shouldShowOtherPeriodsToTheMinute() {
            assertThat(ReportMessageWriter.period(at("2026-11-28T06:00:00Z"), at("2026-11-29T06:00:00Z")))
                    .isEqualTo("2026-11-28 06:00 to 2026-11-29 06:00 UTC");
            assertThat(ReportMessageWriter.period(at("2026-11-28T00:00:00Z"), at("2026-11-28T12:00:00Z")))
                    .isEqualTo("2026-11-28 00:00 to 2026-11-28 12:00 UTC");
            assertThat(ReportMessageWriter.period(at("2026-11-28T00:00:00Z"), at("2026-11-28T00:00:00Z")))
                    .isEqualTo("2026-11-28 00:00 to 2026-11-28 00:00 UTC");
            assertThat(ReportMessageWriter.period(null, at("2026-11-28T00:00:00Z")))
                    .isNull();
        }

        @Test
        void shouldCountSessionsInWords() {
            assertThat(ReportMessageWriter.sessions(0, 0)).isEqualTo("no sessions");
            assertThat(ReportMessageWriter.sessions(1, 0)).isEqualTo("no failures in 1 session");
            assertThat(ReportMessageWriter.sessions(4000, 0)).isEqualTo("no failures in 4,000 sessions");
            assertThat(ReportMessageWriter.sessions(0, 1)).isEqualTo("1 of 1 session failed");
            assertThat(ReportMessageWriter.sessions(3988, 12)).isEqualTo("12 of 4,000 sessions failed");
        }
    }

    private MimeMessage write(ExtractedReport report) throws MessagingException {
        return write(report, PASS);
    }

    private MimeMessage write(ExtractedReport report, DkimVerdict dkim) throws MessagingException {
        return InMemoryReportMailbox.parse(writer.write(report, dkim, NOW));
    }

    private static MimeMultipart parts(MimeMessage message) throws MessagingException, IOException {
        return (MimeMultipart) message.getContent();
    }

    private static String body(MimeMessage message) throws MessagingException, IOException {
        return (String) parts(message).getBodyPart(0).getContent();
    }

    private static byte[] bytes(BodyPart part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static Message mime4j(byte[] bytes) throws IOException {
        return new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(bytes));
    }

    private static byte[] decoded(Entity part) throws IOException {
        try (InputStream in = ((SingleBody) part.getBody()).getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static String decoded(MimeMessage message, String header) throws Exception {
        String[] values = message.getHeader(header);
        assertThat(values).hasSize(1);
        return MimeUtility.decodeText(MimeUtility.unfold(values[0]));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static InternetAddress address(String address) {
        try {
            return new InternetAddress(address);
        } catch (MessagingException impossible) {
            throw new IllegalArgumentException(impossible);
        }
    }

    static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        assertThat(Arrays.asList(namesAndContents)).hasSizeGreaterThan(1);
        return out.toByteArray();
    }
}
