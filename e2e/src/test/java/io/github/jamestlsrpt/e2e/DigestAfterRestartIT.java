package io.github.jamestlsrpt.e2e;

import static io.github.jamestlsrpt.e2e.JamesWithPlugin.ALICE;
import static io.github.jamestlsrpt.e2e.JamesWithPlugin.POSTMASTER;
import static io.github.jamestlsrpt.e2e.JamesWithPlugin.TLSRPT;
import static io.github.jamestlsrpt.e2e.Operator.INBOX;
import static io.github.jamestlsrpt.e2e.Operator.REPORTS;
import static io.github.jamestlsrpt.e2e.StoredReports.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.e2e.Digests.DrivenClock;
import java.io.File;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.mail.internet.MimeMessage;
import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Still exactly one digest per period after a restart: James stopped after sending the digest of a day, and started
 * again over the same working directory, where the digest of that day is triggered once more.
 *
 * <p>The first server runs the sample configuration with James's clock driven, as in {@link DigestIT}, to {@link
 * Digests#LEAD} (20 seconds) before the digest of today is due (06:00 UTC tomorrow): it stores the day's reports, and
 * at the trigger stores its marker for the period in {@code TLS-RPT.Digests} and sends the postmaster the digest with
 * their figures.
 *
 * <p>James's memory server keeps no mailbox across a restart (every mailbox lives in the JVM's memory), so the folders
 * cannot survive it there as they do on a James with a persistent mailbox. As in {@link ServerRestartIT}, the test
 * takes a backup of {@code TLS-RPT} and its subfolders over IMAP before stopping (the reports, the receipts and the
 * digest marker, with their internal dates), and restores it over IMAP after the restart, before the digest is due:
 * what an operator restoring a backup or moving the mailbox to a new server does. The postmaster's INBOX is not
 * restored: any digest in it afterwards is a second one.
 *
 * <p>The second server's clock is driven again to {@link Digests#LEAD} before the same digest time, so the same
 * period's trigger fires once more, as it does on a server whose clock is behind, or on a second server sharing the
 * mailbox. (A server restarted within 6 hours after a digest time runs that digest at start-up instead, one minute
 * after the start: the same run, with the same check of the period's marker, which the mailets module's unit tests
 * cover; the test does not wait that minute. Here the digest before the start was due a day earlier, beyond the 6
 * hours: no run is caught up.)
 *
 * <p>Its configuration holds a second digest entry, to alice@example.com: a control that is triggered at the same
 * instant over the same restored folders, but whose marker is not in the backup (the marker's key depends on the
 * recipients). It sends alice the digest with the right figures: proof that the trigger fired, that the restored
 * reports are read, and that an entry without a marker for the period sends. The postmaster's entry, which differs
 * only in its recipients, logs that the digest of the day was already sent, and the postmaster receives nothing. With
 * the backup restored without its digest marker, the postmaster's entry sends a second digest and the test fails on
 * its log line.
 */
class DigestAfterRestartIT {

    private static final String MARKERS = REPORTS + ".Digests";

    @Test
    void shouldNotSendTheDigestOfAPeriodAgainWhenItIsTriggeredAfterARestartOverTheRestoredMailbox(
            @TempDir File workingDirectory) throws Exception {
        DrivenClock first = DrivenClock.beforeTheDigestOf(LocalDate.now(ZoneOffset.UTC));
        MailboxBackup backup;

        GuiceJamesServer before = JamesWithPlugin.server(
                workingDirectory, JamesWithPlugin.sampleMailetContainer(), Digests.DNS, first.binding());
        before.start();
        try {
            JamesWithPlugin.addUsers(before);
            Digests.sendTheDaysReports(before);
            first.assertNotYetDue("the reports are stored");
            Operator operator = new Operator(before);
            first.sleepUntilDue();

            List<MimeMessage> digests = operator.awaitInFolder(POSTMASTER, INBOX, "X-TLSRPT-Digest", "daily");

            assertThat(digests).hasSize(1);
            Digests.assertTheDaysDigest(digests.get(0), first);
            backup = MailboxBackup.of(before, TLSRPT, REPORTS);
        } finally {
            before.stop();
        }
        assertThat(backup.folders()).contains(REPORTS, MARKERS);
        assertThat(backup.messages(REPORTS)).hasSize(2);
        assertThat(backup.messages(MARKERS)).singleElement().satisfies(marker -> assertThat(
                        header(marker, "X-TLSRPT-Digest-Period"))
                .startsWith("daily UTC "));

        DrivenClock again = DrivenClock.beforeTheDigestOf(first.day());
        Path withControl = Digests.sampleWithAnotherDigestEntry(
                workingDirectory.toPath(),
                entry -> entry.replace("<to>" + POSTMASTER + "</to>", "<to>" + ALICE + "</to>"));
        GuiceJamesServer after = JamesWithPlugin.server(workingDirectory, withControl, Digests.DNS, again.binding());
        try (RecordedLog log = Digests.recordTheDigestLog()) {
            after.start();
            try {
                JamesWithPlugin.addUsers(after);
                Operator operator = new Operator(after);
                assertThat(operator.folders(TLSRPT)).doesNotContain(REPORTS);
                backup.restore(after, TLSRPT);
                assertThat(operator.count(TLSRPT, REPORTS)).isEqualTo(2);
                assertThat(operator.count(TLSRPT, MARKERS)).isEqualTo(1);
                again.assertNotYetDue("the folders are restored");
                again.sleepUntilDue();

                List<MimeMessage> control = operator.awaitInFolder(ALICE, INBOX, "X-TLSRPT-Digest", "daily");
                String postmasters = Digests.awaitLogged(
                        log,
                        message -> message.contains(": the digest of " + again.day() + " (UTC) ")
                                || message.contains(
                                        "sent the digest of " + again.day() + " (UTC) to [" + POSTMASTER + "]"));

                assertThat(postmasters)
                        .as("the postmaster's entry found the restored marker")
                        .endsWith(": the digest of " + again.day() + " (UTC) was already sent");
                assertThat(control).hasSize(1);
                Digests.assertTheDaysDigest(control.get(0), again);
                assertThat(operator.messagesWithHeader(POSTMASTER, INBOX, "X-TLSRPT-Digest", "daily"))
                        .isEmpty();
                assertThat(operator.count(TLSRPT, MARKERS))
                        .as("the restored marker and the control's")
                        .isEqualTo(2);
                Map<String, Long> counters = JamesWithPlugin.metrics(after).counters("tlsrpt.digests.");
                assertThat(counters.get("tlsrpt.digests.sent"))
                        .as("the control's")
                        .isEqualTo(1L);
                assertThat(counters.getOrDefault("tlsrpt.digests.failed", 0L)).isZero();
            } finally {
                after.stop();
            }
        }
    }
}
