package io.github.jamestlsrpt.e2e;

import static io.github.jamestlsrpt.e2e.JamesWithPlugin.POSTMASTER;
import static io.github.jamestlsrpt.e2e.JamesWithPlugin.TLSRPT;
import static io.github.jamestlsrpt.e2e.Operator.INBOX;
import static io.github.jamestlsrpt.e2e.Operator.REPORTS;
import static io.github.jamestlsrpt.e2e.StoredReports.document;
import static io.github.jamestlsrpt.e2e.StoredReports.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.jamestlsrpt.demo.Dkim;
import io.github.jamestlsrpt.demo.ReportMails;
import io.github.jamestlsrpt.demo.SampleReport;
import io.github.jamestlsrpt.demo.Smtp;
import java.util.List;
import javax.mail.internet.MimeMessage;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signed report mails in the shapes real senders use arrive over SMTP: each report is stored once in
 * tlsrpt@example.com's TLS-RPT folder, where IMAP SEARCH HEADER TLS-Report-Domain finds it and its JSON part carries
 * the report's figures, and the report mail itself is in the INBOX saying what became of it.
 */
class ReportsFromRealSendersIT {

    private static final InMemoryDNSService DNS = new InMemoryDNSService();
    private static final Dkim GOOGLE = Dkim.key("google.com", "20230601").publishIn(DNS);
    private static final Dkim MICROSOFT = Dkim.key("microsoft.com", "selector1").publishIn(DNS);
    private static final Dkim MAIL_RU = Dkim.key("mail.ru", "mail4").publishIn(DNS);
    private static final Dkim BATCH = Dkim.key("batch.example.net", "tlsrpt").publishIn(DNS);

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

    @Test
    void shouldStoreAGoogleLikeReportOnceAndDeliverTheMailToTheInbox() {
        SampleReport report = SampleReport.of(
                "Google LLC", "smtp-tls-reporting@google.com", "2026-11-27T00:00:00Z_example.com", 4000, 12);
        String messageId = ReportMails.messageId("google.com");

        Smtp.send(
                smtpPort,
                "noreply-smtp-tls-reporting@google.com",
                TLSRPT,
                GOOGLE.sign(ReportMails.googleLike(report, messageId)));

        MimeMessage original = operator.awaitInInbox(TLSRPT, messageId);
        assertThat(header(original, "X-TLSRPT-Outcome")).isEqualTo("stored: 1 report stored");
        List<MimeMessage> stored = operator.stored(REPORTS, report.reportId());
        assertThat(stored).hasSize(1);
        assertThat(header(stored.get(0), "Subject"))
                .isEqualTo("TLS report for example.com from Google LLC, 2026-11-27: 12 of 4,012 sessions failed");
        assertThat(header(stored.get(0), "TLS-Report-Domain")).isEqualTo("example.com");
        JsonNode document = document(stored.get(0));
        assertThat(document.at("/report/report-id").asText()).isEqualTo(report.reportId());
        assertThat(document.at("/report/organization-name").asText()).isEqualTo("Google LLC");
        assertThat(document.at("/figures/successful-sessions").asLong()).isEqualTo(4000);
        assertThat(document.at("/figures/failed-sessions").asLong()).isEqualTo(12);
        assertThat(document.at("/figures/total-sessions").asLong()).isEqualTo(4012);
        assertThat(document.at("/figures/failed-sessions-by-result-type/certificate-expired")
                        .asLong())
                .isEqualTo(12);
        assertThat(document.at("/provenance/dkim").asText()).isEqualTo("pass");
        assertThat(document.at("/provenance/dkim-domain").asText()).isEqualTo("google.com");
        assertThat(document.at("/provenance/message-id").asText()).isEqualTo(messageId);
        assertSearchByDomainFinds(report.reportId());
    }

    @Test
    void shouldStoreAMicrosoftLikeReportWithZonelessDatesAndAnHtmlNote() {
        SampleReport report = SampleReport.of(
                        "Microsoft Corporation",
                        "tlsrpt-noreply@microsoft.com",
                        "133773312000000000+example.com",
                        2500,
                        0)
                .withoutTimeZoneNorMxHost();
        String messageId = ReportMails.messageId("microsoft.com");

        Smtp.send(
                smtpPort,
                "tlsrpt-noreply@microsoft.com",
                TLSRPT,
                MICROSOFT.sign(ReportMails.microsoftLike(report, messageId)));

        MimeMessage original = operator.awaitInInbox(TLSRPT, messageId);
        assertThat(header(original, "X-TLSRPT-Outcome")).isEqualTo("stored: 1 report stored");
        List<MimeMessage> stored = operator.stored(REPORTS, report.reportId());
        assertThat(stored).hasSize(1);
        JsonNode document = document(stored.get(0));
        assertThat(document.at("/report/report-id").asText()).isEqualTo(report.reportId());
        assertThat(document.at("/status").asText()).isEqualTo("valid-with-warnings");
        assertThat(document.at("/problems").findValuesAsText("code"))
                .contains("datetime-without-zone", "mx-host-missing");
        assertThat(document.at("/report/date-range/start-datetime").asText()).isEqualTo("2026-11-27T00:00:00Z");
        assertThat(document.at("/figures/successful-sessions").asLong()).isEqualTo(2500);
        assertThat(document.at("/figures/failed-sessions").asLong()).isZero();
        assertThat(document.at("/provenance/dkim-domain").asText()).isEqualTo("microsoft.com");
        assertThat(header(stored.get(0), "Subject"))
                .isEqualTo("TLS report for example.com from Microsoft Corporation, 2026-11-27: no failures in"
                        + " 2,500 sessions");
        assertSearchByDomainFinds(report.reportId());
    }

    @Test
    void shouldStoreAMailRuLikeReportWhoseSubjectIsFolded() {
        SampleReport report =
                SampleReport.of("Mail.Ru", "postmaster@corp.mail.ru", "mailru-20261127-example.com", 310, 2);
        String messageId = ReportMails.messageId("mail.ru");

        Smtp.send(smtpPort, "tlsrpt@mail.ru", TLSRPT, MAIL_RU.sign(ReportMails.mailRuLike(report, messageId)));

        MimeMessage original = operator.awaitInInbox(TLSRPT, messageId);
        assertThat(header(original, "Subject"))
                .isEqualTo("Report Domain: example.com Submitter: mail.ru Report-ID: <" + report.reportId() + ">");
        assertThat(header(original, "X-TLSRPT-Outcome")).isEqualTo("stored: 1 report stored");
        List<MimeMessage> stored = operator.stored(REPORTS, report.reportId());
        assertThat(stored).hasSize(1);
        JsonNode document = document(stored.get(0));
        assertThat(document.at("/report/report-id").asText()).isEqualTo(report.reportId());
        assertThat(document.at("/figures/total-sessions").asLong()).isEqualTo(312);
        assertThat(document.at("/figures/failed-sessions").asLong()).isEqualTo(2);
        assertThat(document.at("/provenance/dkim").asText()).isEqualTo("pass");
        assertThat(header(stored.get(0), "TLS-Report-Submitter")).isEqualTo("corp.mail.ru");
        assertSearchByDomainFinds(report.reportId());
    }

    @Test
    void shouldStoreEachOfTwoReportsInOneMailAsAMessageOfItsOwn() {
        SampleReport first = SampleReport.of(
                "Batch Example", "tlsrpt@batch.example.net", "batch-2026-11-27-sts-example.com", 120, 0);
        SampleReport second = SampleReport.of(
                "Batch Example", "tlsrpt@batch.example.net", "batch-2026-11-27-second-example.com", 75, 5);
        String messageId = ReportMails.messageId("batch.example.net");

        Smtp.send(
                smtpPort,
                "bounces@batch.example.net",
                TLSRPT,
                BATCH.sign(ReportMails.batch(List.of(first, second), messageId)));

        MimeMessage original = operator.awaitInInbox(TLSRPT, messageId);
        assertThat(header(original, "X-TLSRPT-Outcome")).isEqualTo("stored: 2 reports stored");
        List<MimeMessage> storedFirst = operator.stored(REPORTS, first.reportId());
        List<MimeMessage> storedSecond = operator.stored(REPORTS, second.reportId());
        assertThat(storedFirst).hasSize(1);
        assertThat(storedSecond).hasSize(1);
        assertThat(document(storedFirst.get(0)).at("/figures/total-sessions").asLong())
                .isEqualTo(120);
        assertThat(document(storedSecond.get(0)).at("/figures/failed-sessions").asLong())
                .isEqualTo(5);
        assertThat(document(storedSecond.get(0)).at("/report/report-id").asText())
                .isEqualTo(second.reportId());
        assertSearchByDomainFinds(first.reportId());
        assertSearchByDomainFinds(second.reportId());
    }

    @Test
    void shouldMailThePostmasterASummaryOfAReportWithFailedSessions() {
        SampleReport report = SampleReport.of(
                "Google LLC", "smtp-tls-reporting@google.com", "2026-11-26T00:00:00Z_example.com", 90, 10);
        String messageId = ReportMails.messageId("google.com");

        Smtp.send(
                smtpPort,
                "noreply-smtp-tls-reporting@google.com",
                TLSRPT,
                GOOGLE.sign(ReportMails.googleLike(report, messageId)));

        List<MimeMessage> stored = operator.awaitInFolder(TLSRPT, REPORTS, "X-TLSRPT-Report-Id", report.reportId());
        assertThat(stored).hasSize(1);
        String key = header(stored.get(0), "X-TLSRPT-Deduplication-Key");
        List<MimeMessage> summaries = operator.awaitInFolder(POSTMASTER, INBOX, "X-TLSRPT-Summary", key);
        assertThat(summaries).hasSize(1);
        assertThat(header(summaries.get(0), "Subject"))
                .startsWith("TLS report: 10 of 100 sessions to example.com failed (10");
        assertThat(header(summaries.get(0), "Auto-Submitted")).isEqualTo("auto-generated");
    }

    private static void assertSearchByDomainFinds(String reportId) {
        List<Integer> withReportId = operator.search(REPORTS, "HEADER X-TLSRPT-Report-Id \"" + reportId + "\"");
        assertThat(withReportId).hasSize(1);
        assertThat(operator.search(REPORTS, "HEADER TLS-Report-Domain example.com"))
                .containsAll(withReportId);
    }
}
