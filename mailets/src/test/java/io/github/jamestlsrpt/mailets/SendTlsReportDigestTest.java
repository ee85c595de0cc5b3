package io.github.jamestlsrpt.mailets;

import static io.github.jamestlsrpt.mailets.DigestScenario.DAY;
import static io.github.jamestlsrpt.mailets.DigestScenario.FOLDER;
import static io.github.jamestlsrpt.mailets.DigestScenario.RUN;
import static io.github.jamestlsrpt.mailets.DigestScenario.USER;
import static io.github.jamestlsrpt.mailets.SummaryReports.detail;
import static io.github.jamestlsrpt.mailets.SummaryReports.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jamestlsrpt.core.digest.Cadence;
import io.github.jamestlsrpt.core.digest.DigestSchedule;
import io.github.jamestlsrpt.mailets.digest.DigestChartProbe;
import io.github.jamestlsrpt.mailets.digest.DigestMarkers;
import io.github.jamestlsrpt.mailets.digest.DigestWriter;
import io.github.jamestlsrpt.mailets.store.InMemoryReportMailbox;
import io.github.jamestlsrpt.mailets.summary.SummaryWriter;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class SendTlsReportDigestTest {

    private static final String ADMIN = "admin@example.com";
    private static final String POSTMASTER = "postmaster@example.com";
    /** Before the day's run: a mailet started then sends nothing until 06:00. */
    private static final Instant EARLY = Instant.parse("2026-11-29T05:00:00Z");

    private final FakeMailContext context = context();
    private final List<SendTlsReportDigest> started = new ArrayList<>();

    private static FakeMailContext context() {
        try {
            return FakeMailContext.builder()
                    .postmaster(new MailAddress(POSTMASTER))
                    .build();
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @AfterEach
    void stopMailets() {
        started.forEach(SendTlsReportDigest::destroy);
    }

    private SendTlsReportDigest mailet(InMemoryReportMailbox mailbox, String... parameters) throws MessagingException {
        return mailet(mailbox, context, Clock.fixed(EARLY, ZoneOffset.UTC), parameters);
    }

    private SendTlsReportDigest mailet(
            InMemoryReportMailbox mailbox, MailetContext mailetContext, Clock clock, String... parameters)
            throws MessagingException {
        SendTlsReportDigest mailet = new SendTlsReportDigest(mailbox, clock, Duration.ofMillis(50));
        FakeMailetConfig.Builder config =
                FakeMailetConfig.builder().mailetName("SendTlsReportDigest").mailetContext(mailetContext);
        config.setProperty("to", ADMIN);
        config.setProperty("user", USER);
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        started.add(mailet);
        mailet.init(config.build());
        return mailet;
    }

    /** A digest as it goes on the wire, parsed back from its bytes. */
    record Sent(
            MailAddress sender,
            List<MailAddress> recipients,
            MimeMessage message,
            String plain,
            String html,
            byte[] png) {

        static Sent of(FakeMailContext.SentMail mail) throws Exception {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            mail.getMsg().writeTo(bytes);
            MimeMessage parsed = new MimeMessage(
                    Session.getInstance(new Properties()), new ByteArrayInputStream(bytes.toByteArray()));
            assertThat(parsed.getContentType()).startsWith("multipart/alternative");
            MimeMultipart alternative = (MimeMultipart) parsed.getContent();
            assertThat(alternative.getCount()).isEqualTo(2);
            BodyPart plain = alternative.getBodyPart(0);
            assertThat(plain.getContentType()).startsWith("text/plain; charset=UTF-8");
            BodyPart second = alternative.getBodyPart(1);
            String html;
            byte[] png = null;
            if (second.isMimeType("multipart/related")) {
                MimeMultipart related = (MimeMultipart) second.getContent();
                assertThat(related.getCount()).isEqualTo(2);
                assertThat(related.getBodyPart(0).getContentType()).startsWith("text/html; charset=UTF-8");
                html = (String) related.getBodyPart(0).getContent();
                BodyPart image = related.getBodyPart(1);
                assertThat(image.getContentType()).startsWith("image/png");
                assertThat(image.getDisposition()).isEqualTo("inline");
                String contentId = image.getHeader("Content-ID")[0];
                assertThat(contentId).startsWith("<chart.").endsWith("@tlsrpt.invalid>");
                assertThat(html).contains("<img src=\"cid:" + contentId.substring(1, contentId.length() - 1) + "\"");
                try (InputStream in = image.getInputStream()) {
                    png = in.readAllBytes();
                }
            } else {
                assertThat(second.getContentType()).startsWith("text/html; charset=UTF-8");
                html = (String) second.getContent();
            }
            return new Sent(
                    mail.getSender(),
                    List.copyOf(mail.getRecipients()),
                    parsed,
                    ((String) plain.getContent()).replace("\r\n", "\n"),
                    html.replace("\r\n", "\n"),
                    png);
        }

        String header(String name) throws MessagingException {
            String[] values = message.getHeader(name);
            assertThat(values).as(name).hasSize(1);
            return MimeUtility.unfold(values[0]);
        }
    }

    private Sent onlyDigest() throws Exception {
        assertThat(context.getSentMails()).hasSize(1);
        return Sent.of(context.getSentMails().get(0));
    }

    private Sent digestOfTheMonth() throws Exception {
        SendTlsReportDigest mailet = mailet(DigestScenario.month());

        assertThat(mailet.runOnce(RUN)).isEqualTo(SendTlsReportDigest.RunResult.SENT);

        return onlyDigest();
    }

    @Nested
    class Content {

        @Test
        void shouldSayThePeriodTotalsAndWhatBecameOfTheReportMails() throws Exception {
            Sent digest = digestOfTheMonth();

            assertThat(digest.plain())
                    .startsWith("TLS-RPT digest for 2026-11-28 (UTC)\n===================================\n\n")
                    .contains("Reports received on 2026-11-28 (UTC), compared with the day before and with the 30"
                            + " days before that.\n")
                    .contains("3 domains: 1 critical, 1 notice, 1 ok; 1 MX host of DANE host reports: 1 warning.\n")
                    .contains("In total:      2 reports from 2 reporters\n")
                    .contains("Sessions:      6,000 sessions: 5,728 succeeded, 272 failed (4.5% failed)\n")
                    .contains("5 reports received: 2 stored, 1 duplicate (already stored), 1 invalid, 1"
                            + " unauthenticated (no DKIM signature of the reporter), 0 out of scope.\n");
            assertThat(digest.html())
                    .contains("<h1 style=\"font-size:20px;margin:0 0 8px\">TLS-RPT digest for 2026-11-28 (UTC)</h1>")
                    .contains("<strong>3 domains: 1 critical, 1 notice, 1 ok; 1 MX host of DANE host reports: 1"
                            + " warning.</strong>")
                    .contains("5 reports received: 2 stored, 1 duplicate (already stored)");
        }

        @Test
        void shouldPutTheDomainsWorstFirstWithTheirSeverity() throws Exception {
            Sent digest = digestOfTheMonth();

            int critical = digest.plain().indexOf("[CRITICAL] example.org: 62.5% of sessions failed\n");
            int notice = digest.plain().indexOf("[NOTICE] example.com: 0.2% of sessions failed\n");
            int ok = digest.plain().indexOf("[OK] example.net: no failures\n");
            int hosts = digest.plain().indexOf("DANE host reports (about MX hosts");
            int warning = digest.plain().indexOf("[WARNING] mx.example.net: 10.0% of sessions failed\n");
            assertThat(critical).isPositive();
            assertThat(List.of(critical, notice, ok, hosts, warning)).isSorted();
            assertThat(digest.html())
                    .contains("<span class=\"severity-critical\"")
                    .contains("<span class=\"severity-warning\"")
                    .contains("<span class=\"severity-notice\"")
                    .contains("<span class=\"severity-ok\"");
            assertThat(digest.html().indexOf(">example.org</td>"))
                    .isPositive()
                    .isLessThan(digest.html().indexOf(">example.com</td>"));
        }

        @Test
        void shouldGiveTheFiguresAndTheTrendOfEachDomain() throws Exception {
            Sent digest = digestOfTheMonth();

            assertThat(digest.plain())
                    .contains("[NOTICE] example.com: 0.2% of sessions failed\n"
                            + "---------------------------------------------\n"
                            + "Sessions:      5,000 sessions: 4,988 succeeded, 12 failed (0.2% failed)\n"
                            + "Success rate:  99.8%, down 0.2 points from 100.0% the day before\n"
                            + "Policies:      MTA-STS policy, mode enforce\n"
                            + "Reports:       2, from Google LLC and Microsoft Corporation\n"
                            + "Failure types:\n"
                            + "  12 sessions: certificate expired (certificate-expired)\n"
                            + "    What it means: The certificate your mail server presented had expired.\n")
                    .contains("Worst MX hosts: mx1.example.com (12 failed sessions)\n")
                    .contains("Also received: 1 duplicate report (already stored)\n")
                    .contains("Success rate:  37.5%, down 62.5 points from 100.0% the day before\n")
                    .contains("Success rate:  100.0%, as the day before (100.0%)\n");
            assertThat(digest.html())
                    .contains("99.8%, down 0.2 points from 100.0% the day before")
                    .contains("<span style=\"color:#cf222e\">&#9660; 62.5</span>");
        }

        @Test
        void shouldMarkAFailureTypeSeenForTheFirstTimeAndNameSilentReporters() throws Exception {
            Sent digest = digestOfTheMonth();

            assertThat(digest.plain())
                    .contains("  250 sessions: certificate does not match the host name (certificate-host-mismatch),"
                            + " NEW: not seen in the 30 days before\n")
                    .doesNotContain("(certificate-expired), NEW")
                    .contains("Silent reporters:\n  Yahoo: last report received 2026-11-25, on 27 days of the 30 days"
                            + " before, usually every day\n")
                    .contains("check the _smtp._tls TXT record of the domain")
                    .contains("Also received: 1 unauthenticated report claiming to be about it (not stored)\n");
            assertThat(digest.html())
                    .contains(">NEW: not seen in the 30 days before</span>")
                    .contains("<li>Yahoo: last report received 2026-11-25");
        }

        @Test
        void shouldShowDaneHostReportsApart() throws Exception {
            Sent digest = digestOfTheMonth();

            assertThat(digest.plain())
                    .contains("[WARNING] mx.example.net: 10.0% of sessions failed\n")
                    .contains("Policies:      DANE (TLSA records)\n")
                    .contains("  10 sessions: DANE record does not match (tlsa-invalid), NEW: not seen in the 30 days"
                            + " before\n");
            assertThat(digest.html())
                    .contains("<h2 style=\"font-size:18px;margin:28px 0 4px\">DANE host reports</h2>")
                    .contains(">mx.example.net <span style=\"color:#59636e\">(DANE host)</span></td>");
        }

        @Test
        void shouldCarryAPictureOfEachDomainsDailySuccessRate() throws Exception {
            Sent digest = digestOfTheMonth();

            assertThat(digest.png()).isNotNull();
            assertThat(digest.png().length).isBetween(2_000, 200_000);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(digest.png()));
            assertThat(image.getWidth()).isEqualTo(720);
            assertThat(image.getHeight()).isEqualTo(DigestChartProbe.height(4));
            Set<Integer> colours = new HashSet<>();
            for (int x = 0; x < image.getWidth(); x += 2) {
                for (int y = 0; y < image.getHeight(); y += 2) {
                    colours.add(image.getRGB(x, y) & 0xffffff);
                }
            }
            assertThat(colours)
                    .as("not blank: the bands' colours are drawn")
                    .contains(DigestChartProbe.OK, DigestChartProbe.NOTICE, DigestChartProbe.WARNING)
                    .contains(DigestChartProbe.CRITICAL, DigestChartProbe.NO_DATA)
                    .hasSizeGreaterThan(20);
            assertThat(digest.plain())
                    .contains("The HTML part of this mail shows each domain's daily success rate over the last 30"
                            + " days.\n");
            assertThat(digest.html()).contains("width=\"720\" height=\"" + DigestChartProbe.height(4) + "\"");
        }

        @Test
        void shouldSaySoWhenNoReportWasReceived() throws Exception {
            InMemoryReportMailbox mailbox = new InMemoryReportMailbox();
            mailbox.setTime(RUN);

            mailet(mailbox).runOnce(RUN);

            Sent digest = onlyDigest();
            assertThat(digest.png()).isNull();
            assertThat(digest.plain())
                    .contains("No reports about your domains were received, and no reporter fell silent.\n")
                    .contains("In total:      no reports\n")
                    .contains("Invalid, unauthenticated and duplicate reports: not counted, no receipts are recorded"
                            + " for this folder (StoreTlsReports records them).")
                    .doesNotContain("The HTML part of this mail shows");
            assertThat(digest.html()).doesNotContain("<img");
            assertThat(digest.header("Subject")).isEqualTo("TLS-RPT digest 2026-11-28: no reports");
        }

        @Test
        void shouldLeaveOutAndCountMessagesOfTheFolderThatAreNoStoredReports() throws Exception {
            InMemoryReportMailbox mailbox = new InMemoryReportMailbox();
            DigestScenario.storeOn(mailbox, DAY, "Google LLC", sts("example.com", "enforce", 10, 0));
            mailbox.file(
                    FOLDER,
                    "Subject: filed by hand\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII),
                    Instant.parse("2026-11-28T12:00:00Z"));
            mailbox.setTime(RUN);

            mailet(mailbox).runOnce(RUN);

            assertThat(onlyDigest().plain())
                    .contains("1 message of the folder is not a readable stored report and was left out.\n")
                    .contains("[OK] example.com: no failures\n");
        }

        @Test
        void shouldReadOnlyTheReportsOfTheWindow() throws Exception {
            InMemoryReportMailbox mailbox = new InMemoryReportMailbox();
            for (int back = 0; back < 60; back++) {
                DigestScenario.storeOn(mailbox, DAY.minusDays(back), "Google LLC", sts("example.com", "enforce", 1, 0));
            }
            DigestScenario.storeOn(mailbox, DAY.plusDays(1), "Google LLC", sts("example.com", "enforce", 1, 0));
            mailbox.setTime(RUN);

            mailet(mailbox).runOnce(RUN);

            assertThat(mailbox.readMessages())
                    .as("the period and the 30 days before")
                    .isEqualTo(31);
            assertThat(onlyDigest().plain()).contains("Sessions:      1 session: 1 succeeded, 0 failed\n");
        }
    }

    @Nested
    class Safety {

        @Test
        void shouldEscapeReportTextInHtmlAndKeepItOutOfHeadersAndLinks() throws Exception {
            InMemoryReportMailbox mailbox = new InMemoryReportMailbox();
            String hostile = "Evil <script>alert(1)</script> https://evil.example/x\r\nBcc: victim@example.com";
            DigestScenario.storeOn(
                    mailbox,
                    DAY,
                    hostile,
                    sts(
                            "<b>example.com</b>",
                            "enforce",
                            1,
                            9,
                            detail("<i>boom</i>", "1.1.1.1", "mx\".example.com<img src=x>", "192.0.2.1", 9)));
            mailbox.setTime(RUN);

            mailet(mailbox).runOnce(RUN);

            Sent digest = onlyDigest();
            assertThat(digest.html())
                    .doesNotContain("<script>")
                    .doesNotContain("<b>example.com")
                    .doesNotContain("<i>boom")
                    .doesNotContain("<img src=x>")
                    .doesNotContain("https://evil")
                    .contains("Evil &lt;script&gt;alert(1)&lt;/script&gt; https[:]//evil.example/x\\u000d\\u000aBcc:")
                    .contains("&lt;b&gt;example.com&lt;/b&gt;")
                    .contains("mx&quot;.example.com&lt;img src=x&gt;");
            assertThat(digest.plain()).doesNotContain("https://").doesNotContain("\nBcc:");
            assertThat(digest.message().getHeader("Bcc")).isNull();
            assertThat(digest.header("Subject"))
                    .isEqualTo("TLS-RPT digest 2026-11-28: critical, <b>example.com</b> 90.0% of sessions failed");
            for (String line : List.of(digest.header("Subject"), digest.header(DigestWriter.DIGEST_HEADER))) {
                assertThat(line).doesNotContain("\r").doesNotContain("\n");
            }
        }

        @Test
        void shouldMarkTheDigestAsGeneratedAndAsOurs() throws Exception {
            Sent digest = digestOfTheMonth();

            assertThat(digest.header("Auto-Submitted")).isEqualTo("auto-generated");
            assertThat(digest.header("X-Auto-Response-Suppress")).isEqualTo("All");
            assertThat(digest.header(SummaryWriter.MARKER_HEADER)).isEqualTo("digest 2026-11-28");
            assertThat(digest.header(DigestWriter.DIGEST_HEADER)).isEqualTo("daily 2026-11-28 UTC");
            assertThat(digest.header("From")).isEqualTo(POSTMASTER);
            assertThat(digest.header("To")).isEqualTo(ADMIN);
            assertThat(digest.message().getSentDate().toInstant()).isEqualTo(EARLY);
            assertThat(digest.header("Subject"))
                    .isEqualTo("TLS-RPT digest 2026-11-28: critical, example.org 62.5% of sessions failed (and 3 more"
                            + " domains)");
            assertThat(digest.sender()).isEqualTo(new MailAddress(POSTMASTER));
            assertThat(digest.recipients()).containsExactly(new MailAddress(ADMIN));
        }

        @Test
        void shouldLeaveEveryMailAsItIs() throws Exception {
            SendTlsReportDigest mailet = mailet(new InMemoryReportMailbox());
            FakeMail mail = FakeMail.builder()
                    .name("any")
                    .mimeMessage(new MimeMessage(Session.getInstance(new Properties())))
                    .build();

            mailet.service(mail);

            assertThat(mail.getState()).isNull();
            assertThat(context.getSentMails()).isEmpty();
        }
    }

    @Nested
    class ExactlyOnce {

        @Test
        void shouldSendOneDigestWhenTwoServersRunTheSamePeriod() throws Exception {
            InMemoryReportMailbox mailbox = DigestScenario.month();
            SendTlsReportDigest first = mailet(mailbox);
            SendTlsReportDigest second = mailet(mailbox);

            assertThat(first.runOnce(RUN)).isEqualTo(SendTlsReportDigest.RunResult.SENT);
            assertThat(second.runOnce(RUN)).isEqualTo(SendTlsReportDigest.RunResult.ALREADY_SENT);
            assertThat(first.runOnce(RUN.plus(Duration.ofHours(3))))
                    .isEqualTo(SendTlsReportDigest.RunResult.ALREADY_SENT);

            assertThat(context.getSentMails()).hasSize(1);
            assertThat(mailbox.messages(DigestMarkers.folderOf(FOLDER))).hasSize(1);
        }

        @Test
        void shouldSendOneDigestWhenTwoServersRunAtTheSameMoment() throws Exception {
            for (int attempt = 0; attempt < 5; attempt++) {
                InMemoryReportMailbox mailbox = DigestScenario.month();
                mailbox.slowAppendsBy(Duration.ofMillis(30));
                FakeMailContext shared = context();
                SendTlsReportDigest first = mailet(mailbox, shared, Clock.fixed(EARLY, ZoneOffset.UTC));
                SendTlsReportDigest second = mailet(mailbox, shared, Clock.fixed(EARLY, ZoneOffset.UTC));
                CountDownLatch go = new CountDownLatch(1);
                ExecutorService threads = Executors.newFixedThreadPool(2);
                try {
                    List<Future<SendTlsReportDigest.RunResult>> results = new ArrayList<>();
                    for (SendTlsReportDigest server : List.of(first, second)) {
                        Callable<SendTlsReportDigest.RunResult> run = () -> {
                            go.await();
                            return server.runOnce(RUN);
                        };
                        results.add(threads.submit(run));
                    }
                    go.countDown();

                    List<SendTlsReportDigest.RunResult> outcomes = new ArrayList<>();
                    for (Future<SendTlsReportDigest.RunResult> result : results) {
                        outcomes.add(result.get());
                    }
                    assertThat(outcomes)
                            .containsExactlyInAnyOrder(
                                    SendTlsReportDigest.RunResult.SENT, SendTlsReportDigest.RunResult.ALREADY_SENT);
                    assertThat(shared.getSentMails()).hasSize(1);
                } finally {
                    threads.shutdownNow();
                }
            }
        }

        @Test
        void shouldSendTheNextPeriodAndDigestsToOtherRecipientsApart() throws Exception {
            InMemoryReportMailbox mailbox = DigestScenario.month();
            SendTlsReportDigest admins = mailet(mailbox);
            SendTlsReportDigest managers = mailet(mailbox, "to", "managers@example.com");

            assertThat(admins.runOnce(RUN)).isEqualTo(SendTlsReportDigest.RunResult.SENT);
            assertThat(managers.runOnce(RUN)).isEqualTo(SendTlsReportDigest.RunResult.SENT);
            assertThat(admins.runOnce(RUN.plus(Duration.ofDays(1)))).isEqualTo(SendTlsReportDigest.RunResult.SENT);

            assertThat(context.getSentMails()).hasSize(3);
            assertThat(SendTlsReportDigest.key(admins.configuration()))
                    .isNotEqualTo(SendTlsReportDigest.key(managers.configuration()))
                    .startsWith("daily UTC ");
        }

        @Test
        void shouldLeaveThePeriodUnclaimedWhenTheMailboxCannotBeRead() throws Exception {
            InMemoryReportMailbox mailbox = DigestScenario.month();
            SendTlsReportDigest mailet = mailet(mailbox);
            mailbox.failNextRead("backend down");

            assertThatThrownBy(() -> mailet.runOnce(RUN))
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("SendTlsReportDigest: the digest of 2026-11-28 (UTC) could not be made: backend down")
                    .cause()
                    .hasMessage("backend down");
            assertThat(context.getSentMails()).isEmpty();

            assertThat(mailet.runOnce(RUN)).isEqualTo(SendTlsReportDigest.RunResult.SENT);
        }

        @Test
        void shouldKeepTheCauseWhenSendingFails() throws Exception {
            MailetContext failing = (MailetContext) Proxy.newProxyInstance(
                    MailetContext.class.getClassLoader(),
                    new Class<?>[] {MailetContext.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("sendMail")) {
                            throw new MessagingException("spool full");
                        }
                        return null;
                    });
            InMemoryReportMailbox mailbox = DigestScenario.month();
            SendTlsReportDigest mailet =
                    mailet(mailbox, failing, Clock.fixed(EARLY, ZoneOffset.UTC), "from", "tlsrpt@example.com");

            assertThatThrownBy(() -> mailet.runOnce(RUN))
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("SendTlsReportDigest: the digest of 2026-11-28 (UTC) could not be sent: spool full")
                    .cause()
                    .hasMessage("spool full");
        }
    }

    @Nested
    class Schedule {

        private List<FakeMailContext.SentMail> awaitSent(FakeMailContext mailContext, int count) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (mailContext.getSentMails().size() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return mailContext.getSentMails();
        }

        @Test
        void shouldSendTheDigestAtItsTimeFromItsOwnDaemonThread() throws Exception {
            Clock justBefore = Clock.fixed(Instant.parse("2026-11-29T05:59:59.700Z"), ZoneOffset.UTC);
            SendTlsReportDigest mailet = mailet(DigestScenario.month(), context, justBefore);

            List<FakeMailContext.SentMail> sent = awaitSent(context, 1);

            assertThat(sent).hasSize(1);
            assertThat(Sent.of(sent.get(0)).header(DigestWriter.DIGEST_HEADER)).isEqualTo("daily 2026-11-28 UTC");
            Thread scheduler = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals("tlsrpt-digest SendTlsReportDigest"))
                    .findFirst()
                    .orElseThrow();
            assertThat(scheduler.isDaemon()).isTrue();

            mailet.destroy();

            scheduler.join(5000);
            assertThat(scheduler.isAlive()).isFalse();
        }

        @Test
        void shouldSendADigestMissedShortlyBeforeTheStart() throws Exception {
            Clock afterDowntime = Clock.fixed(Instant.parse("2026-11-29T07:30:00Z"), ZoneOffset.UTC);
            InMemoryReportMailbox mailbox = DigestScenario.month();

            mailet(mailbox, context, afterDowntime);

            assertThat(awaitSent(context, 1)).hasSize(1);
            assertThat(Sent.of(context.getSentMails().get(0)).header(DigestWriter.DIGEST_HEADER))
                    .isEqualTo("daily 2026-11-28 UTC");
        }

        @Test
        void shouldNotSendALongMissedDigestAtTheStart() throws Exception {
            Clock muchLater = Clock.fixed(Instant.parse("2026-11-29T12:30:00Z"), ZoneOffset.UTC);

            mailet(DigestScenario.month(), context, muchLater);

            Thread.sleep(300);
            assertThat(context.getSentMails()).isEmpty();
        }
    }

    @Nested
    class Configuration {

        private SendTlsReportDigest initWith(String... parameters) throws MessagingException {
            SendTlsReportDigest mailet = new SendTlsReportDigest(
                    new InMemoryReportMailbox(), Clock.fixed(EARLY, ZoneOffset.UTC), Duration.ZERO);
            FakeMailetConfig.Builder config =
                    FakeMailetConfig.builder().mailetName("SendTlsReportDigest").mailetContext(context);
            for (int i = 0; i < parameters.length; i += 2) {
                config.setProperty(parameters[i], parameters[i + 1]);
            }
            started.add(mailet);
            mailet.init(config.build());
            return mailet;
        }

        @Test
        void shouldDefaultToADailyDigestAtSixUtcFromThePostmaster() throws Exception {
            SendTlsReportDigest mailet = initWith("to", ADMIN + ", second@example.com", "user", USER);

            assertThat(mailet.configuration())
                    .isEqualTo(new SendTlsReportDigest.Configuration(
                            List.of(new MailAddress(ADMIN), new MailAddress("second@example.com")),
                            Optional.empty(),
                            USER,
                            "TLS-RPT",
                            new DigestSchedule(Cadence.DAILY, LocalTime.of(6, 0), ZoneId.of("UTC"))));
            assertThat(mailet.getMailetInfo()).startsWith("SendTlsReportDigest: ");
        }

        @Test
        void shouldTakeEveryParameter() throws Exception {
            SendTlsReportDigest mailet = initWith(
                    "to", ADMIN,
                    "from", "tlsrpt-digest@example.com",
                    "user", "tlsrpt",
                    "folder", "Reports/TLS-RPT",
                    "period", "weekly",
                    "at", "18:30",
                    "timeZone", "Europe/Paris");

            assertThat(mailet.configuration())
                    .isEqualTo(new SendTlsReportDigest.Configuration(
                            List.of(new MailAddress(ADMIN)),
                            Optional.of(new MailAddress("tlsrpt-digest@example.com")),
                            "tlsrpt",
                            "Reports/TLS-RPT",
                            new DigestSchedule(Cadence.WEEKLY, LocalTime.of(18, 30), ZoneId.of("Europe/Paris"))));
        }

        @Test
        void shouldNameTheParameterAndTheAllowedValuesOfEveryError() {
            List<String[]> cases = List.of(
                    new String[] {"user", USER},
                    new String[] {"to", ADMIN},
                    new String[] {"to", ADMIN, "user", USER, "colour", "blue"},
                    new String[] {"to", "a@example.com,,b@example.com", "user", USER},
                    new String[] {"to", "not an address", "user", USER},
                    new String[] {"to", ADMIN, "user", USER, "from", "<>"},
                    new String[] {"to", ADMIN, "user", " tlsrpt"},
                    new String[] {"to", ADMIN, "user", "tls@rpt@example.com"},
                    new String[] {"to", ADMIN, "user", USER, "folder", "TLS-RPT..x"},
                    new String[] {"to", ADMIN, "user", USER, "folder", "TLS%"},
                    new String[] {"to", ADMIN, "user", USER, "folder", " "},
                    new String[] {"to", ADMIN, "user", USER, "folder", "x".repeat(201)},
                    new String[] {"to", ADMIN, "user", USER, "period", "monthly"},
                    new String[] {"to", ADMIN, "user", USER, "at", "6:00"},
                    new String[] {"to", ADMIN, "user", USER, "at", "24:00"},
                    new String[] {"to", ADMIN, "user", USER, "timeZone", "Mars/Olympus"});
            List<String> messages = new ArrayList<>();
            for (String[] parameters : cases) {
                try {
                    initWith(parameters);
                    messages.add("accepted " + String.join(" ", parameters));
                } catch (MessagingException error) {
                    messages.add(error.getMessage());
                }
            }

            assertThat(messages)
                    .containsExactly(
                            "SendTlsReportDigest: parameter to is required: who receives the digests, comma separated,"
                                    + " such as postmaster@example.com",
                            "SendTlsReportDigest: parameter user is required: the user whose mailbox holds the stored"
                                    + " reports (StoreTlsReports' user), such as tlsrpt@example.com",
                            "SendTlsReportDigest: unknown parameter colour; the parameters are to, from, user, folder,"
                                    + " period, at and timeZone",
                            "SendTlsReportDigest: parameter to has an empty entry: \"a@example.com,,b@example.com\""
                                    + " (addresses are separated by commas, such as a@example.com, b@example.com)",
                            messages.get(4),
                            messages.get(5),
                            "SendTlsReportDigest: parameter user must not contain white space: \" tlsrpt\"",
                            messages.get(7),
                            "SendTlsReportDigest: parameter folder has an empty level: \"TLS-RPT..x\" (levels are"
                                    + " separated by '.' or '/', such as Reports.TLS-RPT)",
                            "SendTlsReportDigest: parameter folder must not contain control characters, % or *:"
                                    + " \"TLS%\"",
                            "SendTlsReportDigest: parameter folder must not be empty; the default is TLS-RPT",
                            "SendTlsReportDigest: parameter folder is longer than 200 characters",
                            "SendTlsReportDigest: parameter period must be daily or weekly, not \"monthly\" (the"
                                    + " default is daily)",
                            "SendTlsReportDigest: parameter at must be a time of day as HH:mm, 24 hours, such as 06:00"
                                    + " or 18:30, not \"6:00\" (the default is 06:00)",
                            "SendTlsReportDigest: parameter at must be a time of day as HH:mm, 24 hours, such as 06:00"
                                    + " or 18:30, not \"24:00\" (the default is 06:00)",
                            "SendTlsReportDigest: parameter timeZone must be a time zone such as UTC, Europe/Paris or"
                                    + " America/New_York, not \"Mars/Olympus\" (the default is UTC)");
            assertThat(messages.get(4))
                    .startsWith("SendTlsReportDigest: parameter to must be a mail address such as"
                            + " postmaster@example.com, not \"not an address\"");
            assertThat(messages.get(5))
                    .startsWith("SendTlsReportDigest: parameter from must be a mail address such as"
                            + " postmaster@example.com, not \"<>\"");
            assertThat(messages.get(7))
                    .startsWith("SendTlsReportDigest: parameter user is not a user name or mail address:"
                            + " \"tls@rpt@example.com\"");
        }

        @Test
        void shouldLookThePostmasterUpOnlyWhenSendingAndFailTheRunWhenThereIsNone() throws Exception {
            // James hands mailets its postmaster only once every mailet is loaded: init() must not need it
            MailetContext noPostmaster = (MailetContext) Proxy.newProxyInstance(
                    MailetContext.class.getClassLoader(),
                    new Class<?>[] {MailetContext.class},
                    (proxy, method, args) -> null);
            SendTlsReportDigest mailet =
                    new SendTlsReportDigest(DigestScenario.month(), Clock.fixed(EARLY, ZoneOffset.UTC), Duration.ZERO);
            mailet.init(FakeMailetConfig.builder()
                    .mailetName("SendTlsReportDigest")
                    .mailetContext(noPostmaster)
                    .setProperty("to", ADMIN)
                    .setProperty("user", USER)
                    .setProperty("onMailetException", "ignore")
                    .build());
            try {
                assertThat(mailet.configuration().from()).isEmpty();
                assertThatThrownBy(() -> mailet.runOnce(RUN))
                        .isInstanceOf(MessagingException.class)
                        .hasMessage("SendTlsReportDigest: no digest can be sent: the server has no postmaster"
                                + " address; set the parameter from");
            } finally {
                mailet.destroy();
            }
        }

        @Test
        void shouldAcceptTheSnippetOfTheClassJavadoc() throws Exception {
            Element snippet = javadocSnippet();
            List<String> parameters = new ArrayList<>();
            NodeList children = snippet.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                    Element parameter = (Element) children.item(i);
                    parameters.add(parameter.getTagName());
                    parameters.add(parameter.getTextContent());
                }
            }

            SendTlsReportDigest mailet = initWith(parameters.toArray(String[]::new));

            assertThat(snippet.getAttribute("class")).isEqualTo(SendTlsReportDigest.class.getName());
            assertThat(snippet.getAttribute("match")).isEqualTo("All");
            assertThat(parameters)
                    .containsExactly(
                            "to",
                            "postmaster@example.com",
                            "user",
                            USER,
                            "folder",
                            "TLS-RPT",
                            "period",
                            "daily",
                            "at",
                            "06:00",
                            "timeZone",
                            "UTC");
            assertThat(mailet.configuration().schedule())
                    .isEqualTo(new DigestSchedule(Cadence.DAILY, LocalTime.of(6, 0), ZoneId.of("UTC")));
            assertThat(javadocSnippetText()).contains("<from>tlsrpt-digest@example.com</from>");
            assertThat(SendTlsReportDigest.PARAMETERS)
                    .containsExactly("to", "from", "user", "folder", "period", "at", "timeZone");
        }

        private static String javadocSnippetText() throws Exception {
            String source = Files.readString(
                    Path.of("src/main/java/io/github/jamestlsrpt/mailets/SendTlsReportDigest.java"),
                    StandardCharsets.UTF_8);
            int start = source.indexOf("<pre>{@code") + "<pre>{@code".length();
            int end = source.indexOf("}</pre>", start);
            return source.substring(start, end).replaceAll("(?m)^\\s*\\* ?", "");
        }

        private static Element javadocSnippet() throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setIgnoringComments(true);
            return factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(javadocSnippetText().getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        }
    }

    @Test
    void shouldCountTheReportsAStoreTlsReportsStoredInTheSameMailbox() throws Exception {
        InMemoryReportMailbox mailbox = new InMemoryReportMailbox();
        mailbox.setTime(Instant.parse("2026-11-28T08:00:00Z"));
        StoreTlsReports store =
                new StoreTlsReports(mailbox, Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC));
        store.init(FakeMailetConfig.builder()
                .mailetName("StoreTlsReports")
                .mailetContext(context)
                .setProperty("user", USER)
                .build());
        store.service(io.github.jamestlsrpt.mailets.store.StoreFixtures.mail(
                io.github.jamestlsrpt.mailets.store.StoreFixtures.google()));
        mailbox.setTime(RUN);

        mailet(mailbox).runOnce(RUN);

        assertThat(onlyDigest().plain())
                .contains("[NOTICE] example.com: 0.3% of sessions failed\n")
                .contains("Sessions:      4,000 sessions: 3,988 succeeded, 12 failed (0.3% failed)\n")
                .contains("Reports:       1, from Google LLC\n")
                .contains("1 report received: 1 stored, 0 duplicates (already stored), 0 invalid, 0"
                        + " unauthenticated (no DKIM signature of the reporter), 0 out of scope.\n");
    }
}
