package io.github.jamestlsrpt.e2e;

import static io.github.jamestlsrpt.e2e.JamesWithPlugin.POSTMASTER;
import static io.github.jamestlsrpt.e2e.JamesWithPlugin.TLSRPT;
import static io.github.jamestlsrpt.e2e.Operator.INBOX;
import static io.github.jamestlsrpt.e2e.Operator.OUT_OF_SCOPE;
import static io.github.jamestlsrpt.e2e.Operator.REPORTS;
import static io.github.jamestlsrpt.e2e.StoredReports.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.demo.DemoMails;
import io.github.jamestlsrpt.demo.DemoMails.Delivery;
import io.github.jamestlsrpt.demo.DemoMails.Sent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerExtension;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's mails (./demo.sh) sent to the demo's server: each becomes what the demo announces, and the newcomer then
 * finds over IMAP what the README promises.
 */
class DemoIT {

    private static final InMemoryDNSService DNS = new InMemoryDNSService();
    private static final DemoMails DEMO = new DemoMails(DNS, LocalDate.of(2026, 11, 28));

    @RegisterExtension
    static JamesServerExtension james = JamesWithPlugin.perClass(DNS);

    @Test
    void shouldStoreFourReportsKeepOneApartAndSummariseTheTwoWithFailures(GuiceJamesServer server) throws Exception {
        JamesWithPlugin.addUsers(server);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Delivery delivery = DEMO.send(
                JamesWithPlugin.smtpPort(server),
                JamesWithPlugin.imapPort(server),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(delivery.counts()).isEqualTo(DemoMails.EXPECTED);
        assertThat(delivery.counts()).isEqualTo(new DemoMails.Counts(4, 1, 7, 2));
        List<String> outcomes = delivery.sent().stream().map(Sent::outcome).toList();
        assertThat(outcomes)
                .containsExactly(
                        "stored: 1 report stored",
                        "stored: 1 report stored",
                        "stored: 1 report stored",
                        "stored: 1 report stored",
                        outcomes.get(4),
                        "stored: 1 report stored",
                        "stored: 1 report was already stored (duplicate)");
        assertThat(outcomes.get(4))
                .startsWith("not stored: the report (part 2, file \"google.com!example.com!")
                .contains("is not authenticated");
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("7. the first report again, in a new mail")
                .contains("X-TLSRPT-Outcome: stored: 1 report was already stored (duplicate)");
        Operator operator = new Operator(server);
        String unsigned = delivery.sent().get(4).mail().messageId();
        assertThat(header(operator.awaitInInbox(TLSRPT, unsigned), "X-TLSRPT-Unauthenticated"))
                .isEqualTo("true");
        assertThat(operator.search(REPORTS, "HEADER TLS-Report-Domain mx1.example.com"))
                .hasSize(1);
        assertThat(operator.search(OUT_OF_SCOPE, "HEADER TLS-Report-Domain other.example"))
                .hasSize(1);
        assertThat(operator.messagesWithHeader(POSTMASTER, INBOX, "Auto-Submitted", "auto-generated"))
                .extracting(summary -> header(summary, "Subject"))
                .hasSize(2)
                .anySatisfy(subject -> assertThat(subject).contains("38 of 348 sessions to example.com failed"))
                .anySatisfy(subject -> assertThat(subject).contains("mx1.example.com"));
    }
}
