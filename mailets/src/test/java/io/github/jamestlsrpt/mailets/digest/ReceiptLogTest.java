package io.github.jamestlsrpt.mailets.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.core.digest.Receipt;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.ReportOutcome;
import io.github.jamestlsrpt.mailets.store.InMemoryReportMailbox;
import io.github.jamestlsrpt.mailets.store.MailboxFolder;
import io.github.jamestlsrpt.mailets.store.StoreFixtures;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReceiptLogTest {

    private static final MailboxFolder REPORTS = new MailboxFolder("tlsrpt@example.com", "TLS-RPT");
    private static final MailboxFolder RECEIPTS = new MailboxFolder("tlsrpt@example.com", "TLS-RPT/Receipts");
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private final InMemoryReportMailbox mailbox = new InMemoryReportMailbox();
    private final ReceiptLog log = new ReceiptLog(mailbox, Clock.fixed(NOW, ZoneOffset.UTC));

    {
        mailbox.setTime(NOW);
    }

    private List<Receipt> readAll() throws Exception {
        return log.read(REPORTS, NOW.minusSeconds(1), NOW.plusSeconds(1)).orElseThrow();
    }

    @Test
    void shouldRecordWhatBecameOfEachReportOfAMailInTheReceiptsSubfolder() throws Exception {
        ExtractedReport google = StoreFixtures.google();
        ExtractedReport unauthenticated =
                google.withOutcome(ReportOutcome.UNAUTHENTICATED, "no signature of google.com passes");

        log.record(REPORTS, "Mail1", List.of(google, unauthenticated, StoreFixtures.invalid("not JSON")), 1, 0);

        assertThat(ReceiptLog.folderOf(REPORTS)).isEqualTo(RECEIPTS);
        assertThat(mailbox.messages(RECEIPTS)).hasSize(1);
        MimeMessage message = mailbox.parsedMessages(RECEIPTS).get(0);
        assertThat(message.getHeader(ReceiptLog.RECEIPT_HEADER)).containsExactly("1");
        assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(message.getSubject()).isEqualTo("TLS-RPT receipt: 3 reports, 1 stored, 0 duplicates");
        assertThat(message.getSentDate().toInstant()).isEqualTo(NOW);
        assertThat(readAll())
                .containsExactly(new Receipt(
                        NOW,
                        1,
                        0,
                        List.of(
                                new Receipt.Entry(Receipt.Outcome.ACCEPTED, List.of("example.com")),
                                new Receipt.Entry(Receipt.Outcome.UNAUTHENTICATED, List.of("example.com")),
                                new Receipt.Entry(Receipt.Outcome.INVALID, List.of()))));
    }

    @Test
    void shouldRecordNothingForAMailWithoutReports() throws Exception {
        log.record(REPORTS, "Mail1", List.of(), 0, 0);

        assertThat(mailbox.exists(RECEIPTS)).isFalse();
        assertThat(log.read(REPORTS, NOW.minusSeconds(1), NOW.plusSeconds(1))).isEmpty();
    }

    @Test
    void shouldNeverFailTheMailWhenTheMailboxFails() throws Exception {
        mailbox.failNextAppend("quota exceeded");

        log.record(REPORTS, "Mail1", List.of(StoreFixtures.google()), 0, 1);
        log.record(REPORTS, "Mail2", List.of(StoreFixtures.google()), 0, 1);

        assertThat(readAll()).extracting(Receipt::duplicates).containsExactly(1L);
    }

    @Test
    void shouldWriteNoReceiptForAMailWhoseReportsWereAllStoredAsNewButCreateTheFolder() throws Exception {
        log.record(REPORTS, "Mail1", List.of(StoreFixtures.google(), StoreFixtures.google()), 2, 0);

        assertThat(mailbox.exists(RECEIPTS)).isTrue();
        assertThat(mailbox.messages(RECEIPTS)).isEmpty();
        assertThat(log.read(REPORTS, NOW.minusSeconds(1), NOW.plusSeconds(1))).contains(List.of());
    }

    @Test
    void shouldTellFromTheFolderWhetherReceiptsAreRecordedAtAll() throws Exception {
        assertThat(log.read(REPORTS, NOW.minusSeconds(1), NOW.plusSeconds(1))).isEmpty();

        mailbox.ensureFolder(RECEIPTS);

        assertThat(log.read(REPORTS, NOW.minusSeconds(1), NOW.plusSeconds(1))).contains(List.of());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "every report accepted and stored as new, accepted accepted, 2, 0, false",
        "a duplicate, accepted accepted, 1, 1, true",
        "every report a duplicate, accepted, 0, 1, true",
        "an accepted report that could not be stored, accepted accepted, 1, 0, true",
        "an invalid part beside a stored report, accepted invalid, 1, 0, true",
        "an unauthenticated report, unauthenticated, 0, 0, true",
        "an out-of-scope report stored apart, out-of-scope, 1, 0, true",
    })
    void shouldWriteAReceiptOnlyWhenAReportWasNotStoredAsNew(
            String mail, String outcomes, long stored, long duplicates, boolean receipt) {
        List<ExtractedReport> found = new ArrayList<>();
        for (String outcome : outcomes.split(" ")) {
            found.add(
                    outcome.equals("invalid")
                            ? StoreFixtures.invalid("the payload is not JSON")
                            : StoreFixtures.google()
                                    .withOutcome(
                                            ReportOutcome.fromWireName(outcome).orElseThrow(), "a reason"));
        }

        assertThat(ReceiptLog.needed(found, stored, duplicates)).as(mail).isEqualTo(receipt);
    }

    @Test
    void shouldKeepDomainsLowerCaseOneLineAndBounded() throws Exception {
        List<String> domains = new ArrayList<>(List.of("Example.COM.", "evil\r\nBcc: x@example.com", "Example.com"));
        for (int i = 0; i < 30; i++) {
            domains.add("d" + i + ".example");
        }
        ExtractedReport many = StoreFixtures.google().withPolicyDomains(domains);
        List<ExtractedReport> reports = new ArrayList<>(Collections.nCopies(ReceiptLog.REPORTS_KEPT + 5, many));

        log.record(REPORTS, "Mail\r\n1", reports, 0, ReceiptLog.REPORTS_KEPT + 5);

        Receipt receipt = readAll().get(0);
        assertThat(receipt.reports()).hasSize(ReceiptLog.REPORTS_KEPT);
        assertThat(receipt.reports().get(0).domains())
                .hasSize(ReceiptLog.DOMAINS_KEPT)
                .startsWith("example.com", "evil\\u000d\\u000abcc: x@example.com", "d0.example");
        assertThat(receipt.allDuplicates()).isTrue();
    }

    @Test
    void shouldWriteAReceiptAsOneSevenBitJsonBody() throws Exception {
        byte[] bytes = ReceiptLog.write(
                "tlsrpt@example.com", "Mail1", List.of(StoreFixtures.google(), StoreFixtures.invalid("x")), 1, 0, NOW);

        String text = new String(bytes, StandardCharsets.US_ASCII);
        assertThat(text)
                .startsWith("Date: Sat, 28 Nov 2026 10:00:00 +0000\r\nFrom: tlsrpt@example.com\r\n"
                        + "To: tlsrpt@example.com\r\nMessage-ID: <receipt.")
                .contains("@tlsrpt.invalid>\r\nSubject: TLS-RPT receipt: 2 reports, 1 stored, 0 duplicates\r\n"
                        + "MIME-Version: 1.0\r\nContent-Type: application/json; charset=utf-8\r\n"
                        + "Content-Transfer-Encoding: 7bit\r\nAuto-Submitted: auto-generated\r\n"
                        + "X-TLSRPT-Receipt: 1\r\n\r\n")
                .endsWith("\r\n\r\n{\"receipt\":1,\"mail\":\"Mail1\",\"stored\":1,\"duplicates\":0,\"reports\":["
                        + "{\"outcome\":\"accepted\",\"domains\":[\"example.com\"]},"
                        + "{\"outcome\":\"invalid\",\"domains\":[]}]}");
        MimeMessage message = InMemoryReportMailbox.parse(bytes);
        assertThat(message.getContentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(message.getMessageID()).matches("<receipt\\.[0-9a-f-]{36}@tlsrpt\\.invalid>");
    }

    @Test
    void shouldWriteALongOrNonAsciiReceiptInQuotedPrintableThatReadsBackUnchanged() throws Exception {
        ExtractedReport accented = StoreFixtures.google().withPolicyDomains(List.of("Bücher.example"));
        List<ExtractedReport> reports = new ArrayList<>(Collections.nCopies(300, accented));

        byte[] bytes = ReceiptLog.write("postmaster", "Mail1", reports, 300, 0, NOW);

        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).matches("\\p{ASCII}*").contains("\r\nContent-Transfer-Encoding: quoted-printable\r\n");
        assertThat(text.split("\r\n", -1)).allMatch(line -> line.length() <= 998);
        assertThat(text).contains("\r\nFrom: postmaster@localhost\r\n");
        Receipt receipt = ReceiptLog.parse(new ByteArrayInputStream(bytes), NOW).orElseThrow();
        assertThat(receipt.reports()).hasSize(300).allMatch(entry -> entry.domains()
                .equals(List.of("bücher.example")));
        assertThat(receipt.stored()).isEqualTo(300);
    }

    @Test
    void shouldSkipMessagesThatAreNoReceipts() throws Exception {
        mailbox.file(RECEIPTS, "Subject: hello\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII), NOW);
        mailbox.file(
                RECEIPTS,
                ("X-TLSRPT-Receipt: 1\r\nContent-Type: application/json\r\n\r\n{\"receipt\": 2}\r\n")
                        .getBytes(StandardCharsets.US_ASCII),
                NOW);
        mailbox.file(
                RECEIPTS,
                ("X-TLSRPT-Receipt: 1\r\nContent-Type: application/json\r\n\r\n{not json\r\n")
                        .getBytes(StandardCharsets.US_ASCII),
                NOW);
        mailbox.file(
                RECEIPTS,
                ("X-TLSRPT-Receipt: 1\r\nContent-Type: application/json\r\n\r\n{\"receipt\": 1, \"stored\": -3,"
                                + " \"reports\": [{\"outcome\": \"eaten\"}, {\"outcome\": \"invalid\", \"domains\":"
                                + " [7, \"x.example\"]}]}\r\n")
                        .getBytes(StandardCharsets.US_ASCII),
                NOW);

        assertThat(readAll())
                .containsExactly(new Receipt(
                        NOW, 0, 0, List.of(new Receipt.Entry(Receipt.Outcome.INVALID, List.of("x.example")))));
        assertThat(ReceiptLog.parse(new ByteArrayInputStream(new byte[0]), NOW)).isEmpty();
    }

    @Test
    void shouldReadAReceiptSentInBase64AndNoMessageWithoutTheReceiptHeaderOrWithParts() throws Exception {
        String json = "{\"receipt\": 1, \"stored\": 2, \"duplicates\": 1, \"reports\": [{\"outcome\": \"accepted\","
                + " \"domains\": [\"Example.COM.\"]}]}";
        String base64 =
                "x-tlsrpt-receipt: 1\r\nContent-Type: application/json\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + java.util.Base64.getMimeEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))
                        + "\r\n";
        String unmarked = "Content-Type: application/json\r\n\r\n" + json + "\r\n";
        String multipart = "X-TLSRPT-Receipt: 1\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n"
                + "Content-Type: application/json\r\n\r\n" + json + "\r\n--a--\r\n";

        assertThat(ReceiptLog.parse(new ByteArrayInputStream(base64.getBytes(StandardCharsets.US_ASCII)), NOW))
                .contains(new Receipt(
                        NOW, 2, 1, List.of(new Receipt.Entry(Receipt.Outcome.ACCEPTED, List.of("example.com")))));
        assertThat(ReceiptLog.parse(new ByteArrayInputStream(unmarked.getBytes(StandardCharsets.US_ASCII)), NOW))
                .isEmpty();
        assertThat(ReceiptLog.parse(new ByteArrayInputStream(multipart.getBytes(StandardCharsets.US_ASCII)), NOW))
                .isEmpty();
    }
}
