package io.github.jamestlsrpt.e2e;

import static io.github.jamestlsrpt.e2e.JamesWithPlugin.TLSRPT;
import static io.github.jamestlsrpt.e2e.Operator.INBOX;
import static io.github.jamestlsrpt.e2e.Operator.REPORTS;
import static io.github.jamestlsrpt.e2e.StoredReports.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.jamestlsrpt.demo.Dkim;
import io.github.jamestlsrpt.demo.Imap;
import io.github.jamestlsrpt.demo.ReportMails;
import io.github.jamestlsrpt.demo.SampleReport;
import io.github.jamestlsrpt.demo.Smtp;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.mail.internet.MimeMessage;
import org.apache.james.GuiceJamesServer;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop in the middle of processing, and a restart: James stopped and started again over the same working directory. The plugin then starts afresh (a new
 * server loads the jar in a new class loader: no key of a stored report is left in memory), so deduplication after
 * a restart rests on the keys it reads back from the stored messages in the folder.
 *
 * <p>James's memory server keeps no mailbox across a restart (every mailbox lives in the JVM's memory), so the stored
 * reports cannot survive it there as they do on a James with a persistent mailbox. The test therefore restores the
 * TLS-RPT folder over IMAP after the restart, with the messages fetched from it before (what an operator restoring
 * a backup, or moving reports to a new server, does), and then checks what a restart must not break: a report
 * already in the folder is not stored again, a new one is.
 */
class ServerRestartIT {

    private static final InMemoryDNSService DNS = new InMemoryDNSService();
    private static final Dkim GOOGLE = Dkim.key("google.com", "20230601").publishIn(DNS);

    @Test
    void shouldNotStoreAgainAReportThatIsInTheFolderAfterARestart(@TempDir File workingDirectory) throws Exception {
        SampleReport stored = SampleReport.of(
                "Google LLC", "smtp-tls-reporting@google.com", "2026-11-01T00:00:00Z_example.com", 700, 7);
        SampleReport later = SampleReport.of(
                "Google LLC", "smtp-tls-reporting@google.com", "2026-11-02T00:00:00Z_example.com", 710, 0);
        List<byte[]> folderBeforeRestart = new ArrayList<>();

        GuiceJamesServer before = start(workingDirectory);
        try {
            String messageId = send(before, stored);
            Operator operator = new Operator(before);
            operator.awaitInInbox(TLSRPT, messageId);
            assertThat(operator.stored(REPORTS, stored.reportId())).hasSize(1);
            try (Imap imap = operator.imap(TLSRPT)) {
                for (int number = 1; number <= imap.count(REPORTS); number++) {
                    folderBeforeRestart.add(imap.fetchRaw(REPORTS, number));
                }
            }
        } finally {
            before.stop();
        }

        GuiceJamesServer after = start(workingDirectory);
        try {
            Operator operator = new Operator(after);
            // the memory server lost its mailboxes: restore the folder as from a backup
            assertThat(operator.count(TLSRPT, REPORTS)).isZero();
            try (Imap imap = operator.imap(TLSRPT)) {
                imap.create(REPORTS);
                folderBeforeRestart.forEach(message -> imap.append(REPORTS, message));
            }
            assertThat(operator.stored(REPORTS, stored.reportId())).hasSize(1);

            String resentId = send(after, stored);
            String laterId = send(after, later);

            MimeMessage resent = operator.awaitInInbox(TLSRPT, resentId);
            assertThat(header(resent, "X-TLSRPT-Outcome")).isEqualTo("stored: 1 report was already stored (duplicate)");
            assertThat(operator.stored(REPORTS, stored.reportId())).hasSize(1);
            MimeMessage next = operator.awaitInInbox(TLSRPT, laterId);
            assertThat(header(next, "X-TLSRPT-Outcome")).isEqualTo("stored: 1 report stored");
            assertThat(operator.stored(REPORTS, later.reportId())).hasSize(1);
            assertThat(operator.count(TLSRPT, REPORTS)).isEqualTo(2);
        } finally {
            after.stop();
        }
    }

    /**
     * James stopped while reports are being stored: the mailbox is slow (each append into TLS-RPT waits until the
     * test lets it go), and two report mails are acknowledged by SMTP, one of them inside that append, the other
     * waiting for the folder. The stop begins; the mailbox answers a moment later. James's spooler waits for the mails
     * in progress (its graceful stop: up to 5 seconds in James 3.8.1), so that each report is stored once and each
     * mail delivered with its outcome: nothing is left half done. What the memory server cannot show is a mail that
     * the stop cuts off (a mailbox still hanging after the grace, or a crash): its spool lives in the JVM and is lost
     * with it. On a James whose mail queue persists, such a mail is processed again after the restart, and a report
     * stored before the cut is then a duplicate, not stored twice (MailboxFaultsIT shows that case: a report written
     * by a mailbox that answered with an error).
     */
    @Test
    void shouldFinishStoringTheReportsInProgressWhenJamesStops(@TempDir File workingDirectory) throws Exception {
        FaultyMailbox mailbox = new FaultyMailbox(REPORTS);
        GuiceJamesServer server = JamesWithPlugin.server(
                workingDirectory, JamesWithPlugin.sampleMailetContainer(), DNS, mailbox.module());
        server.start();
        JamesWithPlugin.addUsers(server);
        mailbox.set(FaultyMailbox.Fault.HOLD);
        SampleReport held = SampleReport.of(
                "Google LLC", "smtp-tls-reporting@google.com", "2026-11-03T00:00:00Z_example.com", 300, 3);
        SampleReport waiting = SampleReport.of(
                "Google LLC", "smtp-tls-reporting@google.com", "2026-11-04T00:00:00Z_example.com", 400, 0);
        send(server, held);
        send(server, waiting);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.heldAppends() == 1);

        Thread stopping = new Thread(server::stop, "stopping James");
        stopping.start();
        stopping.join(1_000);
        boolean waitedForTheMailsInProgress = stopping.isAlive();
        mailbox.release();
        stopping.join(60_000);

        assertThat(stopping.isAlive()).as("James stopped").isFalse();
        assertThat(waitedForTheMailsInProgress)
                .as("the stop waited for the mail in progress")
                .isTrue();
        assertThat(mailbox.interruptedAppends()).isZero();
        assertThat(mailbox.headerValues(TLSRPT, REPORTS, "X-TLSRPT-Report-Id"))
                .containsExactlyInAnyOrder(held.reportId(), waiting.reportId());
        assertThat(mailbox.headerValues(TLSRPT, INBOX, "X-TLSRPT-Outcome"))
                .containsExactly("stored: 1 report stored", "stored: 1 report stored");
    }

    private static GuiceJamesServer start(File workingDirectory) throws Exception {
        GuiceJamesServer server = JamesWithPlugin.server(workingDirectory, DNS);
        server.start();
        // the memory server's users are gone after a restart too
        JamesWithPlugin.addUsers(server);
        return server;
    }

    private static String send(GuiceJamesServer server, SampleReport report) {
        String messageId = ReportMails.messageId("google.com");
        Smtp.send(
                JamesWithPlugin.smtpPort(server),
                "noreply-smtp-tls-reporting@google.com",
                TLSRPT,
                GOOGLE.sign(ReportMails.googleLike(report, messageId)));
        return messageId;
    }
}
