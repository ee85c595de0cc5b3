package io.github.jamestlsrpt.mailets;

import static io.github.jamestlsrpt.mailets.SummaryReports.detail;
import static io.github.jamestlsrpt.mailets.SummaryReports.noPolicyFound;
import static io.github.jamestlsrpt.mailets.SummaryReports.sts;
import static io.github.jamestlsrpt.mailets.SummaryReports.tlsa;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.ReportOutcome;
import io.github.jamestlsrpt.mailets.digest.ReceiptLog;
import io.github.jamestlsrpt.mailets.store.InMemoryReportMailbox;
import io.github.jamestlsrpt.mailets.store.MailboxFolder;
import io.github.jamestlsrpt.mailets.store.ReportMessageWriter;
import io.github.jamestlsrpt.mailets.store.StoreFixtures;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stored reports in an in-memory mailbox, as StoreTlsReports leaves them (the real message writer, the real core),
 * each with the internal date it was received at; and a month of a realistic mailbox for the digest of 2026-11-28:
 *
 * <ul>
 *   <li>example.com (MTA-STS enforce): Google LLC and Microsoft Corporation every day; on 2026-11-28 12 of 5,000
 *       sessions failed with an expired certificate at mx1.example.com, as on a few days before: a notice.
 *   <li>example.org (MTA-STS enforce): Google LLC every day, Yahoo every day until 2026-11-25 and then no more; on
 *       2026-11-28 250 of 400 sessions failed, a certificate not matching the host name for the first time in 30
 *       days: critical.
 *   <li>example.net (no policy) without failures, and its MX host mx.example.net in Microsoft's DANE host report, 10 of
 *       100 sessions failing with a TLSA record that does not match: a warning.
 * </ul>
 *
 * <p>And what the store recorded for the report mails of 2026-11-28: the two reports stored (no receipt: the folder
 * shows them), a report sent again (a duplicate), an unauthenticated report claiming example.org, and an invalid one
 * (a receipt each).
 */
final class DigestScenario {

    static final String USER = "tlsrpt@example.com";
    static final MailboxFolder FOLDER = new MailboxFolder(USER, "TLS-RPT");
    static final LocalDate DAY = LocalDate.parse("2026-11-28");
    /** The run of the digest of 2026-11-28 at 06:00 UTC. */
    static final Instant RUN = Instant.parse("2026-11-29T06:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger();

    private DigestScenario() {}

    /** A report covering the UTC day from the organization. */
    static ObjectNode report(String organization, LocalDate day, ObjectNode... policies) {
        ObjectNode report = JSON.createObjectNode();
        report.put("organization-name", organization);
        ObjectNode range = report.putObject("date-range");
        range.put("start-datetime", day + "T00:00:00Z");
        range.put("end-datetime", day + "T23:59:59Z");
        report.put("contact-info", "tlsrpt@" + organization.toLowerCase().replaceAll("[^a-z]+", "-") + ".example");
        report.put("report-id", day + "." + IDS.incrementAndGet() + "@" + organization.length());
        ArrayNode array = report.putArray("policies");
        for (ObjectNode policy : policies) {
            array.add(policy);
        }
        return report;
    }

    /** The report, accepted as extraction leaves it. */
    static ExtractedReport accepted(ObjectNode report) {
        return StoreFixtures.accepted(SummaryReports.json(report));
    }

    /** Stores the report covering the day before {@code received}'s day, received at that instant. */
    static void store(InMemoryReportMailbox mailbox, Instant received, String organization, ObjectNode... policies) {
        LocalDate day = received.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
        store(mailbox, received, accepted(report(organization, day, policies)));
    }

    static void store(InMemoryReportMailbox mailbox, Instant received, ExtractedReport report) {
        try {
            byte[] message = new ReportMessageWriter(new InternetAddress(USER))
                    .write(report, DkimVerdict.pass("example.org", "a signature of the reporter passes"), received);
            mailbox.file(FOLDER, message, received);
        } catch (MessagingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Stores the report received on the day at 04:00 UTC (covering the day before). */
    static void storeOn(
            InMemoryReportMailbox mailbox, LocalDate received, String organization, ObjectNode... policies) {
        store(mailbox, received.atTime(4, 0).toInstant(ZoneOffset.UTC), organization, policies);
    }

    /** Records the receipt of a report mail processed at that instant. */
    static void receipt(
            InMemoryReportMailbox mailbox,
            Instant processed,
            List<ExtractedReport> found,
            long stored,
            long duplicates) {
        mailbox.setTime(processed);
        new ReceiptLog(mailbox, Clock.fixed(processed, ZoneOffset.UTC))
                .record(FOLDER, "Mail" + processed.toEpochMilli(), found, stored, duplicates);
    }

    /** The month described above, received up to the run. */
    static InMemoryReportMailbox month() {
        InMemoryReportMailbox mailbox = new InMemoryReportMailbox();
        for (int back = 29; back >= 0; back--) {
            LocalDate day = DAY.minusDays(back);
            long expired = back == 0 ? 12 : back % 9 == 0 ? 3 : 0;
            storeOn(
                    mailbox,
                    day,
                    "Google LLC",
                    expired == 0
                            ? sts("example.com", "enforce", 3000, 0)
                            : sts(
                                    "example.com",
                                    "enforce",
                                    3000 - expired,
                                    expired,
                                    detail(
                                            "certificate-expired",
                                            "209.85.220.41",
                                            "mx1.example.com",
                                            "192.0.2.25",
                                            expired)),
                    back == 0
                            ? sts(
                                    "example.org",
                                    "enforce",
                                    150,
                                    250,
                                    detail(
                                            "certificate-host-mismatch",
                                            "209.85.220.41",
                                            "mx.example.org",
                                            "192.0.2.80",
                                            250))
                            : sts("example.org", "enforce", 400, 0));
            storeOn(
                    mailbox,
                    day,
                    "Microsoft Corporation",
                    sts("example.com", "enforce", 2000, 0),
                    noPolicyFound("example.net", 500, 0),
                    back == 0
                            ? tlsa(
                                    "mx.example.net",
                                    90,
                                    10,
                                    detail("tlsa-invalid", "40.92.0.1", "mx.example.net", "192.0.2.90", 10))
                            : tlsa("mx.example.net", 100, 0));
            if (back >= 3) {
                storeOn(mailbox, day, "Yahoo", sts("example.org", "enforce", 50, 0));
            }
        }
        ExtractedReport unauthenticated = accepted(report("Mallory", DAY, sts("example.org", "enforce", 0, 9999)))
                .withOutcome(ReportOutcome.UNAUTHENTICATED, "no DKIM signature of the reporter passes");
        ExtractedReport duplicate =
                accepted(report("Google LLC", DAY.minusDays(1), sts("example.com", "enforce", 1, 0)));
        ExtractedReport stored = accepted(report("Google LLC", DAY.minusDays(1), sts("example.org", "enforce", 1, 0)));
        receipt(mailbox, Instant.parse("2026-11-28T04:00:00Z"), List.of(stored), 1, 0);
        receipt(mailbox, Instant.parse("2026-11-28T04:00:01Z"), List.of(duplicate), 1, 0);
        receipt(mailbox, Instant.parse("2026-11-28T09:00:00Z"), List.of(duplicate), 0, 1);
        receipt(mailbox, Instant.parse("2026-11-28T10:00:00Z"), List.of(unauthenticated), 0, 0);
        receipt(
                mailbox,
                Instant.parse("2026-11-28T11:00:00Z"),
                List.of(StoreFixtures.invalid("the payload is not JSON")),
                0,
                0);
        mailbox.setTime(RUN);
        return mailbox;
    }
}
