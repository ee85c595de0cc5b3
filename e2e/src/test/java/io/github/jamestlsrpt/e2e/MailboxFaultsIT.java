package io.github.jamestlsrpt.e2e;

import static io.github.jamestlsrpt.e2e.JamesWithPlugin.TLSRPT;
import static io.github.jamestlsrpt.e2e.Operator.REPORTS;
import static io.github.jamestlsrpt.e2e.StoredReports.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.demo.Dkim;
import io.github.jamestlsrpt.demo.ReportMails;
import io.github.jamestlsrpt.demo.SampleReport;
import io.github.jamestlsrpt.demo.Smtp;
import io.github.jamestlsrpt.e2e.FaultyMailbox.Fault;
import java.io.File;
import java.util.List;
import java.util.Map;
import javax.mail.internet.MimeMessage;
import org.apache.james.GuiceJamesServer;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mailbox fails while a report is being stored, in the real James with conf-samples/mailetcontainer.xml: the
 * append into TLS-RPT is refused, or times out after the message was written (the reply of the store is lost). The
 * mail is not lost: StoreTlsReports throws, the sample's onMailetException sends it to the tlsrpt-error processor,
 * which keeps it in memory://var/mail/tlsrpt-error/ (the repository the README names) and still delivers it to the
 * INBOX. James 3.8 does not retry a repository by itself: the operator reprocesses it (web administration, {@code
 * action=reprocess&processor=tlsrpt}), here through the same service, once the mailbox works again; each report is
 * then in the folder exactly once, also the one the mailbox had written while answering with an error.
 */
class MailboxFaultsIT {

    private static final InMemoryDNSService DNS = new InMemoryDNSService();
    private static final Dkim GOOGLE = Dkim.key("google.com", "20230601").publishIn(DNS);
    private static final String REPORTER = "noreply-smtp-tls-reporting@google.com";
    private static final MailRepositoryUrl ERROR_REPOSITORY = MailRepositoryUrl.from("memory://var/mail/tlsrpt-error/");
    private static final String KEPT_FOR_LATER = "not stored: the mail could not be processed now (see James's log);"
            + " it is kept in memory://var/mail/tlsrpt-error/ to be processed again";

    @Test
    void shouldKeepTheMailsAndStoreEachReportOnceWhenTheyAreReprocessedAfterTheMailboxRecovers(
            @TempDir File workingDirectory) throws Exception {
        FaultyMailbox mailbox = new FaultyMailbox(REPORTS);
        GuiceJamesServer server = JamesWithPlugin.server(
                workingDirectory, JamesWithPlugin.sampleMailetContainer(), DNS, mailbox.module());
        server.start();
        try {
            JamesWithPlugin.addUsers(server);
            Operator operator = new Operator(server);
            SampleReport refused = SampleReport.of(
                    "Google LLC", "smtp-tls-reporting@google.com", "2026-11-22T00:00:00Z_example.com", 500, 2);
            SampleReport timedOut = SampleReport.of(
                    "Google LLC", "smtp-tls-reporting@google.com", "2026-11-23T00:00:00Z_example.com", 300, 0);

            mailbox.set(Fault.REFUSE);
            String refusedId = send(server, refused);
            MimeMessage refusedMail = operator.awaitInInbox(TLSRPT, refusedId);
            mailbox.set(Fault.TIME_OUT_AFTER_WRITING);
            String timedOutId = send(server, timedOut);
            MimeMessage timedOutMail = operator.awaitInInbox(TLSRPT, timedOutId);

            assertThat(mailbox.failedAppends()).isEqualTo(2);
            assertThat(header(refusedMail, "X-TLSRPT-Outcome")).isEqualTo(KEPT_FOR_LATER);
            assertThat(header(timedOutMail, "X-TLSRPT-Outcome")).isEqualTo(KEPT_FOR_LATER);
            assertThat(JamesWithPlugin.repositories(server).getRepositoryMailCount(ERROR_REPOSITORY))
                    .isEqualTo(2);
            assertThat(operator.stored(REPORTS, refused.reportId())).isEmpty();
            assertThat(operator.stored(REPORTS, timedOut.reportId()))
                    .as("written by the mailbox that then answered with a time-out")
                    .hasSize(1);

            mailbox.set(Fault.NONE);
            JamesWithPlugin.reprocessing(server).reprocessAll(ERROR_REPOSITORY, "tlsrpt");

            List<MimeMessage> refusedCopies = operator.awaitInInbox(TLSRPT, refusedId, 2);
            List<MimeMessage> timedOutCopies = operator.awaitInInbox(TLSRPT, timedOutId, 2);
            assertThat(refusedCopies)
                    .extracting(copy -> header(copy, "X-TLSRPT-Outcome"))
                    .containsExactlyInAnyOrder(KEPT_FOR_LATER, "stored: 1 report stored");
            assertThat(timedOutCopies)
                    .extracting(copy -> header(copy, "X-TLSRPT-Outcome"))
                    .containsExactlyInAnyOrder(KEPT_FOR_LATER, "stored: 1 report was already stored (duplicate)");
            assertThat(operator.stored(REPORTS, refused.reportId())).hasSize(1);
            assertThat(operator.stored(REPORTS, timedOut.reportId())).hasSize(1);
            assertThat(operator.count(TLSRPT, REPORTS)).isEqualTo(2);
            assertThat(JamesWithPlugin.repositories(server).getRepositoryMailCount(ERROR_REPOSITORY))
                    .isZero();
            // the report the mailbox wrote while failing was counted on its retry, as a duplicate
            Map<String, Long> counters = JamesWithPlugin.metrics(server).counters("tlsrpt.reports.");
            assertThat(counters.get("tlsrpt.reports.stored")).isEqualTo(1L);
            assertThat(counters.get("tlsrpt.reports.duplicate")).isEqualTo(1L);
        } finally {
            server.stop();
        }
    }

    private static String send(GuiceJamesServer server, SampleReport report) {
        String messageId = ReportMails.messageId("google.com");
        Smtp.send(
                JamesWithPlugin.smtpPort(server),
                REPORTER,
                TLSRPT,
                GOOGLE.sign(ReportMails.googleLike(report, messageId)));
        return messageId;
    }
}
