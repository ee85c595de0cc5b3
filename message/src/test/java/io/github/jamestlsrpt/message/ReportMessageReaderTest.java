package io.github.jamestlsrpt.message;

import static io.github.jamestlsrpt.message.TestMessages.attachment;
import static io.github.jamestlsrpt.message.TestMessages.entity;
import static io.github.jamestlsrpt.message.TestMessages.forwarding;
import static io.github.jamestlsrpt.message.TestMessages.googleMail;
import static io.github.jamestlsrpt.message.TestMessages.gzip;
import static io.github.jamestlsrpt.message.TestMessages.message;
import static io.github.jamestlsrpt.message.TestMessages.ordinaryMail;
import static io.github.jamestlsrpt.message.TestMessages.zip;
import static io.github.jamestlsrpt.message.TestReports.googleReport;
import static io.github.jamestlsrpt.message.TestReports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.jamestlsrpt.core.model.Summary;
import io.github.jamestlsrpt.core.model.TlsReport;
import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.problem.ProblemCode;
import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReportReader;
import io.github.jamestlsrpt.message.ReportPartRules.Verdict;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReportMessageReaderTest {

    private static final String REPORT_ID = "2023-11-14T00:00:00Z_example.com";

    private final ReportMessageReader reader = new ReportMessageReader(new ReportReader());

    private MessageReading read(byte[] message) {
        return reader.read(new ByteArrayInputStream(message));
    }

    private MessageReading read(TestMessages.Entity message) {
        return read(message.bytes());
    }

    /** A bounce (delivery-status) that returns a Google-like report mail whole, as message/rfc822. */
    private static TestMessages.Entity bounceReturningAReportMail() {
        return message("multipart/report; report-type=delivery-status")
                .header("From", "MAILER-DAEMON@example.com")
                .header("Subject", "Undelivered Mail Returned to Sender")
                .parts(
                        entity("text/plain").sevenBit("The mail could not be delivered."),
                        entity("message/delivery-status")
                                .sevenBit("Reporting-MTA: dns; mx.example.com\n\n"
                                        + "Final-Recipient: rfc822; tlsrpt@example.org\n"
                                        + "Action: failed\nStatus: 5.1.1\n"),
                        entity("message/rfc822")
                                .raw(new String(TestMessages.googleLike(googleReport()), StandardCharsets.UTF_8)));
    }

    private static TlsReport usable(ReadResult result) {
        assertThat(result).isInstanceOf(ReadResult.UsableReport.class);
        return ((ReadResult.UsableReport) result).report();
    }

    private static TlsReport onlyUsableReport(MessageReading reading) {
        assertThat(reading.parts()).hasSize(1);
        assertThat(reading.parts().get(0).results()).hasSize(1);
        return usable(reading.parts().get(0).results().get(0));
    }

    private static Summary summary(TlsReport report) {
        return report.policies().get(0).summary();
    }

    private static List<ProblemCode> codes(ReadResult result) {
        return result.problems().stream().map(Problem::code).toList();
    }

    @Nested
    class RealSendersShapes {

        @Test
        void shouldReadGoogleReportFromTheSecondPartOfItsMultipartReport() {
            byte[] mail = TestMessages.googleLike(googleReport());

            MessageReading reading = read(mail);

            assertThat(reading.declaresTlsReport()).isTrue();
            assertThat(reading.reportDomain()).isEqualTo("example.com");
            assertThat(reading.submitter()).isEqualTo("google.com");
            assertThat(reading.messageId()).isEqualTo(TestMessages.GOOGLE_MESSAGE_ID);
            assertThat(reading.from()).isEqualTo("noreply-smtp-tls-reporting@google.com");
            assertThat(reading.subject())
                    .isEqualTo("Report Domain: example.com Submitter: google.com"
                            + " Report-ID: <2023.11.14T00.00.00Z+example.com@google.com>");
            assertThat(reading.parts()).hasSize(1);
            ReportPart part = reading.parts().get(0);
            assertThat(part.path()).isEqualTo("2");
            assertThat(part.contentType()).isEqualTo("application/tlsrpt+gzip");
            assertThat(part.filename()).isEqualTo(TestMessages.GOOGLE_FILENAME);
            assertThat(part.verdict()).isEqualTo(Verdict.LABELLED_REPORT);
            TlsReport report = onlyUsableReport(reading);
            assertThat(report.reportId()).isEqualTo(REPORT_ID);
            assertThat(report.organizationName()).isEqualTo("Google Inc.");
            assertThat(summary(report).totalSuccessfulSessionCount()).isEqualTo(120L);
            assertThat(summary(report).totalFailureSessionCount()).isEqualTo(3L);
            assertThat(reading.holdsReports()).isTrue();
            assertThat(reading.results()).containsExactlyElementsOf(part.results());
        }

        @Test
        void shouldTakeMicrosoftFilenameFromContentDispositionWhenContentTypeHasNoName() {
            byte[] mail = TestMessages.microsoftLike(report("133444444444444444+example.com", 7, 0));

            MessageReading reading = read(mail);

            assertThat(reading.declaresTlsReport()).isTrue();
            assertThat(reading.submitter()).isEqualTo("microsoft.com");
            assertThat(reading.from()).isEqualTo("<tlsrpt-noreply@microsoft.com>");
            assertThat(reading.subject())
                    .isEqualTo("Report Domain: example.com Submitter: microsoft.com Report-ID:"
                            + " 133444444444444444+example.com");
            assertThat(reading.parts()).singleElement().satisfies(part -> {
                assertThat(part.path()).isEqualTo("2");
                assertThat(part.filename()).isEqualTo(TestMessages.MICROSOFT_FILENAME);
                assertThat(part.verdict()).isEqualTo(Verdict.LABELLED_REPORT);
            });
            TlsReport report = onlyUsableReport(reading);
            assertThat(report.reportId()).isEqualTo("133444444444444444+example.com");
            assertThat(summary(report).totalSuccessfulSessionCount()).isEqualTo(7L);
        }

        @Test
        void shouldUnfoldMailRuSubjectAndIgnoreTheTextPartAfterTheAttachment() {
            byte[] mail = TestMessages.mailRuLike(report("c96d67df-0440-57f7-6e96-c83824d0fdf2@mail.ru", 0, 1));

            MessageReading reading = read(mail);

            assertThat(reading.subject())
                    .isEqualTo("Report Domain: example.com Submitter: mail.ru Report-ID: "
                            + TestMessages.MAIL_RU_REPORT_ID);
            assertThat(reading.messageId()).isEqualTo(TestMessages.MAIL_RU_REPORT_ID);
            assertThat(reading.declaresTlsReport()).isTrue();
            assertThat(reading.parts()).extracting(ReportPart::path).containsExactly("2");
            assertThat(reading.parts().get(0).filename()).isEqualTo(TestMessages.MAIL_RU_FILENAME);
            TlsReport report = onlyUsableReport(reading);
            assertThat(report.reportId()).isEqualTo("c96d67df-0440-57f7-6e96-c83824d0fdf2@mail.ru");
            assertThat(summary(report).totalFailureSessionCount()).isEqualTo(1L);
        }

        @Test
        void shouldListTwoAttachedReportsAsTwoPartsInMessageOrder() {
            TestMessages.Entity mail = googleMail(
                    attachment(
                            "application/tlsrpt+gzip",
                            "google.com!example.com!1699920000!1700006399!001.json.gz",
                            gzip(report("first", 10, 0))),
                    attachment(
                            "application/tlsrpt+gzip",
                            "google.com!example.com!1699920000!1700006399!002.json.gz",
                            gzip(report("second", 20, 2))));

            MessageReading reading = read(mail);

            assertThat(reading.parts()).extracting(ReportPart::path).containsExactly("2", "3");
            assertThat(reading.parts())
                    .extracting(ReportPart::filename)
                    .containsExactly(
                            "google.com!example.com!1699920000!1700006399!001.json.gz",
                            "google.com!example.com!1699920000!1700006399!002.json.gz");
            assertThat(reading.results())
                    .map(result -> usable(result).reportId())
                    .containsExactly("first", "second");
            assertThat(reading.results())
                    .map(result -> summary(usable(result)).totalSuccessfulSessionCount())
                    .containsExactly(10L, 20L);
        }

        @Test
        void shouldReadEveryJsonEntryOfAZipAttachmentIntoOnePart() {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("google.com!example.com!1699920000!1700006399!001.json", report("zipped-1", 5, 0));
            entries.put("google.com!example.org!1699920000!1700006399!001.json", report("zipped-2", 6, 1));
            TestMessages.Entity mail = googleMail(attachment("application/zip", "reports.zip", zip(entries)));

            MessageReading reading = read(mail);

            assertThat(reading.parts()).singleElement().satisfies(part -> {
                assertThat(part.path()).isEqualTo("2");
                assertThat(part.contentType()).isEqualTo("application/zip");
                assertThat(part.verdict()).isEqualTo(Verdict.LABELLED_REPORT);
                assertThat(part.results())
                        .extracting(ReadResult::entryName)
                        .containsExactly(
                                "google.com!example.com!1699920000!1700006399!001.json",
                                "google.com!example.org!1699920000!1700006399!001.json");
                assertThat(part.results())
                        .map(result -> usable(result).reportId())
                        .containsExactly("zipped-1", "zipped-2");
            });
        }

        @Test
        void shouldReadTheSyntheticSampleWhoseMediaTypeIsApplicationTlsrptWithAJsonFilename() {
            byte[] mail = TestMessages.resource("synthetic-application-tlsrpt.eml");

            MessageReading reading = read(mail);

            assertThat(reading.declaresTlsReport()).isTrue();
            assertThat(reading.submitter()).isEqualTo("mail.example.net");
            assertThat(reading.parts()).singleElement().satisfies(part -> {
                assertThat(part.path()).isEqualTo("2");
                assertThat(part.contentType()).isEqualTo("application/tlsrpt");
                assertThat(part.filename()).isEqualTo("mail.example.net!example.com!1699920000!1700006399.json");
                assertThat(part.verdict()).isEqualTo(Verdict.LABELLED_REPORT);
            });
            TlsReport report = onlyUsableReport(reading);
            assertThat(report.reportId()).isEqualTo("2023.11.14T00.00.00Z+example.com@mail.example.net");
            assertThat(summary(report).totalSuccessfulSessionCount()).isEqualTo(42L);
        }
    }

    @Nested
    class MediaTypesAndLabels {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Application/TLSRPT+GZIP; name=\"x\"",
                    "APPLICATION/TLSRPT+GZIP",
                    "application/tlsrpt+gzip ; charset=binary",
                    "application/tlsrpt+gzip;\n\tname=\"report.bin\""
                })
        void shouldRecogniseTheGzipMediaTypeInAnyCaseAndWithParameters(String contentType) {
            TestMessages.Entity mail = googleMail(entity(contentType).base64(gzip(googleReport())));

            MessageReading reading = read(mail);

            assertThat(reading.parts()).singleElement().satisfies(part -> {
                assertThat(part.contentType()).isEqualTo("application/tlsrpt+gzip");
                assertThat(part.verdict()).isEqualTo(Verdict.LABELLED_REPORT);
            });
            assertThat(onlyUsableReport(reading).reportId()).isEqualTo(REPORT_ID);
        }

        static Stream<Arguments> jsonTransferEncodings() {
            String json = googleReport();
            return Stream.of(
                    Arguments.of("7bit", entity("application/tlsrpt+json").sevenBit(json)),
                    Arguments.of(
                            "quoted-printable",
                            entity("application/tlsrpt+json").quotedPrintable(json)),
                    Arguments.of(
                            "base64", entity("application/tlsrpt+json").base64(json.getBytes(StandardCharsets.UTF_8))),
                    Arguments.of(
                            "none",
                            entity("Application/TLSRPT+JSON; charset=utf-8").raw(json)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("jsonTransferEncodings")
        void shouldReadRawJsonReportLabelledTlsrptJsonInAnyTransferEncoding(
                String encoding, TestMessages.Entity reportPart) {
            TestMessages.Entity mail = googleMail(reportPart);

            MessageReading reading = read(mail);

            assertThat(reading.parts()).singleElement().satisfies(part -> {
                assertThat(part.path()).isEqualTo("2");
                assertThat(part.contentType()).isEqualTo("application/tlsrpt+json");
                assertThat(part.filename()).isNull();
                assertThat(part.verdict()).isEqualTo(Verdict.LABELLED_REPORT);
            });
            TlsReport report = onlyUsableReport(reading);
            assertThat(report.reportId()).isEqualTo(REPORT_ID);
            assertThat(summary(report).totalFailureSessionCount()).isEqualTo(3L);
        }

        @Test
        void shouldDecodeQuotedPrintableSoftLineBreaksInsideTheJson() {
            String longOrganization = "An Organisation Whose Name Is Longer Than One Quoted-Printable Line Of"
                    + " Seventy-Six Characters = Sure";
            String json = googleReport().replace("Google Inc.", longOrganization);
            TestMessages.Entity mail =
                    googleMail(entity("application/tlsrpt+json").quotedPrintable(json));

            MessageReading reading = read(mail);

            assertThat(onlyUsableReport(reading).organizationName()).isEqualTo(longOrganization);
        }

        static Stream<Arguments> candidateShapes() {
            String json = googleReport();
            Map<String, String> zipEntries = Map.of("google.com!example.com!1699920000!1700006399.json", json);
            return Stream.of(
                    Arguments.of(
                            "application/octet-stream",
                            "google.com!example.com!1699920000!1700006399.json.gz",
                            gzip(json)),
                    Arguments.of(
                            "application/gzip", "google.com!example.com!1699920000!1700006399.json.gz", gzip(json)),
                    Arguments.of(
                            "application/x-gzip", "google.com!example.com!1699920000!1700006399.json.gz", gzip(json)),
                    Arguments.of(
                            "application/zip", "google.com!example.com!1699920000!1700006399.zip", zip(zipEntries)),
                    Arguments.of("application/x-zip-compressed", "report.json.zip", zip(zipEntries)),
                    Arguments.of(
                            "application/json",
                            "google.com!example.com!1699920000!1700006399.json",
                            json.getBytes(StandardCharsets.UTF_8)),
                    Arguments.of("application/tlsrpt", "report.JSON", json.getBytes(StandardCharsets.UTF_8)),
                    // the label lies: a .json name over gzip bytes; the magic bytes decide (deviation 16)
                    Arguments.of("application/octet-stream", "report.json", gzip(json)));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("candidateShapes")
        void shouldReadGenericAttachmentWithReportFilenameAsCandidateByItsBytes(
                String mediaType, String filename, byte[] content) {
            TestMessages.Entity mail = ordinaryMail(attachment(mediaType, filename, content));

            MessageReading reading = read(mail);

            assertThat(reading.declaresTlsReport()).isFalse();
            assertThat(reading.parts()).singleElement().satisfies(part -> {
                assertThat(part.path()).isEqualTo("2");
                assertThat(part.contentType()).isEqualTo(mediaType);
                assertThat(part.filename()).isEqualTo(filename);
                assertThat(part.verdict()).isEqualTo(Verdict.CANDIDATE);
            });
            assertThat(usable(reading.results().get(0)).reportId()).isEqualTo(REPORT_ID);
        }

        @Test
        void shouldLabelAGenericReportAttachmentWhenTheMessageDeclaresATlsReport() {
            TestMessages.Entity mail = googleMail(
                    attachment("application/octet-stream", TestMessages.GOOGLE_FILENAME, gzip(googleReport())));

            MessageReading reading = read(mail);

            assertThat(reading.parts()).singleElement().satisfies(part -> {
                assertThat(part.verdict()).isEqualTo(Verdict.LABELLED_REPORT);
                assertThat(part.contentType()).isEqualTo("application/octet-stream");
            });
            assertThat(onlyUsableReport(reading).reportId()).isEqualTo(REPORT_ID);
        }

        @Test
        void shouldTreatATlsReportDomainHeaderAloneAsDeclaringATlsReport() {
            TestMessages.Entity mail = ordinaryMail(
                            attachment("application/octet-stream", TestMessages.GOOGLE_FILENAME, gzip(googleReport())))
                    .header("TLS-Report-Domain", "example.com");

            MessageReading reading = read(mail);

            assertThat(reading.declaresTlsReport()).isTrue();
            assertThat(reading.reportDomain()).isEqualTo("example.com");
            assertThat(reading.submitter()).isNull();
            assertThat(reading.parts()).extracting(ReportPart::verdict).containsExactly(Verdict.LABELLED_REPORT);
        }

        @Test
        void shouldJudgeAPartByATlsReportContainerThatComesAfterItAsByOneThatComesBefore() {
            TestMessages.Entity htmlPageNamedAsAReport = attachment(
                    "application/octet-stream", TestMessages.GOOGLE_FILENAME, gzip(TestReports.HTML_ERROR_PAGE));
            TestMessages.Entity container = entity("multipart/report; report-type=tlsrpt")
                    .parts(entity("text/plain").sevenBit("This is an aggregate TLS report."));

            MessageReading containerFirst = read(message("multipart/mixed").parts(container, htmlPageNamedAsAReport));
            MessageReading containerLast = read(message("multipart/mixed").parts(htmlPageNamedAsAReport, container));

            // labelled by the declaration, the page is a broken report; without it, a candidate that is not one
            assertThat(containerFirst.parts()).singleElement().satisfies(part -> {
                assertThat(part.path()).isEqualTo("2");
                assertThat(part.verdict()).isEqualTo(Verdict.LABELLED_REPORT);
                assertThat(codes(part.results().get(0)))
                        .containsExactly(ProblemCode.NOT_JSON, ProblemCode.NO_REPORT_MEMBERS);
            });
            assertThat(containerLast.declaresTlsReport()).isTrue();
            assertThat(containerLast.parts()).singleElement().satisfies(part -> {
                assertThat(part.path()).isEqualTo("1");
                assertThat(part.verdict()).isEqualTo(Verdict.LABELLED_REPORT);
                assertThat(part.results())
                        .isEqualTo(containerFirst.parts().get(0).results());
            });
        }

        @Test
        void shouldDecodeAnRfc2231SplitAndPercentEncodedFilename() {
            TestMessages.Entity part = entity("application/octet-stream")
                    .header(
                            "Content-Disposition",
                            "attachment;\n filename*0*=UTF-8''google.com%21example.com%211700000000;\n"
                                    + " filename*1*=%211700086399.json.gz")
                    .base64(gzip(googleReport()));

            MessageReading reading = read(ordinaryMail(part));

            assertThat(reading.parts()).singleElement().satisfies(found -> {
                assertThat(found.filename()).isEqualTo("google.com!example.com!1700000000!1700086399.json.gz");
                assertThat(found.verdict()).isEqualTo(Verdict.CANDIDATE);
            });
            assertThat(onlyUsableReport(reading).reportId()).isEqualTo(REPORT_ID);
        }

        @Test
        void shouldKeepPercentSignsOfAnUnencodedRfc2231ContinuationLiterally() {
            // RFC 2231 section 4.1: only sections whose name ends in "*" are percent-encoded
            TestMessages.Entity part = entity("application/gzip")
                    .header(
                            "Content-Disposition",
                            "attachment; filename*0*=UTF-8''google.com%21example.com%211700000000;"
                                    + " filename*1=%211700086399.json.gz")
                    .base64(gzip(googleReport()));

            MessageReading reading = read(ordinaryMail(part));

            assertThat(reading.parts()).singleElement().satisfies(found -> {
                assertThat(found.filename()).isEqualTo("google.com!example.com!1700000000%211700086399.json.gz");
                assertThat(found.verdict()).isEqualTo(Verdict.CANDIDATE);
            });
        }

        @Test
        void shouldDecodeAnRfc2047EncodedWordInAQuotedName() {
            TestMessages.Entity part = entity("application/gzip; name=\"=?UTF-8?Q?r=C3=A9sum=C3=A9.json.gz?=\"")
                    .base64(gzip(googleReport()));

            MessageReading reading = read(ordinaryMail(part));

            assertThat(reading.parts()).extracting(ReportPart::filename).containsExactly("résumé.json.gz");
        }

        @Test
        void shouldPreferTheDispositionFilenameOverTheContentTypeName() {
            TestMessages.Entity part = entity("application/octet-stream; name=\"picture.png\"")
                    .header("Content-Disposition", "attachment; filename=\"report.json.gz\"")
                    .base64(gzip(googleReport()));

            MessageReading reading = read(ordinaryMail(part));

            assertThat(reading.parts()).extracting(ReportPart::filename).containsExactly("report.json.gz");
        }
    }

    @Nested
    class NestingAndWholeBodies {

        @Test
        void shouldFindAReportInAForwardedMessageAndNumberItsPathInsideTheForward() {
            TestMessages.Entity mail = forwarding(TestMessages.googleMail(
                    attachment("application/tlsrpt+gzip", TestMessages.GOOGLE_FILENAME, gzip(googleReport()))));

            MessageReading reading = read(mail);

            assertThat(reading.declaresTlsReport()).isFalse();
            assertThat(reading.reportDomain()).isNull();
            assertThat(reading.subject()).isEqualTo("Fwd: TLS report");
            assertThat(reading.parts()).singleElement().satisfies(part -> {
                assertThat(part.path()).isEqualTo("2.2");
                assertThat(part.verdict()).isEqualTo(Verdict.LABELLED_REPORT);
                assertThat(part.filename()).isEqualTo(TestMessages.GOOGLE_FILENAME);
            });
            assertThat(onlyUsableReport(reading).reportId()).isEqualTo(REPORT_ID);
        }

        @Test
        void shouldFindAReportForwardedTwiceAtDepthThree() {
            TestMessages.Entity mail = forwarding(forwarding(TestMessages.googleMail(
                    attachment("application/tlsrpt+gzip", TestMessages.GOOGLE_FILENAME, gzip(googleReport())))));

            MessageReading reading = read(mail);

            assertThat(reading.parts()).extracting(ReportPart::path).containsExactly("2.2.2");
            assertThat(onlyUsableReport(reading).reportId()).isEqualTo(REPORT_ID);
        }

        @Test
        void shouldJudgeAForwardedReportByTheForwardedMessageOwnDeclaration() {
            TestMessages.Entity octetStreamInTlsReport = TestMessages.googleMail(
                    attachment("application/octet-stream", TestMessages.GOOGLE_FILENAME, gzip(googleReport())));

            MessageReading reading = read(forwarding(octetStreamInTlsReport));

            assertThat(reading.declaresTlsReport()).isFalse();
            assertThat(reading.parts()).singleElement().satisfies(part -> {
                assertThat(part.path()).isEqualTo("2.2");
                assertThat(part.verdict()).isEqualTo(Verdict.LABELLED_REPORT);
            });
        }

        @Test
        void shouldFindAReportInANestedMultipartMixed() {
            TestMessages.Entity mail = message("multipart/mixed")
                    .header("Subject", "banner added by a gateway")
                    .parts(
                            entity("text/plain").sevenBit("[EXTERNAL EMAIL] Be careful with links."),
                            entity("multipart/report; report-type=tlsrpt")
                                    .parts(
                                            entity("text/plain").sevenBit("This is an aggregate TLS report"),
                                            attachment(
                                                    "application/tlsrpt+gzip",
                                                    TestMessages.GOOGLE_FILENAME,
                                                    gzip(googleReport()))));

            MessageReading reading = read(mail);

            assertThat(reading.declaresTlsReport()).isTrue();
            assertThat(reading.parts()).extracting(ReportPart::path).containsExactly("2.2");
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/json", "text/plain; charset=utf-8", "application/tlsrpt"})
        void shouldReadAMessageWhoseWholeBodyIsTheReportJson(String contentType) {
            TestMessages.Entity mail = message(contentType)
                    .header("From", "reporter@mail.example.net")
                    .header("Subject", "TLS report")
                    .sevenBit(googleReport());

            MessageReading reading = read(mail);

            assertThat(reading.declaresTlsReport()).isFalse();
            assertThat(reading.parts()).singleElement().satisfies(part -> {
                assertThat(part.path()).isEmpty();
                assertThat(part.filename()).isNull();
                assertThat(part.verdict()).isEqualTo(Verdict.CANDIDATE);
            });
            assertThat(onlyUsableReport(reading).reportId()).isEqualTo(REPORT_ID);
        }

        @Test
        void shouldReadAMessageWithoutContentTypeWhoseBodyIsTheReportJson() {
            TestMessages.Entity mail = TestMessages.messageWithoutContentType()
                    .header("Subject", "TLS report")
                    .raw(googleReport().replace("\n", "\r\n"));

            MessageReading reading = read(mail);

            assertThat(reading.parts()).singleElement().satisfies(part -> {
                assertThat(part.path()).isEmpty();
                assertThat(part.contentType()).isEqualTo("text/plain");
            });
            assertThat(onlyUsableReport(reading).reportId()).isEqualTo(REPORT_ID);
        }

        @Test
        void shouldReadAMessageWhoseWholeBodyIsAGzippedReport() {
            TestMessages.Entity mail = message("application/gzip")
                    .header("TLS-Report-Domain", "example.com")
                    .base64(gzip(googleReport()));

            MessageReading reading = read(mail);

            assertThat(reading.declaresTlsReport()).isTrue();
            assertThat(reading.parts()).singleElement().satisfies(part -> {
                assertThat(part.path()).isEmpty();
                assertThat(part.verdict()).isEqualTo(Verdict.CANDIDATE);
            });
            assertThat(onlyUsableReport(reading).reportId()).isEqualTo(REPORT_ID);
        }

        @Test
        void shouldIgnoreAnUnnamedJsonPartInsideOrdinaryMail() {
            TestMessages.Entity mail = ordinaryMail(entity("application/json").sevenBit(googleReport()));

            MessageReading reading = read(mail);

            assertThat(reading.parts()).isEmpty();
        }
    }

    @Nested
    class MailThatHoldsNoReport {

        @ParameterizedTest
        @ValueSource(strings = {"dmarc-aggregate-gzip.eml", "dmarc-aggregate-zip.eml"})
        void shouldNotFindAReportInADmarcAggregateReport(String fixture) {
            byte[] mail = TestMessages.resource(fixture);

            MessageReading reading = read(mail);

            assertThat(reading.subject()).startsWith("Report domain: example.com Submitter: google.com");
            assertThat(reading.declaresTlsReport()).isFalse();
            assertThat(reading.parts()).isEmpty();
            assertThat(reading.holdsReports()).isFalse();
        }

        @Test
        void shouldNotFindAReportInADmarcReportSentAsAZipWithAnXmlGzName() {
            byte[] xml = "<?xml version=\"1.0\"?><feedback></feedback>".getBytes(StandardCharsets.UTF_8);
            TestMessages.Entity mail = ordinaryMail(
                    attachment("application/zip", "google.com!example.com!1700000000!1700086399.xml.gz", gzip(xml)),
                    attachment("application/gzip", "google.com!example.com!1700000000!1700086399.zip", gzip(xml)));

            MessageReading reading = read(mail);

            assertThat(reading.parts()).isEmpty();
        }

        @Test
        void shouldNotFindAReportInABounce() {
            byte[] mail = TestMessages.resource("bounce-delivery-status.eml");

            MessageReading reading = read(mail);

            assertThat(reading.subject()).isEqualTo("Undelivered Mail Returned to Sender");
            assertThat(reading.declaresTlsReport()).isFalse();
            assertThat(reading.parts()).isEmpty();
        }

        @Test
        void shouldNotFindAReportInABounceThatReturnsAReportMail() {
            MessageReading reading = read(bounceReturningAReportMail());

            assertThat(reading.subject()).isEqualTo("Undelivered Mail Returned to Sender");
            assertThat(reading.declaresTlsReport()).isFalse();
            assertThat(reading.parts()).isEmpty();
        }

        @Test
        void shouldStillFindTheReportOfAReportMailThatAlsoHoldsABounce() {
            TestMessages.Entity mail = googleMail(
                    attachment("application/tlsrpt+gzip", TestMessages.GOOGLE_FILENAME, gzip(googleReport())),
                    entity("message/rfc822").raw(bounceReturningAReportMail().text()));

            MessageReading reading = read(mail);

            assertThat(reading.declaresTlsReport()).isTrue();
            assertThat(reading.parts()).extracting(ReportPart::path).containsExactly("2");
        }

        @Test
        void shouldNotFindAReportInACronMail() {
            byte[] mail = TestMessages.resource("cron.eml");

            MessageReading reading = read(mail);

            assertThat(reading.from()).isEqualTo("Cron Daemon <root@mx.example.com>");
            assertThat(reading.declaresTlsReport()).isFalse();
            assertThat(reading.parts()).isEmpty();
        }

        @Test
        void shouldNotFindAReportInOrdinaryMail() {
            TestMessages.Entity mail = message("multipart/alternative")
                    .header("From", "Alice <alice@example.org>")
                    .header("Subject", "=?UTF-8?Q?Caf=C3=A9_tomorrow?=")
                    .parts(
                            entity("text/plain; charset=UTF-8").sevenBit("Coffee at ten?"),
                            entity("text/html; charset=UTF-8").quotedPrintable("<p>Coffee at ten?</p>"));

            MessageReading reading = read(mail);

            assertThat(reading.subject()).isEqualTo("Café tomorrow");
            assertThat(reading.parts()).isEmpty();
        }

        @Test
        void shouldNotFindAReportInAJsonAttachmentThatIsOrdinaryJson() {
            TestMessages.Entity mail = ordinaryMail(attachment(
                    "application/json", "package.json", TestReports.ORDINARY_JSON.getBytes(StandardCharsets.UTF_8)));

            MessageReading reading = read(mail);

            assertThat(reading.parts()).isEmpty();
        }

        @Test
        void shouldNotFindAReportInAZipAttachmentWithoutJsonEntries() {
            TestMessages.Entity mail = ordinaryMail(
                    attachment("application/zip", "photos.zip", zip(Map.of("holiday.txt", "not a picture"))));

            MessageReading reading = read(mail);

            assertThat(reading.parts()).isEmpty();
        }

        @Test
        void shouldReturnNothingForAnEmptyMessage() {
            MessageReading reading = read(new byte[0]);

            assertThat(reading.parts()).isEmpty();
            assertThat(reading.subject()).isNull();
            assertThat(reading.declaresTlsReport()).isFalse();
        }
    }

    @Nested
    class BrokenReports {

        @Test
        void shouldReportAnHtmlErrorPageLabelledAsATlsReportAsBroken() {
            TestMessages.Entity mail = googleMail(attachment(
                    "application/tlsrpt+gzip", TestMessages.GOOGLE_FILENAME, gzip(TestReports.HTML_ERROR_PAGE)));

            MessageReading reading = read(mail);

            assertThat(reading.parts()).singleElement().satisfies(part -> {
                assertThat(part.path()).isEqualTo("2");
                assertThat(part.verdict()).isEqualTo(Verdict.LABELLED_REPORT);
                assertThat(part.results()).singleElement().satisfies(result -> {
                    assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
                    assertThat(((ReadResult.BrokenReport) result).partial()).isNull();
                    assertThat(codes(result)).containsExactly(ProblemCode.NOT_JSON, ProblemCode.NO_REPORT_MEMBERS);
                });
            });
            assertThat(reading.results()).noneMatch(ReadResult.UsableReport.class::isInstance);
        }

        @Test
        void shouldReportOrdinaryJsonLabelledAsATlsReportAsBroken() {
            TestMessages.Entity mail =
                    googleMail(entity("application/tlsrpt+json").sevenBit(TestReports.ORDINARY_JSON));

            MessageReading reading = read(mail);

            assertThat(reading.results()).singleElement().satisfies(result -> {
                assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
                assertThat(codes(result)).contains(ProblemCode.NO_REPORT_MEMBERS);
            });
        }

        @Test
        void shouldIgnoreACandidateAttachmentHoldingAnHtmlErrorPage() {
            TestMessages.Entity mail = ordinaryMail(attachment(
                    "application/octet-stream", TestMessages.GOOGLE_FILENAME, gzip(TestReports.HTML_ERROR_PAGE)));

            MessageReading reading = read(mail);

            assertThat(reading.parts()).isEmpty();
        }

        @Test
        void shouldKeepACandidateWhoseBytesAreAReportWithErrors() {
            String withoutReportId = googleReport().replace("\"report-id\": \"" + REPORT_ID + "\",", "");
            TestMessages.Entity mail = ordinaryMail(
                    attachment("application/octet-stream", TestMessages.GOOGLE_FILENAME, gzip(withoutReportId)));

            MessageReading reading = read(mail);

            assertThat(reading.parts()).singleElement().satisfies(part -> {
                assertThat(part.verdict()).isEqualTo(Verdict.CANDIDATE);
                assertThat(part.results()).singleElement().satisfies(result -> {
                    assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
                    assertThat(((ReadResult.BrokenReport) result).partial()).isNotNull();
                    assertThat(codes(result)).contains(ProblemCode.REPORT_ID_MISSING);
                });
            });
        }

        @Test
        void shouldReportATruncatedGzipInALabelledPartAsBroken() {
            byte[] gzipped = gzip(googleReport());
            byte[] truncated = Arrays.copyOf(gzipped, gzipped.length / 2);
            TestMessages.Entity mail =
                    googleMail(attachment("application/tlsrpt+gzip", TestMessages.GOOGLE_FILENAME, truncated));

            MessageReading reading = read(mail);

            assertThat(reading.results()).singleElement().satisfies(result -> {
                assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
                assertThat(codes(result)).containsExactly(ProblemCode.GZIP_TRUNCATED);
            });
        }

        @Test
        void shouldReportCorruptBase64InALabelledPartAsBrokenGzip() {
            String base64 = TestMessages.base64Lines(gzip(googleReport()));
            // keep the gzip header (the first 16 characters), garble what follows
            String garbled = base64.substring(0, 16) + "!!!!****"
                    + base64.substring(16, 40).toLowerCase(Locale.ROOT) + base64.substring(40);
            TestMessages.Entity mail = googleMail(entity("application/tlsrpt+gzip")
                    .header("Content-Transfer-Encoding", "base64")
                    .raw(garbled));

            MessageReading reading = read(mail);

            assertThat(reading.results()).singleElement().satisfies(result -> {
                assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
                assertThat(codes(result)).containsExactly(ProblemCode.GZIP_CORRUPT);
            });
        }

        @Test
        void shouldReportAnEmptyLabelledPartAsBroken() {
            TestMessages.Entity mail =
                    googleMail(entity("application/tlsrpt+gzip").base64(new byte[0]));

            MessageReading reading = read(mail);

            assertThat(reading.results()).singleElement().satisfies(result -> {
                assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
                assertThat(codes(result)).containsExactly(ProblemCode.EMPTY_PAYLOAD, ProblemCode.NO_REPORT_MEMBERS);
            });
        }

        @Test
        void shouldKeepAUsableReportBesideABrokenOneInTheSameMessage() {
            TestMessages.Entity mail = googleMail(
                    attachment("application/tlsrpt+gzip", "a.json.gz", gzip(TestReports.HTML_ERROR_PAGE)),
                    attachment("application/tlsrpt+gzip", "b.json.gz", gzip(googleReport())));

            MessageReading reading = read(mail);

            assertThat(reading.parts()).extracting(ReportPart::path).containsExactly("2", "3");
            assertThat(reading.results())
                    .hasExactlyElementsOfTypes(ReadResult.BrokenReport.class, ReadResult.UsableReport.class);
        }

        @Test
        void shouldNeverThrowForAMessageThatIsNotMimeAtAll() {
            byte[] garbage = "\u0000\u0001binary\r\n\r\n--\r\n: :\r\n".getBytes(StandardCharsets.ISO_8859_1);

            assertThatCode(() -> read(garbage)).doesNotThrowAnyException();
            assertThat(read(garbage).parts()).isEmpty();
        }
    }

    @Nested
    class OriginalBytes {

        private final ReportMessageReader keeping = new ReportMessageReader(new ReportReader()).keepingOriginals();

        @Test
        void shouldKeepNoOriginalBytesUnlessAsked() {
            MessageReading reading = read(TestMessages.googleLike(googleReport()));

            assertThat(reading.parts()).singleElement().satisfies(part -> assertThat(part.original())
                    .isNull());
        }

        @Test
        void shouldKeepTheDecodedBytesOfEachReportPartWhenAsked() {
            byte[] first = gzip(report("first", 10, 0));
            byte[] second = gzip(TestReports.HTML_ERROR_PAGE);
            TestMessages.Entity mail = googleMail(
                    attachment("application/tlsrpt+gzip", "a.json.gz", first),
                    attachment("application/tlsrpt+gzip", "b.json.gz", second));

            MessageReading reading = keeping.read(new ByteArrayInputStream(mail.bytes()));

            assertThat(reading.parts()).extracting(ReportPart::original).containsExactly(first, second);
            assertThat(reading.results())
                    .hasExactlyElementsOfTypes(ReadResult.UsableReport.class, ReadResult.BrokenReport.class);
        }

        @Test
        void shouldKeepTheWholeZipAsTheOriginalOfAPartWithTwoEntries() {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("one.json", report("zipped-1", 5, 0));
            entries.put("two.json", report("zipped-2", 6, 1));
            byte[] archive = zip(entries);
            TestMessages.Entity mail = googleMail(attachment("application/zip", "reports.zip", archive));

            MessageReading reading = keeping.read(new ByteArrayInputStream(mail.bytes()));

            assertThat(reading.parts()).singleElement().satisfies(part -> {
                assertThat(part.original()).isEqualTo(archive);
                assertThat(part.results()).hasSize(2);
            });
        }

        @Test
        void shouldKeepTheBodyOfAWholeBodyReport() {
            String json = googleReport();
            TestMessages.Entity mail = message("application/json")
                    .header("From", "reporter@example.net")
                    .sevenBit(json);

            MessageReading reading = keeping.read(new ByteArrayInputStream(mail.bytes()));

            assertThat(reading.parts()).singleElement().satisfies(part -> {
                assertThat(part.path()).isEmpty();
                assertThat(new String(part.original(), StandardCharsets.UTF_8)).isEqualToIgnoringNewLines(json);
            });
        }

        @Test
        void shouldCompareTwoPartsByTheContentOfTheirOriginalBytes() {
            ReportPart one = new ReportPart(
                    "2", "application/tlsrpt+gzip", null, Verdict.LABELLED_REPORT, List.of(), new byte[] {1, 2});
            ReportPart same = new ReportPart(
                    "2", "application/tlsrpt+gzip", null, Verdict.LABELLED_REPORT, List.of(), new byte[] {1, 2});
            ReportPart notKept =
                    new ReportPart("2", "application/tlsrpt+gzip", null, Verdict.LABELLED_REPORT, List.of());

            assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(notKept);
            assertThat(one.toString()).contains("original=2 bytes");
            assertThat(notKept.toString()).contains("original=not kept");
        }
    }
}
