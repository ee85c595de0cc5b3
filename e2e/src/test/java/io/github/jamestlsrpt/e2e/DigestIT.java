package io.github.jamestlsrpt.e2e;

import static io.github.jamestlsrpt.e2e.JamesWithPlugin.POSTMASTER;
import static io.github.jamestlsrpt.e2e.Operator.INBOX;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.e2e.Digests.DrivenClock;
import java.io.File;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.mail.internet.MimeMessage;
import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digest, triggered by time in the real James: SendTlsReportDigest takes James's Clock (bound by its
 * ClockModule), which the test overrides with a clock a day ahead, so that the digest due at 06:00 UTC "tomorrow"
 * falls a few seconds after the start, and covers the reports stored now (a report counts on the day of its
 * internal date, which James sets from the real time). The mailet container holds the sample's digest entry twice,
 * as two James servers sharing the mailbox have it: both are triggered at the same instant, and exactly one digest
 * of the period reaches the postmaster.
 */
class DigestIT {

    @Test
    void shouldSendThePostmasterOneDigestOfTheReportsOfTheDayWhenTwoEntriesAreTriggeredAtItsTime(
            @TempDir File workingDirectory) throws Exception {
        DrivenClock clock = DrivenClock.beforeTheDigestOf(LocalDate.now(ZoneOffset.UTC));
        GuiceJamesServer server = JamesWithPlugin.server(
                workingDirectory,
                Digests.sampleWithAnotherDigestEntry(workingDirectory.toPath(), UnaryOperator.identity()),
                Digests.DNS,
                clock.binding());
        try (RecordedLog log = Digests.recordTheDigestLog()) {
            server.start();
            JamesWithPlugin.addUsers(server);
            Operator operator = new Operator(server);
            Digests.sendTheDaysReports(server);
            clock.assertNotYetDue("the reports are stored");
            clock.sleepUntilDue();

            List<MimeMessage> digests = operator.awaitInFolder(POSTMASTER, INBOX, "X-TLSRPT-Digest", "daily");
            assertThat(digests).hasSize(1);
            Digests.assertTheDaysDigest(digests.get(0), clock);

            // the other entry's run, at the same instant, found the period claimed: still one digest
            Digests.awaitARunThatSentNothing(log, clock);
            assertThat(operator.messagesWithHeader(POSTMASTER, INBOX, "X-TLSRPT-Digest", "daily"))
                    .hasSize(1);
            Map<String, Long> counters = JamesWithPlugin.metrics(server).counters("tlsrpt.digests.");
            assertThat(counters.get("tlsrpt.digests.sent")).isEqualTo(1L);
            assertThat(counters.getOrDefault("tlsrpt.digests.failed", 0L)).isZero();
        } finally {
            server.stop();
        }
    }
}
