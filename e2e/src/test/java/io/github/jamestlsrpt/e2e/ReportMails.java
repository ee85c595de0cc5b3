package io.github.jamestlsrpt.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Report mails in the shapes real senders use, written by hand for these tests (none is a copy of a real mail), and
 * a few mails that are not storable reports. Each method gives the unsigned message with CRLF line ends; {@link
 * Dkim} signs it as its sender would.
 */
final class ReportMails {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String DATE = "Sat, 28 Nov 2026 09:14:07 +0000";

    private ReportMails() {}

    /** A Message-ID no other test mail has. */
    static String messageId(String domain) {
        return "<e2e-" + System.nanoTime() + "-" + SEQUENCE.incrementAndGet() + "@" + domain + ">";
    }

    /**
     * Google's shape: multipart/report; report-type=tlsrpt, a short text part, the report as application/tlsrpt+gzip
     * named sender!domain!start!end!id.json.gz, and the TLS-Report-Domain and TLS-Report-Submitter headers.
     */
    static String googleLike(TestReport report, String messageId) {
        String boundary = "000000000000e2egoogle" + SEQUENCE.incrementAndGet();
        return crlf("From: noreply-smtp-tls-reporting@google.com\n"
                + "To: " + JamesWithPlugin.TLSRPT + "\n"
                + "Subject: Report Domain: " + report.policyDomain() + " Submitter: google.com Report-ID: <"
                + report.reportId() + ">\n"
                + "Date: " + DATE + "\n"
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
                + "\tname=\"google.com!" + report.policyDomain() + "!1795737600!1795823999!001.json.gz\"\n"
                + "Content-Disposition: attachment; \n"
                + "\tfilename=\"google.com!" + report.policyDomain() + "!1795737600!1795823999!001.json.gz\"\n"
                + "Content-Transfer-Encoding: base64\n"
                + "\n"
                + base64(report.gzipped())
                + "--" + boundary + "--\n");
    }

    /**
     * Microsoft's shape: the note is a text/html part, the report has date-times without a time zone and no
     * mx-host (its reports looked like this in 2023), the From has a display name.
     */
    static String microsoftLike(TestReport report, String messageId) {
        String boundary = "_e2e_microsoft_" + SEQUENCE.incrementAndGet() + "_";
        String name = "microsoft.com!" + report.policyDomain() + "!" + report.reportId() + ".json.gz";
        return crlf("From: Microsoft TLS Reporting <tlsrpt-noreply@microsoft.com>\n"
                + "To: <" + JamesWithPlugin.TLSRPT + ">\n"
                + "Subject: Report Domain: " + report.policyDomain() + " Submitter: microsoft.com Report-ID: "
                + report.reportId() + "\n"
                + "Date: " + DATE + "\n"
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
    static String mailRuLike(TestReport report, String messageId) {
        String boundary = "----e2e-mailru-" + SEQUENCE.incrementAndGet();
        return crlf("MIME-Version: 1.0\n"
                + "From: tlsrpt@mail.ru\n"
                + "To: " + JamesWithPlugin.TLSRPT + "\n"
                + "Subject: Report Domain: " + report.policyDomain() + "\n"
                + " Submitter: mail.ru\n"
                + " Report-ID: <" + report.reportId() + ">\n"
                + "Date: " + DATE + "\n"
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
                + "Content-Type: application/tlsrpt+gzip; name=\"mail.ru!" + report.policyDomain()
                + "!1795737600!1795823999.json.gz\"\n"
                + "Content-Transfer-Encoding: base64\n"
                + "Content-Disposition: attachment; filename=\"mail.ru!" + report.policyDomain()
                + "!1795737600!1795823999.json.gz\"\n"
                + "\n"
                + base64(report.gzipped())
                + "--" + boundary + "--\n");
    }

    /** A sender that puts several reports (here for two policies of one day) into one mail. */
    static String batch(List<TestReport> reports, String messageId) {
        String boundary = "e2e-batch-" + SEQUENCE.incrementAndGet();
        StringBuilder mail = new StringBuilder("From: TLS reports <tlsrpt@batch.example.net>\n"
                + "To: " + JamesWithPlugin.TLSRPT + "\n"
                + "Subject: Report Domain: " + JamesWithPlugin.DOMAIN + " Submitter: batch.example.net Report-ID: <"
                + reports.get(0).reportId() + ">\n"
                + "Date: " + DATE + "\n"
                + "Message-ID: " + messageId + "\n"
                + "MIME-Version: 1.0\n"
                + "TLS-Report-Domain: " + JamesWithPlugin.DOMAIN + "\n"
                + "TLS-Report-Submitter: batch.example.net\n"
                + "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"" + boundary + "\"\n"
                + "\n"
                + "--" + boundary + "\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + reports.size() + " TLS reports from batch.example.net\n");
        int n = 0;
        for (TestReport report : reports) {
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
    static String htmlErrorPageAsReport(String messageId) {
        String page = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
                + "<body><h1>502 Bad Gateway</h1><p>The report could not be generated.</p></body></html>\n";
        String boundary = "e2e-broken-" + SEQUENCE.incrementAndGet();
        return crlf("From: tls-reports@broken.example.net\n"
                + "To: " + JamesWithPlugin.TLSRPT + "\n"
                + "Subject: Report Domain: " + JamesWithPlugin.DOMAIN + " Submitter: broken.example.net Report-ID: <"
                + "broken-1>\n"
                + "Date: " + DATE + "\n"
                + "Message-ID: " + messageId + "\n"
                + "MIME-Version: 1.0\n"
                + "TLS-Report-Domain: " + JamesWithPlugin.DOMAIN + "\n"
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
                + base64(TestReport.gzip(page.getBytes(StandardCharsets.UTF_8)))
                + "--" + boundary + "--\n");
    }

    /** An ordinary mail: a person writing to someone at example.com. */
    static String ordinaryMail(String to, String subject, String messageId) {
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

    /** Base64 in lines of 76 characters, each ending in a line break. */
    static String base64(byte[] bytes) {
        return Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(bytes) + "\n";
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
