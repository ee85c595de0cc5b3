package io.github.jamestlsrpt.demo.load;

import io.github.jamestlsrpt.demo.Dkim;
import io.github.jamestlsrpt.demo.PluginServer;
import io.github.jamestlsrpt.demo.ReportMails;
import io.github.jamestlsrpt.demo.SampleReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.james.dnsservice.api.InMemoryDNSService;

/**
 * The mails of a load run, prepared (and signed) before any clock starts and written one file each, so that the
 * clients only read and send them. Deterministic but for the DKIM keys (new ones each run) and the Message-IDs.
 *
 * <ul>
 *   <li>Report mails: one report each, in turn in Google's, Microsoft's and Mail.ru's shapes, DKIM-signed by their
 *       (demo) keys, about one of {@value #HOSTED_DOMAINS} hosted domains; one report in ten counts failed sessions
 *       (so that the postmaster gets a summary of it). A given share of the mails repeat a report sent at least
 *       {@value #DUPLICATE_DISTANCE} mails before, in a new mail with a new Message-ID, as a sender retrying would.
 *   <li>Ordinary mails to a user: four in five a short text, one in five with a 64 KiB PDF-like attachment (a part
 *       the plugin's matcher must look at and pass over).
 * </ul>
 */
final class LoadMails {

    /** The domains the reports are about; each is added to James's domain list. */
    static final int HOSTED_DOMAINS = 100;

    static final int DUPLICATE_DISTANCE = 50;
    static final String USER = "alice@example.com";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
    private static final int ATTACHMENT_BYTES = 64 * 1024;

    /**
     * A mail ready to send.
     *
     * @param reportIds the report-id of each report it carries
     * @param failing whether its report counts failed sessions
     */
    record Mail(
            String messageId,
            String envelopeSender,
            String recipient,
            List<String> reportIds,
            boolean failing,
            Path file) {

        byte[] bytes() {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Dkim google = Dkim.key("google.com", "20230601");
    private final Dkim microsoft = Dkim.key("microsoft.com", "selector1");
    private final Dkim mailRu = Dkim.key("mail.ru", "mail4");
    private final Path directory;

    LoadMails(Path directory) {
        this.directory = directory;
    }

    /** Publishes the senders' keys in a server's DNS. */
    void publishKeys(InMemoryDNSService dns) {
        google.publishIn(dns);
        microsoft.publishIn(dns);
        mailRu.publishIn(dns);
    }

    static String hostedDomain(int n) {
        return "hosted-" + n + ".example";
    }

    /**
     * Report mails to tlsrpt@example.com.
     *
     * @param mails how many mails
     * @param duplicatePercent the share of them that repeat an earlier report (0 to 50)
     * @param label makes the report-ids of this set unique
     */
    List<Mail> reports(int mails, int duplicatePercent, String label) throws IOException {
        int duplicates = (int) Math.round(mails * duplicatePercent / 100.0);
        Random random = new Random(mails * 31L + duplicatePercent);
        boolean[] duplicateAt = new boolean[mails];
        for (int placed = 0; placed < duplicates; ) {
            int at = DUPLICATE_DISTANCE + random.nextInt(Math.max(1, mails - DUPLICATE_DISTANCE));
            if (at < mails && !duplicateAt[at]) {
                duplicateAt[at] = true;
                placed++;
            }
        }
        List<Mail> prepared = new ArrayList<>(mails);
        List<Integer> positionOf = new ArrayList<>(); // of each report, by its number: ascending
        for (int i = 0; i < mails; i++) {
            int n = positionOf.size(); // a new report
            if (duplicateAt[i]) {
                int earlier = 0;
                while (earlier < positionOf.size() && positionOf.get(earlier) <= i - DUPLICATE_DISTANCE) {
                    earlier++;
                }
                if (earlier > 0) {
                    n = random.nextInt(earlier);
                }
            }
            if (n == positionOf.size()) {
                positionOf.add(i);
            }
            prepared.add(report(i, n, label));
        }
        return prepared;
    }

    private Mail report(int i, int n, String label) throws IOException {
        boolean failing = n % 10 == 3;
        String domain = hostedDomain(n % HOSTED_DOMAINS);
        String message;
        String sender;
        String reportId = label + "-" + n;
        switch (n % 3) {
            case 0 -> {
                SampleReport report = SampleReport.of(
                                "Google LLC",
                                "smtp-tls-reporting@google.com",
                                reportId,
                                4000 + n % 97,
                                failing ? 12 : 0)
                        .on(DAY)
                        .forDomain(domain);
                String id = ReportMails.messageId("google.com");
                message = google.sign(ReportMails.googleLike(report, id));
                sender = "noreply-smtp-tls-reporting@google.com";
            }
            case 1 -> {
                SampleReport report = SampleReport.of(
                                "Microsoft Corporation",
                                "tlsrpt-noreply@microsoft.com",
                                reportId,
                                2500 + n % 89,
                                failing ? 7 : 0)
                        .on(DAY)
                        .forDomain(domain)
                        .withoutTimeZoneNorMxHost();
                String id = ReportMails.messageId("microsoft.com");
                message = microsoft.sign(ReportMails.microsoftLike(report, id));
                sender = "tlsrpt-noreply@microsoft.com";
            }
            default -> {
                SampleReport report = SampleReport.of(
                                "Mail.Ru", "postmaster@corp.mail.ru", reportId, 300 + n % 83, failing ? 38 : 0)
                        .on(DAY)
                        .forDomain(domain);
                String id = ReportMails.messageId("mail.ru");
                message = mailRu.sign(ReportMails.mailRuLike(report, id));
                sender = "tlsrpt@mail.ru";
            }
        }
        return write(i, message, sender, PluginServer.TLSRPT, List.of(reportId), failing);
    }

    /** Ordinary mails to {@value #USER}. */
    List<Mail> ordinary(int mails) throws IOException {
        Random random = new Random(mails);
        byte[] attachment = new byte[ATTACHMENT_BYTES];
        List<Mail> prepared = new ArrayList<>(mails);
        for (int i = 0; i < mails; i++) {
            String id = ReportMails.messageId("sender.example.net");
            String text = ReportMails.ordinaryMail(USER, "Load " + i, id);
            if (i % 5 == 4) {
                random.nextBytes(attachment);
                text = withAttachment(text, attachment, i);
            }
            prepared.add(write(i, text, "bob@sender.example.net", USER, List.of(), false));
        }
        return prepared;
    }

    private static String withAttachment(String ordinary, byte[] attachment, int i) {
        int bodyStart = ordinary.indexOf("\r\n\r\n");
        String boundary = "load-attachment-" + i;
        String head = ordinary.substring(0, bodyStart)
                .replace(
                        "Content-Type: text/plain; charset=us-ascii",
                        "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"");
        return head + "\r\n\r\n--" + boundary + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                + ordinary.substring(bodyStart + 4)
                + "--" + boundary + "\r\nContent-Type: application/pdf; name=\"minutes-" + i + ".pdf\"\r\n"
                + "Content-Disposition: attachment; filename=\"minutes-" + i + ".pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + ReportMails.base64(attachment).replace("\n", "\r\n")
                + "--" + boundary + "--\r\n";
    }

    private Mail write(int i, String message, String sender, String recipient, List<String> reportIds, boolean failing)
            throws IOException {
        String messageId = messageIdOf(message);
        Path file = directory.resolve(recipient.substring(0, recipient.indexOf('@')) + "-" + reportIds.size() + "-" + i
                + "-" + Math.abs(messageId.hashCode()) + ".eml");
        Files.write(file, message.getBytes(StandardCharsets.US_ASCII));
        return new Mail(messageId, sender, recipient, reportIds, failing, file);
    }

    private static String messageIdOf(String message) {
        int at = message.indexOf("\r\nMessage-ID: ");
        if (at < 0) {
            throw new IllegalStateException("a load mail without a Message-ID");
        }
        int start = at + "\r\nMessage-ID: ".length();
        return message.substring(start, message.indexOf("\r\n", start)).strip();
    }
}
