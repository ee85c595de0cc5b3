package io.github.jamestlsrpt.e2e;

import static io.github.jamestlsrpt.e2e.JamesWithPlugin.ALICE;
import static io.github.jamestlsrpt.e2e.JamesWithPlugin.TLSRPT;
import static io.github.jamestlsrpt.e2e.Operator.REPORTS;
import static io.github.jamestlsrpt.e2e.StoredReports.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.demo.Dkim;
import io.github.jamestlsrpt.demo.ReportMails;
import io.github.jamestlsrpt.demo.SampleReport;
import io.github.jamestlsrpt.demo.Smtp;
import java.util.List;
import javax.mail.internet.MimeMessage;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing is lost and nothing else is stored as a report: a report part that is not a report, a mail that holds no
 * report, a report sent to someone else than the reporting address, each reach their recipient's INBOX.
 */
class InvalidAndOrdinaryMailIT {

    private static final InMemoryDNSService DNS = new InMemoryDNSService();
    private static final Dkim BROKEN = Dkim.key("broken.example.net", "s1").publishIn(DNS);
    private static final Dkim GOOGLE = Dkim.key("google.com", "20230601").publishIn(DNS);
    private static final MailRepositoryUrl INVALID_REPOSITORY =
            MailRepositoryUrl.from("memory://var/mail/tlsrpt-invalid/");

    @RegisterExtension
    static JamesServerExtension james = JamesWithPlugin.perClass(DNS);

    private static GuiceJamesServer server;
    private static int smtpPort;
    private static Operator operator;

    @BeforeAll
    static void createUsers(GuiceJamesServer james) throws Exception {
        JamesWithPlugin.addUsers(james);
        server = james;
        smtpPort = JamesWithPlugin.smtpPort(james);
        operator = new Operator(james);
    }

    @Test
    void shouldKeepAnHtmlErrorPageSentAsAReportWithoutStoringIt() throws Exception {
        String messageId = ReportMails.messageId("broken.example.net");
        int storedBefore = operator.count(TLSRPT, REPORTS);

        Smtp.send(
                smtpPort,
                "tls-reports@broken.example.net",
                TLSRPT,
                BROKEN.sign(ReportMails.htmlErrorPageAsReport(messageId)));

        MimeMessage kept = operator.awaitInInbox(TLSRPT, messageId);
        assertThat(header(kept, "X-TLSRPT-Outcome"))
                .startsWith("not stored: the report (part 2, file \"broken.example.net!example.com!1.json.gz\") is"
                        + " invalid: ");
        assertThat(header(kept, "X-TLSRPT-Invalid")).isEqualTo("true");
        assertThat(header(kept, "Subject")).contains("Report-ID: <broken-1>");
        assertThat(operator.count(TLSRPT, REPORTS)).isEqualTo(storedBefore);
        assertThat(JamesWithPlugin.repositories(server).getRepositoryMailCount(INVALID_REPOSITORY))
                .isEqualTo(1);
    }

    @Test
    void shouldDeliverAnOrdinaryMailToTheReportingAddressUntouched() {
        String messageId = ReportMails.messageId("sender.example.net");
        int storedBefore = operator.count(TLSRPT, REPORTS);

        Smtp.send(
                smtpPort,
                "bob@sender.example.net",
                TLSRPT,
                ReportMails.ordinaryMail(TLSRPT, "About your TLS reports", messageId));

        MimeMessage delivered = operator.awaitInInbox(TLSRPT, messageId);
        assertThat(header(delivered, "Subject")).isEqualTo("About your TLS reports");
        assertThat(header(delivered, "X-TLSRPT-Outcome")).isNull();
        assertThat(operator.count(TLSRPT, REPORTS)).isEqualTo(storedBefore);
    }

    @Test
    void shouldDeliverOrdinaryMailToOtherUsersAsUsual() {
        String messageId = ReportMails.messageId("sender.example.net");

        Smtp.send(
                smtpPort,
                "bob@sender.example.net",
                ALICE,
                ReportMails.ordinaryMail(ALICE, "Lunch on Friday", messageId));

        MimeMessage delivered = operator.awaitInInbox(ALICE, messageId);
        assertThat(header(delivered, "Subject")).isEqualTo("Lunch on Friday");
        assertThat(header(delivered, "Delivered-To")).isEqualTo(ALICE);
        assertThat(header(delivered, "X-TLSRPT-Outcome")).isNull();
    }

    @Test
    void shouldLeaveAReportSentToSomeoneElseToThatPerson() {
        SampleReport report = SampleReport.of(
                "Google LLC", "smtp-tls-reporting@google.com", "2026-11-15T00:00:00Z_example.com", 10, 0);
        String messageId = ReportMails.messageId("google.com");

        Smtp.send(
                smtpPort,
                "noreply-smtp-tls-reporting@google.com",
                ALICE,
                GOOGLE.sign(ReportMails.googleLike(report, messageId)));

        MimeMessage delivered = operator.awaitInInbox(ALICE, messageId);
        assertThat(header(delivered, "X-TLSRPT-Outcome")).isNull();
        assertThat(operator.stored(REPORTS, report.reportId())).isEmpty();
    }

    @Test
    void shouldSplitAReportMailForTheReportingAddressAndSomeoneElse() {
        SampleReport report = SampleReport.of(
                "Google LLC", "smtp-tls-reporting@google.com", "2026-11-16T00:00:00Z_example.com", 20, 0);
        String messageId = ReportMails.messageId("google.com");

        Smtp.send(
                smtpPort,
                "noreply-smtp-tls-reporting@google.com",
                List.of(TLSRPT, ALICE),
                GOOGLE.sign(ReportMails.googleLike(report, messageId)));

        assertThat(header(operator.awaitInInbox(TLSRPT, messageId), "X-TLSRPT-Outcome"))
                .isEqualTo("stored: 1 report stored");
        assertThat(header(operator.awaitInInbox(ALICE, messageId), "X-TLSRPT-Outcome"))
                .isNull();
        assertThat(operator.stored(REPORTS, report.reportId())).hasSize(1);
    }

    @Test
    void shouldRemoveMarksThatTheSenderForged() {
        SampleReport report = SampleReport.of(
                "Google LLC", "smtp-tls-reporting@google.com", "2026-11-17T00:00:00Z_example.com", 30, 0);
        String messageId = ReportMails.messageId("google.com");
        String forged = "X-TLSRPT-Invalid: true\r\nX-TLSRPT-Outcome: stored: 99 reports stored\r\n"
                + ReportMails.googleLike(report, messageId);

        Smtp.send(smtpPort, "noreply-smtp-tls-reporting@google.com", TLSRPT, GOOGLE.sign(forged));

        MimeMessage delivered = operator.awaitInInbox(TLSRPT, messageId);
        assertThat(header(delivered, "X-TLSRPT-Invalid")).isNull();
        assertThat(header(delivered, "X-TLSRPT-Outcome")).isEqualTo("stored: 1 report stored");
        assertThat(operator.stored(REPORTS, report.reportId())).hasSize(1);
    }
}
