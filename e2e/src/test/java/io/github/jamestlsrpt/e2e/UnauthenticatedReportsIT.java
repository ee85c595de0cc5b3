package io.github.jamestlsrpt.e2e;

import static io.github.jamestlsrpt.e2e.JamesWithPlugin.TLSRPT;
import static io.github.jamestlsrpt.e2e.Operator.REPORTS;
import static io.github.jamestlsrpt.e2e.StoredReports.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.demo.Dkim;
import io.github.jamestlsrpt.demo.ReportMails;
import io.github.jamestlsrpt.demo.SampleReport;
import io.github.jamestlsrpt.demo.Smtp;
import javax.mail.internet.MimeMessage;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 8460 section 3: a report mail must be DKIM-signed by its reporter, and with dkim=require (the sample's
 * setting) a report that no such signature authenticates is not stored as a report: anyone could have written it.
 * The mail itself is not lost: it reaches the INBOX with the reason in X-TLSRPT-Outcome.
 */
class UnauthenticatedReportsIT {

    private static final InMemoryDNSService DNS = new InMemoryDNSService();
    private static final Dkim GOOGLE = Dkim.key("google.com", "20230601").publishIn(DNS);
    private static final Dkim ATTACKER = Dkim.key("attacker.example", "s1").publishIn(DNS);
    private static final String NOT_AUTHENTICATED = "is not authenticated: no DKIM signature of the reporter"
            + " authenticates it, as RFC 8460 section 3 requires: ";

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
    void shouldNotStoreAnUnsignedReport() {
        SampleReport report = report("2026-11-10T00:00:00Z_example.com");
        String messageId = ReportMails.messageId("google.com");

        Smtp.send(smtpPort, "noreply-smtp-tls-reporting@google.com", TLSRPT, ReportMails.googleLike(report, messageId));

        MimeMessage kept = operator.awaitInInbox(TLSRPT, messageId);
        assertThat(header(kept, "X-TLSRPT-Outcome"))
                .startsWith("not stored: the report (part 2, file \"google.com!example.com!")
                .contains(NOT_AUTHENTICATED + "the mail carries no DKIM signature");
        assertThat(header(kept, "X-TLSRPT-Unauthenticated")).isEqualTo("true");
        assertThat(operator.stored(REPORTS, report.reportId())).isEmpty();
    }

    @Test
    void shouldNotStoreAReportWhoseSignatureWasBrokenInTransit() {
        SampleReport report = report("2026-11-11T00:00:00Z_example.com");
        String messageId = ReportMails.messageId("google.com");
        String signed = GOOGLE.sign(ReportMails.googleLike(report, messageId));
        // a relay that rewrites the body (a footer, a re-encoding) breaks the body hash
        String altered = signed.replace(
                "This is an aggregate TLS report from google.com", "This is an aggregate TLS report from g00gle.com");
        assertThat(altered).isNotEqualTo(signed);

        Smtp.send(smtpPort, "noreply-smtp-tls-reporting@google.com", TLSRPT, altered);

        MimeMessage kept = operator.awaitInInbox(TLSRPT, messageId);
        assertThat(header(kept, "X-TLSRPT-Outcome")).contains(NOT_AUTHENTICATED).contains("google.com");
        assertThat(header(kept, "X-TLSRPT-Unauthenticated")).isEqualTo("true");
        assertThat(operator.stored(REPORTS, report.reportId())).isEmpty();
    }

    @Test
    void shouldNotStoreAReportSignedWithABodyLengthLimit() {
        SampleReport report = report("2026-11-12T00:00:00Z_example.com");
        String messageId = ReportMails.messageId("google.com");

        Smtp.send(
                smtpPort,
                "noreply-smtp-tls-reporting@google.com",
                TLSRPT,
                GOOGLE.signWithBodyLengthLimit(ReportMails.googleLike(report, messageId)));

        MimeMessage kept = operator.awaitInInbox(TLSRPT, messageId);
        assertThat(header(kept, "X-TLSRPT-Outcome"))
                .contains(NOT_AUTHENTICATED)
                .contains("(l=), which RFC 8460 section 3 forbids for reports");
        assertThat(header(kept, "X-TLSRPT-Unauthenticated")).isEqualTo("true");
        assertThat(operator.stored(REPORTS, report.reportId())).isEmpty();
    }

    @Test
    void shouldNotStoreAReportFromGoogleThatAnUnrelatedDomainSignedValidly() {
        SampleReport report = report("2026-11-14T00:00:00Z_example.com");
        String messageId = ReportMails.messageId("google.com");

        Smtp.send(
                smtpPort,
                "noreply-smtp-tls-reporting@google.com",
                TLSRPT,
                ATTACKER.sign(ReportMails.googleLike(report, messageId)));

        MimeMessage kept = operator.awaitInInbox(TLSRPT, messageId);
        assertThat(header(kept, "X-TLSRPT-Outcome")).contains(NOT_AUTHENTICATED).contains("attacker.example");
        assertThat(header(kept, "X-TLSRPT-Unauthenticated")).isEqualTo("true");
        assertThat(operator.stored(REPORTS, report.reportId())).isEmpty();
    }

    @Test
    void shouldStoreTheSameReportOnceItComesProperlySigned() {
        SampleReport report = report("2026-11-13T00:00:00Z_example.com");
        String unsignedId = ReportMails.messageId("google.com");
        String signedId = ReportMails.messageId("google.com");
        Smtp.send(
                smtpPort, "noreply-smtp-tls-reporting@google.com", TLSRPT, ReportMails.googleLike(report, unsignedId));
        operator.awaitInInbox(TLSRPT, unsignedId);

        Smtp.send(
                smtpPort,
                "noreply-smtp-tls-reporting@google.com",
                TLSRPT,
                GOOGLE.sign(ReportMails.googleLike(report, signedId)));

        MimeMessage signed = operator.awaitInInbox(TLSRPT, signedId);
        assertThat(header(signed, "X-TLSRPT-Outcome")).isEqualTo("stored: 1 report stored");
        assertThat(header(signed, "X-TLSRPT-Unauthenticated")).isNull();
        assertThat(operator.stored(REPORTS, report.reportId())).hasSize(1);
    }

    private static SampleReport report(String reportId) {
        return SampleReport.of("Google LLC", "smtp-tls-reporting@google.com", reportId, 1000, 0);
    }
}
