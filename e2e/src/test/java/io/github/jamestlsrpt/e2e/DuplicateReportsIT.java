package io.github.jamestlsrpt.e2e;

import static io.github.jamestlsrpt.e2e.JamesWithPlugin.TLSRPT;
import static io.github.jamestlsrpt.e2e.Operator.REPORTS;
import static io.github.jamestlsrpt.e2e.StoredReports.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.demo.Dkim;
import io.github.jamestlsrpt.demo.ReportMails;
import io.github.jamestlsrpt.demo.SampleReport;
import io.github.jamestlsrpt.demo.Smtp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.mail.internet.MimeMessage;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 8460 section 5.3: the Report-ID lets a receiver ignore duplicates. Senders do send a report twice (a retry
 * after a lost reply, two relays): it is stored once, and each copy of the mail still reaches the INBOX saying so.
 */
class DuplicateReportsIT {

    private static final InMemoryDNSService DNS = new InMemoryDNSService();
    private static final Dkim GOOGLE = Dkim.key("google.com", "20230601").publishIn(DNS);
    private static final ExecutorService SENDERS = Executors.newFixedThreadPool(2);

    @RegisterExtension
    static JamesServerExtension james = JamesWithPlugin.perClass(DNS);

    private static int smtpPort;
    private static Operator operator;

    @BeforeAll
    static void createUsers(GuiceJamesServer server) throws Exception {
        JamesWithPlugin.addUsers(server);
        smtpPort = JamesWithPlugin.smtpPort(server);
        operator = new Operator(server);
    }

    @AfterAll
    static void stopSenders() {
        SENDERS.shutdownNow();
    }

    @Test
    void shouldStoreOnceTheSameReportMailSentThroughTwoSessionsAtTheSameMoment() throws Exception {
        SampleReport report = SampleReport.of(
                "Google LLC", "smtp-tls-reporting@google.com", "2026-11-20T00:00:00Z_example.com", 800, 0);
        String messageId = ReportMails.messageId("google.com");
        String mail = GOOGLE.sign(ReportMails.googleLike(report, messageId));
        CyclicBarrier together = new CyclicBarrier(2);

        List<Future<?>> sessions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sessions.add(SENDERS.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                Smtp.send(smtpPort, "noreply-smtp-tls-reporting@google.com", TLSRPT, mail);
                return null;
            }));
        }
        for (Future<?> session : sessions) {
            session.get(30, TimeUnit.SECONDS);
        }

        List<MimeMessage> delivered = operator.awaitInInbox(TLSRPT, messageId, 2);
        assertThat(delivered).hasSize(2);
        assertThat(delivered)
                .extracting(copy -> header(copy, "X-TLSRPT-Outcome"))
                .containsExactlyInAnyOrder(
                        "stored: 1 report stored", "stored: 1 report was already stored (duplicate)");
        assertThat(operator.stored(REPORTS, report.reportId())).hasSize(1);
    }

    @Test
    void shouldNotStoreAgainAReportResentLaterInAnotherMail() {
        SampleReport report = SampleReport.of(
                "Google LLC", "smtp-tls-reporting@google.com", "2026-11-21T00:00:00Z_example.com", 640, 3);
        String firstId = ReportMails.messageId("google.com");
        String resentId = ReportMails.messageId("google.com");
        Smtp.send(
                smtpPort,
                "noreply-smtp-tls-reporting@google.com",
                TLSRPT,
                GOOGLE.sign(ReportMails.googleLike(report, firstId)));
        operator.awaitInInbox(TLSRPT, firstId);

        Smtp.send(
                smtpPort,
                "noreply-smtp-tls-reporting@google.com",
                TLSRPT,
                GOOGLE.sign(ReportMails.googleLike(report, resentId)));

        MimeMessage resent = operator.awaitInInbox(TLSRPT, resentId);
        assertThat(header(resent, "X-TLSRPT-Outcome")).isEqualTo("stored: 1 report was already stored (duplicate)");
        assertThat(operator.stored(REPORTS, report.reportId())).hasSize(1);
    }
}
