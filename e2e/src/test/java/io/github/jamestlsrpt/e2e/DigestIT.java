package io.github.jamestlsrpt.e2e;

import static io.github.jamestlsrpt.e2e.JamesWithPlugin.POSTMASTER;
import static io.github.jamestlsrpt.e2e.JamesWithPlugin.TLSRPT;
import static io.github.jamestlsrpt.e2e.Operator.INBOX;
import static io.github.jamestlsrpt.e2e.StoredReports.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Module;
import io.github.jamestlsrpt.demo.Dkim;
import io.github.jamestlsrpt.demo.ReportMails;
import io.github.jamestlsrpt.demo.SampleReport;
import io.github.jamestlsrpt.demo.Smtp;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.mail.BodyPart;
import javax.mail.Multipart;
import javax.mail.internet.MimeMessage;
import org.apache.james.GuiceJamesServer;
import org.apache.james.dnsservice.api.InMemoryDNSService;
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

    private static final InMemoryDNSService DNS = new InMemoryDNSService();
    private static final Dkim GOOGLE = Dkim.key("google.com", "20230601").publishIn(DNS);
    private static final String REPORTER = "noreply-smtp-tls-reporting@google.com";

    /**
     * Real time from the clock's creation to the digest's trigger: James's start (under 2 seconds after another test,
     * about 7 seconds in a fresh JVM) and the reports sent (about 1 second), with room for a slow or busy CI machine.
     * The test says so if that was not enough.
     */
    private static final Duration LEAD = Duration.ofSeconds(20);

    private static final Pattern DIGEST_ENTRY = Pattern.compile(
            "\\s*<mailet match=\"All\" class=\"io\\.github\\.jamestlsrpt\\.mailets\\.SendTlsReportDigest\">.*?</mailet>",
            Pattern.DOTALL);

    @Test
    void shouldSendThePostmasterOneDigestOfTheReportsOfTheDayWhenTwoEntriesAreTriggeredAtItsTime(
            @TempDir File workingDirectory) throws Exception {
        Instant created = Instant.now();
        LocalDate today = LocalDate.ofInstant(created, ZoneOffset.UTC);
        Instant due = today.plusDays(1).atTime(LocalTime.of(6, 0)).toInstant(ZoneOffset.UTC);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(created.plus(LEAD), due));
        Module jamesClock = binder -> binder.bind(Clock.class).toInstance(clock);

        GuiceJamesServer server =
                JamesWithPlugin.server(workingDirectory, twoDigestEntries(workingDirectory.toPath()), DNS, jamesClock);
        server.start();
        try {
            JamesWithPlugin.addUsers(server);
            Operator operator = new Operator(server);
            SampleReport failing = SampleReport.of(
                    "Google LLC", "smtp-tls-reporting@google.com", "2026-11-25T00:00:00Z_example.com", 640, 3);
            SampleReport successful = SampleReport.of(
                    "Google LLC", "smtp-tls-reporting@google.com", "2026-11-26T00:00:00Z_example.com", 100, 0);
            String first = send(server, failing);
            String second = send(server, successful);
            operator.awaitInInbox(TLSRPT, first);
            operator.awaitInInbox(TLSRPT, second);
            assertThat(clock.instant())
                    .as("the reports are stored before the digest is due (James started in time)")
                    .isBefore(due);

            List<MimeMessage> digests = operator.awaitInFolder(POSTMASTER, INBOX, "X-TLSRPT-Digest", "daily");
            String period = "daily " + today + " UTC";
            assertThat(digests).hasSize(1);
            MimeMessage digest = digests.get(0);
            assertThat(header(digest, "X-TLSRPT-Digest")).isEqualTo(period);
            assertThat(header(digest, "Auto-Submitted")).isEqualTo("auto-generated");
            String text = plainPart(digest);
            assertThat(text)
                    .contains("Reports received on " + today + " (UTC)")
                    .contains("In total:      2 reports from 1 reporter\n")
                    .contains("Sessions:      743 sessions: 740 succeeded, 3 failed (0.4% failed)\n")
                    .contains("[NOTICE] example.com: 0.4% of sessions failed\n");

            // the other entry's run, at the same instant, found the period claimed: still one digest
            Thread.sleep(1_000);
            assertThat(operator.messagesWithHeader(POSTMASTER, INBOX, "X-TLSRPT-Digest", "daily"))
                    .hasSize(1);
            Map<String, Long> counters = JamesWithPlugin.metrics(server).counters("tlsrpt.digests.");
            assertThat(counters.get("tlsrpt.digests.sent")).isEqualTo(1L);
            assertThat(counters.getOrDefault("tlsrpt.digests.failed", 0L)).isZero();
        } finally {
            server.stop();
        }
    }

    /** The sample mailetcontainer.xml with its digest entry twice. */
    private static Path twoDigestEntries(Path folder) throws Exception {
        String sample = Files.readString(JamesWithPlugin.sampleMailetContainer(), StandardCharsets.UTF_8);
        Matcher entry = DIGEST_ENTRY.matcher(sample);
        assertThat(entry.find()).as("the sample's SendTlsReportDigest entry").isTrue();
        String twice = sample.substring(0, entry.end()) + entry.group() + sample.substring(entry.end());
        Path file = folder.resolve("mailetcontainer-two-digest-entries.xml");
        Files.writeString(file, twice, StandardCharsets.UTF_8);
        return file;
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

    /** The text/plain part of a digest, with LF line ends. */
    static String plainPart(MimeMessage digest) throws Exception {
        Multipart mixed = (Multipart) digest.getContent();
        return find(mixed);
    }

    private static String find(Multipart multipart) throws Exception {
        for (int index = 0; index < multipart.getCount(); index++) {
            BodyPart part = multipart.getBodyPart(index);
            if (part.isMimeType("text/plain")) {
                return ((String) part.getContent()).replace("\r\n", "\n");
            }
            if (part.getContent() instanceof Multipart inner) {
                String found = find(inner);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
