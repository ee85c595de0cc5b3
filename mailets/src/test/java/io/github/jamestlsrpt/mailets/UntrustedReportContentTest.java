package io.github.jamestlsrpt.mailets;

import static io.github.jamestlsrpt.mailets.ExtractionTestMails.base64Lines;
import static io.github.jamestlsrpt.mailets.ExtractionTestMails.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.MessageStatus;
import io.github.jamestlsrpt.mail.TlsReportAttributes;
import io.github.jamestlsrpt.mailets.dkim.DkimFixtures;
import io.github.jamestlsrpt.mailets.store.InMemoryReportMailbox;
import io.github.jamestlsrpt.mailets.store.MailboxFolder;
import io.github.jamestlsrpt.matchers.IsTlsReport;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What a report's sender controls must not decide whom the plugin trusts, what it looks up, writes or mails. The whole
 * James side with its real parts, as the sample configures it ({@link IsTlsReport}, {@link ExtractTlsReports} with
 * dkim=require over a recording DNS service, {@link StoreTlsReports} over a mailbox in memory, {@link
 * SendTlsReportSummary} over James's fake mailet context), fed mails whose every sender-written field is hostile:
 * replayed and edited reports, forged senders, URLs and host names everywhere, a filename that climbs out of any
 * folder, and contact addresses that are not the admins'.
 */
class UntrustedReportContentTest {

    private static final String CRLF = "\r\n";
    private static final String REPORTER = "reporter.test";
    private static final String SELECTOR = "tlsrpt2023";
    private static final String KEY_NAME = SELECTOR + "._domainkey." + REPORTER;
    private static final String RECIPIENT = "tlsrpt@example.com";
    private static final String ADMIN = "admin@example.com";
    private static final String POSTMASTER = "postmaster@example.com";
    private static final MailboxFolder FOLDER = new MailboxFolder(RECIPIENT, StoreTlsReports.DEFAULT_FOLDER);
    private static final String FILENAME = "reporter.test!example.com!1699920000!1700006399.json.gz";
    private static final KeyPair KEYS = DkimFixtures.keys();
    private static final KeyPair OTHER_KEYS = DkimFixtures.keys();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2023-11-15T12:17:20Z"), ZoneOffset.UTC);
    private static final AtomicInteger MAIL_NAMES = new AtomicInteger();

    private final DkimFixtures.Dns dns = new DkimFixtures.Dns();
    private final InMemoryReportMailbox mailbox = new InMemoryReportMailbox();
    private final FakeMailContext sent = context();
    private IsTlsReport matcher;
    private ExtractTlsReports extraction;
    private StoreTlsReports store;
    private SendTlsReportSummary summary;

    @BeforeEach
    void setUp() throws MessagingException {
        MailetContext context = ServingMailetContext.serving(sent, "example.com");
        matcher = new IsTlsReport();
        matcher.init(FakeMatcherConfig.builder()
                .matcherName("IsTlsReport")
                .mailetContext(context)
                .build());
        extraction = new ExtractTlsReports(dns);
        extraction.init(FakeMailetConfig.builder()
                .mailetName("ExtractTlsReports")
                .mailetContext(context)
                .setProperty("dkim", "require")
                .build());
        store = new StoreTlsReports(mailbox, CLOCK);
        store.init(FakeMailetConfig.builder()
                .mailetName("StoreTlsReports")
                .mailetContext(context)
                .setProperty(StoreTlsReports.USER, RECIPIENT)
                .build());
        summary = new SendTlsReportSummary(CLOCK);
        summary.init(FakeMailetConfig.builder()
                .mailetName("SendTlsReportSummary")
                .mailetContext(context)
                .setProperty("to", ADMIN)
                .build());
        dns.publishKey(SELECTOR, REPORTER, DkimFixtures.keyRecord(KEYS, ""));
    }

    @Nested
    class ReplayedReports {

        @Test
        void shouldNotStoreOrSummariseAnOldSignedReportWhosePeriodWasEditedToANewOne() throws Exception {
            String old = report("2023-11-14", "replayed@reporter.test", "mailto:tlsrpt@reporter.test", 100, 40);
            String edited = old.replace("2023-11-14T", "2023-11-28T");
            byte[] signed = signed(reportMail(old, FILENAME), REPORTER, KEYS);
            byte[] replayed = replaceOnce(signed, base64Lines(gzip(old)), base64Lines(gzip(edited)));
            FakeMail mail = mail(replayed);

            process(mail);

            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.UNAUTHENTICATED);
            assertThat(TlsReportAttributes.dkim(mail).orElseThrow().reason())
                    .contains("the body was changed after signing");
            assertThat(mailbox.messages(FOLDER)).isEmpty();
            assertThat(sent.getSentMails()).isEmpty();
        }

        @Test
        void shouldCountAnUnmodifiedReplayOfAStoredReportAsADuplicateWithoutASecondSummary() throws Exception {
            byte[] signed = signed(
                    reportMail(
                            report("2023-11-14", "once@reporter.test", "mailto:tlsrpt@reporter.test", 100, 40),
                            FILENAME),
                    REPORTER,
                    KEYS);
            FakeMail first = mail(signed);
            FakeMail replay = mail(signed);

            process(first);
            process(replay);

            assertThat(TlsReportAttributes.status(replay)).contains(MessageStatus.ACCEPTED);
            assertThat(mailbox.messages(FOLDER)).hasSize(1);
            assertThat(replay.getAttribute(TlsReportAttributes.DUPLICATES)
                            .orElseThrow()
                            .getValue()
                            .value())
                    .isEqualTo(1L);
            assertThat(sent.getSentMails()).hasSize(1);
        }
    }

    @Nested
    class ForgedSender {

        @Test
        void shouldNotStoreOrSummariseAReportFromTheReporterSignedValidlyByAnUnrelatedDomain() throws Exception {
            dns.publishKey("s1", "attacker.example", DkimFixtures.keyRecord(OTHER_KEYS, ""));
            byte[] forged = signed(
                    reportMail(
                            report("2023-11-14", "forged@reporter.test", "mailto:tlsrpt@reporter.test", 1, 900),
                            FILENAME),
                    "attacker.example",
                    OTHER_KEYS);
            FakeMail mail = mail(forged);

            process(mail);

            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.UNAUTHENTICATED);
            assertThat(TlsReportAttributes.dkim(mail).orElseThrow().result()).isNotEqualTo(DkimVerdict.Result.PASS);
            assertThat(mailbox.messages(FOLDER)).isEmpty();
            assertThat(sent.getSentMails()).isEmpty();
        }
    }

    @Nested
    class NoNetworkBecauseOfContent {

        private final RecordingProxySelector connections = new RecordingProxySelector();
        private ProxySelector before;

        @BeforeEach
        void recordConnections() {
            before = ProxySelector.getDefault();
            ProxySelector.setDefault(connections);
        }

        @AfterEach
        void restore() {
            ProxySelector.setDefault(before);
        }

        @Test
        void shouldLookUpOnlyTheSigningDomainsKeyForAReportFullOfUrlsAndHostNames() throws Exception {
            FakeMail mail = mail(signed(reportMail(urlsEverywhere(), FILENAME), REPORTER, KEYS));

            process(mail);

            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.ACCEPTED);
            assertThat(mailbox.messages(FOLDER)).hasSize(1);
            assertThat(sent.getSentMails()).hasSize(1);
            assertThat(dns.queries()).containsExactly("TXT " + KEY_NAME);
            assertThat(connections.asked())
                    .as("no URL opened, no socket connected (every java.net connection asks the ProxySelector)")
                    .isEmpty();
        }
    }

    @Nested
    class NoNetworkBecauseOfContentWhenTheKeyIsMissing {

        @Test
        void shouldProbeOnlyTheSigningDomainsMxToTellAMissingKeyFromADnsOutage() throws Exception {
            dns.publishKey("gone", REPORTER);
            FakeMail mail = mail(DkimFixtures.sign(reportMail(urlsEverywhere(), FILENAME), REPORTER, "gone", KEYS));

            process(mail);

            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.UNAUTHENTICATED);
            assertThat(dns.queries()).containsExactly("TXT gone._domainkey." + REPORTER, "MX " + REPORTER);
            assertThat(mailbox.messages(FOLDER)).isEmpty();
            assertThat(sent.getSentMails()).isEmpty();
        }
    }

    @Nested
    class NoFileNamedByAReport {

        @Test
        void shouldWriteNoFileWhoseNameTheReportGaveAndStoreItUnderAPlainName() throws Exception {
            String name = "tlsrpt-untrusted-" + System.nanoTime() + ".json.gz";
            String climbing = "../../" + name;
            FakeMail mail = mail(signed(
                    reportMail(
                            report("2023-11-14", "file@reporter.test", "mailto:tlsrpt@reporter.test", 10, 1), climbing),
                    REPORTER,
                    KEYS));

            process(mail);

            assertThat(mailbox.messages(FOLDER)).hasSize(1);
            Path workingDirectory = Path.of("").toAbsolutePath();
            Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
            for (Path base : List.of(workingDirectory, temporary)) {
                assertThat(base.resolve(climbing).normalize()).doesNotExist();
                assertThat(base.resolve(name)).doesNotExist();
            }
            assertThat(partFilenames(mailbox.parsedMessages(FOLDER).get(0)))
                    .isNotEmpty()
                    .allSatisfy(filename -> assertThat(filename).doesNotContain("/", "\\"));
        }
    }

    @Nested
    class OnlyTheAdminsAreMailed {

        @Test
        void shouldMailTheSummaryOnlyToTheConfiguredAdminWhateverAddressesTheReportNames() throws Exception {
            String report = report(
                    "2023-11-14",
                    "addresses@reporter.test",
                    "mailto:contact@evil.example, mailto:postmaster@evil.example",
                    10,
                    5);
            byte[] message = reportMail(report, FILENAME);
            String withHostileHeaders = new String(message, StandardCharsets.US_ASCII)
                    .replace(
                            "To: " + RECIPIENT,
                            "To: " + RECIPIENT + CRLF + "Reply-To: reply@evil.example" + CRLF
                                    + "Cc: cc@evil.example" + CRLF + "Disposition-Notification-To: mdn@evil.example"
                                    + CRLF + "Return-Receipt-To: receipt@evil.example");
            FakeMail mail = FakeMail.builder()
                    .name("report-" + MAIL_NAMES.incrementAndGet())
                    .sender("bounces@evil.example")
                    .recipient(RECIPIENT)
                    .lastUpdated(Date.from(CLOCK.instant()))
                    .mimeMessage(parse(signed(withHostileHeaders.getBytes(StandardCharsets.US_ASCII), REPORTER, KEYS)))
                    .build();

            process(mail);

            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.ACCEPTED);
            assertThat(sent.getSentMails()).hasSize(1);
            FakeMailContext.SentMail summaryMail = sent.getSentMails().get(0);
            assertThat(summaryMail.getRecipients()).containsExactly(new MailAddress(ADMIN));
            MimeMessage written = summaryMail.getMsg();
            assertThat(String.join(",", headerValues(written, "To"))).isEqualTo(ADMIN);
            for (String field : List.of("Cc", "Bcc", "Reply-To", "Disposition-Notification-To", "Return-Receipt-To")) {
                assertThat(written.getHeader(field)).as(field).isNull();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** The sample's order: the matcher routes the mail, then extraction, store and the summary of failures. */
    private void process(FakeMail mail) throws MessagingException {
        assertThat(matcher.match(mail)).containsExactly(new MailAddress(RECIPIENT));
        extraction.service(mail);
        store.service(mail);
        summary.service(mail);
    }

    private static FakeMailContext context() {
        try {
            return FakeMailContext.builder()
                    .postmaster(new MailAddress(POSTMASTER))
                    .build();
        } catch (MessagingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static List<String> headerValues(MimeMessage message, String field) throws MessagingException {
        String[] values = message.getHeader(field);
        return values == null ? List.of() : List.of(values);
    }

    private static List<String> partFilenames(MimeMessage message) throws MessagingException, IOException {
        List<String> names = new ArrayList<>();
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getFileName() != null) {
                names.add(part.getFileName());
            }
        }
        return names;
    }

    private static FakeMail mail(byte[] message) throws MessagingException {
        return FakeMail.builder()
                .name("report-" + MAIL_NAMES.incrementAndGet())
                .sender("bounces+tlsrpt@" + REPORTER)
                .recipient(RECIPIENT)
                .lastUpdated(Date.from(CLOCK.instant()))
                .mimeMessage(parse(message))
                .build();
    }

    private static MimeMessage parse(byte[] message) throws MessagingException {
        return new MimeMessage(Session.getDefaultInstance(new Properties()), new ByteArrayInputStream(message));
    }

    private static byte[] signed(byte[] message, String domain, KeyPair keys) {
        return DkimFixtures.sign(message, domain, domain.equals(REPORTER) ? SELECTOR : "s1", keys);
    }

    private static byte[] replaceOnce(byte[] message, String from, String to) {
        String text = new String(message, StandardCharsets.US_ASCII);
        assertThat(text).contains(from);
        return text.replace(from, to).getBytes(StandardCharsets.US_ASCII);
    }

    /** Google's shape, From the reporter, with the report gzipped under the given filename. */
    private static byte[] reportMail(String json, String filename) {
        String boundary = "000000000000untrusted";
        return String.join(
                        CRLF,
                        "MIME-Version: 1.0",
                        "Date: Wed, 15 Nov 2023 04:17:13 -0800",
                        "Message-ID: <untrusted-" + MAIL_NAMES.incrementAndGet() + "@" + REPORTER + ">",
                        "Subject: Report Domain: example.com Submitter: " + REPORTER,
                        "From: noreply-smtp-tls-reporting@" + REPORTER,
                        "To: " + RECIPIENT,
                        "TLS-Report-Domain: example.com",
                        "TLS-Report-Submitter: " + REPORTER,
                        "Content-Type: multipart/report; boundary=\"" + boundary + "\"; report-type=tlsrpt",
                        "",
                        "--" + boundary,
                        "Content-Type: text/plain; charset=\"UTF-8\"",
                        "",
                        "This is an aggregate TLS report from " + REPORTER,
                        "--" + boundary,
                        "Content-Type: application/tlsrpt+gzip; name=\"" + filename + "\"",
                        "Content-Disposition: attachment; filename=\"" + filename + "\"",
                        "Content-Transfer-Encoding: base64",
                        "",
                        base64Lines(gzip(json)),
                        "--" + boundary + "--",
                        "")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** An sts report for example.com on the given day, with one failure detail when failed is positive. */
    private static String report(String day, String reportId, String contactInfo, long successful, long failed) {
        return """
                {
                  "organization-name": "Reporter",
                  "date-range": {"start-datetime": "%sT00:00:00Z", "end-datetime": "%sT23:59:59Z"},
                  "contact-info": "%s",
                  "report-id": "%s",
                  "policies": [{
                    "policy": {
                      "policy-type": "sts",
                      "policy-string": ["version: STSv1", "mode: enforce", "mx: mx1.example.com", "max_age: 86400"],
                      "policy-domain": "example.com",
                      "mx-host": ["mx1.example.com"]
                    },
                    "summary": {"total-successful-session-count": %d, "total-failure-session-count": %d},
                    "failure-details": [{
                      "result-type": "certificate-expired",
                      "sending-mta-ip": "192.0.2.1",
                      "receiving-mx-hostname": "mx1.example.com",
                      "receiving-ip": "198.51.100.25",
                      "failed-session-count": %d
                    }]
                  }]
                }
                """
                .formatted(day, day, contactInfo, reportId, successful, failed, failed);
    }

    /** A report whose every free-text field names a URL or a host name the plugin could be tempted to reach. */
    private static String urlsEverywhere() {
        return """
                {
                  "organization-name": "Reporter https://org.evil.example/logo.png",
                  "date-range": {"start-datetime": "2023-11-14T00:00:00Z", "end-datetime": "2023-11-14T23:59:59Z"},
                  "contact-info": "https://contact.evil.example/form mailto:contact@evil.example",
                  "report-id": "urls@reporter.test",
                  "policies": [{
                    "policy": {
                      "policy-type": "sts",
                      "policy-string": ["version: STSv1", "mode: enforce", "mx: mx.evil.example",
                                        "mx: *.wild.evil.example", "max_age: 86400"],
                      "policy-domain": "example.com",
                      "mx-host": ["mx.evil.example", "*.wild.evil.example"]
                    },
                    "summary": {"total-successful-session-count": 10, "total-failure-session-count": 5},
                    "failure-details": [{
                      "result-type": "validation-failure",
                      "sending-mta-ip": "192.0.2.1",
                      "receiving-mx-hostname": "receiving.evil.example",
                      "receiving-mx-helo": "helo.evil.example",
                      "receiving-ip": "198.51.100.7",
                      "failed-session-count": 5,
                      "additional-information": "https://collect.evil.example/track?id=1",
                      "failure-reason-code": "see http://reason.evil.example/ and ftp://files.evil.example/x"
                    }]
                  }]
                }
                """;
    }

    /** Records every connection java.net is asked to make, and lets none through a proxy. */
    private static final class RecordingProxySelector extends ProxySelector {
        private final List<URI> asked = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<Proxy> select(URI uri) {
            asked.add(uri);
            return List.of(Proxy.NO_PROXY);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            asked.add(uri);
        }

        List<URI> asked() {
            return List.copyOf(asked);
        }
    }
}
