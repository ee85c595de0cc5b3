package io.github.jamestlsrpt.mailets;

import static io.github.jamestlsrpt.mailets.ExtractionTestMails.base64Lines;
import static io.github.jamestlsrpt.mailets.ExtractionTestMails.gzip;
import static io.github.jamestlsrpt.mailets.ExtractionTestReports.REPORT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.MessageStatus;
import io.github.jamestlsrpt.mail.ReportOutcome;
import io.github.jamestlsrpt.mail.TlsReportAttributes;
import io.github.jamestlsrpt.mailets.dkim.DkimFixtures;
import io.github.jamestlsrpt.mailets.dkim.TemporaryDkimFailure;
import io.github.jamestlsrpt.mailets.store.InMemoryReportMailbox;
import io.github.jamestlsrpt.mailets.store.MailboxFolder;
import io.github.jamestlsrpt.matchers.IsTlsReport;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.james.core.MailAddress;
import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A report mail through the whole James side with the real parts: the matcher {@link IsTlsReport}, then {@link
 * ExtractTlsReports} built as James builds it (DKIM keys looked up through James's DNS service, here a fake that
 * publishes the reporter's key), then {@link StoreTlsReports} over a mailbox in memory. The mails are bytes signed
 * with jDKIM's own signer, and the FakeMail's message is parsed from exactly those bytes, as James's spool does.
 */
class ReportMailPipelineTest {

    private static final String CRLF = "\r\n";
    private static final String REPORTER = "reporter.test";
    private static final String SELECTOR = "tlsrpt2023";
    private static final String KEY_NAME = SELECTOR + "._domainkey." + REPORTER;
    private static final String RECIPIENT = "tlsrpt@example.com";
    private static final MailboxFolder FOLDER = new MailboxFolder(RECIPIENT, StoreTlsReports.DEFAULT_FOLDER);
    private static final String FILENAME = "reporter.test!example.com!1699920000!1700006399.json.gz";
    private static final String REPORT_JSON =
            ExtractionTestReports.report(REPORT_ID, "mailto:tlsrpt@" + REPORTER, "sts", "example.com", 120, 3);
    private static final KeyPair KEYS = DkimFixtures.keys();
    private static final Instant RECEIVED = Instant.parse("2023-11-15T12:17:13Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2023-11-15T12:17:20Z"), ZoneOffset.UTC);
    private static final AtomicInteger MAIL_NAMES = new AtomicInteger();

    private final DkimFixtures.Dns dns = new DkimFixtures.Dns();
    private final InMemoryReportMailbox mailbox = new InMemoryReportMailbox();
    private IsTlsReport matcher;
    private ExtractTlsReports extraction;
    private StoreTlsReports store;

    @BeforeEach
    void setUp() throws MessagingException {
        MailetContext context = ServingMailetContext.serving("example.com");
        matcher = new IsTlsReport();
        matcher.init(FakeMatcherConfig.builder()
                .matcherName("IsTlsReport")
                .mailetContext(context)
                .build());
        extraction = new ExtractTlsReports(dns);
        extraction.init(FakeMailetConfig.builder()
                .mailetName("ExtractTlsReports")
                .mailetContext(context)
                .build());
        store = new StoreTlsReports(mailbox, CLOCK);
        store.init(FakeMailetConfig.builder()
                .mailetName("StoreTlsReports")
                .mailetContext(context)
                .setProperty(StoreTlsReports.USER, RECIPIENT)
                .build());
    }

    @Nested
    class SignedByTheReporter {

        @Test
        void shouldMatchAuthenticateAndStoreAGoogleShapedReportAndKeepTheMail() throws Exception {
            dns.publishKey(SELECTOR, REPORTER, DkimFixtures.keyRecord(KEYS, ""));
            byte[] signed = signed(reportMail());
            FakeMail mail = mail(signed);

            Collection<MailAddress> matched = matcher.match(mail);
            byte[] seenByExtraction = writtenOut(mail);
            extraction.service(mail);
            store.service(mail);

            assertThat(matched).containsExactly(new MailAddress(RECIPIENT));
            assertThat(seenByExtraction).isEqualTo(signed);
            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.ACCEPTED);
            DkimVerdict dkim = TlsReportAttributes.dkim(mail).orElseThrow();
            assertThat(dkim.result()).isEqualTo(DkimVerdict.Result.PASS);
            assertThat(dkim.domain()).isEqualTo(REPORTER);
            assertThat(dkim.reason())
                    .isEqualTo("the DKIM signature d=reporter.test (s=tlsrpt2023) verifies and speaks for the"
                            + " reporter domain reporter.test (key service type s=*)");
            List<ExtractedReport> reports = TlsReportAttributes.reports(mail);
            assertThat(reports).hasSize(1);
            ExtractedReport report = reports.get(0);
            assertThat(report.outcome()).isEqualTo(ReportOutcome.ACCEPTED);
            assertThat(report.reportId()).isEqualTo(REPORT_ID);
            assertThat(report.filename()).isEqualTo(FILENAME);
            assertThat(report.policyDomains()).containsExactly("example.com");
            assertThat(report.successfulSessions()).isEqualTo(120);
            assertThat(report.failedSessions()).isEqualTo(3);
            JsonNode provenance = new ObjectMapper().readTree(report.document()).get("provenance");
            assertThat(provenance.get("dkim").asText()).isEqualTo("pass");
            assertThat(provenance.get("dkim-domain").asText()).isEqualTo(REPORTER);
            assertThat(provenance.get("from").asText()).isEqualTo("noreply-smtp-tls-reporting@" + REPORTER);
            assertThat(provenance.get("envelope-sender").asText()).isEqualTo("bounces+tlsrpt@" + REPORTER);
            assertThat(provenance.get("received-at").asText()).isEqualTo(RECEIVED.toString());
            assertThat(provenance.get("source").asText()).isEqualTo(FILENAME);

            List<MimeMessage> stored = mailbox.parsedMessages(FOLDER);
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).getHeader("TLS-Report-Domain")).containsExactly("example.com");
            assertThat(stored.get(0).getHeader("X-TLSRPT-Report-Id")).containsExactly(REPORT_ID);
            assertThat(stored.get(0).getHeader("X-TLSRPT-Status"))
                    .containsExactly("valid; outcome=accepted; dkim=pass");
            assertThat(longAttribute(mail, TlsReportAttributes.STORED)).isEqualTo(1);
            assertThat(longAttribute(mail, TlsReportAttributes.DUPLICATES)).isZero();
            assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
            assertThat(outcomeHeader(mail)).isEqualTo("stored: 1 report stored");
            assertThat(dns.queries()).containsExactly("TXT " + KEY_NAME);
        }

        @Test
        void shouldAcceptAReportSignedWithAKeyForServiceTypeTlsrpt() throws Exception {
            dns.publishKey(SELECTOR, REPORTER, DkimFixtures.keyRecord(KEYS, "s=tlsrpt; "));
            FakeMail mail = mail(signed(reportMail()));

            Collection<MailAddress> matched = matcher.match(mail);
            extraction.service(mail);
            store.service(mail);

            assertThat(matched).containsExactly(new MailAddress(RECIPIENT));
            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.ACCEPTED);
            assertThat(TlsReportAttributes.dkim(mail).orElseThrow().reason()).endsWith("(key service type s=tlsrpt)");
            assertThat(mailbox.parsedMessages(FOLDER))
                    .extracting(message -> message.getHeader("X-TLSRPT-Report-Id")[0])
                    .containsExactly(REPORT_ID);
        }

        @Test
        void shouldStoreTheSameSignedMailOnceAndCountItsSecondArrivalAsADuplicate() throws Exception {
            dns.publishKey(SELECTOR, REPORTER, DkimFixtures.keyRecord(KEYS, ""));
            byte[] signed = signed(reportMail());
            FakeMail first = mail(signed);
            FakeMail second = mail(signed);

            for (FakeMail mail : List.of(first, second)) {
                assertThat(matcher.match(mail)).containsExactly(new MailAddress(RECIPIENT));
                extraction.service(mail);
                store.service(mail);
            }

            assertThat(TlsReportAttributes.status(second)).contains(MessageStatus.ACCEPTED);
            assertThat(TlsReportAttributes.dkim(second).orElseThrow().domain()).isEqualTo(REPORTER);
            assertThat(mailbox.parsedMessages(FOLDER))
                    .extracting(message -> message.getHeader("X-TLSRPT-Report-Id")[0])
                    .containsExactly(REPORT_ID);
            assertThat(longAttribute(first, TlsReportAttributes.STORED)).isEqualTo(1);
            assertThat(longAttribute(first, TlsReportAttributes.DUPLICATES)).isZero();
            assertThat(longAttribute(second, TlsReportAttributes.STORED)).isZero();
            assertThat(longAttribute(second, TlsReportAttributes.DUPLICATES)).isEqualTo(1);
            assertThat(outcomeHeader(second)).isEqualTo("stored: 1 report was already stored (duplicate)");
        }
    }

    @Nested
    class NotAuthenticated {

        @Test
        void shouldNotStoreAReportWhoseGzipWasChangedByOneByteAfterSigning() throws Exception {
            dns.publishKey(SELECTOR, REPORTER, DkimFixtures.keyRecord(KEYS, ""));
            byte[] signed = signed(reportMail());
            // the gzip's modification time (MTIME, bytes 4 to 7 of its header) changes: the gzip still reads
            byte[] changed = replaceOnce(signed, CRLF + "H4sIAAAAAAAA", CRLF + "H4sIAAAABAAA");
            assertThat(differingBytes(signed, changed)).isEqualTo(1);
            FakeMail mail = mail(changed);

            Collection<MailAddress> matched = matcher.match(mail);
            byte[] seenByExtraction = writtenOut(mail);
            extraction.service(mail);
            store.service(mail);

            assertThat(matched).containsExactly(new MailAddress(RECIPIENT));
            assertThat(seenByExtraction).isEqualTo(changed);
            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.UNAUTHENTICATED);
            DkimVerdict dkim = TlsReportAttributes.dkim(mail).orElseThrow();
            assertThat(dkim.result()).isEqualTo(DkimVerdict.Result.FAIL);
            assertThat(dkim.domain()).isNull();
            assertThat(dkim.reason())
                    .isEqualTo("the DKIM signature d=reporter.test (s=tlsrpt2023) does not authenticate the report:"
                            + " the body was changed after signing (its hash does not match bh=)");
            assertThat(TlsReportAttributes.reports(mail))
                    .extracting(
                            ExtractedReport::outcome, ExtractedReport::reportId, ExtractedReport::successfulSessions)
                    .containsExactly(tuple(ReportOutcome.UNAUTHENTICATED, REPORT_ID, 120L));
            assertNothingStored(mail);
            assertThat(outcomeHeader(mail))
                    .isEqualTo("not stored: the report (part 2, file \"" + FILENAME + "\") is not authenticated: no"
                            + " DKIM signature of the reporter authenticates it, as RFC 8460 section 3 requires: the"
                            + " DKIM signature d=reporter.test (s=tlsrpt2023) does not authenticate the report: the"
                            + " body was changed after signing (its hash does not match bh=)");
        }

        @Test
        void shouldNotStoreAReportSignedWithABodyLengthLimit() throws Exception {
            dns.publishKey(SELECTOR, REPORTER, DkimFixtures.keyRecord(KEYS, ""));
            FakeMail mail = mail(signed(reportMail(), "l=40"));

            Collection<MailAddress> matched = matcher.match(mail);
            extraction.service(mail);
            store.service(mail);

            assertThat(matched).containsExactly(new MailAddress(RECIPIENT));
            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.UNAUTHENTICATED);
            DkimVerdict dkim = TlsReportAttributes.dkim(mail).orElseThrow();
            assertThat(dkim.result()).isEqualTo(DkimVerdict.Result.FAIL);
            assertThat(dkim.reason())
                    .isEqualTo("the DKIM signature d=reporter.test (s=tlsrpt2023) does not authenticate the report:"
                            + " verifies, but it signs only the first 40 bytes of the body (l=), which RFC 8460"
                            + " section 3 forbids for reports");
            assertNothingStored(mail);
            assertThat(outcomeHeader(mail))
                    .isEqualTo("not stored: the report (part 2, file \"" + FILENAME + "\") is not authenticated: no"
                            + " DKIM signature of the reporter authenticates it, as RFC 8460 section 3 requires: the"
                            + " DKIM signature d=reporter.test (s=tlsrpt2023) does not authenticate the report:"
                            + " verifies, but it signs only the first 40 bytes of the body (l=), which RFC 8460"
                            + " section 3 forbids for reports");
        }

        @Test
        void shouldNotStoreAReportSignedWithAKeyForServiceTypeEmailOnly() throws Exception {
            dns.publishKey(SELECTOR, REPORTER, DkimFixtures.keyRecord(KEYS, "s=email; "));
            FakeMail mail = mail(signed(reportMail()));

            Collection<MailAddress> matched = matcher.match(mail);
            extraction.service(mail);
            store.service(mail);

            assertThat(matched).containsExactly(new MailAddress(RECIPIENT));
            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.UNAUTHENTICATED);
            DkimVerdict dkim = TlsReportAttributes.dkim(mail).orElseThrow();
            assertThat(dkim.result()).isEqualTo(DkimVerdict.Result.FAIL);
            assertThat(dkim.reason())
                    .isEqualTo("the DKIM signature d=reporter.test (s=tlsrpt2023) does not authenticate the report:"
                            + " verifies, but its key at " + KEY_NAME + " is for service type s=email, which does"
                            + " not include tlsrpt (RFC 6376 section 3.6.1, RFC 8460 section 3)");
            assertNothingStored(mail);
            assertThat(outcomeHeader(mail))
                    .isEqualTo("not stored: the report (part 2, file \"" + FILENAME + "\") is not authenticated: no"
                            + " DKIM signature of the reporter authenticates it, as RFC 8460 section 3 requires: the"
                            + " DKIM signature d=reporter.test (s=tlsrpt2023) does not authenticate the report:"
                            + " verifies, but its key at " + KEY_NAME + " is for service type s=email, which does not"
                            + " include tlsrpt (RFC 6376 se\u2026");
        }
    }

    @Nested
    class DnsDown {

        @Test
        void shouldThrowWithTheCauseAndLeaveTheMailWithoutAnOutcomeForTheStoreToLeaveAlone() throws Exception {
            dns.down();
            byte[] signed = signed(reportMail());
            FakeMail mail = mail(signed);

            Collection<MailAddress> matched = matcher.match(mail);

            assertThat(matched).containsExactly(new MailAddress(RECIPIENT));
            assertThatThrownBy(() -> extraction.service(mail))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageStartingWith("ExtractTlsReports: DKIM could not be checked for mail " + mail.getName()
                            + ", to be retried: ")
                    .hasMessageContaining("could not be reached for " + REPORTER)
                    .hasCauseInstanceOf(TemporaryDkimFailure.class)
                    .hasRootCauseInstanceOf(TemporaryResolutionException.class);
            assertThat(dns.queries()).containsExactly("TXT " + KEY_NAME, "MX " + REPORTER);
            assertThat(TlsReportAttributes.status(mail)).isEmpty();
            assertThat(TlsReportAttributes.dkim(mail)).isEmpty();
            assertThat(mail.getAttribute(TlsReportAttributes.REPORTS)).isEmpty();

            store.service(mail);

            assertThat(mail.getAttribute(TlsReportAttributes.STORED)).isEmpty();
            assertThat(mail.getAttribute(TlsReportAttributes.DUPLICATES)).isEmpty();
            assertThat(mail.getMessage().getHeader(StoreTlsReports.OUTCOME_HEADER))
                    .isNull();
            assertThat(mailbox.exists(FOLDER)).isFalse();
            assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
            assertThat(writtenOut(mail)).isEqualTo(signed);
        }
    }

    @Nested
    class NotATlsReport {

        @Test
        void shouldNotMatchASignedDmarcAggregateReport() throws Exception {
            dns.publishKey(SELECTOR, REPORTER, DkimFixtures.keyRecord(KEYS, ""));
            FakeMail mail = mail(signed(dmarcMail()));

            Collection<MailAddress> matched = matcher.match(mail);

            assertThat(matched).isEmpty();
        }

        @Test
        void shouldNotMatchASignedPlainTextMail() throws Exception {
            dns.publishKey(SELECTOR, REPORTER, DkimFixtures.keyRecord(KEYS, ""));
            FakeMail mail = mail(signed(plainMail()));

            Collection<MailAddress> matched = matcher.match(mail);

            assertThat(matched).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------ assertions

    private void assertNothingStored(FakeMail mail) throws MessagingException {
        assertThat(mailbox.messages(FOLDER)).isEmpty();
        assertThat(longAttribute(mail, TlsReportAttributes.STORED)).isZero();
        assertThat(longAttribute(mail, TlsReportAttributes.DUPLICATES)).isZero();
        assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
    }

    private static long longAttribute(Mail mail, AttributeName name) {
        return (Long) mail.getAttribute(name).orElseThrow().getValue().value();
    }

    private static String outcomeHeader(Mail mail) throws MessagingException {
        String[] values = mail.getMessage().getHeader(StoreTlsReports.OUTCOME_HEADER);
        assertThat(values).hasSize(1);
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(values[0]));
        } catch (UnsupportedEncodingException notUtf8) {
            throw new AssertionError(values[0], notUtf8);
        }
    }

    /** The message as ExtractTlsReports reads it, and as James hands it on: getMessage().writeTo. */
    private static byte[] writtenOut(Mail mail) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toByteArray();
    }

    // ------------------------------------------------------------------------------------------ mails

    private static FakeMail mail(byte[] message) throws MessagingException {
        return FakeMail.builder()
                .name("report-" + MAIL_NAMES.incrementAndGet())
                .sender("bounces+tlsrpt@" + REPORTER)
                .recipient(RECIPIENT)
                .lastUpdated(Date.from(RECEIVED))
                .mimeMessage(new MimeMessage(
                        Session.getDefaultInstance(new Properties()), new ByteArrayInputStream(message)))
                .build();
    }

    private static byte[] signed(byte[] message, String... moreTags) {
        return DkimFixtures.sign(message, REPORTER, SELECTOR, KEYS, moreTags);
    }

    /** Google's shape (multipart/report; report-type=tlsrpt, a text part, an application/tlsrpt+gzip part). */
    private static byte[] reportMail() {
        String boundary = "000000000000f1e2d3c4b5a69788";
        return ascii(String.join(
                CRLF,
                "MIME-Version: 1.0",
                "Date: Wed, 15 Nov 2023 04:17:13 -0800",
                "Message-ID: <000000000000a1b2c3d4e5f6@" + REPORTER + ">",
                "Subject: Report Domain: example.com Submitter: " + REPORTER,
                " Report-ID: <2023.11.14T00.00.00Z+example.com@" + REPORTER + ">",
                "From: noreply-smtp-tls-reporting@" + REPORTER,
                "To: " + RECIPIENT,
                "TLS-Report-Domain: example.com",
                "TLS-Report-Submitter: " + REPORTER,
                "Content-Type: multipart/report; boundary=\"" + boundary + "\"; report-type=tlsrpt",
                "",
                "--" + boundary,
                "Content-Type: text/plain; charset=\"UTF-8\"; format=flowed; delsp=yes",
                "Content-Transfer-Encoding: base64",
                "",
                base64Lines(ascii("This is an aggregate TLS report from " + REPORTER + CRLF)),
                "--" + boundary,
                "Content-Type: application/tlsrpt+gzip; name=\"" + FILENAME + "\"",
                "Content-Disposition: attachment; filename=\"" + FILENAME + "\"",
                "Content-Transfer-Encoding: base64",
                "",
                base64Lines(gzip(REPORT_JSON)),
                "--" + boundary + "--",
                ""));
    }

    /** A DMARC aggregate report (RFC 7489 section 7.2): gzipped XML, sent to the same address. */
    private static byte[] dmarcMail() {
        String boundary = "000000000000dmarc0boundary";
        String xml =
                """
                <?xml version="1.0" encoding="UTF-8" ?>
                <feedback>
                  <report_metadata>
                    <org_name>reporter.test</org_name>
                    <email>noreply-dmarc-support@reporter.test</email>
                    <report_id>14528591734262097001</report_id>
                    <date_range><begin>1700006400</begin><end>1700092799</end></date_range>
                  </report_metadata>
                  <policy_published><domain>example.com</domain><p>reject</p></policy_published>
                  <record>
                    <row><source_ip>192.0.2.1</source_ip><count>2</count></row>
                    <identifiers><header_from>example.com</header_from></identifiers>
                  </record>
                </feedback>
                """;
        String filename = REPORTER + "!example.com!1700006400!1700092799.xml.gz";
        return ascii(String.join(
                CRLF,
                "MIME-Version: 1.0",
                "Date: Thu, 16 Nov 2023 15:59:59 -0800",
                "Message-ID: <14528591734262097001@" + REPORTER + ">",
                "Subject: Report domain: example.com Submitter: " + REPORTER + " Report-ID: 14528591734262097001",
                "From: noreply-dmarc-support@" + REPORTER,
                "To: " + RECIPIENT,
                "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"",
                "",
                "--" + boundary,
                "Content-Type: text/plain; charset=\"UTF-8\"",
                "",
                "This is an aggregate DMARC report from " + REPORTER,
                "",
                "--" + boundary,
                "Content-Type: application/gzip; name=\"" + filename + "\"",
                "Content-Disposition: attachment; filename=\"" + filename + "\"",
                "Content-Transfer-Encoding: base64",
                "",
                base64Lines(gzip(xml)),
                "--" + boundary + "--",
                ""));
    }

    private static byte[] plainMail() {
        return ascii(String.join(
                CRLF,
                "MIME-Version: 1.0",
                "Date: Thu, 16 Nov 2023 09:00:00 -0800",
                "Message-ID: <hello-1@" + REPORTER + ">",
                "Subject: Our TLS reports",
                "From: postmaster@" + REPORTER,
                "To: " + RECIPIENT,
                "Content-Type: text/plain; charset=\"UTF-8\"",
                "",
                "Hello, from tomorrow our TLS reports will come from a new address.",
                ""));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] replaceOnce(byte[] message, String from, String to) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(from);
        assertThat(at).as("found once: %s", from).isNotNegative().isEqualTo(text.lastIndexOf(from));
        return (text.substring(0, at) + to + text.substring(at + from.length())).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int differingBytes(byte[] one, byte[] other) {
        assertThat(other).hasSameSizeAs(one);
        int differing = 0;
        for (int i = 0; i < one.length; i++) {
            if (one[i] != other[i]) {
                differing++;
            }
        }
        return differing;
    }
}
