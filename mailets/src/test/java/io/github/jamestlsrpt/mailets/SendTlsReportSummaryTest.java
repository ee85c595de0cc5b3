package io.github.jamestlsrpt.mailets;

import static io.github.jamestlsrpt.mailets.SummaryReports.detail;
import static io.github.jamestlsrpt.mailets.SummaryReports.json;
import static io.github.jamestlsrpt.mailets.SummaryReports.noPolicyFound;
import static io.github.jamestlsrpt.mailets.SummaryReports.report;
import static io.github.jamestlsrpt.mailets.SummaryReports.sts;
import static io.github.jamestlsrpt.mailets.SummaryReports.tlsa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.MessageStatus;
import io.github.jamestlsrpt.mail.ReportOutcome;
import io.github.jamestlsrpt.mail.TlsReportAttributes;
import io.github.jamestlsrpt.mailets.store.ReportMessageWriter;
import io.github.jamestlsrpt.mailets.store.StoreFixtures;
import io.github.jamestlsrpt.mailets.summary.SummaryWriter;
import io.github.jamestlsrpt.matchers.HasTlsReportFailures;
import io.github.jamestlsrpt.matchers.IsTlsReport;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class SendTlsReportSummaryTest {

    private static final Instant NOW = Instant.parse("2026-11-29T08:00:05Z");
    private static final String ADMIN = "admin@example.com";
    private static final String POSTMASTER = "postmaster@example.com";

    private final FakeMailContext context = context();

    private static FakeMailContext context() {
        try {
            return FakeMailContext.builder()
                    .postmaster(new MailAddress(POSTMASTER))
                    .build();
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private SendTlsReportSummary mailet(String... parameters) throws MessagingException {
        return mailet(context, parameters);
    }

    private static SendTlsReportSummary mailet(MailetContext context, String... parameters) throws MessagingException {
        SendTlsReportSummary mailet = new SendTlsReportSummary(Clock.fixed(NOW, ZoneOffset.UTC));
        FakeMailetConfig.Builder config =
                FakeMailetConfig.builder().mailetName("SendTlsReportSummary").mailetContext(context);
        config.setProperty("to", ADMIN);
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    private static ExtractedReport accepted(ObjectNode report) {
        return StoreFixtures.accepted(json(report));
    }

    /** The Google report of StoreFixtures: sts enforce for example.com, 12 of 4,000 sessions failed. */
    private static ExtractedReport google() {
        return StoreFixtures.google();
    }

    private List<Summary> sent() throws Exception {
        List<Summary> summaries = new ArrayList<>();
        for (FakeMailContext.SentMail mail : context.getSentMails()) {
            summaries.add(Summary.of(mail));
        }
        return summaries;
    }

    private Summary onlySummary() throws Exception {
        List<Summary> summaries = sent();
        assertThat(summaries).hasSize(1);
        return summaries.get(0);
    }

    private Summary summaryOf(ExtractedReport report) throws Exception {
        mailet().service(StoreFixtures.mail(report));
        return onlySummary();
    }

    /** A summary as it goes on the wire, parsed back from its bytes. */
    record Summary(
            MailAddress sender,
            List<MailAddress> recipients,
            MimeMessage message,
            String raw,
            String plain,
            String html) {

        static Summary of(FakeMailContext.SentMail mail) throws Exception {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            mail.getMsg().writeTo(bytes);
            MimeMessage parsed = new MimeMessage(
                    Session.getInstance(new Properties()), new ByteArrayInputStream(bytes.toByteArray()));
            MimeMultipart parts = (MimeMultipart) parsed.getContent();
            assertThat(parsed.getContentType()).startsWith("multipart/alternative");
            assertThat(parts.getCount()).isEqualTo(2);
            assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
            return new Summary(
                    mail.getSender(),
                    List.copyOf(mail.getRecipients()),
                    parsed,
                    bytes.toString(StandardCharsets.UTF_8),
                    ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n"),
                    ((String) parts.getBodyPart(1).getContent()).replace("\r\n", "\n"));
        }

        String header(String name) throws MessagingException {
            String[] values = message.getHeader(name);
            assertThat(values).as(name).hasSize(1);
            return values[0];
        }

        /** The header section as sent: its lines, unfolded lines kept apart. */
        List<String> headerLines() {
            return raw.substring(0, raw.indexOf("\r\n\r\n")).lines().toList();
        }
    }

    @Nested
    class Content {

        @Test
        void shouldGiveTheReporterPeriodIdDkimAndTotalsInBothParts() throws Exception {
            Summary summary = summaryOf(google());

            assertThat(summary.plain())
                    .startsWith("TLS report: 12 of 4,000 sessions to example.com failed (0.3%)\n")
                    .contains("Reporter:   Google LLC <smtp-tls-reporting@google.com>")
                    .contains("Period:     covering 2026-11-28 (UTC)")
                    .contains("Report id:  2026-11-28T00:00:00Z_example.com")
                    .contains("DKIM:       pass, signed by google.com (a signature of google.com passes)")
                    .contains("In total:   4,000 sessions: 3,988 succeeded, 12 failed (0.3% failed)");
            assertThat(summary.html())
                    .contains("<h1 style=\"font-size:20px;margin:0 0 12px\">TLS report: 12 of 4,000 sessions to"
                            + " example.com failed (0.3%)</h1>")
                    .contains("Google LLC &lt;smtp-tls-reporting@google.com&gt;")
                    .contains("covering 2026-11-28 (UTC)")
                    .contains(">2026-11-28T00:00:00Z_example.com</code>")
                    .contains("pass, signed by google.com")
                    .contains("4,000 sessions: 3,988 succeeded, 12 failed (0.3% failed)");
        }

        @Test
        void shouldGiveEachFailureTypeWithItsMeaningFixPlacesAndSendingMtas() throws Exception {
            Summary summary = summaryOf(google());

            assertThat(summary.plain())
                    .contains("example.com: MTA-STS policy, mode enforce\n")
                    .contains("  12 sessions failed: certificate expired (certificate-expired)\n")
                    .contains("    What it means: The certificate your mail server presented had expired.\n")
                    .contains("    Usual fix: Renew the certificate, install it on every MX host, reload the mail")
                    .contains("    Receiving MX: mx.example.com (192.0.2.25): 12 sessions\n")
                    .contains("    Sending MTAs: 209.85.220.41: 12 sessions\n")
                    .contains("MX hosts of the policy: mx.example.com");
            assertThat(summary.html())
                    .contains("12 sessions failed: certificate expired <code")
                    .contains(">certificate-expired</code>")
                    .contains("<strong>What it means:</strong> The certificate your mail server presented had"
                            + " expired.")
                    .contains("<strong>Usual fix:</strong> Renew the certificate")
                    .contains(">Receiving MX</th>")
                    .contains("mx.example.com (192.0.2.25) <span")
                    .contains(">Sending MTAs</th>")
                    .contains("209.85.220.41 <span");
        }

        @Test
        void shouldListTheReceivingMxHostsAndSendingMtasLargestFirst() throws Exception {
            Summary summary = summaryOf(accepted(report(sts(
                    "example.com",
                    "enforce",
                    900,
                    100,
                    detail("certificate-expired", "209.85.220.41", "mx2.example.com", "192.0.2.26", 30),
                    detail("certificate-expired", "209.85.220.42", "mx1.example.com", "192.0.2.25", 70)))));

            assertThat(summary.plain())
                    .contains("    Receiving MX: mx1.example.com (192.0.2.25): 70 sessions; mx2.example.com"
                            + " (192.0.2.26): 30 sessions\n")
                    .contains("    Sending MTAs: 209.85.220.42: 70 sessions; 209.85.220.41: 30 sessions\n");
            assertThat(summary.html().indexOf("mx1.example.com (192.0.2.25)"))
                    .isPositive()
                    .isLessThan(summary.html().indexOf("mx2.example.com (192.0.2.26)"));
        }

        @Test
        void shouldSayMailWasProbablyHeldBackUnderMtaStsEnforce() throws Exception {
            Summary summary = summaryOf(google());

            assertThat(summary.plain()).contains("Mail was probably held back: with MTA-STS in enforce mode");
            assertThat(summary.html())
                    .contains("<p class=\"delivery-held\" style=\"margin:6px 0;padding:6px 10px;font-weight:bold;"
                            + "border-left:4px solid #cf222e;background:#ffebe9\">Mail was probably held back: with"
                            + " MTA-STS in enforce mode");
        }

        @Test
        void shouldSayMailProbablyWentOutUnencryptedUnderMtaStsTesting() throws Exception {
            Summary summary = summaryOf(accepted(report(sts(
                    "example.com",
                    "testing",
                    990,
                    10,
                    detail("starttls-not-supported", "209.85.220.41", "mx.example.com", "192.0.2.25", 10)))));

            assertThat(summary.plain())
                    .contains("example.com: MTA-STS policy, mode testing")
                    .contains("Mail probably went out unencrypted: in MTA-STS testing mode")
                    .doesNotContain("held back");
            assertThat(summary.html())
                    .contains("<p class=\"delivery-cleartext\"")
                    .contains(">Mail probably went out unencrypted: ");
        }

        @Test
        void shouldSayMailProbablyWentOutUnencryptedWithoutPolicy() throws Exception {
            Summary summary = summaryOf(accepted(report(noPolicyFound(
                    "example.com",
                    90,
                    10,
                    detail("starttls-not-supported", "209.85.220.41", "mx.example.com", "192.0.2.25", 10)))));

            assertThat(summary.plain())
                    .contains("example.com: no policy\n")
                    .contains("Mail probably went out unencrypted: without an MTA-STS policy or DANE records")
                    .contains("Usual fix: Enable STARTTLS on port 25");
            assertThat(summary.html())
                    .contains("<p class=\"delivery-cleartext\"")
                    .contains(">Mail probably went out unencrypted: ");
        }

        @Test
        void shouldNameADaneHostReportAsSuchAndSayMailWasHeldBack() throws Exception {
            Summary summary = summaryOf(accepted(report(tlsa(
                    "mx1.example.com",
                    30,
                    2,
                    detail("tlsa-invalid", "198.51.100.25", "mx1.example.com", "192.0.2.10", 2)))));

            assertThat(summary.plain())
                    .startsWith("TLS report: 2 of 32 sessions to mx1.example.com failed (6.3%)\n")
                    .contains("mx1.example.com: DANE host report\n")
                    .contains("DANE host report: these figures are about the MX host mx1.example.com, whose TLSA")
                    .contains("Mail was probably held back: with DANE")
                    .contains("2 sessions failed: DANE record does not match (tlsa-invalid)")
                    .contains("Usual fix: Publish the TLSA record for the new key");
            assertThat(summary.html())
                    .contains("<strong>DANE host report:</strong> these figures are about the MX host mx1.example.com")
                    .contains("<p class=\"delivery-held\"")
                    .contains(">Mail was probably held back: with DANE");
        }

        @Test
        void shouldGiveEachPolicyDomainItsOwnFigures() throws Exception {
            Summary summary = summaryOf(accepted(report(
                    sts("example.com", "enforce", 100, 0),
                    sts(
                            "example.org",
                            "testing",
                            80,
                            20,
                            detail(
                                    "certificate-host-mismatch",
                                    "209.85.220.41",
                                    "mx.example.org",
                                    "192.0.2.26",
                                    20)))));

            assertThat(summary.plain())
                    .startsWith("TLS report: 20 of 200 sessions to example.com and example.org failed (10.0%)")
                    .contains("example.com: MTA-STS policy, mode enforce\n"
                            + "=".repeat(41) + "\n"
                            + "MX hosts of the policy: mx.example.com\n"
                            + "100 sessions: 100 succeeded, 0 failed\n")
                    .contains("100 sessions: 80 succeeded, 20 failed (20.0% failed)")
                    .contains("certificate does not match the host name (certificate-host-mismatch)");
            assertThat(summary.plain().indexOf("example.com: MTA-STS"))
                    .isLessThan(summary.plain().indexOf("example.org: MTA-STS"));
        }

        @Test
        void shouldQuoteTheFailureReasonCodesAndShowAdditionalInformationAsDefangedText() throws Exception {
            ObjectNode failure = detail("validation-failure", "198.51.100.62", "mx.example.com", "192.0.2.25", 5);
            failure.put("failure-reason-code", "X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED");
            failure.put("additional-information", "https://reports.google.example/info?id=1&x=2");
            Summary summary = summaryOf(accepted(report(sts("example.com", "enforce", 95, 5, failure))));

            assertThat(summary.plain())
                    .contains("Failure reason code: \"X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED\"")
                    .contains("https[:]//reports[.]google[.]example/info?id=1&x=2")
                    .doesNotContain("https://");
            assertThat(summary.html())
                    .contains(">X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED</code>")
                    .contains(">https[:]//reports[.]google[.]example/info?id=1&amp;x=2</code>")
                    .contains("[.] stands for a dot")
                    .doesNotContain("https://")
                    .doesNotContainIgnoringCase("<a ")
                    .doesNotContainIgnoringCase("href")
                    .doesNotContainIgnoringCase("src=");
        }

        @Test
        void shouldListTheReportsValidationWarnings() throws Exception {
            ObjectNode report = report(sts(
                    "example.com",
                    "enforce",
                    95,
                    5,
                    detail("certificate-expired", "198.51.100.62", "mx.example.com", "192.0.2.25", 5)));
            ((ObjectNode) report.get("policies").get(0).get("policy")).put("mx-host", "mx.example.com");

            Summary summary = summaryOf(accepted(report));

            assertThat(summary.plain())
                    .contains("Validation warnings: the report deviates from RFC 8460 (it was read anyway):")
                    .contains("- mx-host-not-array at /policies/0/policy/mx-host: ");
            assertThat(summary.html())
                    .contains("Validation warnings</h2>")
                    .contains(">mx-host-not-array</code> at <code");
        }

        @Test
        void shouldSayInRedWhenTheReportIsNotAuthenticated() throws Exception {
            mailet().service(StoreFixtures.mail(DkimVerdict.fail("the body hash does not match"), google()));

            Summary summary = onlySummary();
            assertThat(summary.plain())
                    .contains("DKIM:       fail: this report is not authenticated, anyone could have sent it (the")
                    .contains("body hash does not match)");
            assertThat(summary.html())
                    .contains("<strong style=\"color:#cf222e\">fail: this report is not authenticated");
        }

        @Test
        void shouldSayWhyItWasSentAndThatNothingIsALink() throws Exception {
            Summary summary = summaryOf(google());

            assertThat(summary.plain())
                    .contains("\n-- \nSent by james-tlsrpt because this report counts at least 1 failed session.")
                    .contains("Nothing in this mail is a link");
        }

        @Test
        void shouldSendTheFiguresExtractionFoundWhenTheReportCannotBeReadAgain() throws Exception {
            ExtractedReport unreadable = google().withReportId("another-id");

            Summary summary = summaryOf(unreadable);

            assertThat(summary.plain())
                    .startsWith("TLS report: 12 of 4,000 sessions to example.com failed (0.3%)\n")
                    .contains("Reporter:   Google LLC\n")
                    .contains("Report id:  another-id")
                    .contains("The details of this report could not be read again")
                    .doesNotContain("Period:");
            assertThat(summary.html()).contains("The details of this report could not be read again");
        }

        @Test
        void shouldShowWhyAnOutOfScopeReportWasAcceptedAnyway() throws Exception {
            ExtractedReport report =
                    google().withOutcome(ReportOutcome.ACCEPTED, "accepted although out of scope (outOfScope=accept)");

            Summary summary = summaryOf(report);

            assertThat(summary.plain()).contains("Note:       accepted although out of scope (outOfScope=accept)");
            assertThat(summary.html()).contains(">accepted although out of scope (outOfScope=accept)</td>");
        }
    }

    @Nested
    class Escaping {

        private static final String INJECTION = "\r\nBcc: x@evil.example";

        private Summary hostileSummary() throws Exception {
            ObjectNode failure = detail(
                    "certificate-expired", "198.51.100.1\"onerror=alert(1)", "<b>mx</b>.example.com", "192.0.2.1", 7);
            failure.put("failure-reason-code", "<img src=x \"onerror=alert(1)>" + INJECTION);
            failure.put(
                    "additional-information", "javascript:alert(1)\"><script>alert(2)</script>https://evil.example/");
            ObjectNode report = report(
                    "Evil <script>alert(1)</script> \"onerror=alert(1)" + INJECTION,
                    "<script>id</script>\"onerror=" + INJECTION,
                    sts("example.com" + INJECTION, "enforce", 0, 7, failure));
            return summaryOf(accepted(report));
        }

        @Test
        void shouldEscapeEveryReportStringInHtml() throws Exception {
            Summary summary = hostileSummary();

            assertThat(summary.html())
                    .doesNotContainIgnoringCase("<script")
                    .doesNotContainIgnoringCase("<img")
                    .doesNotContain("<b>mx")
                    .doesNotContain("\"onerror")
                    .doesNotContainIgnoringCase("href")
                    .contains("Evil &lt;script&gt;alert(1)&lt;/script&gt; &quot;onerror=alert(1)\\u000d\\u000aBcc:"
                            + " x@evil.example")
                    .contains("&lt;script&gt;id&lt;/script&gt;&quot;onerror=\\u000d\\u000aBcc: x@evil.example")
                    .contains("&lt;img src=x &quot;onerror=alert(1)&gt;\\u000d\\u000aBcc: x@evil.example")
                    .contains(
                            "javascript[:]alert(1)&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;https[:]//evil[.]example/")
                    .contains("&lt;b&gt;mx&lt;/b&gt;.example.com")
                    .contains("198.51.100.1&quot;onerror=alert(1)");
        }

        @Test
        void shouldKeepEveryReportStringOnOneLineOfThePlainPart() throws Exception {
            Summary summary = hostileSummary();

            assertThat(summary.plain().lines()).noneMatch(line -> line.startsWith("Bcc:"));
            assertThat(summary.plain())
                    .contains("<script>id</script>\"onerror=\\u000d\\u000aBcc: x@evil.example")
                    .contains("javascript[:]alert(1)\"><script>alert(2)</script>https[:]//evil[.]example/");
        }

        @Test
        void shouldNeverLetReportTextAddAHeader() throws Exception {
            Summary summary = hostileSummary();

            assertThat(summary.message().getHeader("Bcc")).isNull();
            assertThat(summary.headerLines())
                    .noneMatch(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("bcc"));
            assertThat(summary.message().getSubject())
                    .doesNotContain("\r")
                    .doesNotContain("\n")
                    .contains("example.com\\u000d\\u000aBcc: x@evil.example")
                    .contains("Evil <script>alert(1)</script>");
            assertThat(summary.message().getAllRecipients())
                    .extracting(Object::toString)
                    .containsExactly(ADMIN);
            assertThat(summary.recipients()).extracting(MailAddress::asString).containsExactly(ADMIN);
        }

        @Test
        void shouldEncodeANonAsciiSubject() throws Exception {
            ObjectNode report = report(
                    "Ärger GmbH",
                    SummaryReports.REPORT_ID,
                    sts(
                            "example.com",
                            "enforce",
                            10,
                            1,
                            detail("certificate-expired", "198.51.100.1", "mx.example.com", "192.0.2.1", 1)));

            Summary summary = summaryOf(accepted(report));

            assertThat(summary.header("Subject")).startsWith("=?UTF-8?Q?");
            assertThat(summary.message().getSubject())
                    .isEqualTo("TLS report: 1 of 11 sessions to example.com failed (9.1%), Ärger GmbH, 2026-11-28");
        }
    }

    @Nested
    class Headers {

        @Test
        void shouldMarkTheSummaryAsGeneratedAndAsOurs() throws Exception {
            ExtractedReport report = google();

            Summary summary = summaryOf(report);

            assertThat(summary.header("Auto-Submitted")).isEqualTo("auto-generated");
            assertThat(summary.header("X-Auto-Response-Suppress")).isEqualTo("All");
            assertThat(summary.header(SummaryWriter.MARKER_HEADER)).isEqualTo(ReportMessageWriter.keyOf(report));
        }

        @Test
        void shouldSendFromThePostmasterToTheAdminsWithASubjectToScan() throws Exception {
            Summary summary = summaryOf(google());

            assertThat(summary.sender().asString()).isEqualTo(POSTMASTER);
            assertThat(summary.recipients()).extracting(MailAddress::asString).containsExactly(ADMIN);
            assertThat(summary.header("From")).isEqualTo(POSTMASTER);
            assertThat(summary.header("To")).isEqualTo(ADMIN);
            assertThat(summary.message().getSubject())
                    .isEqualTo("TLS report: 12 of 4,000 sessions to example.com failed (0.3%), Google LLC, 2026-11-28");
            assertThat(summary.message().getSentDate().toInstant()).isEqualTo(NOW);
        }

        @Test
        void shouldSendFromTheConfiguredSenderToEveryConfiguredAdmin() throws Exception {
            SendTlsReportSummary mailet =
                    mailet("to", "a@example.com, b@example.org,a@example.com", "from", "tlsrpt-bot@example.com");

            mailet.service(StoreFixtures.mail(google()));

            Summary summary = onlySummary();
            assertThat(summary.sender().asString()).isEqualTo("tlsrpt-bot@example.com");
            assertThat(summary.recipients())
                    .extracting(MailAddress::asString)
                    .containsExactly("a@example.com", "b@example.org");
            assertThat(summary.header("To")).isEqualTo("a@example.com, b@example.org");
        }

        @Test
        void shouldGiveEachSummaryAMessageIdOfItsOwnInTheSendersDomain() throws Exception {
            SendTlsReportSummary mailet = mailet();
            mailet.service(StoreFixtures.mail(google()));
            mailet.service(StoreFixtures.mail(google()));

            List<Summary> summaries = sent();

            assertThat(summaries).hasSize(2);
            String first = summaries.get(0).header("Message-ID");
            assertThat(first)
                    .matches("<tlsrpt-summary\\.[0-9a-f-]{36}@"
                            + POSTMASTER.substring(POSTMASTER.indexOf('@') + 1).replace(".", "\\.") + ">");
            assertThat(summaries.get(1).header("Message-ID")).isNotEqualTo(first);
        }

        @Test
        void shouldFoldTheToHeaderOfManyAdminsAsJakartaMailDid() throws Exception {
            StringBuilder admins = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                admins.append(i == 0 ? "" : ", ")
                        .append("tls-report-admin-")
                        .append(i)
                        .append("@example.com");
            }
            SendTlsReportSummary mailet = mailet("to", admins.toString());

            mailet.service(StoreFixtures.mail(google()));

            Summary summary = onlySummary();
            List<String> lines = summary.headerLines();
            int to = lines.indexOf(lines.stream()
                    .filter(line -> line.startsWith("To: "))
                    .findFirst()
                    .orElseThrow());
            assertThat(lines.get(to + 1)).startsWith("\t");
            assertThat(lines.get(to)).hasSizeLessThanOrEqualTo(76);
            assertThat(lines.get(to + 1)).hasSizeLessThanOrEqualTo(76);
            assertThat(summary.message().getRecipients(jakarta.mail.Message.RecipientType.TO))
                    .extracting(Object::toString)
                    .containsExactly(admins.toString().split(", "));
        }

        @Test
        void shouldSendThePartsSevenBitWhenAsciiAndQuotedPrintableWhenNot() throws Exception {
            ObjectNode report = report(
                    "Ärger GmbH",
                    SummaryReports.REPORT_ID,
                    sts(
                            "example.com",
                            "enforce",
                            10,
                            1,
                            detail("certificate-expired", "198.51.100.1", "mx.example.com", "192.0.2.1", 1)));

            Summary ascii = summaryOf(google());
            context.resetSentMails();
            Summary nonAscii = summaryOf(accepted(report));

            MimeMultipart asciiParts = (MimeMultipart) ascii.message().getContent();
            assertThat(asciiParts.getBodyPart(0).getHeader("Content-Transfer-Encoding"))
                    .containsExactly("7bit");
            MimeMultipart parts = (MimeMultipart) nonAscii.message().getContent();
            assertThat(parts.getBodyPart(0).getHeader("Content-Transfer-Encoding"))
                    .containsExactly("quoted-printable");
            assertThat(parts.getBodyPart(1).getHeader("Content-Transfer-Encoding"))
                    .containsExactly("quoted-printable");
            assertThat(nonAscii.plain()).containsPattern("Reporter: +Ärger GmbH");
            assertThat(nonAscii.html()).contains("Ärger GmbH");
        }

        @Test
        void shouldHandOverAMessageThatIsAlreadySaved() throws Exception {
            mailet().service(StoreFixtures.mail(google()));
            MimeMessage message = context.getSentMails().get(0).getMsg();

            ByteArrayOutputStream first = new ByteArrayOutputStream();
            message.writeTo(first);
            message.saveChanges();
            ByteArrayOutputStream second = new ByteArrayOutputStream();
            message.writeTo(second);

            assertThat(second.toString(StandardCharsets.UTF_8))
                    .as("saving again changes no header and no boundary")
                    .isEqualTo(first.toString(StandardCharsets.UTF_8));
        }

        @Test
        void shouldLeaveTheProcessedMailUnchanged() throws Exception {
            FakeMail mail = StoreFixtures.mail(google());
            String subject = mail.getMessage().getSubject();

            mailet().service(mail);

            assertThat(mail.getState()).isNotEqualTo(org.apache.mailet.Mail.GHOST);
            assertThat(mail.getMessage().getSubject()).isEqualTo(subject);
            assertThat(mail.getMessage().getHeader(SummaryWriter.MARKER_HEADER)).isNull();
        }
    }

    @Nested
    class LoopPrevention {

        @Test
        void shouldSendNothingForAMailThatIsItselfASummary() throws Exception {
            FakeMail mail = StoreFixtures.mail(google());
            mail.getMessage().setHeader(SummaryWriter.MARKER_HEADER, "0123");

            mailet().service(mail);

            assertThat(context.getSentMails()).isEmpty();
        }

        @Test
        void shouldNotBeRecognisedAsATlsReportByIsTlsReport() throws Exception {
            mailet().service(StoreFixtures.mail(google()));
            FakeMailContext.SentMail sent = context.getSentMails().get(0);
            IsTlsReport isTlsReport = new IsTlsReport();
            isTlsReport.init(FakeMatcherConfig.builder()
                    .matcherName("IsTlsReport")
                    .mailetContext(FakeMailContext.defaultContext())
                    .build());

            FakeMail summary = FakeMail.builder()
                    .name("summary")
                    .mimeMessage(sent.getMsg())
                    .sender(sent.getSender())
                    .recipients(List.copyOf(sent.getRecipients()))
                    .build();

            assertThat(isTlsReport.match(summary)).isEmpty();
        }

        @Test
        void shouldGiveNoSecondSummaryWhenTheSummaryGoesThroughTheWholePipelineAgain() throws Exception {
            ExtractTlsReports extract = new ExtractTlsReports(
                    (message, domains) -> DkimVerdict.pass("google.com", "a signature of google.com passes"),
                    Clock.fixed(NOW, ZoneOffset.UTC));
            extract.init(FakeMailetConfig.builder()
                    .mailetName("ExtractTlsReports")
                    .mailetContext(ServingMailetContext.serving("example.com"))
                    .setProperty("dkim", "off")
                    .build());
            SendTlsReportSummary mailet = mailet();
            FakeMail reportMail =
                    ExtractionTestMails.fakeMail(ExtractionTestMails.googleMail(ExtractionTestReports.googleReport()));
            extract.service(reportMail);
            mailet.service(reportMail);
            assertThat(context.getSentMails()).hasSize(1);
            FakeMailContext.SentMail sent = context.getSentMails().get(0);
            context.resetSentMails();
            FakeMail summary = FakeMail.builder()
                    .name("summary")
                    .mimeMessage(sent.getMsg())
                    .sender(sent.getSender())
                    .recipients(List.copyOf(sent.getRecipients()))
                    .build();

            extract.service(summary);
            mailet.service(summary);

            assertThat(TlsReportAttributes.status(summary)).contains(MessageStatus.NO_REPORT);
            assertThat(context.getSentMails()).isEmpty();
        }

        @Test
        void shouldStillSummariseAReportThatItsReporterMarkedAutoSubmitted() throws Exception {
            // Mail.ru sends its reports with Auto-Submitted: auto-generated; they are reports all the same
            FakeMail mail = StoreFixtures.mail(google());
            mail.getMessage().setHeader("Auto-Submitted", "auto-generated");

            mailet().service(mail);

            assertThat(context.getSentMails()).hasSize(1);
        }
    }

    @Nested
    class Condition {

        private ExtractedReport withSessions(long successful, long failed) {
            return StoreFixtures.accepted(StoreFixtures.reportJson(
                    "Google LLC", "id-" + successful + "-" + failed, "example.com", successful, failed));
        }

        @Test
        void shouldSendNothingForAReportWithoutFailedSessionsByDefault() throws Exception {
            mailet().service(StoreFixtures.mail(withSessions(4000, 0)));

            assertThat(context.getSentMails()).isEmpty();
        }

        @Test
        void shouldSummariseEveryAcceptedReportWithMinFailedSessionsZero() throws Exception {
            mailet("minFailedSessions", "0")
                    .service(StoreFixtures.mail(accepted(report(sts("example.com", "enforce", 4000, 0)))));

            Summary summary = onlySummary();
            assertThat(summary.plain())
                    .startsWith("TLS report: No session to example.com failed (4,000 sessions)\n")
                    .contains("4,000 sessions: 4,000 succeeded, 0 failed\n")
                    .doesNotContain("sessions failed:")
                    .contains("because this report was accepted (minFailedSessions=0: every report)")
                    .doesNotContain("held back");
        }

        @Test
        void shouldSendOnlyWhenTheReportReachesMinFailedSessions() throws Exception {
            SendTlsReportSummary mailet = mailet("minFailedSessions", "10");

            mailet.service(StoreFixtures.mail(withSessions(3995, 5)));
            mailet.service(StoreFixtures.mail(withSessions(3990, 10)));

            assertThat(sent()).singleElement().satisfies(summary -> assertThat(summary.plain())
                    .startsWith("TLS report: 10 of 4,000 sessions")
                    .contains("because this report counts at least 10 failed sessions."));
        }

        @Test
        void shouldSendOnlyWhenTheReportAlsoReachesMinFailureRate() throws Exception {
            SendTlsReportSummary mailet = mailet("minFailureRate", "5%");

            mailet.service(StoreFixtures.mail(withSessions(3988, 12)));
            mailet.service(StoreFixtures.mail(withSessions(3800, 200)));

            assertThat(sent()).singleElement().satisfies(summary -> assertThat(summary.plain())
                    .startsWith("TLS report: 200 of 4,000 sessions")
                    .contains("at least 1 failed session and at least 5% of its sessions failed."));
        }

        @Test
        void shouldSendOneSummaryPerReportThatMeetsTheCondition() throws Exception {
            ExtractedReport failing = withSessions(90, 10);
            ExtractedReport clean = withSessions(100, 0);
            ExtractedReport failingToo = withSessions(80, 20);

            mailet().service(StoreFixtures.mail(failing, clean, failingToo));

            assertThat(sent())
                    .extracting(summary -> summary.message().getSubject())
                    .containsExactly(
                            "TLS report: 10 of 100 sessions to example.com failed (10.0%), Google LLC, 2026-11-28",
                            "TLS report: 20 of 100 sessions to example.com failed (20.0%), Google LLC, 2026-11-28");
        }

        @Test
        void shouldSendNothingAgainWhenEveryReportWasAlreadyStored() throws Exception {
            FakeMail duplicate = StoreFixtures.mail(google());
            duplicate.setAttribute(new Attribute(TlsReportAttributes.STORED, AttributeValue.of(0L)));
            duplicate.setAttribute(new Attribute(TlsReportAttributes.DUPLICATES, AttributeValue.of(1L)));
            FakeMail partly = StoreFixtures.mail(google());
            partly.setAttribute(new Attribute(TlsReportAttributes.STORED, AttributeValue.of(1L)));
            partly.setAttribute(new Attribute(TlsReportAttributes.DUPLICATES, AttributeValue.of(1L)));

            mailet().service(duplicate);
            mailet().service(partly);

            assertThat(context.getSentMails()).hasSize(1);
        }

        @Test
        void shouldReadTheConditionAsHasTlsReportFailuresDoes() throws Exception {
            SendTlsReportSummary mailet = mailet("minFailedSessions", "3", "minFailureRate", "2.5");

            assertThat(mailet.configuration().condition())
                    .isEqualTo(new HasTlsReportFailures.Configuration(
                            3, Optional.of(new BigDecimal("2.5")), Set.of(ReportOutcome.ACCEPTED)));
        }
    }

    @Nested
    class Outcomes {

        @Test
        void shouldNeverSummariseUnauthenticatedOutOfScopeOrInvalidReports() throws Exception {
            ExtractedReport unauthenticated =
                    google().withOutcome(ReportOutcome.UNAUTHENTICATED, "no signature passes");
            ExtractedReport outOfScope = google().withOutcome(ReportOutcome.OUT_OF_SCOPE, "not served here");

            mailet().service(StoreFixtures.mail(DkimVerdict.none(), unauthenticated));
            mailet().service(StoreFixtures.mail(outOfScope));
            mailet().service(StoreFixtures.mail(StoreFixtures.invalid("the payload is not JSON")));

            assertThat(context.getSentMails()).isEmpty();
        }

        @Test
        void shouldLeaveAMailThatWasNotThroughExtractionAlone() throws Exception {
            mailet().service(StoreFixtures.unreadMail());

            assertThat(context.getSentMails()).isEmpty();
        }

        @Test
        void shouldThrowKeepingTheCauseWhenSendingFails() throws Exception {
            MessagingException down = new MessagingException("spool unavailable");
            MailetContext failing = (MailetContext) Proxy.newProxyInstance(
                    MailetContext.class.getClassLoader(),
                    new Class<?>[] {MailetContext.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("sendMail")) {
                            throw down;
                        }
                        try {
                            return method.invoke(context, args);
                        } catch (InvocationTargetException thrown) {
                            throw thrown.getCause();
                        }
                    });
            SendTlsReportSummary mailet = mailet(failing);

            assertThatThrownBy(() -> mailet.service(StoreFixtures.mail(google())))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageContaining("the summary of TLS report 2026-11-28T00:00:00Z_example.com")
                    .hasCause(down);
        }
    }

    @Nested
    class Configuration {

        private static SendTlsReportSummary initWith(String... parameters) throws MessagingException {
            SendTlsReportSummary mailet = new SendTlsReportSummary();
            FakeMailetConfig.Builder config = FakeMailetConfig.builder()
                    .mailetName("SendTlsReportSummary")
                    .mailetContext(context());
            for (int i = 0; i < parameters.length; i += 2) {
                config.setProperty(parameters[i], parameters[i + 1]);
            }
            mailet.init(config.build());
            return mailet;
        }

        @Test
        void shouldRequireTo() {
            assertThatThrownBy(() -> initWith())
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("SendTlsReportSummary: parameter to is required: who receives the summaries, comma"
                            + " separated, such as postmaster@example.com");
            assertThatThrownBy(() -> initWith("to", " "))
                    .hasMessageStartingWith("SendTlsReportSummary: parameter to is required");
        }

        @Test
        void shouldRejectABadAddressNamingTheParameter() {
            assertThatThrownBy(() -> initWith("to", "admin@example.com, not an address"))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageStartingWith("SendTlsReportSummary: parameter to must be a mail address such as"
                            + " postmaster@example.com, not \"not an address\"");
            assertThatThrownBy(() -> initWith("to", "admin@example.com,,b@example.com"))
                    .hasMessageStartingWith("SendTlsReportSummary: parameter to has an empty entry");
            assertThatThrownBy(() -> initWith("to", ADMIN, "from", "<>"))
                    .hasMessageStartingWith("SendTlsReportSummary: parameter from must be a mail address");
            assertThatThrownBy(() -> initWith("to", ADMIN, "from", "a@b\r\nBcc: x@evil"))
                    .hasMessageStartingWith("SendTlsReportSummary: parameter from must be a mail address")
                    .hasMessageNotContaining("\n");
        }

        @Test
        void shouldRejectBadThresholdsNamingTheAllowedValues() {
            assertThatThrownBy(() -> initWith("to", ADMIN, "minFailedSessions", "-1"))
                    .hasMessage("SendTlsReportSummary: parameter minFailedSessions must be a whole number of at least"
                            + " 0 (0: every accepted report), not \"-1\" (the default is 1)");
            assertThatThrownBy(() -> initWith("to", ADMIN, "minFailedSessions", "ten"))
                    .hasMessageStartingWith("SendTlsReportSummary: parameter minFailedSessions must be");
            assertThatThrownBy(() -> initWith("to", ADMIN, "minFailureRate", "101"))
                    .hasMessage("SendTlsReportSummary: parameter minFailureRate must be a percentage from 0 to 100,"
                            + " such as 5 or 2.5, not \"101\" (leave it out for any rate)");
            assertThatThrownBy(() -> initWith("to", ADMIN, "minFailureRate", "five"))
                    .hasMessageStartingWith("SendTlsReportSummary: parameter minFailureRate must be a percentage");
        }

        @Test
        void shouldRejectAnUnknownParameter() {
            assertThatThrownBy(() -> initWith("to", ADMIN, "recipients", ADMIN, "minFailures", "1"))
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("SendTlsReportSummary: unknown parameters minFailures, recipients; the parameters"
                            + " are to, from, minFailedSessions and minFailureRate");
        }

        @Test
        void shouldLeaveJamesErrorHandlingParametersToJames() throws Exception {
            SendTlsReportSummary mailet =
                    initWith("to", ADMIN, "onMailetException", "tlsrpt-error", "onMatchException", "propagate");

            assertThat(mailet.getMailetInfo()).startsWith("SendTlsReportSummary");
        }

        @Test
        void shouldLookThePostmasterUpOnlyWhenSendingAndFailWhenThereIsNone() throws Exception {
            // James hands mailets its postmaster only once every mailet is loaded: init() must not need it
            MailetContext noPostmaster = (MailetContext) Proxy.newProxyInstance(
                    MailetContext.class.getClassLoader(),
                    new Class<?>[] {MailetContext.class},
                    (proxy, method, args) -> null);
            SendTlsReportSummary mailet = mailet(noPostmaster);

            assertThat(mailet.configuration().from()).isEmpty();
            assertThatThrownBy(() -> mailet.service(StoreFixtures.mail(google())))
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("SendTlsReportSummary: no summary can be sent: the server has no postmaster address;"
                            + " set the parameter from");
        }

        @Test
        void shouldSendFromTheConfiguredAddressWhenGiven() throws Exception {
            mailet("from", "tlsrpt-summary@example.com").service(StoreFixtures.mail(google()));

            assertThat(context.getSentMails())
                    .singleElement()
                    .satisfies(sent -> assertThat(sent.getSender().asString()).isEqualTo("tlsrpt-summary@example.com"));
        }

        @Test
        void shouldAcceptTheSnippetOfTheClassJavadoc() throws Exception {
            Element snippet = javadocSnippet();
            FakeMailetConfig.Builder config = FakeMailetConfig.builder()
                    .mailetName("SendTlsReportSummary")
                    .mailetContext(context());
            List<String> names = new ArrayList<>();
            NodeList children = snippet.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                    Element parameter = (Element) children.item(i);
                    names.add(parameter.getTagName());
                    config.setProperty(parameter.getTagName(), parameter.getTextContent());
                }
            }
            SendTlsReportSummary mailet = new SendTlsReportSummary();

            mailet.init(config.build());

            assertThat(snippet.getAttribute("class")).isEqualTo(SendTlsReportSummary.class.getName());
            assertThat(snippet.getAttribute("match")).isEqualTo("All");
            assertThat(names).containsExactly("to", "minFailedSessions");
            assertThat(mailet.configuration())
                    .isEqualTo(new SendTlsReportSummary.Configuration(
                            List.of(new MailAddress("postmaster@example.com")),
                            Optional.empty(),
                            new HasTlsReportFailures.Configuration(
                                    1, Optional.empty(), Set.of(ReportOutcome.ACCEPTED))));
            assertThat(javadocSnippetText())
                    .contains("<from>tlsrpt-summary@example.com</from>")
                    .contains("<minFailureRate>5</minFailureRate>");
            assertThat(SendTlsReportSummary.PARAMETERS)
                    .containsExactly("to", "from", "minFailedSessions", "minFailureRate");
        }

        @Test
        void shouldDescribeItself() throws Exception {
            assertThat(initWith("to", ADMIN).getMailetInfo()).startsWith("SendTlsReportSummary: ");
        }

        private static String javadocSnippetText() throws Exception {
            String source = Files.readString(
                    Path.of("src/main/java/io/github/jamestlsrpt/mailets/SendTlsReportSummary.java"),
                    StandardCharsets.UTF_8);
            int start = source.indexOf("<pre>{@code") + "<pre>{@code".length();
            int end = source.indexOf("}</pre>", start);
            return source.substring(start, end).replaceAll("(?m)^\\s*\\* ?", "");
        }

        private static Element javadocSnippet() throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setIgnoringComments(true);
            return factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(javadocSnippetText().getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        }
    }
}
