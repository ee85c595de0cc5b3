package io.github.jamestlsrpt.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.ReportOutcome;
import io.github.jamestlsrpt.mail.TlsReportAttributes;
import io.github.jamestlsrpt.mailets.store.InMemoryReportMailbox;
import io.github.jamestlsrpt.mailets.store.MailboxFolder;
import io.github.jamestlsrpt.mailets.store.ReportMailboxException;
import io.github.jamestlsrpt.mailets.store.StoreFixtures;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class StoreTlsReportsTest {

    private static final String USER = "tlsrpt@example.com";
    private static final MailboxFolder FOLDER = new MailboxFolder(USER, "TLS-RPT");
    private static final MailboxFolder OUT_OF_SCOPE = new MailboxFolder(USER, "TLS-RPT.Out-of-scope");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:00:05Z"), ZoneOffset.UTC);

    private final InMemoryReportMailbox mailbox = new InMemoryReportMailbox();

    @Nested
    class Storing {

        @Test
        void shouldStoreTheReportAsAMessageInTheFolder() throws Exception {
            StoreTlsReports mailet = mailet();
            ExtractedReport report = StoreFixtures.google();

            mailet.service(StoreFixtures.mail(report));

            List<MimeMessage> stored = mailbox.parsedMessages(FOLDER);
            assertThat(stored).hasSize(1);
            MimeMessage message = stored.get(0);
            assertThat(message.getSubject())
                    .isEqualTo("TLS report for example.com from Google LLC, 2026-11-28: 12 of 4,000 sessions failed");
            assertThat(message.getHeader("X-TLSRPT-Deduplication-Key")).containsExactly(report.deduplicationKey());
            assertThat(message.getHeader("X-TLSRPT-Status")).containsExactly("valid; outcome=accepted; dkim=pass");
            assertThat(message.getSentDate().toInstant()).isEqualTo(CLOCK.instant());
            MimeMultipart parts = (MimeMultipart) message.getContent();
            assertThat(parts.getCount()).isEqualTo(3);
            try (InputStream original = parts.getBodyPart(2).getInputStream()) {
                assertThat(original.readAllBytes()).isEqualTo(report.original());
            }
        }

        @Test
        void shouldStoreOneMessagePerReportOfAMailWithTwoReports() throws Exception {
            StoreTlsReports mailet = mailet();
            ExtractedReport google = StoreFixtures.google();
            ExtractedReport second = StoreFixtures.accepted(
                    StoreFixtures.reportJson("Example Mail Inc.", "second-1", "example.net", 100, 0));
            FakeMail mail = StoreFixtures.mail(google, second);

            mailet.service(mail);

            assertThat(mailbox.parsedMessages(FOLDER))
                    .extracting(message -> message.getHeader("X-TLSRPT-Report-Id")[0])
                    .containsExactly(google.reportId(), "second-1");
            assertThat(stored(mail)).isEqualTo(2);
            assertThat(duplicates(mail)).isZero();
            assertThat(outcomeHeader(mail)).isEqualTo("stored: 2 reports stored");
        }

        @Test
        void shouldStoreAReportFlaggedByDkimWithItsVerdict() throws Exception {
            StoreTlsReports mailet = mailet();

            mailet.service(
                    StoreFixtures.mail(DkimVerdict.fail("no signature of google.com passes"), StoreFixtures.google()));

            assertThat(mailbox.parsedMessages(FOLDER).get(0).getHeader("X-TLSRPT-Status"))
                    .containsExactly("valid; outcome=accepted; dkim=fail");
        }

        @Test
        void shouldLeaveAMailThatWasNotReadByExtractionAlone() throws Exception {
            StoreTlsReports mailet = mailet("original", "consume");
            FakeMail mail = StoreFixtures.unreadMail();

            mailet.service(mail);

            assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
            assertThat(mail.getMessage().getHeader(StoreTlsReports.OUTCOME_HEADER))
                    .isNull();
            assertThat(mail.getAttribute(TlsReportAttributes.STORED)).isEmpty();
            assertThat(mailbox.exists(FOLDER)).isFalse();
        }
    }

    @Nested
    class Duplicates {

        @Test
        void shouldCountAndNotStoreAReportThatArrivesAgain() throws Exception {
            StoreTlsReports mailet = mailet();
            mailet.service(StoreFixtures.mail(StoreFixtures.google()));
            FakeMail again = StoreFixtures.mail(StoreFixtures.google());

            mailet.service(again);

            assertThat(mailbox.messages(FOLDER)).hasSize(1);
            assertThat(stored(again)).isZero();
            assertThat(duplicates(again)).isEqualTo(1);
            assertThat(outcomeHeader(again)).isEqualTo("stored: 1 report was already stored (duplicate)");
        }

        @Test
        void shouldStoreOneCopyWhenEightCopiesArriveAtTheSameMoment() throws Exception {
            mailbox.slowAppendsBy(java.time.Duration.ofMillis(20));
            StoreTlsReports mailet = mailet();
            List<FakeMail> mails = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                mails.add(StoreFixtures.mail(StoreFixtures.google()));
            }

            ExecutorService executor = Executors.newFixedThreadPool(8);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (FakeMail mail : mails) {
                    done.add(executor.submit(() -> {
                        start.await();
                        mailet.service(mail);
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> future : done) {
                    future.get(30, TimeUnit.SECONDS);
                }
            } finally {
                executor.shutdownNow();
            }

            assertThat(mailbox.messages(FOLDER)).hasSize(1);
            assertThat(mails.stream().mapToLong(StoreTlsReportsTest::stored).sum())
                    .isEqualTo(1);
            assertThat(mails.stream().mapToLong(StoreTlsReportsTest::duplicates).sum())
                    .isEqualTo(7);
        }

        @Test
        void shouldRecogniseAReportStoredBeforeARestart() throws Exception {
            mailet().service(StoreFixtures.mail(StoreFixtures.google()));
            StoreTlsReports afterRestart = mailet();
            FakeMail days = StoreFixtures.mail(StoreFixtures.google());

            afterRestart.service(days);

            assertThat(mailbox.messages(FOLDER)).hasSize(1);
            assertThat(duplicates(days)).isEqualTo(1);
        }

        @Test
        void shouldConsumeAMailWhoseReportsWereAllStoredBefore() throws Exception {
            StoreTlsReports mailet = mailet("original", "consume");
            mailet.service(StoreFixtures.mail(StoreFixtures.google()));
            FakeMail again = StoreFixtures.mail(StoreFixtures.google());

            mailet.service(again);

            assertThat(again.getState()).isEqualTo(Mail.GHOST);
            assertThat(duplicates(again)).isEqualTo(1);
        }
    }

    @Nested
    class MailboxFailures {

        @Test
        void shouldThrowWithTheCauseAndMarkNothingWhenTheMailboxFails() throws Exception {
            StoreTlsReports mailet = mailet("original", "consume");
            mailbox.failNextAppend("mailbox backend unavailable");
            FakeMail mail = StoreFixtures.mail(StoreFixtures.google());

            assertThatThrownBy(() -> mailet.service(mail))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageContaining("could not be stored in TLS-RPT of tlsrpt@example.com")
                    .hasCauseInstanceOf(ReportMailboxException.class)
                    .cause()
                    .hasMessage("mailbox backend unavailable");
            assertThat(mailbox.messages(FOLDER)).isEmpty();
            assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
            assertThat(mail.getAttribute(TlsReportAttributes.STORED)).isEmpty();
        }

        @Test
        void shouldStoreTheReportOnceWhenJamesRetriesTheMail() throws Exception {
            StoreTlsReports mailet = mailet();
            mailbox.failNextAppend("mailbox backend unavailable");
            FakeMail mail = StoreFixtures.mail(StoreFixtures.google());
            assertThatThrownBy(() -> mailet.service(mail)).isInstanceOf(MessagingException.class);

            mailet.service(mail);
            mailet.service(mail);

            assertThat(mailbox.messages(FOLDER)).hasSize(1);
        }

        @Test
        void shouldCountAReportStoredBeforeTheFailureAsADuplicateOnRetry() throws Exception {
            StoreTlsReports mailet = mailet();
            ExtractedReport second = StoreFixtures.accepted(
                    StoreFixtures.reportJson("Example Mail Inc.", "second-1", "example.net", 100, 0));
            FakeMail mail = StoreFixtures.mail(StoreFixtures.google(), second);
            mailbox.failAppendAfter(1, "quota exceeded");

            assertThatThrownBy(() -> mailet.service(mail))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageContaining("TLS report second-1 of mail " + mail.getName());
            mailet.service(mail);

            assertThat(mailbox.parsedMessages(FOLDER))
                    .extracting(message -> message.getHeader("X-TLSRPT-Report-Id")[0])
                    .containsExactly(StoreFixtures.GOOGLE_REPORT_ID, "second-1");
            assertThat(stored(mail)).isEqualTo(1);
            assertThat(duplicates(mail)).isEqualTo(1);
        }
    }

    @Nested
    class Original {

        @Test
        void shouldLetTheMailGoOnWithItsOutcomeByDefault() throws Exception {
            StoreTlsReports mailet = mailet();
            FakeMail mail = StoreFixtures.mail(StoreFixtures.google());
            String state = mail.getState();

            mailet.service(mail);

            assertThat(mail.getState()).isEqualTo(state);
            assertThat(outcomeHeader(mail)).isEqualTo("stored: 1 report stored");
        }

        @Test
        void shouldSetTheOutcomeHeaderWithoutReadingTheBodyOfTheMail() throws Exception {
            StoreTlsReports mailet = mailet();
            String body = "--b1\r\nContent-Type: text/plain\r\n\r\nA TLS report.\r\n--b1\r\n"
                    + "Content-Type: application/tlsrpt+json\r\n\r\n{\"organization-name\": \"Google LLC\"}\r\n--b1--\r\n";
            BodyWatchingMessage message = new BodyWatchingMessage(("From: noreply@google.com\r\n"
                            + "To: tlsrpt@example.com\r\nSubject: Report\r\nDate: Sun, 29 Nov 2026 04:17:13 +0000\r\n"
                            + "Message-ID: <report-1@google.com>\r\nMIME-Version: 1.0\r\n"
                            + "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"b1\"\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            FakeMail mail = FakeMail.builder()
                    .name("mail-watched")
                    .sender("noreply@google.com")
                    .recipient(USER)
                    .mimeMessage(message)
                    .build();
            TlsReportAttributes.writeExtraction(
                    mail,
                    DkimVerdict.pass("google.com", "a signature of google.com passes"),
                    List.of(StoreFixtures.google()));

            mailet.service(mail);

            assertThat(message.bodyRead).isFalse();
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            message.writeTo(written); // saves the changes itself
            String text = written.toString(StandardCharsets.US_ASCII);
            assertThat(text)
                    .contains("\r\nX-TLSRPT-Outcome: stored: 1 report stored\r\n")
                    .endsWith("\r\n\r\n" + body);
        }

        @Test
        void shouldConsumeTheMailOnceEveryReportIsStored() throws Exception {
            StoreTlsReports mailet = mailet("original", "consume");
            FakeMail mail = StoreFixtures.mail(StoreFixtures.google());

            mailet.service(mail);

            assertThat(mail.getState()).isEqualTo(Mail.GHOST);
            assertThat(mailbox.messages(FOLDER)).hasSize(1);
            assertThat(stored(mail)).isEqualTo(1);
        }

        @Test
        void shouldNeverConsumeAMailWithAnInvalidReport() throws Exception {
            StoreTlsReports mailet = mailet("original", "consume");
            FakeMail mail = StoreFixtures.mail(
                    StoreFixtures.google(), StoreFixtures.invalid("the payload is not JSON (it starts with <html>)"));

            mailet.service(mail);

            assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
            assertThat(mailbox.messages(FOLDER)).hasSize(1);
            assertThat(stored(mail)).isEqualTo(1);
            assertThat(outcomeHeader(mail))
                    .isEqualTo("not stored: report 2 of 2 (part 3, file \"report.json\") is invalid: the payload is"
                            + " not JSON (it starts with <html>); 1 report stored");
        }

        @Test
        void shouldNeverConsumeAnUnauthenticatedReport() throws Exception {
            StoreTlsReports mailet = mailet("original", "consume");
            FakeMail mail = StoreFixtures.mail(
                    DkimVerdict.none(),
                    StoreFixtures.google()
                            .withOutcome(ReportOutcome.UNAUTHENTICATED, "the mail carries no DKIM signature"));

            mailet.service(mail);

            assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
            assertThat(mailbox.exists(FOLDER)).isFalse();
            assertThat(stored(mail)).isZero();
            assertThat(duplicates(mail)).isZero();
            assertThat(outcomeHeader(mail))
                    .isEqualTo("not stored: the report (part 2, file \"" + StoreFixtures.GOOGLE_FILENAME
                            + "\") is not authenticated: the mail carries no DKIM signature");
        }

        @Test
        void shouldGiveAReasonOfItsOwnWhenExtractionGaveNone() throws Exception {
            StoreTlsReports mailet = mailet();
            FakeMail mail = StoreFixtures.mail(
                    StoreFixtures.google().withOutcome(ReportOutcome.UNAUTHENTICATED, null),
                    StoreFixtures.invalid(" "));

            mailet.service(mail);

            assertThat(outcomeHeader(mail))
                    .contains("is not authenticated: no DKIM signature of the reporter passes (RFC 8460 section 3)")
                    .contains("is invalid: the report cannot be used");
        }

        @Test
        void shouldNeverConsumeAMailWithoutReports() throws Exception {
            StoreTlsReports mailet = mailet("original", "consume");
            FakeMail mail = StoreFixtures.mail(DkimVerdict.none());

            mailet.service(mail);

            assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
            assertThat(stored(mail)).isZero();
            assertThat(outcomeHeader(mail)).isEqualTo("not stored: no TLS report was found in this mail");
        }

        @Test
        void shouldReplaceAnOutcomeHeaderTheSenderPutThere() throws Exception {
            StoreTlsReports mailet = mailet();
            FakeMail mail = StoreFixtures.mail(StoreFixtures.google());
            mail.getMessage().addHeader(StoreTlsReports.OUTCOME_HEADER, "stored: trust me");

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader(StoreTlsReports.OUTCOME_HEADER))
                    .containsExactly("stored: 1 report stored");
        }

        @Test
        void shouldNotLetAReasonAddAHeaderToTheMail() throws Exception {
            StoreTlsReports mailet = mailet();
            FakeMail mail = StoreFixtures.mail(StoreFixtures.invalid("broken\r\nBcc: victim@example.org"));

            mailet.service(mail);

            assertThat(mail.getMessage().getHeader("Bcc")).isNull();
            assertThat(outcomeHeader(mail)).endsWith("is invalid: broken\\u000d\\u000aBcc: victim@example.org");
        }
    }

    @Nested
    class OutOfScope {

        @Test
        void shouldNotStoreAnOutOfScopeReportWithoutOutOfScopeFolder() throws Exception {
            StoreTlsReports mailet = mailet("original", "consume");
            FakeMail mail = StoreFixtures.mail(
                    StoreFixtures.google().withOutcome(ReportOutcome.OUT_OF_SCOPE, "example.com is not served here"));

            mailet.service(mail);

            assertThat(mailbox.exists(FOLDER)).isFalse();
            assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
            assertThat(outcomeHeader(mail))
                    .endsWith("is out of scope and outOfScopeFolder is not set: example.com is not served here");
        }

        @Test
        void shouldStoreAnOutOfScopeReportApartWhenOutOfScopeFolderIsSet() throws Exception {
            StoreTlsReports mailet = mailet("outOfScopeFolder", "TLS-RPT.Out-of-scope", "original", "consume");
            FakeMail mail = StoreFixtures.mail(
                    StoreFixtures.accepted(StoreFixtures.reportJson("Ours", "ours-1", "example.com", 5, 0)),
                    StoreFixtures.google().withOutcome(ReportOutcome.OUT_OF_SCOPE, "example.com is not served here"));

            mailet.service(mail);

            assertThat(mailbox.parsedMessages(FOLDER))
                    .extracting(message -> message.getHeader("X-TLSRPT-Report-Id")[0])
                    .containsExactly("ours-1");
            assertThat(mailbox.parsedMessages(OUT_OF_SCOPE))
                    .extracting(MimeMessage::getSubject)
                    .containsExactly("[out of scope] TLS report for example.com from Google LLC, 2026-11-28: 12 of"
                            + " 4,000 sessions failed");
            assertThat(stored(mail)).isEqualTo(2);
            assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        }
    }

    @Nested
    class Configuration {

        @Test
        void shouldUseTheDocumentedDefaults() throws Exception {
            StoreTlsReports mailet = mailet();

            assertThat(mailet.configuration())
                    .isEqualTo(new StoreTlsReports.Configuration(
                            USER, "TLS-RPT", Optional.empty(), StoreTlsReports.Original.KEEP));
        }

        @Test
        void shouldAcceptTheSnippetOfTheClassJavadoc() throws Exception {
            Element snippet = javadocSnippet();
            FakeMailetConfig.Builder config = FakeMailetConfig.builder()
                    .mailetName("StoreTlsReports")
                    .mailetContext(FakeMailContext.defaultContext());
            List<String> names = new ArrayList<>();
            NodeList children = snippet.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                    Element parameter = (Element) children.item(i);
                    names.add(parameter.getTagName());
                    config.setProperty(parameter.getTagName(), parameter.getTextContent());
                }
            }
            StoreTlsReports mailet = new StoreTlsReports(mailbox, CLOCK);

            mailet.init(config.build());

            assertThat(snippet.getAttribute("class")).isEqualTo(StoreTlsReports.class.getName());
            assertThat(names).containsExactly("user", "folder", "original");
            assertThat(mailet.configuration())
                    .isEqualTo(new StoreTlsReports.Configuration(
                            USER, "TLS-RPT", Optional.empty(), StoreTlsReports.Original.KEEP));
            assertThat(javadocSnippetText()).contains("<outOfScopeFolder>TLS-RPT.Out-of-scope</outOfScopeFolder>");
        }

        @Test
        void shouldAcceptAUserWithoutDomainAndFoldersWithSlashes() throws Exception {
            StoreTlsReports mailet =
                    configured("user", "tlsrpt", "folder", "Reports/TLS", "outOfScopeFolder", "Reports/TLS/Other");

            assertThat(mailet.configuration())
                    .isEqualTo(new StoreTlsReports.Configuration(
                            "tlsrpt", "Reports/TLS", Optional.of("Reports/TLS/Other"), StoreTlsReports.Original.KEEP));
        }

        @Test
        void shouldRequireTheUser() {
            assertThatThrownBy(() -> configured())
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("StoreTlsReports: parameter user is required: the user whose mailbox receives the"
                            + " reports, such as tlsrpt@example.com");
            assertThatThrownBy(() -> configured("user", " "))
                    .hasMessageStartingWith("StoreTlsReports: parameter user is required");
        }

        @Test
        void shouldRejectAUserThatIsNotAnAddress() {
            assertThatThrownBy(() -> configured("user", "tls rpt@example.com"))
                    .hasMessage(
                            "StoreTlsReports: parameter user must not contain white space: \"tls rpt@example.com\"");
            assertThatThrownBy(() -> configured("user", "tlsrpt@example@com"))
                    .hasMessageStartingWith("StoreTlsReports: parameter user is not a user name or mail address:");
            assertThatThrownBy(() -> configured("user", "@example.com"))
                    .hasMessageStartingWith("StoreTlsReports: parameter user is not a user name or mail address:");
            assertThatThrownBy(() -> configured("user", "tls<rpt"))
                    .hasMessageStartingWith("StoreTlsReports: parameter user is not a mail address:");
            assertThatThrownBy(() -> configured("user", "a\"b@example.com"))
                    .hasMessageStartingWith("StoreTlsReports: parameter user is not a user name or mail address:");
        }

        @Test
        void shouldRejectFoldersJamesCannotHold() {
            assertThatThrownBy(() -> configured("user", USER, "folder", ""))
                    .hasMessage("StoreTlsReports: parameter folder must not be empty; the default is TLS-RPT");
            assertThatThrownBy(() -> configured("user", USER, "folder", "TLS%RPT"))
                    .hasMessage("StoreTlsReports: parameter folder must not contain control characters, % or *:"
                            + " \"TLS%RPT\"");
            assertThatThrownBy(() -> configured("user", USER, "folder", "TLS\nRPT"))
                    .hasMessageStartingWith("StoreTlsReports: parameter folder must not contain control characters");
            assertThatThrownBy(() -> configured("user", USER, "folder", "TLS-RPT..Old"))
                    .hasMessageStartingWith("StoreTlsReports: parameter folder has an empty level: \"TLS-RPT..Old\"");
            assertThatThrownBy(() -> configured("user", USER, "folder", "x".repeat(201)))
                    .hasMessage("StoreTlsReports: parameter folder is longer than 200 characters");
            assertThatThrownBy(() -> configured("user", USER, "outOfScopeFolder", ""))
                    .hasMessage("StoreTlsReports: parameter outOfScopeFolder must not be empty; leave it out to not"
                            + " store out-of-scope reports");
            assertThatThrownBy(() -> configured("user", USER, "outOfScopeFolder", "/TLS-RPT"))
                    .hasMessageStartingWith("StoreTlsReports: parameter outOfScopeFolder has an empty level");
        }

        @Test
        void shouldRejectTheSameFolderForBoth() {
            assertThatThrownBy(() -> configured("user", USER, "outOfScopeFolder", "TLS-RPT"))
                    .hasMessage("StoreTlsReports: parameter outOfScopeFolder must differ from folder (\"TLS-RPT\");"
                            + " leave it out to not store out-of-scope reports");
        }

        @Test
        void shouldAcceptOnlyKeepOrConsume() throws Exception {
            assertThat(configured("user", USER, "original", "consume")
                            .configuration()
                            .original())
                    .isEqualTo(StoreTlsReports.Original.CONSUME);
            assertThatThrownBy(() -> configured("user", USER, "original", "Keep"))
                    .hasMessage("StoreTlsReports: parameter original must be keep or consume, not \"Keep\" (the"
                            + " default is keep)");
            assertThatThrownBy(() -> configured("user", USER, "original", "true"))
                    .hasMessageStartingWith("StoreTlsReports: parameter original must be keep or consume");
        }

        @Test
        void shouldRejectUnknownParameters() {
            assertThatThrownBy(() -> configured("user", USER, "folders", "TLS-RPT", "orignal", "keep"))
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("StoreTlsReports: unknown parameters folders, orignal; the parameters are user, folder,"
                            + " outOfScopeFolder and original");
            assertThatThrownBy(() -> configured("user", USER, "consume", "true"))
                    .hasMessageStartingWith("StoreTlsReports: unknown parameter consume;");
        }

        @Test
        void shouldLeaveJamesErrorHandlingParametersToJames() throws Exception {
            StoreTlsReports mailet =
                    configured("user", USER, "onMailetException", "tlsrpt-error", "onMatchException", "propagate");

            assertThat(mailet.configuration())
                    .isEqualTo(new StoreTlsReports.Configuration(
                            USER, "TLS-RPT", Optional.empty(), StoreTlsReports.Original.KEEP));
        }

        @Test
        void shouldDescribeItself() throws Exception {
            assertThat(mailet().getMailetInfo()).startsWith("StoreTlsReports");
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private StoreTlsReports mailet(String... parameters) throws MessagingException {
        String[] all = new String[parameters.length + 2];
        all[0] = "user";
        all[1] = USER;
        System.arraycopy(parameters, 0, all, 2, parameters.length);
        return configured(all);
    }

    private StoreTlsReports configured(String... parameters) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder()
                .mailetName("StoreTlsReports")
                .mailetContext(FakeMailContext.defaultContext());
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        StoreTlsReports mailet = new StoreTlsReports(mailbox, CLOCK);
        mailet.init(config.build());
        return mailet;
    }

    private static long stored(Mail mail) {
        return longAttribute(mail, TlsReportAttributes.STORED);
    }

    private static long duplicates(Mail mail) {
        return longAttribute(mail, TlsReportAttributes.DUPLICATES);
    }

    private static long longAttribute(Mail mail, AttributeName name) {
        return mail.getAttribute(name)
                .map(attribute -> (Long) attribute.getValue().value())
                .orElseThrow(() -> new AssertionError("no attribute " + name.asString()));
    }

    private static String outcomeHeader(Mail mail) throws Exception {
        String[] values = mail.getMessage().getHeader(StoreTlsReports.OUTCOME_HEADER);
        assertThat(values).hasSize(1);
        return MimeUtility.decodeText(MimeUtility.unfold(values[0]));
    }

    private static String javadocSnippetText() throws Exception {
        String source = Files.readString(
                Path.of("src/main/java/io/github/jamestlsrpt/mailets/StoreTlsReports.java"), StandardCharsets.UTF_8);
        int start = source.indexOf("<pre>{@code") + "<pre>{@code".length();
        int end = source.indexOf("}</pre>", start);
        return source.substring(start, end).replaceAll("(?m)^\\s*\\* ?", "");
    }

    private static Element javadocSnippet() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setIgnoringComments(true);
        return factory.newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(javadocSnippetText().getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }

    /** A message that notes when its body is read (its data handler asked for), as saving changes does. */
    private static final class BodyWatchingMessage extends MimeMessage {
        private boolean bodyRead;

        BodyWatchingMessage(byte[] bytes) throws MessagingException {
            super(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
        }

        @Override
        public synchronized DataHandler getDataHandler() throws MessagingException {
            bodyRead = true;
            return super.getDataHandler();
        }
    }
}
