package io.github.jamestlsrpt.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Report mails in the shapes real senders use, written by hand for the demo and the tests (none is a copy of a real
 * mail), and a few mails that are not storable reports. Each method gives the unsigned message with CRLF line ends;
 * {@link Dkim} signs it as its sender would. A report mail is dated the morning after the report's period ends.
 */
public final class ReportMails {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final DateTimeFormatter MAIL_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** The Date of the mails that hold no report. */
    private static final String DATE = "Sat, 28 Nov 2026 09:14:07 +0000";

    private static final Duration SENT_AFTER_PERIOD =
            Duration.ofHours(9).plusMinutes(14).plusSeconds(8);

    private ReportMails() {}

    /** A Message-ID no other test mail has. */
    public static String messageId(String domain) {
        return "<sample-" + System.nanoTime() + "-" + SEQUENCE.incrementAndGet() + "@" + domain + ">";
    }

    /**
     * Google's shape: multipart/report; report-type=tlsrpt, a short text part, the report as application/tlsrpt+gzip
     * named sender!domain!start!end!id.json.gz, and the TLS-Report-Domain and TLS-Report-Submitter headers.
     */
    public static String googleLike(SampleReport report, String messageId) {
        String boundary = "000000000000samplegoogle" + SEQUENCE.incrementAndGet();
        return crlf("From: noreply-smtp-tls-reporting@google.com\n"
                + "To: " + PluginServer.TLSRPT + "\n"
                + "Subject: Report Domain: " + report.policyDomain() + " Submitter: google.com Report-ID: <"
                + report.reportId() + ">\n"
                + "Date: " + date(report) + "\n"
                + "Message-ID: " + messageId + "\n"
                + "MIME-Version: 1.0\n"
                + "TLS-Report-Domain: " + report.policyDomain() + "\n"
                + "TLS-Report-Submitter: google.com\n"
                + "Content-Type: multipart/report; boundary=\"" + boundary + "\"; report-type=\"tlsrpt\"\n"
                + "\n"
                + "--" + boundary + "\n"
                + "Content-Type: text/plain; charset=\"UTF-8\"; format=flowed; delsp=yes\n"
                + "\n"
                + "This is an aggregate TLS report from google.com\n"
                + "\n"
                + "--" + boundary + "\n"
                + "Content-Type: application/tlsrpt+gzip; \n"
                + "\tname=\"" + googleFileName(report) + "\"\n"
                + "Content-Disposition: attachment; \n"
                + "\tfilename=\"" + googleFileName(report) + "\"\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + base64(report.gzipped())
                + "--" + boundary + "--\n");
    }

    /**
     * Microsoft's shape: the note is a text/html part, the report has date-times without a time zone and no
     * mx-host (its reports looked like this in 2023), the From has a display name.
     */
    public static String microsoftLike(SampleReport report, String messageId) {
        String boundary = "_sample_microsoft_" + SEQUENCE.incrementAndGet() + "_";
        String name = "microsoft.com!" + report.policyDomain() + "!" + report.reportId() + ".json.gz";
        return crlf("From: Microsoft TLS Reporting <tlsrpt-noreply@microsoft.com>\n"
                + "To: <" + PluginServer.TLSRPT + ">\n"
                + "Subject: Report Domain: " + report.policyDomain() + " Submitter: microsoft.com Report-ID: "
                + report.reportId() + "\n"
                + "Date: " + date(report) + "\n"
                + "Message-ID: " + messageId + "\n"
                + "MIME-Version: 1.0\n"
                + "TLS-Report-Domain: " + report.policyDomain() + "\n"
                + "TLS-Report-Submitter: microsoft.com\n"
                + "Content-Type: multipart/report; report-type=tlsrpt;\n"
                + "\tboundary=\"" + boundary + "\"\n"
                + "\n"
                + "--" + boundary + "\n"
                + "Content-Type: text/html; charset=\"us-ascii\"\n"
                + "Content-Transfer-Encoding: 7bit\n"
                + "\n"
                + "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=us-ascii\"></head>\n"
                + "<body><p>This is a TLS report for " + report.policyDomain()
                + " from Microsoft Corporation.</p></body></html>\n"
                + "\n"
                + "--" + boundary + "\n"
                + "Content-Type: application/tlsrpt+gzip\n"
                + "Content-Transfer-Encoding: base64\n"
                + "Content-Disposition: attachment; filename=\"" + name + "\"\n"
                + "\n"
                + base64(report.gzipped())
                + "--" + boundary + "--\n");
    }

    /** Mail.ru's shape: the Subject folded over three lines, a plain text note, the report as a gzip attachment. */
    public static String mailRuLike(SampleReport report, String messageId) {
        String boundary = "----sample-mailru-" + SEQUENCE.incrementAndGet();
        return crlf("MIME-Version: 1.0\n"
                + "From: tlsrpt@mail.ru\n"
                + "To: " + PluginServer.TLSRPT + "\n"
                + "Subject: Report Domain: " + report.policyDomain() + "\n"
                + " Submitter: mail.ru\n"
                + " Report-ID: <" + report.reportId() + ">\n"
                + "Date: " + date(report) + "\n"
                + "Message-ID: " + messageId + "\n"
                + "TLS-Report-Domain: " + report.policyDomain() + "\n"
                + "TLS-Report-Submitter: mail.ru\n"
                + "Content-Type: multipart/report; report-type=\"tlsrpt\"; boundary=\"" + boundary + "\"\n"
                + "\n"
                + "--" + boundary + "\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "Content-Transfer-Encoding: 7bit\n"
                + "\n"
                + "This is an aggregate TLS report from mail.ru\n"
                + "--" + boundary + "\n"
                + "Content-Type: application/tlsrpt+gzip; name=\"" + mailRuFileName(report) + "\"\n"
                + "Content-Transfer-Encoding: base64\n"
                + "Content-Disposition: attachment; filename=\"" + mailRuFileName(report) + "\"\n"
                + "\n"
                + base64(report.gzipped())
                + "--" + boundary + "--\n");
    }

    /**
     * A self-hosted reporter (a Postfix with a TLS-RPT add-on, say) that puts the reports of a day, one or several
     * (here for several policies), into one mail.
     */
    public static String batch(List<SampleReport> reports, String messageId) {
        String boundary = "sample-batch-" + SEQUENCE.incrementAndGet();
        String domains =
                reports.stream().map(SampleReport::policyDomain).distinct().collect(Collectors.joining(", "));
        StringBuilder mail = new StringBuilder("From: TLS reports <tlsrpt@batch.example.net>\n"
                + "To: " + PluginServer.TLSRPT + "\n"
                + "Subject: Report Domain: " + domains + " Submitter: batch.example.net Report-ID: <"
                + reports.get(0).reportId() + ">\n"
                + "Date: " + date(reports.get(0)) + "\n"
                + "Message-ID: " + messageId + "\n"
                + "MIME-Version: 1.0\n"
                + "TLS-Report-Domain: " + domains + "\n"
                + "TLS-Report-Submitter: batch.example.net\n"
                + "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"" + boundary + "\"\n"
                + "\n"
                + "--" + boundary + "\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + reports.size() + " TLS reports from batch.example.net\n");
        int n = 0;
        for (SampleReport report : reports) {
            n++;
            mail.append("--")
                    .append(boundary)
                    .append("\n")
                    .append("Content-Type: application/tlsrpt+gzip\n")
                    .append("Content-Transfer-Encoding: base64\n")
                    .append("Content-Disposition: attachment; filename=\"batch.example.net!")
                    .append(report.policyDomain())
                    .append("!")
                    .append(n)
                    .append(".json.gz\"\n\n")
                    .append(base64(report.gzipped()));
        }
        return crlf(mail.append("--").append(boundary).append("--\n").toString());
    }

    /** What some mail systems send when their reporting breaks: an HTML error page, gzipped, labelled as a report. */
    public static String htmlErrorPageAsReport(String messageId) {
        String page = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
                + "<body><h1>502 Bad Gateway</h1><p>The report could not be generated.</p></body></html>\n";
        String boundary = "sample-broken-" + SEQUENCE.incrementAndGet();
        return crlf("From: tls-reports@broken.example.net\n"
                + "To: " + PluginServer.TLSRPT + "\n"
                + "Subject: Report Domain: " + PluginServer.DOMAIN + " Submitter: broken.example.net Report-ID: <"
                + "broken-1>\n"
                + "Date: " + DATE + "\n"
                + "Message-ID: " + messageId + "\n"
                + "MIME-Version: 1.0\n"
                + "TLS-Report-Domain: " + PluginServer.DOMAIN + "\n"
                + "TLS-Report-Submitter: broken.example.net\n"
                + "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"" + boundary + "\"\n"
                + "\n"
                + "--" + boundary + "\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + "This is an aggregate TLS report from broken.example.net\n"
                + "--" + boundary + "\n"
                + "Content-Type: application/tlsrpt+gzip\n"
                + "Content-Transfer-Encoding: base64\n"
                + "Content-Disposition: attachment; filename=\"broken.example.net!example.com!1.json.gz\"\n"
                + "\n"
                + base64(SampleReport.gzip(page.getBytes(StandardCharsets.UTF_8)))
                + "--" + boundary + "--\n");
    }

    /** An ordinary mail: a person writing to someone at example.com. */
    public static String ordinaryMail(String to, String subject, String messageId) {
        return crlf("From: Bob <bob@sender.example.net>\n"
                + "To: " + to + "\n"
                + "Subject: " + subject + "\n"
                + "Date: " + DATE + "\n"
                + "Message-ID: " + messageId + "\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=us-ascii\n"
                + "\n"
                + "Hello,\n"
                + "\n"
                + "do you receive our TLS reports? The last ones were sent on Friday.\n"
                + "\n"
                + "Bob\n");
    }

    /** The Date of a mail sending the report: the morning after its period. */
    static String date(SampleReport report) {
        return MAIL_DATE.format(report.endInstant().plus(SENT_AFTER_PERIOD));
    }

    private static String googleFileName(SampleReport report) {
        return "google.com!" + report.policyDomain() + "!"
                + report.startInstant().getEpochSecond() + "!"
                + report.endInstant().getEpochSecond() + "!001.json.gz";
    }

    private static String mailRuFileName(SampleReport report) {
        return "mail.ru!" + report.policyDomain() + "!" + report.startInstant().getEpochSecond() + "!"
                + report.endInstant().getEpochSecond() + ".json.gz";
    }

    /** Base64 in lines of 76 characters, each ending in a line break. */
    public static String base64(byte[] bytes) {
        return Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(bytes) + "\n";
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
