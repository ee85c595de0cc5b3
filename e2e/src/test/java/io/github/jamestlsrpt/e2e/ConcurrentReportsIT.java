package io.github.jamestlsrpt.e2e;

import static io.github.jamestlsrpt.e2e.JamesWithPlugin.POSTMASTER;
import static io.github.jamestlsrpt.e2e.JamesWithPlugin.TLSRPT;
import static io.github.jamestlsrpt.e2e.Operator.INBOX;
import static io.github.jamestlsrpt.e2e.Operator.REPORTS;
import static io.github.jamestlsrpt.e2e.StoredReports.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Module;
import io.github.jamestlsrpt.demo.Dkim;
import io.github.jamestlsrpt.demo.ReportMails;
import io.github.jamestlsrpt.demo.SampleReport;
import io.github.jamestlsrpt.demo.Smtp;
import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.mail.internet.MimeMessage;
import org.apache.james.GuiceJamesServer;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load from several senders at once (DuplicateReportsIT has two sessions sending one report): eight SMTP clients
 * start together and send, in shuffled order, ten signed reports each twice and two unsigned forgeries claiming to
 * come from the same reporter. Each distinct report is stored once and counted once, in James's metrics and in the
 * postmaster's digest (triggered by a clock a day ahead, as in DigestIT); the duplicates and forgeries are counted as
 * such and reach none of the figures.
 */
class ConcurrentReportsIT {

    private static final InMemoryDNSService DNS = new InMemoryDNSService();
    private static final Dkim GOOGLE = Dkim.key("google.com", "20230601").publishIn(DNS);
    private static final String REPORTER = "noreply-smtp-tls-reporting@google.com";
    private static final int CLIENTS = 8;
    private static final int DISTINCT = 10;
    private static final int FORGED = 2;
    private static final int MAILS = 2 * DISTINCT + FORGED;

    /**
     * Real time from the clock's creation to the digest's trigger: the start, 22 mails through 8 clients and their
     * processing, with room for a slow or busy machine (the test says so if that was not enough).
     */
    private static final Duration DIGEST_LEAD = Duration.ofSeconds(30);

    @Test
    void shouldStoreAndCountEachDistinctReportOnceWhenEightClientsSendReportsDuplicatesAndForgeriesAtOnce(
            @TempDir File workingDirectory) throws Exception {
        Instant created = Instant.now();
        LocalDate today = LocalDate.ofInstant(created, ZoneOffset.UTC);
        Instant due = today.plusDays(1).atTime(LocalTime.of(6, 0)).toInstant(ZoneOffset.UTC);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(created.plus(DIGEST_LEAD), due));
        Module jamesClock = binder -> binder.bind(Clock.class).toInstance(clock);
        GuiceJamesServer server =
                JamesWithPlugin.server(workingDirectory, JamesWithPlugin.sampleMailetContainer(), DNS, jamesClock);
        server.start();
        try {
            JamesWithPlugin.addUsers(server);
            Operator operator = new Operator(server);
            List<SampleReport> distinct = new ArrayList<>();
            List<String> mails = new ArrayList<>();
            Map<String, String> reportOfMail = new HashMap<>();
            for (int i = 1; i <= DISTINCT; i++) {
                // every other report has failed sessions: 550 sessions succeeded and 30 failed in all
                SampleReport report = SampleReport.of(
                        "Google LLC",
                        "smtp-tls-reporting@google.com",
                        "2026-11-" + (10 + i) + "T00:00:00Z_load.example.com",
                        10L * i,
                        i % 2 == 0 ? i : 0);
                distinct.add(report);
                for (int copy = 0; copy < 2; copy++) {
                    String messageId = ReportMails.messageId("google.com");
                    mails.add(GOOGLE.sign(ReportMails.googleLike(report, messageId)));
                    reportOfMail.put(messageId, report.reportId());
                }
            }
            List<String> forgedIds = new ArrayList<>();
            for (int i = 1; i <= FORGED; i++) {
                // unsigned, From google.com, with many failed sessions: must reach no figure
                SampleReport forged = SampleReport.of(
                        "Google LLC", "smtp-tls-reporting@google.com", "forged-" + i + "_load.example.com", 1, 900);
                mails.add(ReportMails.googleLike(forged, ReportMails.messageId("google.com")));
                forgedIds.add(forged.reportId());
            }
            Collections.shuffle(mails, new Random(8460));

            sendAtOnce(JamesWithPlugin.smtpPort(server), mails);

            Map<String, List<String>> outcomesByReport = new HashMap<>();
            for (Map.Entry<String, String> mail : reportOfMail.entrySet()) {
                MimeMessage delivered = operator.awaitInInbox(TLSRPT, mail.getKey());
                outcomesByReport
                        .computeIfAbsent(mail.getValue(), any -> new ArrayList<>())
                        .add(header(delivered, "X-TLSRPT-Outcome"));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> operator.count(TLSRPT, INBOX) == MAILS);
            assertThat(clock.instant())
                    .as("the reports are stored before the digest is due (James was fast enough)")
                    .isBefore(due);
            for (SampleReport report : distinct) {
                assertThat(outcomesByReport.get(report.reportId()))
                        .as(report.reportId())
                        .containsExactlyInAnyOrder(
                                "stored: 1 report stored", "stored: 1 report was already stored (duplicate)");
                assertThat(operator.stored(REPORTS, report.reportId())).hasSize(1);
            }
            for (String forged : forgedIds) {
                assertThat(operator.stored(REPORTS, forged)).isEmpty();
            }
            assertThat(operator.count(TLSRPT, REPORTS)).isEqualTo(DISTINCT);

            MetricsProbe metrics = JamesWithPlugin.metrics(server);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metrics.counters("tlsrpt."))
                    .containsEntry("tlsrpt.mails.read", (long) MAILS)
                    .containsEntry("tlsrpt.reports.received.accepted", 2L * DISTINCT)
                    .containsEntry("tlsrpt.reports.received.unauthenticated", (long) FORGED)
                    .containsEntry("tlsrpt.reports.stored", (long) DISTINCT)
                    .containsEntry("tlsrpt.reports.duplicate", (long) DISTINCT)
                    .containsEntry("tlsrpt.sessions.successful", 550L)
                    .containsEntry("tlsrpt.sessions.failed", 30L)
                    .containsEntry("tlsrpt.summaries.sent", DISTINCT / 2L));

            List<MimeMessage> digests = operator.awaitInFolder(POSTMASTER, INBOX, "X-TLSRPT-Digest", "daily");
            assertThat(digests).hasSize(1);
            assertThat(Digests.plainPart(digests.get(0)))
                    .contains("In total:      " + DISTINCT + " reports from 1 reporter\n")
                    .contains("Sessions:      580 sessions: 550 succeeded, 30 failed (")
                    .contains(MAILS + " reports received: " + DISTINCT + " stored, " + DISTINCT
                            + " duplicates (already stored), 0 invalid, " + FORGED
                            + " unauthenticated (no DKIM signature of the reporter), 0 out of scope.");
            // a summary per stored report with failures, and the digest: nothing for the duplicates or forgeries
            assertThat(operator.count(POSTMASTER, INBOX)).isEqualTo(DISTINCT / 2 + 1);
        } finally {
            server.stop();
        }
    }

    /** The mails shared out among the clients, which start together, each sending its share one after the other. */
    private static void sendAtOnce(int port, List<String> mails) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            CyclicBarrier together = new CyclicBarrier(CLIENTS);
            List<Future<?>> sessions = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int first = client;
                sessions.add(clients.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    for (int index = first; index < mails.size(); index += CLIENTS) {
                        Smtp.send(port, REPORTER, TLSRPT, mails.get(index));
                    }
                    return null;
                }));
            }
            for (Future<?> session : sessions) {
                session.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
