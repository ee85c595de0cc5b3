package io.github.jamestlsrpt.e2e;

import static io.github.jamestlsrpt.e2e.JamesWithPlugin.TLSRPT;
import static io.github.jamestlsrpt.e2e.StoredReports.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Module;
import io.github.jamestlsrpt.demo.Dkim;
import io.github.jamestlsrpt.demo.ReportMails;
import io.github.jamestlsrpt.demo.SampleReport;
import io.github.jamestlsrpt.demo.Smtp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.mail.BodyPart;
import javax.mail.Multipart;
import javax.mail.internet.MimeMessage;
import org.apache.james.GuiceJamesServer;
import org.apache.james.dnsservice.api.InMemoryDNSService;

/**
 * What the tests of the digest in the real James share: James's clock driven to shortly before the sample's digest
 * is due, the sample configuration with one more digest entry, the day's reports they send, and the figures of
 * their digest.
 */
final class Digests {

    static final InMemoryDNSService DNS = new InMemoryDNSService();

    /** The sample's digest time, 06:00 in UTC. */
    static final LocalTime AT = LocalTime.of(6, 0);

    /**
     * Real time from a clock's creation to the digest's trigger: James's start (under 2 seconds after another test,
     * about 7 seconds in a fresh JVM) and the reports sent or the folders restored (about 1 second), with room for a
     * slow or busy CI machine. The tests say so if that was not enough. On a machine shared by several builds (load
     * average above 15 on 2 cores) a fresh JVM's start took over 40 seconds: there, {@code -Ddigest.lead.seconds=60}
     * gives James the time it needs.
     */
    static final Duration LEAD = Duration.ofSeconds(Long.getLong("digest.lead.seconds", 20));

    private static final Dkim GOOGLE = Dkim.key("google.com", "20230601").publishIn(DNS);
    private static final String REPORTER = "noreply-smtp-tls-reporting@google.com";
    private static final Pattern DIGEST_ENTRY = Pattern.compile(
            "\\s*<mailet match=\"All\" class=\"io\\.github\\.jamestlsrpt\\.mailets\\.SendTlsReportDigest\">.*?</mailet>",
            Pattern.DOTALL);

    private Digests() {}

    /**
     * James's clock, running at the real speed but set so that the digest of a day, due at 06:00 UTC the day after,
     * falls {@link #LEAD} after its creation.
     *
     * @param day the period of the digest: the day of the reports' internal dates
     * @param due when the digest of the day is due
     * @param clock the clock to bind in place of James's
     */
    record DrivenClock(LocalDate day, Instant due, Clock clock) {

        /** A clock that reaches the time of the digest of the day {@link #LEAD} from now. */
        static DrivenClock beforeTheDigestOf(LocalDate day) {
            Instant due = day.plusDays(1).atTime(AT).toInstant(ZoneOffset.UTC);
            Clock clock = Clock.offset(
                    Clock.systemUTC(), Duration.between(Instant.now().plus(LEAD), due));
            return new DrivenClock(day, due, clock);
        }

        /** The clock as James's binding. */
        Module binding() {
            return binder -> binder.bind(Clock.class).toInstance(clock);
        }

        /** Fails when the digest became due before the test was ready for it. */
        void assertNotYetDue(String ready) {
            assertThat(clock.instant())
                    .as("%s before the digest is due (James started in time)", ready)
                    .isBefore(due);
        }

        /** Waits until the digest is due; its delivery takes a moment more. */
        void sleepUntilDue() throws InterruptedException {
            long left = Duration.between(clock.instant(), due).toMillis();
            if (left > 0) {
                Thread.sleep(left);
            }
        }

        /** The X-TLSRPT-Digest header of the day's digest. */
        String period() {
            return "daily " + day + " UTC";
        }
    }

    /**
     * The sample mailetcontainer.xml with one more digest entry after its own, written into the folder.
     *
     * @param another makes the added entry from the sample's
     */
    static Path sampleWithAnotherDigestEntry(Path folder, UnaryOperator<String> another) throws Exception {
        String sample = Files.readString(JamesWithPlugin.sampleMailetContainer(), StandardCharsets.UTF_8);
        Matcher entry = DIGEST_ENTRY.matcher(sample);
        assertThat(entry.find()).as("the sample's SendTlsReportDigest entry").isTrue();
        String added = another.apply(entry.group());
        assertThat(added).as("the added digest entry").contains("SendTlsReportDigest");
        String changed = sample.substring(0, entry.end()) + added + sample.substring(entry.end());
        Path file = folder.resolve("mailetcontainer-another-digest-entry.xml");
        Files.writeString(file, changed, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Sends the two signed reports of the day (one with 3 failed sessions of 640, one without failure) to
     * tlsrpt@example.com, and waits until both are stored.
     */
    static void sendTheDaysReports(GuiceJamesServer server) {
        SampleReport failing = SampleReport.of(
                "Google LLC", "smtp-tls-reporting@google.com", "2026-11-25T00:00:00Z_example.com", 640, 3);
        SampleReport successful = SampleReport.of(
                "Google LLC", "smtp-tls-reporting@google.com", "2026-11-26T00:00:00Z_example.com", 100, 0);
        String first = send(server, failing);
        String second = send(server, successful);
        Operator operator = new Operator(server);
        operator.awaitInInbox(TLSRPT, first);
        operator.awaitInInbox(TLSRPT, second);
        assertThat(operator.stored(Operator.REPORTS, failing.reportId())).hasSize(1);
        assertThat(operator.stored(Operator.REPORTS, successful.reportId())).hasSize(1);
    }

    /** Asserts that the message is the digest of the day with the figures of {@link #sendTheDaysReports}. */
    static void assertTheDaysDigest(MimeMessage digest, DrivenClock clock) throws Exception {
        assertThat(header(digest, "X-TLSRPT-Digest")).isEqualTo(clock.period());
        assertThat(header(digest, "Auto-Submitted")).isEqualTo("auto-generated");
        assertThat(plainPart(digest))
                .contains("Reports received on " + clock.day() + " (UTC)")
                .contains("In total:      2 reports from 1 reporter\n")
                .contains("Sessions:      743 sessions: 740 succeeded, 3 failed (0.4% failed)\n")
                .contains("[NOTICE] example.com: 0.4% of sessions failed\n");
    }

    /** Records what the digest mailet logs (through James's logging) from now on. */
    static RecordedLog recordTheDigestLog() {
        return RecordedLog.of("io.github.jamestlsrpt.mailets.SendTlsReportDigest");
    }

    /**
     * Waits until the digest mailet logs a run of the day's digest that sent nothing, and gives what it logged: "was
     * already sent" when the run found the period's marker, "is sent by another server" when it was about to claim
     * the period but another claim came first.
     */
    static String awaitARunThatSentNothing(RecordedLog log, DrivenClock clock) {
        String run = ": the digest of " + clock.day() + " (UTC) ";
        return awaitLogged(
                log,
                message -> message.endsWith(run + "was already sent")
                        || message.endsWith(run + "is sent by another server (its claim came first)"));
    }

    /** Waits until the digest mailet logs a message the predicate accepts, and gives the first. */
    static String awaitLogged(RecordedLog log, Predicate<String> accepted) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> log.messages().stream().filter(accepted).findFirst(), Optional::isPresent)
                .orElseThrow();
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

    static String plainPart(MimeMessage digest) throws Exception {
        String text = find((Multipart) digest.getContent());
        assertThat(text).as("the digest's text/plain part").isNotNull();
        return text;
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
