package io.github.jamestlsrpt.mailets;

import static io.github.jamestlsrpt.mailets.ExtractionTestMails.ENVELOPE_SENDER;
import static io.github.jamestlsrpt.mailets.ExtractionTestMails.GOOGLE_FILENAME;
import static io.github.jamestlsrpt.mailets.ExtractionTestMails.GOOGLE_MESSAGE_ID;
import static io.github.jamestlsrpt.mailets.ExtractionTestMails.LAST_UPDATED;
import static io.github.jamestlsrpt.mailets.ExtractionTestMails.attachment;
import static io.github.jamestlsrpt.mailets.ExtractionTestMails.fakeMail;
import static io.github.jamestlsrpt.mailets.ExtractionTestMails.googleMail;
import static io.github.jamestlsrpt.mailets.ExtractionTestMails.gzip;
import static io.github.jamestlsrpt.mailets.ExtractionTestMails.message;
import static io.github.jamestlsrpt.mailets.ExtractionTestMails.ordinaryMail;
import static io.github.jamestlsrpt.mailets.ExtractionTestMails.zip;
import static io.github.jamestlsrpt.mailets.ExtractionTestReports.HTML_ERROR_PAGE;
import static io.github.jamestlsrpt.mailets.ExtractionTestReports.REPORT_ID;
import static io.github.jamestlsrpt.mailets.ExtractionTestReports.googleReport;
import static io.github.jamestlsrpt.mailets.ExtractionTestReports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jamestlsrpt.core.document.DeduplicationKey;
import io.github.jamestlsrpt.core.document.Provenance;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.explain.PlainSummary;
import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReaderLimits;
import io.github.jamestlsrpt.core.read.ReportReader;
import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.MessageStatus;
import io.github.jamestlsrpt.mail.ReportOutcome;
import io.github.jamestlsrpt.mail.TlsReportAttributes;
import io.github.jamestlsrpt.mailets.ExtractConfiguration.DkimPolicy;
import io.github.jamestlsrpt.mailets.ExtractConfiguration.OutOfScope;
import io.github.jamestlsrpt.mailets.dkim.ReportAuthenticator;
import io.github.jamestlsrpt.mailets.dkim.TemporaryDkimFailure;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.james.core.MaybeSender;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class ExtractTlsReportsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DkimVerdict PASS = DkimVerdict.pass("google.com", "the signature of google.com passes");
    private static final DkimVerdict FAIL = DkimVerdict.fail("the only signature's body hash does not match");
    private static final Instant NOW = Instant.parse("2023-11-16T08:00:00Z");

    /** A fake authenticator: gives a fixed verdict and records the reporter domains it was asked about. */
    private static final class FakeAuthenticator implements ReportAuthenticator {

        private final DkimVerdict verdict;
        private final List<Set<String>> calls = new ArrayList<>();
        private final List<byte[]> messages = new ArrayList<>();

        FakeAuthenticator(DkimVerdict verdict) {
            this.verdict = verdict;
        }

        @Override
        public DkimVerdict authenticate(byte[] message, Set<String> reporterDomains) {
            calls.add(reporterDomains);
            messages.add(message);
            return verdict;
        }
    }

    private FakeAuthenticator dkim = new FakeAuthenticator(PASS);

    /** The mailet with the parameters given as name/value pairs, on a server that serves example.com. */
    private ExtractTlsReports mailet(String... parameters) throws MessagingException {
        return mailet(dkim, ServingMailetContext.serving("example.com"), parameters);
    }

    private static ExtractTlsReports mailet(
            ReportAuthenticator authenticator, MailetContext context, String... parameters) throws MessagingException {
        ExtractTlsReports mailet = new ExtractTlsReports(authenticator, Clock.fixed(NOW, ZoneOffset.UTC));
        mailet.init(config(context, parameters));
        return mailet;
    }

    private static FakeMailetConfig config(MailetContext context, String... parameters) {
        FakeMailetConfig.Builder config =
                FakeMailetConfig.builder().mailetName("ExtractTlsReports").mailetContext(context);
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        return config.build();
    }

    private static List<ExtractedReport> reports(FakeMail mail) {
        return TlsReportAttributes.reports(mail);
    }

    private static ExtractedReport onlyReport(FakeMail mail) {
        List<ExtractedReport> reports = reports(mail);
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }

    private static JsonNode document(ExtractedReport report) throws IOException {
        return JSON.readTree(report.document());
    }

    private static List<String> problemCodes(ExtractedReport report) throws IOException {
        List<String> codes = new ArrayList<>();
        JSON.readTree(report.problems())
                .forEach(problem -> codes.add(problem.get("code").asText()));
        return codes;
    }

    private FakeMail serviced(ExtractTlsReports mailet, ExtractionTestMails.Entity message) throws MessagingException {
        FakeMail mail = fakeMail(message);
        mailet.service(mail);
        return mail;
    }

    @Nested
    class ReportsInAMail {

        @Test
        void shouldExtractTheOneReportOfAGoogleMailWithItsFiguresAndDocument() throws Exception {
            byte[] gzipped = gzip(googleReport());
            FakeMail mail =
                    serviced(mailet(), googleMail(attachment("application/tlsrpt+gzip", GOOGLE_FILENAME, gzipped)));

            ExtractedReport report = onlyReport(mail);

            assertThat(report.outcome()).isEqualTo(ReportOutcome.ACCEPTED);
            assertThat(report.reason()).isNull();
            assertThat(report.part()).isEqualTo("2");
            assertThat(report.entry()).isNull();
            assertThat(report.filename()).isEqualTo(GOOGLE_FILENAME);
            assertThat(report.contentType()).isEqualTo("application/tlsrpt+gzip");
            assertThat(report.reportId()).isEqualTo(REPORT_ID);
            assertThat(report.organization()).isEqualTo("Google Inc.");
            assertThat(report.policyDomains()).containsExactly("example.com");
            assertThat(report.successfulSessions()).isEqualTo(120);
            assertThat(report.failedSessions()).isEqualTo(3);
            assertThat(report.problems()).isEqualTo("[]");
            assertThat(report.original()).isEqualTo(gzipped);
            ReadResult.UsableReport read =
                    (ReadResult.UsableReport) new ReportReader().read(gzipped).get(0);
            assertThat(report.deduplicationKey())
                    .isEqualTo(DeduplicationKey.of(read.report()).value());
            JsonNode document = document(report);
            assertThat(document.get("document").asText()).isEqualTo("james-tlsrpt/stored-report");
            assertThat(document.at("/deduplication-key/value").asText()).isEqualTo(report.deduplicationKey());
            assertThat(document.at("/report/report-id").asText()).isEqualTo(REPORT_ID);
            assertThat(document.at("/figures/failed-sessions").asLong()).isEqualTo(3);
            assertThat(report.summary())
                    .isEqualTo(PlainSummary.of(StoredReport.of(read, Provenance.UNKNOWN)))
                    .contains("123 sessions");
            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.ACCEPTED);
            assertThat(TlsReportAttributes.dkim(mail)).contains(PASS);
        }

        @Test
        void shouldExtractTwoAttachedReportsAsTwoReportsInMessageOrder() throws Exception {
            FakeMail mail = serviced(
                    mailet(),
                    googleMail(
                            attachment(
                                    "application/tlsrpt+gzip",
                                    "first.json.gz",
                                    gzip(report("first", "sts", "example.com", 10, 0))),
                            attachment(
                                    "application/tlsrpt+gzip",
                                    "second.json.gz",
                                    gzip(report("second", "sts", "example.com", 20, 2)))));

            List<ExtractedReport> reports = reports(mail);

            assertThat(reports).extracting(ExtractedReport::part).containsExactly("2", "3");
            assertThat(reports).extracting(ExtractedReport::reportId).containsExactly("first", "second");
            assertThat(reports).extracting(ExtractedReport::successfulSessions).containsExactly(10L, 20L);
            assertThat(reports).extracting(ExtractedReport::failedSessions).containsExactly(0L, 2L);
            assertThat(reports).extracting(ExtractedReport::outcome).containsOnly(ReportOutcome.ACCEPTED);
            assertThat(reports.get(0).deduplicationKey())
                    .isNotEqualTo(reports.get(1).deduplicationKey());
            assertThat(document(reports.get(1)).at("/provenance/source").asText())
                    .isEqualTo("second.json.gz");
        }

        @Test
        void shouldExtractEachEntryOfAZipAsAReportSharingThePartOriginal() throws Exception {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("one.json", report("zipped-1", "sts", "example.com", 5, 0));
            entries.put("two.json", report("zipped-2", "sts", "example.com", 6, 1));
            byte[] archive = zip(entries);

            FakeMail mail = serviced(mailet(), googleMail(attachment("application/zip", "reports.zip", archive)));

            List<ExtractedReport> reports = reports(mail);
            assertThat(reports).extracting(ExtractedReport::entry).containsExactly("one.json", "two.json");
            assertThat(reports).extracting(ExtractedReport::reportId).containsExactly("zipped-1", "zipped-2");
            assertThat(reports).extracting(ExtractedReport::part).containsExactly("2", "2");
            assertThat(reports)
                    .allSatisfy(report -> assertThat(report.original()).isEqualTo(archive));
            assertThat(document(reports.get(1)).at("/provenance/source").asText())
                    .isEqualTo("reports.zip!two.json");
        }

        @Test
        void shouldExtractAReportThatIsTheWholeBodyOfTheMail() throws Exception {
            String json = googleReport();
            ExtractionTestMails.Entity message = message("application/json")
                    .header("From", "noreply-smtp-tls-reporting@google.com")
                    .header("Message-ID", "<whole@google.com>")
                    .sevenBit(json);

            ExtractedReport report = onlyReport(serviced(mailet(), message));

            assertThat(report.part()).isEmpty();
            assertThat(report.filename()).isNull();
            assertThat(report.contentType()).isEqualTo("application/json");
            assertThat(report.outcome()).isEqualTo(ReportOutcome.ACCEPTED);
            assertThat(new String(report.original(), StandardCharsets.UTF_8)).isEqualToIgnoringNewLines(json);
            assertThat(document(report).at("/provenance/source").asText()).isEqualTo("message body");
        }

        @Test
        void shouldGiveAMailWithoutReportTheStatusNoReportAndAskNoDkimQuestion() throws Exception {
            FakeMail mail = serviced(
                    mailet(),
                    ordinaryMail(attachment(
                            "application/pdf", "minutes.pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII))));

            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.NO_REPORT);
            assertThat(reports(mail)).isEmpty();
            assertThat(TlsReportAttributes.dkim(mail)).hasValueSatisfying(verdict -> assertThat(verdict.result())
                    .isEqualTo(DkimVerdict.Result.NOT_CHECKED));
            assertThat(dkim.calls).isEmpty();
        }

        @Test
        void shouldLeaveTheMessageItselfUnchanged() throws Exception {
            ExtractionTestMails.Entity message = googleMail(googleReport());
            FakeMail mail = fakeMail(message);

            mailet().service(mail);

            java.io.ByteArrayOutputStream after = new java.io.ByteArrayOutputStream();
            mail.getMessage().writeTo(after);
            assertThat(after.toByteArray()).isEqualTo(message.bytes());
            assertThat(dkim.messages).singleElement().isEqualTo(message.bytes());
        }
    }

    @Nested
    class InvalidReports {

        @Test
        void shouldListACorruptGzipPartAsInvalidWithItsProblemsAndNoDocument() throws Exception {
            byte[] truncated = java.util.Arrays.copyOf(gzip(googleReport()), 30);

            FakeMail mail =
                    serviced(mailet(), googleMail(attachment("application/tlsrpt+gzip", GOOGLE_FILENAME, truncated)));

            ExtractedReport report = onlyReport(mail);
            assertThat(report.outcome()).isEqualTo(ReportOutcome.INVALID);
            assertThat(report.document()).isNull();
            assertThat(report.summary()).isNull();
            assertThat(report.deduplicationKey()).isNull();
            assertThat(report.successfulSessions()).isZero();
            assertThat(problemCodes(report)).contains("gzip-truncated");
            assertThat(report.reason()).startsWith("the report cannot be used: ");
            assertThat(report.original()).isEqualTo(truncated);
            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.INVALID);
        }

        @Test
        void shouldListAGzippedHtmlPageLabelledAsAReportAsInvalid() throws Exception {
            FakeMail mail = serviced(
                    mailet(),
                    googleMail(attachment("application/tlsrpt+gzip", GOOGLE_FILENAME, gzip(HTML_ERROR_PAGE))));

            ExtractedReport report = onlyReport(mail);
            assertThat(report.outcome()).isEqualTo(ReportOutcome.INVALID);
            assertThat(problemCodes(report)).contains("not-json");
            JsonNode firstProblem = JSON.readTree(report.problems()).get(0);
            assertThat(firstProblem.get("severity").asText()).isEqualTo("error");
            assertThat(firstProblem.get("pointer").asText()).isEmpty();
            assertThat(report.reason())
                    .isEqualTo("the report cannot be used: "
                            + firstProblem.get("message").asText());
        }

        @Test
        void shouldKeepAUsableReportBesideAnInvalidOneAndGiveTheMailTheWorseStatus() throws Exception {
            FakeMail mail = serviced(
                    mailet(),
                    googleMail(
                            attachment("application/tlsrpt+gzip", "a.json.gz", gzip(HTML_ERROR_PAGE)),
                            attachment("application/tlsrpt+gzip", "b.json.gz", gzip(googleReport()))));

            assertThat(reports(mail))
                    .extracting(ExtractedReport::outcome)
                    .containsExactly(ReportOutcome.INVALID, ReportOutcome.ACCEPTED);
            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.INVALID);
        }

        @Test
        void shouldApplyTheConfiguredDecompressedSizeLimit() throws Exception {
            FakeMail mail = serviced(mailet("maxDecompressedBytes", "100"), googleMail(googleReport()));

            ExtractedReport report = onlyReport(mail);
            assertThat(report.outcome()).isEqualTo(ReportOutcome.INVALID);
            assertThat(problemCodes(report)).contains("decompressed-size-limit-exceeded");
        }

        @Test
        void shouldApplyTheConfiguredZipEntryLimit() throws Exception {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("one.json", report("zipped-1", "sts", "example.com", 5, 0));
            entries.put("two.json", report("zipped-2", "sts", "example.com", 6, 1));

            FakeMail mail = serviced(
                    mailet("maxZipEntries", "1"), googleMail(attachment("application/zip", "r.zip", zip(entries))));

            assertThat(reports(mail)).anySatisfy(report -> {
                assertThat(report.outcome()).isEqualTo(ReportOutcome.INVALID);
                assertThat(problemCodes(report)).contains("zip-entry-count-limit-exceeded");
            });
        }

        @Test
        void shouldNotAuthenticateAMailWhoseReportsAreAllInvalid() throws Exception {
            FakeMail mail = serviced(
                    mailet(),
                    googleMail(attachment("application/tlsrpt+gzip", GOOGLE_FILENAME, gzip(HTML_ERROR_PAGE))));

            assertThat(dkim.calls).isEmpty();
            assertThat(TlsReportAttributes.dkim(mail)).hasValueSatisfying(verdict -> assertThat(verdict.result())
                    .isEqualTo(DkimVerdict.Result.NOT_CHECKED));
        }
    }

    @Nested
    class ProvenanceOfTheDocument {

        @Test
        void shouldFillEveryProvenanceFieldOfTheDocument() throws Exception {
            FakeMail mail = serviced(mailet(), googleMail(googleReport()));

            JsonNode provenance = document(onlyReport(mail)).get("provenance");

            assertThat(provenance.get("message-id").asText()).isEqualTo(GOOGLE_MESSAGE_ID);
            assertThat(provenance.get("envelope-sender").asText()).isEqualTo(ENVELOPE_SENDER);
            assertThat(provenance.get("from").asText()).isEqualTo("noreply-smtp-tls-reporting@google.com");
            assertThat(provenance.get("submitter").asText()).isEqualTo("google.com");
            assertThat(provenance.get("report-domain").asText()).isEqualTo("example.com");
            assertThat(provenance.get("dkim").asText()).isEqualTo("pass");
            assertThat(provenance.get("dkim-domain").asText()).isEqualTo("google.com");
            assertThat(provenance.get("received-at").asText())
                    .isEqualTo(LAST_UPDATED.toInstant().toString());
            assertThat(provenance.get("source").asText()).isEqualTo(GOOGLE_FILENAME);
        }

        @Test
        void shouldTakeTheReceivedTimeFromTheClockWhenTheMailCarriesNone() throws Exception {
            FakeMail mail = fakeMail(googleMail(googleReport()));
            mail.setLastUpdated(null);

            mailet().service(mail);

            assertThat(document(onlyReport(mail)).at("/provenance/received-at").asText())
                    .isEqualTo(NOW.toString());
        }

        @Test
        void shouldLeaveOutTheEnvelopeSenderOfABounceLikeNullSender() throws Exception {
            FakeMail mail = FakeMail.builder()
                    .name("mail-1")
                    .mimeMessage(ExtractionTestMails.mimeMessage(
                            googleMail(googleReport()).bytes()))
                    .sender(MaybeSender.nullSender())
                    .recipient("tlsrpt@example.com")
                    .build();

            mailet().service(mail);

            assertThat(document(onlyReport(mail)).get("provenance").has("envelope-sender"))
                    .isFalse();
        }

        @Test
        void shouldKeepAFromHeaderThatIsNoAddressAsItIs() throws Exception {
            ExtractionTestMails.Entity message = message("application/tlsrpt+json")
                    .header("From", "the TLS reporting robot")
                    .sevenBit(googleReport());

            FakeMail mail = serviced(mailet(), message);

            assertThat(document(onlyReport(mail)).at("/provenance/from").asText())
                    .isEqualTo("the TLS reporting robot");
            assertThat(dkim.calls).singleElement().isEqualTo(Set.of("google.com"));
        }
    }

    @Nested
    class Dkim {

        @Test
        void shouldAcceptAReportWhoseMailPassesUnderRequire() throws Exception {
            FakeMail mail = serviced(mailet("dkim", "require"), googleMail(googleReport()));

            assertThat(onlyReport(mail).outcome()).isEqualTo(ReportOutcome.ACCEPTED);
            assertThat(mail.getAttribute(TlsReportAttributes.DKIM_DOMAIN))
                    .hasValueSatisfying(attribute ->
                            assertThat(attribute.getValue().value()).isEqualTo("google.com"));
        }

        @Test
        void shouldMarkAReportUnauthenticatedWhenNoSignaturePassesUnderRequire() throws Exception {
            dkim = new FakeAuthenticator(FAIL);

            FakeMail mail = serviced(mailet("dkim", "require"), googleMail(googleReport()));

            ExtractedReport report = onlyReport(mail);
            assertThat(report.outcome()).isEqualTo(ReportOutcome.UNAUTHENTICATED);
            assertThat(report.reason()).contains("RFC 8460 section 3").endsWith(FAIL.reason());
            assertThat(document(report).at("/provenance/dkim").asText()).isEqualTo("fail");
            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.UNAUTHENTICATED);
            assertThat(TlsReportAttributes.dkim(mail)).contains(FAIL);
        }

        @Test
        void shouldMarkAReportOfAnUnsignedMailUnauthenticatedByDefault() throws Exception {
            dkim = new FakeAuthenticator(DkimVerdict.none());

            FakeMail mail = serviced(mailet(), googleMail(googleReport()));

            assertThat(onlyReport(mail).outcome()).isEqualTo(ReportOutcome.UNAUTHENTICATED);
            assertThat(onlyReport(mail).reason()).endsWith("the mail carries no DKIM signature");
        }

        @Test
        void shouldAcceptAnUnauthenticatedReportUnderFlagAndCarryTheVerdictInItsDocument() throws Exception {
            dkim = new FakeAuthenticator(FAIL);

            FakeMail mail = serviced(mailet("dkim", "flag"), googleMail(googleReport()));

            ExtractedReport report = onlyReport(mail);
            assertThat(report.outcome()).isEqualTo(ReportOutcome.ACCEPTED);
            assertThat(document(report).at("/provenance/dkim").asText()).isEqualTo("fail");
            assertThat(document(report).get("provenance").has("dkim-domain")).isFalse();
            assertThat(TlsReportAttributes.dkim(mail)).contains(FAIL);
        }

        @Test
        void shouldNotCheckDkimWhenOff() throws Exception {
            dkim = new FakeAuthenticator(FAIL);

            FakeMail mail = serviced(mailet("dkim", "off"), googleMail(googleReport()));

            assertThat(dkim.calls).isEmpty();
            assertThat(onlyReport(mail).outcome()).isEqualTo(ReportOutcome.ACCEPTED);
            assertThat(TlsReportAttributes.dkim(mail)).contains(DkimVerdict.notChecked());
            assertThat(document(onlyReport(mail)).at("/provenance/dkim").asText())
                    .isEqualTo("not-checked");
        }

        @Test
        void shouldAskAboutTheFromSubmitterAndContactInfoDomainsInLowerCase() throws Exception {
            ExtractionTestMails.Entity message = googleMail(
                    attachment(
                            "application/tlsrpt+gzip",
                            "a.json.gz",
                            gzip(report(
                                    "a",
                                    "mailto:TLS-Reports@Reports.Example.NET?subject=x",
                                    "sts",
                                    "example.com",
                                    1,
                                    0))),
                    attachment(
                            "application/tlsrpt+gzip",
                            "b.json.gz",
                            gzip(report("b", "https://Reporting.Example.ORG/tlsrpt", "sts", "example.com", 1, 0))),
                    attachment(
                            "application/tlsrpt+gzip",
                            "c.json.gz",
                            gzip(report("c", "Bare.Example.INFO", "sts", "example.com", 1, 0))));

            serviced(mailet(), message);

            assertThat(dkim.calls)
                    .singleElement()
                    .isEqualTo(
                            Set.of("google.com", "reports.example.net", "reporting.example.org", "bare.example.info"));
        }

        @Test
        void shouldTakeTheSubmitterHeaderAsADomainAndTheFromDomainFromItsAddress() throws Exception {
            ExtractionTestMails.Entity message = message("application/tlsrpt+json")
                    .header("From", "\"Reports, Inc.\" <TLSRPT@Mail.Example.COM>")
                    .header("TLS-Report-Submitter", " Submitter.Example.NET. ")
                    .sevenBit(report("x", "not an address", "sts", "example.com", 1, 0));

            serviced(mailet(), message);

            assertThat(dkim.calls).singleElement().isEqualTo(Set.of("mail.example.com", "submitter.example.net"));
        }

        @Test
        void shouldThrowATemporaryDkimFailureWithItsCauseAndWriteNothing() throws Exception {
            TemporaryDkimFailure failure =
                    new TemporaryDkimFailure("no answer for google._domainkey", new UnknownHostException("dns down"));
            ExtractTlsReports mailet = mailet(
                    (message, domains) -> {
                        throw failure;
                    },
                    ServingMailetContext.serving("example.com"));
            FakeMail mail = fakeMail(googleMail(googleReport()));

            assertThatThrownBy(() -> mailet.service(mail))
                    .isInstanceOf(MessagingException.class)
                    .hasCause(failure)
                    .hasMessageContaining("mail-1");
            assertThat(mail.attributesMap()).isEmpty();
        }

        @Test
        void shouldCountAnAuthenticatorThatBreaksAsNoPassingSignature() throws Exception {
            ExtractTlsReports mailet = mailet(
                    (message, domains) -> {
                        throw new IllegalStateException("bug in a DKIM library\nwith a second line");
                    },
                    ServingMailetContext.serving("example.com"));
            FakeMail mail = fakeMail(googleMail(googleReport()));

            mailet.service(mail);

            assertThat(onlyReport(mail).outcome()).isEqualTo(ReportOutcome.UNAUTHENTICATED);
            assertThat(TlsReportAttributes.dkim(mail))
                    .hasValueSatisfying(verdict -> assertThat(verdict.result()).isEqualTo(DkimVerdict.Result.FAIL));
        }

        @Test
        void shouldCountAMissingVerdictAsNoPassingSignature() throws Exception {
            ExtractTlsReports mailet = mailet((message, domains) -> null, ServingMailetContext.serving("example.com"));
            FakeMail mail = fakeMail(googleMail(googleReport()));

            mailet.service(mail);

            assertThat(onlyReport(mail).outcome()).isEqualTo(ReportOutcome.UNAUTHENTICATED);
        }
    }

    @Nested
    class Scope {

        private ExtractedReport extract(String policyType, String policyDomain, String... parameters) throws Exception {
            FakeMail mail = serviced(mailet(parameters), googleMail(report("r", policyType, policyDomain, 9, 1)));
            return onlyReport(mail);
        }

        @Test
        void shouldAcceptAReportForADomainTheServerServes() throws Exception {
            assertThat(extract("sts", "Example.COM.").outcome()).isEqualTo(ReportOutcome.ACCEPTED);
        }

        @Test
        void shouldFlagAReportForADomainNotServedHereByDefault() throws Exception {
            FakeMail mail = serviced(mailet(), googleMail(report("r", "sts", "example.org", 9, 1)));

            ExtractedReport report = onlyReport(mail);
            assertThat(report.outcome()).isEqualTo(ReportOutcome.OUT_OF_SCOPE);
            assertThat(report.reason()).isEqualTo("none of its policy domains (example.org) is served here");
            assertThat(report.document()).isNotNull();
            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.OUT_OF_SCOPE);
        }

        @Test
        void shouldAcceptAReportForADomainNotServedHereUnderAcceptWithTheReason() throws Exception {
            FakeMail mail =
                    serviced(mailet("outOfScope", "accept"), googleMail(report("r", "sts", "example.org", 9, 1)));

            ExtractedReport report = onlyReport(mail);
            assertThat(report.outcome()).isEqualTo(ReportOutcome.ACCEPTED);
            assertThat(report.reason())
                    .isEqualTo("none of its policy domains (example.org) is served here; accepted all the same"
                            + " (outOfScope=accept)");
            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.ACCEPTED);
        }

        @Test
        void shouldPreferUnauthenticatedOverOutOfScope() throws Exception {
            dkim = new FakeAuthenticator(FAIL);

            assertThat(extract("sts", "example.org").outcome()).isEqualTo(ReportOutcome.UNAUTHENTICATED);
        }

        @Test
        void shouldAcceptADaneHostReportForAConfiguredMxHost() throws Exception {
            assertThat(extract("tlsa", "mx.hosting.example.net", "mxHosts", "mx.hosting.example.net, mx2.example.net")
                            .outcome())
                    .isEqualTo(ReportOutcome.ACCEPTED);
        }

        @Test
        void shouldAcceptADaneHostReportForAHostUnderAServedDomain() throws Exception {
            assertThat(extract("tlsa", "mx1.eu.example.com").outcome()).isEqualTo(ReportOutcome.ACCEPTED);
        }

        @Test
        void shouldKeepApartADaneHostReportForSomeoneElsesHost() throws Exception {
            ExtractedReport report = extract("tlsa", "mx.example.org", "mxHosts", "mx.example.net");

            assertThat(report.outcome()).isEqualTo(ReportOutcome.OUT_OF_SCOPE);
        }

        @Test
        void shouldNotTakeAHostUnderAServedDomainForADomainPolicy() throws Exception {
            assertThat(extract("sts", "sub.example.com").outcome()).isEqualTo(ReportOutcome.OUT_OF_SCOPE);
        }

        @Test
        void shouldServeOnlyTheConfiguredDomainsWhenGiven() throws Exception {
            assertThat(extract("sts", "example.org", "domains", "example.org, example.net")
                            .outcome())
                    .isEqualTo(ReportOutcome.ACCEPTED);
            assertThat(extract("sts", "example.com", "domains", "example.org, example.net")
                            .outcome())
                    .isEqualTo(ReportOutcome.OUT_OF_SCOPE);
        }

        @Test
        void shouldKeepApartAReportThatNamesNoPolicyDomain() throws Exception {
            String json = googleReport().replace("\"policy-domain\": \"example.com\",", "");

            ExtractedReport report = onlyReport(serviced(mailet(), googleMail(json)));

            assertThat(report.outcome()).isEqualTo(ReportOutcome.OUT_OF_SCOPE);
            assertThat(report.policyDomains()).isEmpty();
            assertThat(report.reason()).startsWith("it names no policy domain");
        }

        @Test
        void shouldTakeAPolicyDomainThatIsNoDomainNameAsServedNowhere() throws Exception {
            assertThat(extract("sts", "exa mple..com").outcome()).isEqualTo(ReportOutcome.OUT_OF_SCOPE);
        }

        @Test
        void shouldReplaceAnEarlierExtractionWhenServicedAgain() throws Exception {
            FakeMail mail = fakeMail(googleMail(report("r", "sts", "example.org", 9, 1)));
            mailet().service(mail);

            mailet("domains", "example.org").service(mail);

            assertThat(onlyReport(mail).outcome()).isEqualTo(ReportOutcome.ACCEPTED);
            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.ACCEPTED);
        }
    }

    @Nested
    class HostileInput {

        @Test
        void shouldFindNoReportInAThousandsDeepNestingWithoutThrowing() throws Exception {
            StringBuilder message = new StringBuilder("MIME-Version: 1.0\r\n");
            for (int level = 0; level < 20_000; level++) {
                message.append("Content-Type: multipart/mixed; boundary=\"b")
                        .append(level)
                        .append("\"\r\n\r\n--b")
                        .append(level)
                        .append("\r\n");
            }
            message.append("Content-Type: application/tlsrpt+json\r\n\r\n").append(googleReport());
            FakeMail mail = fakeMail(message.toString().getBytes(StandardCharsets.US_ASCII));

            assertThatCode(() -> mailet().service(mail)).doesNotThrowAnyException();
            assertThat(TlsReportAttributes.status(mail)).isPresent();
        }

        @Test
        void shouldReadAReportUnderAHugeHeaderWithoutThrowing() throws Exception {
            ExtractionTestMails.Entity message =
                    googleMail(googleReport()).header("X-Padding", "x".repeat(2 * 1024 * 1024));
            FakeMail mail = fakeMail(message);

            assertThatCode(() -> mailet().service(mail)).doesNotThrowAnyException();
            assertThat(TlsReportAttributes.status(mail)).isPresent();
        }

        @Test
        void shouldFindNoReportInBytesThatAreNotMime() throws Exception {
            FakeMail mail = fakeMail("\u0000\u0001binary\r\n\r\n--\r\n: :\r\n".getBytes(StandardCharsets.ISO_8859_1));

            mailet().service(mail);

            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.NO_REPORT);
        }

        @Test
        void shouldListAReportNestedBeyondWhatJsonCanBeWrittenAsInvalidInsteadOfThrowing() throws Exception {
            int depth = 1_500;
            String nested = "[".repeat(depth) + "]".repeat(depth);
            String json = googleReport().replaceFirst("\\{", "{\"x-deep\": " + nested + ",");

            FakeMail mail = serviced(mailet("maxNestingDepth", "5000"), googleMail(json));

            ExtractedReport report = onlyReport(mail);
            assertThat(report.outcome()).isEqualTo(ReportOutcome.INVALID);
            assertThat(report.reportId()).isEqualTo(REPORT_ID);
            assertThat(report.reason()).startsWith("the report cannot be stored as a document");
        }

        @Test
        void shouldReplaceControlCharactersInTextForTheLog() {
            assertThat(ExtractTlsReports.printable("a\nb\u0000c")).isEqualTo("a?b?c");
            assertThat(ExtractTlsReports.printable("y".repeat(500)))
                    .hasSize(203)
                    .endsWith("...");
            assertThat(ExtractTlsReports.printable(null)).isEmpty();
        }
    }

    @Nested
    class Configuration {

        private static final Path SOURCE =
                Path.of("src/main/java/io/github/jamestlsrpt/mailets/ExtractTlsReports.java");

        /** The {@code <mailet>} element of the class javadoc, as an operator would paste it. */
        private Element documentedSnippet() throws Exception {
            String source = Files.readString(SOURCE);
            Matcher snippet = Pattern.compile("<pre>\\{@code\\n(.*?)\\n \\* }</pre>", Pattern.DOTALL)
                    .matcher(source);
            assertThat(snippet.find())
                    .as("the class javadoc holds a <pre>{@code ...}</pre> snippet")
                    .isTrue();
            String xml = snippet.group(1).replaceAll("(?m)^ \\* ?", "");
            return DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new InputSource(new StringReader(xml)))
                    .getDocumentElement();
        }

        @Test
        void shouldDocumentASnippetWhoseParametersAreTheDefaults() throws Exception {
            Element element = documentedSnippet();
            List<String> parameters = new ArrayList<>();
            NodeList children = element.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                Node child = children.item(i);
                if (child.getNodeType() == Node.ELEMENT_NODE) {
                    parameters.add(child.getNodeName());
                    parameters.add(child.getTextContent());
                }
            }

            ExtractTlsReports mailet = mailet(dkim, ServingMailetContext.serving(), parameters.toArray(String[]::new));

            assertThat(element.getAttribute("class")).isEqualTo(ExtractTlsReports.class.getName());
            assertThat(element.getAttribute("match")).isEqualTo("io.github.jamestlsrpt.matchers.IsTlsReport");
            assertThat(mailet.configuration()).isEqualTo(ExtractConfiguration.DEFAULTS);
            assertThat(parameters.stream().filter(name -> ExtractConfiguration.PARAMETERS.contains(name)))
                    .containsExactlyInAnyOrderElementsOf(ExtractConfiguration.PARAMETERS.stream()
                            .filter(name -> !name.equals("domains"))
                            .toList());
            assertThat(Files.readString(SOURCE)).contains("<!-- <domains>");
        }

        @Test
        void shouldTakeTheDefaultsWithoutParameters() throws Exception {
            assertThat(mailet().configuration()).isEqualTo(ExtractConfiguration.DEFAULTS);
            assertThat(ExtractConfiguration.DEFAULTS.limits()).isEqualTo(ReaderLimits.DEFAULTS);
        }

        @Test
        void shouldApplyEveryParameter() throws Exception {
            ExtractTlsReports mailet = mailet(
                    "dkim", "flag",
                    "outOfScope", "accept",
                    "domains", " Example.ORG , example.net. ",
                    "mxHosts", "MX1.example.net",
                    "maxCompressedBytes", "1000",
                    "maxDecompressedBytes", "2000",
                    "maxNestingDepth", "10",
                    "maxStringLength", "300",
                    "maxNumberLength", "12",
                    "maxZipEntries", "5");

            assertThat(mailet.configuration())
                    .isEqualTo(new ExtractConfiguration(
                            new ReaderLimits(1000, 2000, 10, 300, 12, 5),
                            DkimPolicy.FLAG,
                            OutOfScope.ACCEPT,
                            Set.of("example.org", "example.net"),
                            Set.of("mx1.example.net")));
        }

        @Test
        void shouldBuildWithTheInjectableConstructorAndWorkWithDkimOff() throws Exception {
            assertThat(ExtractTlsReports.class
                            .getConstructor(DNSService.class, MetricFactory.class)
                            .isAnnotationPresent(Inject.class))
                    .isTrue();
            DNSService dns = (DNSService) Proxy.newProxyInstance(
                    DNSService.class.getClassLoader(), new Class<?>[] {DNSService.class}, (proxy, method, args) -> {
                        throw new UnsupportedOperationException(method.getName());
                    });
            RecordingMetricFactory metrics = new RecordingMetricFactory();
            ExtractTlsReports mailet = new ExtractTlsReports(dns, metrics);
            mailet.init(config(ServingMailetContext.serving("example.com"), "dkim", "off"));
            FakeMail mail = fakeMail(googleMail(googleReport()));

            mailet.service(mail);

            assertThat(onlyReport(mail).outcome()).isEqualTo(ReportOutcome.ACCEPTED);
            assertThat(metrics.count("tlsrpt.reports.received.accepted")).isEqualTo(1);
            assertThat(mailet.getMailetInfo()).contains("RFC 8460");
        }

        static Stream<Arguments> wrongParameters() {
            return Stream.of(
                    Arguments.of("dkim", "required", "require, flag, off"),
                    Arguments.of("dkim", "", "require, flag, off"),
                    Arguments.of("outOfScope", "keep-apart", "flag, accept"),
                    Arguments.of("maxCompressedBytes", "10MB", "whole number from 1 to 9223372036854775807"),
                    Arguments.of("maxDecompressedBytes", "0", "whole number from 1"),
                    Arguments.of("maxNestingDepth", "-1", "whole number from 1 to 2147483647"),
                    Arguments.of("maxStringLength", "2147483648", "whole number from 1 to 2147483647"),
                    Arguments.of("maxNumberLength", "", "whole number from 1"),
                    Arguments.of("maxZipEntries", "1.5", "whole number from 1"),
                    Arguments.of("domains", "", "at least one domain"),
                    Arguments.of("domains", "example.com, user@example.org", "comma-separated list of domain names"),
                    Arguments.of("domains", "example.com,,example.org", "comma-separated list of domain names"),
                    Arguments.of("mxHosts", "mx.example.com, https://mx2.example.com", "comma-separated list"),
                    Arguments.of("mxHosts", "mx_1.exa mple.com", "comma-separated list"));
        }

        @ParameterizedTest(name = "{0}=\"{1}\"")
        @MethodSource("wrongParameters")
        void shouldRejectAWrongValueNamingTheParameterAndWhatIsAllowed(String name, String value, String allowed) {
            assertThatThrownBy(() -> mailet(name, value))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageContaining("parameter " + name + " ")
                    .hasMessageContaining(allowed);
        }

        @Test
        void shouldRejectAnUnknownParameterListingTheKnownOnes() {
            assertThatThrownBy(() -> mailet("dkim", "flag", "maxSize", "10", "folder", "x"))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageContaining("unknown parameters ")
                    .hasMessageContaining("maxSize")
                    .hasMessageContaining("folder")
                    .hasMessageContaining("dkim, outOfScope, domains, mxHosts, maxCompressedBytes");
        }

        @Test
        void shouldLeaveJamesErrorHandlingParametersToJames() throws Exception {
            ExtractTlsReports mailet = mailet("onMailetException", "tlsrpt-error", "onMatchException", "ignore");

            assertThat(mailet.configuration()).isEqualTo(ExtractConfiguration.DEFAULTS);
        }

        @Test
        void shouldRejectOneUnknownParameterInTheSingular() {
            assertThatThrownBy(() -> mailet("dkimPolicy", "flag"))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageContaining("unknown parameter dkimPolicy;");
        }
    }
}
