package io.github.jamestlsrpt.e2e;

import static io.github.jamestlsrpt.e2e.JamesWithPlugin.TLSRPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jamestlsrpt.demo.Dkim;
import io.github.jamestlsrpt.demo.ReportMails;
import io.github.jamestlsrpt.demo.SampleReport;
import io.github.jamestlsrpt.demo.Smtp;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The plugin's counters and timers reach James's own metric registry, where JMX and the metrics endpoint read them:
 * the MetricFactory that James 3.8 injects into the mailets is the server's.
 */
class MetricsIT {

    private static final InMemoryDNSService DNS = new InMemoryDNSService();
    private static final Dkim GOOGLE = Dkim.key("google.com", "20230601").publishIn(DNS);
    private static final String REPORTER = "noreply-smtp-tls-reporting@google.com";

    @RegisterExtension
    static JamesServerExtension james = JamesWithPlugin.perClass(DNS);

    private static GuiceJamesServer server;
    private static int smtpPort;
    private static Operator operator;

    @BeforeAll
    static void createUsers(GuiceJamesServer james) throws Exception {
        JamesWithPlugin.addUsers(james);
        server = james;
        smtpPort = JamesWithPlugin.smtpPort(james);
        operator = new Operator(james);
    }

    @Test
    void shouldCountReportsSessionsAndSummariesInJamesMetrics() {
        SampleReport failing = SampleReport.of(
                "Google LLC", "smtp-tls-reporting@google.com", "2026-11-25T00:00:00Z_example.com", 640, 3);
        SampleReport unsigned = SampleReport.of(
                "Google LLC", "smtp-tls-reporting@google.com", "2026-11-26T00:00:00Z_example.com", 10, 0);
        String first = ReportMails.messageId("google.com");
        String resent = ReportMails.messageId("google.com");
        String forged = ReportMails.messageId("google.com");

        Smtp.send(smtpPort, REPORTER, TLSRPT, GOOGLE.sign(ReportMails.googleLike(failing, first)));
        operator.awaitInInbox(TLSRPT, first);
        Smtp.send(smtpPort, REPORTER, TLSRPT, GOOGLE.sign(ReportMails.googleLike(failing, resent)));
        operator.awaitInInbox(TLSRPT, resent);
        Smtp.send(smtpPort, REPORTER, TLSRPT, ReportMails.googleLike(unsigned, forged));
        operator.awaitInInbox(TLSRPT, forged);

        MetricsProbe metrics = JamesWithPlugin.metrics(server);
        Map<String, Long> expected = Map.ofEntries(
                Map.entry("tlsrpt.mails.read", 3L),
                Map.entry("tlsrpt.dkim.pass", 2L),
                Map.entry("tlsrpt.dkim.none", 1L),
                Map.entry("tlsrpt.reports.received.accepted", 2L),
                Map.entry("tlsrpt.reports.received.unauthenticated", 1L),
                Map.entry("tlsrpt.reports.stored", 1L),
                Map.entry("tlsrpt.reports.duplicate", 1L),
                Map.entry("tlsrpt.sessions.successful", 640L),
                Map.entry("tlsrpt.sessions.failed", 3L),
                Map.entry("tlsrpt.sessions.failed.certificate-expired", 3L),
                Map.entry("tlsrpt.summaries.sent", 1L));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(withoutDigests(metrics.counters("tlsrpt.")))
                        .containsExactlyInAnyOrderEntriesOf(expected));
        assertThat(metrics.timings("tlsrpt.extraction.time")).isEqualTo(3);
        assertThat(metrics.timings("tlsrpt.storage.time")).isEqualTo(3);
    }

    /** The digest mailet of the sample may catch a digest up a minute after the start: not this test's business. */
    private static Map<String, Long> withoutDigests(Map<String, Long> counters) {
        Map<String, Long> rest = new TreeMap<>(counters);
        rest.keySet().removeIf(name -> name.startsWith("tlsrpt.digests."));
        return rest;
    }
}
