package io.github.jamestlsrpt.mailets;

import static io.github.jamestlsrpt.mailets.ExtractionTestMails.attachment;
import static io.github.jamestlsrpt.mailets.ExtractionTestMails.fakeMail;
import static io.github.jamestlsrpt.mailets.ExtractionTestMails.googleMail;
import static io.github.jamestlsrpt.mailets.ExtractionTestMails.gzip;
import static io.github.jamestlsrpt.mailets.ExtractionTestMails.ordinaryMail;
import static io.github.jamestlsrpt.mailets.ExtractionTestReports.HTML_ERROR_PAGE;
import static io.github.jamestlsrpt.mailets.ExtractionTestReports.googleReport;
import static io.github.jamestlsrpt.mailets.ExtractionTestReports.report;
import static io.github.jamestlsrpt.mailets.SummaryReports.detail;
import static io.github.jamestlsrpt.mailets.SummaryReports.json;
import static io.github.jamestlsrpt.mailets.SummaryReports.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.ReportOutcome;
import io.github.jamestlsrpt.mailets.dkim.ReportAuthenticator;
import io.github.jamestlsrpt.mailets.dkim.TemporaryDkimFailure;
import io.github.jamestlsrpt.mailets.store.InMemoryReportMailbox;
import io.github.jamestlsrpt.mailets.store.StoreFixtures;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.james.core.MailAddress;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The counters and timers each mailet records through James's MetricFactory, as the README's table names them. */
class MailetMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T08:00:05Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final DkimVerdict PASS = DkimVerdict.pass("google.com", "the signature of google.com passes");
    private static final String USER = "tlsrpt@example.com";
    private static final String ADMIN = "admin@example.com";

    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final InMemoryReportMailbox mailbox = new InMemoryReportMailbox();
    private final FakeMailContext context = context();

    private static FakeMailContext context() {
        try {
            return FakeMailContext.builder()
                    .postmaster(new MailAddress("postmaster@example.com"))
                    .build();
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static FakeMailetConfig config(String name, MailetContext context, String... parameters) {
        FakeMailetConfig.Builder config =
                FakeMailetConfig.builder().mailetName(name).mailetContext(context);
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        return config.build();
    }

    private ExtractTlsReports extraction(ReportAuthenticator authenticator, String... parameters)
            throws MessagingException {
        ExtractTlsReports mailet = new ExtractTlsReports(authenticator, CLOCK, metrics);
        mailet.init(config("ExtractTlsReports", ServingMailetContext.serving("example.com"), parameters));
        return mailet;
    }

    private StoreTlsReports storage(String... parameters) throws MessagingException {
        StoreTlsReports mailet = new StoreTlsReports(mailbox, CLOCK, metrics);
        String[] all = Stream.concat(Stream.of("user", USER), Arrays.stream(parameters))
                .toArray(String[]::new);
        mailet.init(config("StoreTlsReports", context, all));
        return mailet;
    }

    private SendTlsReportSummary summary(MailetContext mailetContext, String... parameters) throws MessagingException {
        SendTlsReportSummary mailet = new SendTlsReportSummary(CLOCK, metrics);
        String[] all =
                Stream.concat(Stream.of("to", ADMIN), Arrays.stream(parameters)).toArray(String[]::new);
        mailet.init(config("SendTlsReportSummary", mailetContext, all));
        return mailet;
    }

    private static MailetContext failingToSend() {
        return (MailetContext) Proxy.newProxyInstance(
                MailetContext.class.getClassLoader(), new Class<?>[] {MailetContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendMail")) {
                        throw new MessagingException("spool full");
                    }
                    return null;
                });
    }

    /** A report with failure details of the given result-types, one session each, for example.com. */
    private static ExtractedReport withResultTypes(String reportId, String... resultTypes) {
        List<ObjectNode> details = new ArrayList<>();
        for (String type : resultTypes) {
            details.add(detail(type, "192.0.2.1", "mx.example.com", "198.51.100.25", 1));
        }
        return StoreFixtures.accepted(json(SummaryReports.report(
                "Hostile Reporter",
                reportId,
                sts("example.com", "enforce", 100, resultTypes.length, details.toArray(ObjectNode[]::new)))));
    }

    @Nested
    class Extraction {

        @Test
        void shouldCountEachReportOfAMailByOutcomeAndTheMailsDkimVerdict() throws Exception {
            ExtractTlsReports mailet = extraction((message, domains) -> PASS);

            mailet.service(fakeMail(googleMail(
                    attachment("application/tlsrpt+gzip", "a.json.gz", gzip(googleReport())),
                    attachment("application/tlsrpt+gzip", "b.json.gz", gzip(HTML_ERROR_PAGE)),
                    attachment("application/tlsrpt+gzip", "c.json.gz", gzip(report("c", "sts", "example.org", 5, 0))),
                    attachment(
                            "application/tlsrpt+gzip", "d.json.gz", gzip(report("d", "sts", "example.com", 7, 1))))));

            assertThat(metrics.counts())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "tlsrpt.mails.read", 1L,
                            "tlsrpt.dkim.pass", 1L,
                            "tlsrpt.reports.received.accepted", 2L,
                            "tlsrpt.reports.received.invalid", 1L,
                            "tlsrpt.reports.received.out-of-scope", 1L));
            assertThat(metrics.timings()).containsExactly(entry("tlsrpt.extraction.time", 1L));
        }

        @Test
        void shouldCountUnauthenticatedReportsAndTheFailedVerdictOfTheirMails() throws Exception {
            ExtractTlsReports mailet = extraction((message, domains) -> DkimVerdict.fail("the body hash differs"));

            mailet.service(fakeMail(googleMail(googleReport())));
            mailet.service(fakeMail(googleMail(report("second", "sts", "example.com", 1, 0))));

            assertThat(metrics.counts())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "tlsrpt.mails.read", 2L,
                            "tlsrpt.dkim.fail", 2L,
                            "tlsrpt.reports.received.unauthenticated", 2L));
        }

        @Test
        void shouldCountAMailWithoutReportAndItsUncheckedVerdict() throws Exception {
            ExtractTlsReports mailet = extraction((message, domains) -> {
                throw new AssertionError("a mail without report is not checked");
            });

            mailet.service(fakeMail(ordinaryMail(
                    attachment("application/pdf", "minutes.pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII)))));

            assertThat(metrics.counts())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "tlsrpt.mails.read", 1L,
                            "tlsrpt.mails.no-report", 1L,
                            "tlsrpt.dkim.not-checked", 1L));
        }

        @Test
        void shouldCountTheVerdictsNoneAndNotChecked() throws Exception {
            extraction((message, domains) -> DkimVerdict.none(), "dkim", "flag")
                    .service(fakeMail(googleMail(googleReport())));
            extraction((message, domains) -> PASS, "dkim", "off").service(fakeMail(googleMail(googleReport())));

            assertThat(metrics.count("tlsrpt.dkim.none")).isEqualTo(1);
            assertThat(metrics.count("tlsrpt.dkim.not-checked")).isEqualTo(1);
            assertThat(metrics.count("tlsrpt.reports.received.accepted")).isEqualTo(2);
        }

        @Test
        void shouldCountATemporaryDkimFailureAndTimeTheMailButCountNoReport() throws Exception {
            ExtractTlsReports mailet = extraction((message, domains) -> {
                throw new TemporaryDkimFailure("no answer", new UnknownHostException("dns down"));
            });
            FakeMail mail = fakeMail(googleMail(googleReport()));

            assertThatThrownBy(() -> mailet.service(mail)).isInstanceOf(MessagingException.class);

            assertThat(metrics.counts()).containsExactly(entry("tlsrpt.dkim.temperror", 1L));
            assertThat(metrics.timings()).containsExactly(entry("tlsrpt.extraction.time", 1L));
        }
    }

    @Nested
    class Storage {

        @Test
        void shouldCountStoredReportsTheirSessionsAndDuplicates() throws Exception {
            StoreTlsReports mailet = storage();
            ExtractedReport google = StoreFixtures.google();
            ExtractedReport other =
                    StoreFixtures.accepted(StoreFixtures.reportJson("Example Inc.", "other-1", "example.net", 100, 4));

            mailet.service(StoreFixtures.mail(google, other));
            mailet.service(StoreFixtures.mail(google));

            assertThat(metrics.counts())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "tlsrpt.reports.stored", 2L,
                            "tlsrpt.reports.duplicate", 1L,
                            "tlsrpt.sessions.successful", 3988L + 100L,
                            "tlsrpt.sessions.failed", 12L + 4L,
                            "tlsrpt.sessions.failed.certificate-expired", 12L + 4L));
            assertThat(metrics.timings()).containsExactly(entry("tlsrpt.storage.time", 2L));
        }

        @Test
        void shouldCountEachKnownResultTypeByNameAndEveryOtherValueAsOther() throws Exception {
            StoreTlsReports mailet = storage();
            ExtractedReport hostile = withResultTypes(
                    "hostile-1",
                    "starttls-not-supported",
                    "sts-policy-fetch-error",
                    "tlsa-invalid",
                    "Certificate-Expired",
                    "evil\r\nX-Injected: yes",
                    "tlsrpt.reports.stored",
                    "a".repeat(5000),
                    "../../../../etc/passwd",
                    "");

            mailet.service(StoreFixtures.mail(hostile));

            assertThat(metrics.counts())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "tlsrpt.reports.stored", 1L,
                            "tlsrpt.sessions.successful", 100L,
                            "tlsrpt.sessions.failed", 9L,
                            "tlsrpt.sessions.failed.starttls-not-supported", 1L,
                            "tlsrpt.sessions.failed.sts-policy-fetch-error", 1L,
                            "tlsrpt.sessions.failed.tlsa-invalid", 1L,
                            "tlsrpt.sessions.failed.other", 6L));
        }

        @Test
        void shouldCreateNoMoreNamesThanTheReadmeListsWhateverTheReportsSay() throws Exception {
            StoreTlsReports mailet = storage();
            for (int i = 0; i < 50; i++) {
                mailet.service(
                        StoreFixtures.mail(withResultTypes("random-" + i, "type-" + i, "x-" + i + "\u0000", "")));
            }

            assertThat(metrics.counts().keySet()).isSubsetOf(ReportMetrics.names());
            assertThat(metrics.count("tlsrpt.sessions.failed.other")).isEqualTo(150);
        }

        @Test
        void shouldCountAnOutOfScopeReportStoredApartWithoutItsSessions() throws Exception {
            StoreTlsReports mailet = storage("outOfScopeFolder", "TLS-RPT.Out-of-scope");
            ExtractedReport outOfScope =
                    StoreFixtures.google().withOutcome(ReportOutcome.OUT_OF_SCOPE, "example.com is not served here");

            mailet.service(StoreFixtures.mail(outOfScope));

            assertThat(metrics.counts()).containsExactly(entry("tlsrpt.reports.stored", 1L));
        }

        @Test
        void shouldStoreNothingAndCountNothingButTheTimeForReportsThatAreNotStored() throws Exception {
            StoreTlsReports mailet = storage();

            mailet.service(StoreFixtures.mail(
                    StoreFixtures.invalid("the payload is not JSON"),
                    StoreFixtures.google().withOutcome(ReportOutcome.UNAUTHENTICATED, "no signature")));
            mailet.service(StoreFixtures.unreadMail());

            assertThat(metrics.counts()).isEmpty();
            assertThat(metrics.timings()).containsExactly(entry("tlsrpt.storage.time", 1L));
        }

        @Test
        void shouldCountAtMostTheLargestIntPerReportAndCounter() throws Exception {
            StoreTlsReports mailet = storage();
            ExtractedReport huge = StoreFixtures.accepted(
                    StoreFixtures.reportJson("Big Inc.", "huge-1", "example.com", 0, 9_000_000_000L));

            mailet.service(StoreFixtures.mail(huge));

            assertThat(metrics.count("tlsrpt.sessions.failed")).isEqualTo(Integer.MAX_VALUE);
            assertThat(metrics.count("tlsrpt.sessions.failed.certificate-expired"))
                    .isEqualTo(Integer.MAX_VALUE);
            assertThat(metrics.count("tlsrpt.sessions.successful")).isZero();
        }
    }

    @Nested
    class Summaries {

        @Test
        void shouldCountEachSummarySent() throws Exception {
            SendTlsReportSummary mailet = summary(context);
            ExtractedReport second =
                    StoreFixtures.accepted(StoreFixtures.reportJson("Example Inc.", "other-1", "example.com", 10, 1));
            ExtractedReport clean =
                    StoreFixtures.accepted(StoreFixtures.reportJson("Clean Inc.", "clean-1", "example.com", 10, 0));

            mailet.service(StoreFixtures.mail(StoreFixtures.google(), second, clean));

            assertThat(context.getSentMails()).hasSize(2);
            assertThat(metrics.counts()).containsExactly(entry("tlsrpt.summaries.sent", 2L));
        }

        @Test
        void shouldCountASummaryThatCouldNotBeSent() throws Exception {
            SendTlsReportSummary mailet = summary(failingToSend(), "from", "tlsrpt@example.com");

            assertThatThrownBy(() -> mailet.service(StoreFixtures.mail(StoreFixtures.google())))
                    .isInstanceOf(MessagingException.class)
                    .hasRootCauseMessage("spool full");

            assertThat(metrics.counts()).containsExactly(entry("tlsrpt.summaries.failed", 1L));
        }

        @Test
        void shouldCountASummaryWithoutSenderAsFailed() throws Exception {
            SendTlsReportSummary mailet = summary(failingToSend());

            assertThatThrownBy(() -> mailet.service(StoreFixtures.mail(StoreFixtures.google())))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageContaining("no postmaster address");

            assertThat(metrics.count("tlsrpt.summaries.failed")).isEqualTo(1);
            assertThat(metrics.count("tlsrpt.summaries.sent")).isZero();
        }
    }

    @Nested
    class Digests {

        private final List<SendTlsReportDigest> started = new ArrayList<>();

        @AfterEach
        void stop() {
            started.forEach(SendTlsReportDigest::destroy);
        }

        private SendTlsReportDigest digest(InMemoryReportMailbox reports, MailetContext mailetContext)
                throws MessagingException {
            SendTlsReportDigest mailet = new SendTlsReportDigest(
                    reports,
                    Clock.fixed(Instant.parse("2026-11-29T05:00:00Z"), ZoneOffset.UTC),
                    Duration.ZERO,
                    metrics);
            started.add(mailet);
            mailet.init(config(
                    "SendTlsReportDigest", mailetContext, "to", ADMIN, "user", USER, "from", "tlsrpt@example.com"));
            return mailet;
        }

        @Test
        void shouldCountADigestSentOnceAndNotTheRunThatFoundItSent() throws Exception {
            SendTlsReportDigest mailet = digest(DigestScenario.month(), context);

            mailet.runOnce(DigestScenario.RUN);
            mailet.runOnce(DigestScenario.RUN);

            assertThat(context.getSentMails()).hasSize(1);
            assertThat(metrics.counts()).containsExactly(entry("tlsrpt.digests.sent", 1L));
        }

        @Test
        void shouldCountADigestThatCouldNotBeMadeOrSent() throws Exception {
            InMemoryReportMailbox reports = DigestScenario.month();
            SendTlsReportDigest unread = digest(reports, context);
            reports.failNextRead("backend down");
            SendTlsReportDigest unsent = digest(DigestScenario.month(), failingToSend());

            assertThatThrownBy(() -> unread.runOnce(DigestScenario.RUN)).isInstanceOf(MessagingException.class);
            assertThatThrownBy(() -> unsent.runOnce(DigestScenario.RUN)).isInstanceOf(MessagingException.class);

            assertThat(metrics.counts()).containsExactly(entry("tlsrpt.digests.failed", 2L));
        }
    }

    @Nested
    class Pipeline {

        @Test
        void shouldCountAReportFromExtractionThroughStorageToItsSummary() throws Exception {
            ExtractTlsReports extract = extraction((message, domains) -> PASS);
            StoreTlsReports store = storage();
            SendTlsReportSummary summaries = summary(context);
            byte[] report = gzip(report("pipeline-1", "sts", "example.com", 120, 3));

            for (int copy = 0; copy < 2; copy++) {
                FakeMail mail = fakeMail(googleMail(attachment("application/tlsrpt+gzip", "pipeline.json.gz", report)));
                extract.service(mail);
                store.service(mail);
                summaries.service(mail);
            }

            assertThat(metrics.counts())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "tlsrpt.mails.read", 2L,
                            "tlsrpt.dkim.pass", 2L,
                            "tlsrpt.reports.received.accepted", 2L,
                            "tlsrpt.reports.stored", 1L,
                            "tlsrpt.reports.duplicate", 1L,
                            "tlsrpt.sessions.successful", 120L,
                            "tlsrpt.sessions.failed", 3L,
                            "tlsrpt.sessions.failed.certificate-expired", 3L,
                            "tlsrpt.summaries.sent", 1L));
            assertThat(metrics.timings())
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("tlsrpt.extraction.time", 2L, "tlsrpt.storage.time", 2L));
        }
    }

    @Nested
    class Wiring {

        static Stream<Arguments> injectedConstructors() {
            return Stream.of(
                    Arguments.of(ExtractTlsReports.class, new Class<?>[] {DNSService.class, MetricFactory.class}),
                    Arguments.of(StoreTlsReports.class, new Class<?>[] {MailboxManager.class, MetricFactory.class}),
                    Arguments.of(SendTlsReportSummary.class, new Class<?>[] {MetricFactory.class}),
                    Arguments.of(
                            SendTlsReportDigest.class,
                            new Class<?>[] {MailboxManager.class, MetricFactory.class, Clock.class}));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("injectedConstructors")
        void shouldHaveJamesInjectItsMetricFactoryThroughTheOnlyInjectConstructor(
                Class<?> mailet, Class<?>[] parameters) throws Exception {
            List<Constructor<?>> injected = Arrays.stream(mailet.getConstructors())
                    .filter(constructor -> constructor.isAnnotationPresent(Inject.class))
                    .toList();

            assertThat(injected).containsExactly(mailet.getConstructor(parameters));
        }

        @Test
        void shouldRecordNothingWithoutAMetricFactory() throws Exception {
            ExtractTlsReports mailet = new ExtractTlsReports((message, domains) -> PASS, CLOCK);
            mailet.init(config("ExtractTlsReports", ServingMailetContext.serving("example.com")));

            mailet.service(fakeMail(googleMail(googleReport())));

            assertThat(metrics.counts()).isEmpty();
            MetricFactory none = NoMetricFactory.INSTANCE;
            none.generate("tlsrpt.mails.read").increment();
            none.generate("tlsrpt.mails.read").add(5);
            assertThat(none.generate("tlsrpt.mails.read").getCount()).isZero();
            assertThat(none.timer("tlsrpt.extraction.time").stopAndPublish().elasped())
                    .isEqualTo(Duration.ZERO);
        }
    }
}
