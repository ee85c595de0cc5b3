package io.github.jamestlsrpt.demo;

import static io.github.jamestlsrpt.demo.PluginServer.POSTMASTER;
import static io.github.jamestlsrpt.demo.PluginServer.TLSRPT;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;
import org.apache.james.dnsservice.api.InMemoryDNSService;

/**
 * The demo's report mails: one of each kind a newcomer should see handled, signed by demo keys of the senders
 * published in James's in-memory DNS (the unsigned one excepted), all for one day. Sent one after the other, each
 * waited for in tlsrpt@example.com's INBOX, so that what became of it (its X-TLSRPT-Outcome header) can be shown, and
 * the duplicate comes after the report it repeats.
 */
public final class DemoMails {

    public static final String INBOX = "INBOX";
    public static final String REPORTS = "TLS-RPT";
    public static final String OUT_OF_SCOPE = "TLS-RPT.Out-of-scope";

    /** What the mails leave in the mailboxes. */
    public static final Counts EXPECTED = new Counts(4, 1, 7, 2);

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    /** One mail of the demo: what it is, what should become of it, and the message as sent. */
    public record DemoMail(String what, String expected, String envelopeSender, String messageId, String message) {}

    /** A mail sent, with the X-TLSRPT-Outcome it reached the INBOX with ("(none)" without one). */
    public record Sent(DemoMail mail, String outcome) {}

    /** The mails sent, in order, and what the mailboxes then hold. */
    public record Delivery(List<Sent> sent, Counts counts) {}

    /**
     * How many messages each place holds.
     *
     * @param reports tlsrpt@example.com's TLS-RPT folder: one message per stored report
     * @param outOfScope its TLS-RPT.Out-of-scope folder
     * @param inbox its INBOX: every report mail, with its X-TLSRPT-Outcome header
     * @param summaries postmaster@example.com's INBOX: the summaries of the reports with failures
     */
    public record Counts(int reports, int outOfScope, int inbox, int summaries) {

        @Override
        public String toString() {
            return TLSRPT + ": " + REPORTS + " " + reports + ", " + OUT_OF_SCOPE + " " + outOfScope + ", " + INBOX + " "
                    + inbox + "; " + POSTMASTER + ": " + INBOX + " " + summaries;
        }
    }

    private final Dkim google;
    private final Dkim microsoft;
    private final Dkim mailRu;
    private final Dkim batch;
    private final LocalDate day;

    /** New demo keys, published in the DNS; the reports are for the given day. */
    public DemoMails(InMemoryDNSService dns, LocalDate day) {
        this.google = Dkim.key("google.com", "20230601").publishIn(dns);
        this.microsoft = Dkim.key("microsoft.com", "selector1").publishIn(dns);
        this.mailRu = Dkim.key("mail.ru", "mail4").publishIn(dns);
        this.batch = Dkim.key("batch.example.net", "tlsrpt").publishIn(dns);
        this.day = day;
    }

    /** The DNS names of the demo keys. */
    public List<String> keyRecords() {
        return List.of(google.recordName(), microsoft.recordName(), mailRu.recordName(), batch.recordName());
    }

    /** The mails, in the order they are sent. */
    public List<DemoMail> mails() {
        SampleReport clean = SampleReport.of(
                        "Google LLC", "smtp-tls-reporting@google.com", day + "T00:00:00Z_example.com", 4000, 0)
                .on(day);
        SampleReport expired = SampleReport.of(
                        "Mail.Ru", "postmaster@corp.mail.ru", "mailru-" + day + "-example.com", 310, 38)
                .on(day);
        SampleReport zoneless = SampleReport.of(
                        "Microsoft Corporation",
                        "tlsrpt-noreply@microsoft.com",
                        "1337" + day.toEpochDay() + "00000000+example.com",
                        2500,
                        0)
                .on(day)
                .withoutTimeZoneNorMxHost();
        SampleReport dane = SampleReport.of(
                        "Batch Example", "tlsrpt@batch.example.net", "batch-" + day + "-dane-mx1.example.com", 96, 4)
                .on(day)
                .daneForHost("mx1.example.com", "tlsa-invalid");
        SampleReport unsigned = SampleReport.of(
                        "Google LLC", "smtp-tls-reporting@google.com", day + "T00:00:00Z_example.com-forged", 10, 0)
                .on(day);
        SampleReport otherDomain = SampleReport.of(
                        "Google LLC", "smtp-tls-reporting@google.com", day + "T00:00:00Z_other.example", 50, 1)
                .on(day)
                .forDomain("other.example");
        String googleSender = "noreply-smtp-tls-reporting@google.com";
        return List.of(
                mail(
                        "Google-like report for example.com, no failures (signed d=google.com)",
                        "stored in TLS-RPT",
                        googleSender,
                        "google.com",
                        id -> google.sign(ReportMails.googleLike(clean, id))),
                mail(
                        "Mail.ru-like report, MTA-STS: 38 of 348 sessions failed, certificate-expired (signed d=mail.ru)",
                        "stored in TLS-RPT, summary to postmaster",
                        "tlsrpt@mail.ru",
                        "mail.ru",
                        id -> mailRu.sign(ReportMails.mailRuLike(expired, id))),
                mail(
                        "Microsoft-like report, date-times without a time zone, HTML note (signed d=microsoft.com)",
                        "stored in TLS-RPT, with warnings",
                        "tlsrpt-noreply@microsoft.com",
                        "microsoft.com",
                        id -> microsoft.sign(ReportMails.microsoftLike(zoneless, id))),
                mail(
                        "DANE host report for mx1.example.com: 4 of 100 sessions failed, tlsa-invalid"
                                + " (signed d=batch.example.net)",
                        "stored in TLS-RPT, summary to postmaster",
                        "bounces@batch.example.net",
                        "batch.example.net",
                        id -> batch.sign(ReportMails.batch(List.of(dane), id))),
                mail(
                        "Google-like report without a DKIM signature: anyone could have written it",
                        "not stored; the mail stays in the INBOX with the reason",
                        googleSender,
                        "google.com",
                        id -> ReportMails.googleLike(unsigned, id)),
                mail(
                        "Google-like report for other.example, a domain this server does not serve (signed)",
                        "stored apart in TLS-RPT.Out-of-scope",
                        googleSender,
                        "google.com",
                        id -> google.sign(ReportMails.googleLike(otherDomain, id))),
                mail(
                        "the first report again, in a new mail (senders do retry)",
                        "duplicate: not stored again",
                        googleSender,
                        "google.com",
                        id -> google.sign(ReportMails.googleLike(clean, id))));
    }

    private static DemoMail mail(String what, String expected, String sender, String domain, Signed message) {
        String messageId = ReportMails.messageId(domain);
        return new DemoMail(what, expected, sender, messageId, message.of(messageId));
    }

    @FunctionalInterface
    private interface Signed {
        String of(String messageId);
    }

    /**
     * Sends every mail to James over SMTP, one after the other, each waited for in tlsrpt@example.com's INBOX (over
     * IMAP), and says on {@code out} what it was and what became of it; then waits for the summaries and gives what
     * the mailboxes hold.
     *
     * @throws IllegalStateException when James refuses a mail, or a mail does not reach the INBOX in 30 seconds
     */
    public Delivery send(int smtpPort, int imapPort, PrintStream out) {
        List<DemoMail> mails = mails();
        out.println("Sending " + mails.size() + " report mails over SMTP to " + TLSRPT + ":");
        List<Sent> sent = new ArrayList<>();
        for (DemoMail mail : mails) {
            out.println("  " + (sent.size() + 1) + ". " + mail.what());
            out.println("     expected: " + mail.expected());
            Smtp.send(smtpPort, mail.envelopeSender(), TLSRPT, mail.message());
            String outcome = awaitOutcome(imapPort, mail);
            out.println("     X-TLSRPT-Outcome: " + outcome);
            sent.add(new Sent(mail, outcome));
        }
        try (Imap tlsrpt = Imap.login(imapPort, TLSRPT);
                Imap postmaster = Imap.login(imapPort, POSTMASTER)) {
            await(() -> postmaster.count(INBOX), EXPECTED.summaries());
            Counts counts = new Counts(
                    tlsrpt.count(REPORTS), tlsrpt.count(OUT_OF_SCOPE), tlsrpt.count(INBOX), postmaster.count(INBOX));
            return new Delivery(List.copyOf(sent), counts);
        }
    }

    private static String awaitOutcome(int imapPort, DemoMail mail) {
        try (Imap imap = Imap.login(imapPort, TLSRPT)) {
            await(
                    () -> imap.search(INBOX, "HEADER Message-ID \"" + mail.messageId() + "\"")
                            .size(),
                    1);
            MimeMessage delivered =
                    imap.withHeader(INBOX, "Message-ID", mail.messageId()).get(0);
            String outcome = delivered.getHeader("X-TLSRPT-Outcome", ", ");
            return outcome == null ? "(none)" : MimeUtility.unfold(outcome);
        } catch (MessagingException e) {
            throw new IllegalStateException("the mail " + mail.messageId() + " in the INBOX cannot be read", e);
        }
    }

    /** Polls until the count reaches the wanted one, 30 seconds at the most. */
    private static void await(IntSupplier count, int wanted) {
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        int last = count.getAsInt();
        while (last < wanted) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "waited " + DELIVERY.toSeconds() + " s for " + wanted + " messages, found " + last);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for delivery", e);
            }
            last = count.getAsInt();
        }
    }
}
