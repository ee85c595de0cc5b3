package io.github.jamestlsrpt.e2e;

import static io.github.jamestlsrpt.e2e.JamesWithPlugin.TLSRPT;
import static io.github.jamestlsrpt.e2e.Operator.OUT_OF_SCOPE;
import static io.github.jamestlsrpt.e2e.Operator.REPORTS;
import static io.github.jamestlsrpt.e2e.StoredReports.document;
import static io.github.jamestlsrpt.e2e.StoredReports.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.demo.Dkim;
import io.github.jamestlsrpt.demo.ReportMails;
import io.github.jamestlsrpt.demo.SampleReport;
import io.github.jamestlsrpt.demo.Smtp;
import java.util.Collection;
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
 * Reports handled as conf-samples/mailetcontainer.xml configures: a report about a domain this server does not
 * serve is kept apart in TLS-RPT.Out-of-scope; a report whose DKIM key cannot be looked up because the DNS fails
 * goes to the tlsrpt-error processor, which keeps it for reprocessing and still delivers it, and once the DNS answers
 * again the operator's reprocessing (James 3.8 has no automatic retry of a repository) stores it.
 */
class OutOfScopeAndDnsFailureIT {

    private static final String DNS_DOWN = "dns-down.example";
    private static final FailingDns DNS = new FailingDns();
    private static final Dkim GOOGLE = Dkim.key("google.com", "20230601").publishIn(DNS);
    /** Published, but out of reach while the DNS fails. */
    private static final Dkim UNREACHABLE = Dkim.key(DNS_DOWN, "s1").publishIn(DNS);

    private static final MailRepositoryUrl ERROR_REPOSITORY = MailRepositoryUrl.from("memory://var/mail/tlsrpt-error/");

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
    void shouldKeepAReportForADomainNotServedHereApart() {
        SampleReport report = SampleReport.of(
                        "Google LLC", "smtp-tls-reporting@google.com", "2026-11-27T00:00:00Z_other.example", 50, 1)
                .forDomain("other.example");
        String messageId = ReportMails.messageId("google.com");

        Smtp.send(
                smtpPort,
                "noreply-smtp-tls-reporting@google.com",
                TLSRPT,
                GOOGLE.sign(ReportMails.googleLike(report, messageId)));

        MimeMessage original = operator.awaitInInbox(TLSRPT, messageId);
        assertThat(header(original, "X-TLSRPT-Outcome")).isEqualTo("stored: 1 report stored");
        assertThat(operator.folders(TLSRPT)).contains(REPORTS, OUT_OF_SCOPE);
        assertThat(operator.stored(REPORTS, report.reportId())).isEmpty();
        List<MimeMessage> apart = operator.stored(OUT_OF_SCOPE, report.reportId());
        assertThat(apart).hasSize(1);
        assertThat(header(apart.get(0), "Subject")).startsWith("[out of scope] TLS report for other.example");
        assertThat(header(apart.get(0), "TLS-Report-Domain")).isEqualTo("other.example");
        assertThat(document(apart.get(0)).at("/figures/total-sessions").asLong())
                .isEqualTo(51);
    }

    @Test
    void shouldKeepAndDeliverAReportWhoseKeyTheDnsCouldNotLookUpAndStoreItWhenReprocessedOnceTheDnsAnswers()
            throws Exception {
        SampleReport report = SampleReport.of("DNS Down", "tlsrpt@" + DNS_DOWN, "2026-11-27T00:00:00Z_dns-down", 70, 0);
        String messageId = ReportMails.messageId(DNS_DOWN);
        String mail = ReportMails.googleLike(report, messageId)
                .replace("From: noreply-smtp-tls-reporting@google.com", "From: tlsrpt@" + DNS_DOWN);

        Smtp.send(smtpPort, "tlsrpt@" + DNS_DOWN, TLSRPT, UNREACHABLE.sign(mail));

        MimeMessage delivered = operator.awaitInInbox(TLSRPT, messageId);
        assertThat(header(delivered, "X-TLSRPT-Outcome"))
                .startsWith("not stored: the mail could not be processed now (see James's log)");
        assertThat(JamesWithPlugin.repositories(server).getRepositoryMailCount(ERROR_REPOSITORY))
                .isEqualTo(1);
        assertThat(operator.stored(REPORTS, report.reportId())).isEmpty();

        DNS.failing = false;
        JamesWithPlugin.reprocessing(server).reprocessAll(ERROR_REPOSITORY, "tlsrpt");

        List<MimeMessage> copies = operator.awaitInInbox(TLSRPT, messageId, 2);
        assertThat(copies)
                .extracting(copy -> header(copy, "X-TLSRPT-Outcome"))
                .containsExactlyInAnyOrder(header(delivered, "X-TLSRPT-Outcome"), "stored: 1 report stored");
        assertThat(operator.stored(REPORTS, report.reportId())).hasSize(1);
        assertThat(JamesWithPlugin.repositories(server).getRepositoryMailCount(ERROR_REPOSITORY))
                .isZero();
    }

    /**
     * James's in-memory DNS, but a resolver that fails (SERVFAIL) for every name under dns-down.example until the
     * test says it answers again.
     */
    private static final class FailingDns extends InMemoryDNSService {
        private volatile boolean failing = true;

        @Override
        public Collection<String> findTXTRecords(String hostname) {
            if (failing && hostname.endsWith("." + DNS_DOWN)) {
                throw new IllegalStateException("SERVFAIL for " + hostname + " (simulated DNS failure)");
            }
            return super.findTXTRecords(hostname);
        }
    }
}
