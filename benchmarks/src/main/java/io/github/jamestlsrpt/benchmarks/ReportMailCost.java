package io.github.jamestlsrpt.benchmarks;

import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.ReportOutcome;
import io.github.jamestlsrpt.mail.TlsReportAttributes;
import io.github.jamestlsrpt.mailets.ExtractTlsReports;
import io.github.jamestlsrpt.mailets.StoreTlsReports;
import io.github.jamestlsrpt.mailets.store.MailboxFolder;
import io.github.jamestlsrpt.matchers.IsTlsReport;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.mailet.Attribute;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.apache.mailet.base.test.FakeMatcherConfig;

/**
 * What one report mail costs the plugin, step by step, in CPU time of the one thread that runs it, next to the least
 * that delivering the same mail costs James: one append of its bytes to a mailbox, the heart of {@code LocalDelivery}.
 * No SMTP, no spool, no other thread: the plugin's own work on a warm JVM, which the load runs cannot separate from
 * James's and from the JIT compiler's.
 *
 * <p>The mails: distinct Google-shaped report mails ({@code multipart/report; report-type=tlsrpt}, a text part, a gzip
 * report of about 1 KiB with two MX hosts, one in ten with failure details), DKIM-signed (rsa-sha256, 2048-bit key,
 * relaxed/relaxed) with jDKIM's own signer, the key published in a DNS service of this class. For each mail, as James's
 * spool runs them in the sample configuration: the matcher {@code IsTlsReport}, then {@code ExtractTlsReports}
 * ({@code dkim=require}), then {@code StoreTlsReports} over James's in-memory mailbox (the stored report and the
 * outcome header on the original; no receipt, since every report is stored as new); then, as the floor, the original appended to another user's INBOX in the same
 * mailbox. The first half of the mails warm the JVM up; the medians of the second half are printed, over batches of
 * 100 mails. Every mail must come out accepted and stored, or the run fails.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.jamestlsrpt.benchmarks.ReportMailCost [mails, default 4000]
 * </pre>
 */
public final class ReportMailCost {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final String CRLF = "\r\n";
    private static final String TLSRPT = "tlsrpt@example.com";
    private static final String REPORTER = "google.com";
    private static final String SELECTOR = "20230601";
    private static final MailboxFolder INBOX = new MailboxFolder("alice@example.com", "INBOX");
    private static final int BATCH = 100;
    private static final String[] STEPS = {"IsTlsReport", "ExtractTlsReports", "StoreTlsReports", "one append (floor)"};

    private ReportMailCost() {}

    public static void main(String[] args) throws Exception {
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        if (mails < 2 * BATCH) {
            throw new IllegalArgumentException("at least " + 2 * BATCH + " mails");
        }
        KeyPair keys = rsa();
        List<byte[]> signed = new ArrayList<>(mails);
        for (int i = 0; i < mails; i++) {
            signed.add(sign(reportMail(i), keys));
        }

        JamesMemoryMailbox james = new JamesMemoryMailbox();
        FakeMailContext context = FakeMailContext.defaultContext();
        IsTlsReport matcher = new IsTlsReport();
        matcher.init(FakeMatcherConfig.builder()
                .matcherName("IsTlsReport")
                .mailetContext(context)
                .build());
        ExtractTlsReports extraction = new ExtractTlsReports(new KeyDns(keyRecord(keys)));
        extraction.init(FakeMailetConfig.builder()
                .mailetName("ExtractTlsReports")
                .mailetContext(context)
                .setProperty("dkim", "require")
                .setProperty("domains", "example.com")
                .build());
        StoreTlsReports store = new StoreTlsReports(james.manager());
        store.init(FakeMailetConfig.builder()
                .mailetName("StoreTlsReports")
                .mailetContext(context)
                .setProperty(StoreTlsReports.USER, TLSRPT)
                .build());

        int batches = mails / BATCH;
        double[][] perMail = new double[STEPS.length][batches];
        for (int batch = 0; batch < batches; batch++) {
            long[] used = new long[STEPS.length];
            for (int i = batch * BATCH; i < (batch + 1) * BATCH; i++) {
                byte[] bytes = signed.get(i);
                FakeMail mail = FakeMail.builder()
                        .name("report-" + i)
                        .sender("bounces@" + REPORTER)
                        .recipient(TLSRPT)
                        .mimeMessage(new MimeMessage(SESSION, new SharedByteArrayInputStream(bytes)))
                        .build();
                long start = THREADS.getCurrentThreadCpuTime();
                Collection<?> matched = matcher.match(mail);
                long matchedAt = THREADS.getCurrentThreadCpuTime();
                extraction.service(mail);
                long extractedAt = THREADS.getCurrentThreadCpuTime();
                store.service(mail);
                long storedAt = THREADS.getCurrentThreadCpuTime();
                james.append(INBOX, bytes, Instant.now());
                long appendedAt = THREADS.getCurrentThreadCpuTime();
                check(i, mail, matched);
                used[0] += matchedAt - start;
                used[1] += extractedAt - matchedAt;
                used[2] += storedAt - extractedAt;
                used[3] += appendedAt - storedAt;
            }
            for (int step = 0; step < STEPS.length; step++) {
                perMail[step][batch] = used[step] / 1000.0 / BATCH;
            }
        }

        System.out.printf(
                Locale.ROOT,
                "%d report mails, the last %d measured; CPU µs per mail, median of %d batches of %d%n",
                mails,
                (batches - batches / 2) * BATCH,
                batches - batches / 2,
                BATCH);
        double plugin = 0;
        for (int step = 0; step < STEPS.length; step++) {
            double median = medianOfSecondHalf(perMail[step]);
            if (step < 3) {
                plugin += median;
            }
            System.out.printf(Locale.ROOT, "  %-22s %,10.0f%n", STEPS[step], median);
        }
        double floor = medianOfSecondHalf(perMail[3]);
        System.out.printf(
                Locale.ROOT, "  %-22s %,10.0f (%.1f appends' worth)%n", "the plugin in all", plugin, plugin / floor);
    }

    private static void check(int i, FakeMail mail, Collection<?> matched) {
        List<ExtractedReport> reports = TlsReportAttributes.reports(mail);
        Object stored = mail.getAttribute(TlsReportAttributes.STORED)
                .map(Attribute::getValue)
                .map(value -> value.value())
                .orElse(null);
        if (matched == null
                || matched.isEmpty()
                || reports.size() != 1
                || reports.get(0).outcome() != ReportOutcome.ACCEPTED
                || !(stored instanceof Number number && number.longValue() == 1)) {
            throw new IllegalStateException("mail " + i + " was not matched, accepted and stored: matched " + matched
                    + ", reports " + reports + ", stored " + stored);
        }
    }

    private static double medianOfSecondHalf(double[] batches) {
        double[] measured = Arrays.copyOfRange(batches, batches.length / 2, batches.length);
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    // ------------------------------------------------------------------------------------------ mails

    private static byte[] reportMail(int i) {
        String reportId = "2026-11-28T00:00:00Z_example.com_" + i;
        String failures = i % 10 == 0
                ? "{\"result-type\": \"certificate-expired\", \"sending-mta-ip\": \"209.85.220.41\","
                        + " \"receiving-mx-hostname\": \"mx1.example.com\", \"failed-session-count\": 7},"
                        + " {\"result-type\": \"validation-failure\", \"sending-mta-ip\": \"2607:f8b0:4864::1\","
                        + " \"receiving-mx-hostname\": \"mx2.example.com\", \"failed-session-count\": 2}"
                : "";
        long failed = i % 10 == 0 ? 9 : 0;
        String json = "{\"organization-name\": \"Google LLC\", \"date-range\": {\"start-datetime\":"
                + " \"2026-11-28T00:00:00Z\", \"end-datetime\": \"2026-11-28T23:59:59Z\"}, \"contact-info\":"
                + " \"smtp-tls-reporting@google.com\", \"report-id\": \"" + reportId + "\", \"policies\": [{\"policy\":"
                + " {\"policy-type\": \"sts\", \"policy-string\": [\"version: STSv1\", \"mode: enforce\","
                + " \"mx: mx1.example.com\", \"mx: mx2.example.com\", \"max_age: 604800\"], \"policy-domain\":"
                + " \"example.com\", \"mx-host\": [\"mx1.example.com\", \"mx2.example.com\"]}, \"summary\":"
                + " {\"total-successful-session-count\": " + (1000 + i) + ", \"total-failure-session-count\": "
                + failed + "}, \"failure-details\": [" + failures + "]}]}";
        String filename = "google.com!example.com!1795824000!1795910399!" + i + ".json.gz";
        String boundary = "000000000000f1e2d3c4b5a6" + String.format(Locale.ROOT, "%04x", i % 65536);
        return String.join(
                        CRLF,
                        "MIME-Version: 1.0",
                        "Date: Sun, 29 Nov 2026 04:17:13 -0800",
                        "Message-ID: <report-" + i + "@google.com>",
                        "Subject: Report Domain: example.com Submitter: google.com Report-ID: <" + reportId + ">",
                        "From: noreply-smtp-tls-reporting@google.com",
                        "To: " + TLSRPT,
                        "Content-Type: multipart/report; boundary=\"" + boundary + "\"; report-type=tlsrpt",
                        "",
                        "--" + boundary,
                        "Content-Type: text/plain; charset=\"UTF-8\"",
                        "",
                        "This is an aggregate TLS report from google.com",
                        "--" + boundary,
                        "Content-Type: application/tlsrpt+gzip; name=\"" + filename + "\"",
                        "Content-Disposition: attachment; filename=\"" + filename + "\"",
                        "Content-Transfer-Encoding: base64",
                        "",
                        Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(StoredReportFixtures.gzip(json.getBytes(StandardCharsets.UTF_8))),
                        "--" + boundary + "--",
                        "")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static KeyPair rsa() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String keyRecord(KeyPair keys) {
        return "v=DKIM1; k=rsa; p="
                + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    private static byte[] sign(byte[] message, KeyPair keys) throws Exception {
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + REPORTER + "; s=" + SELECTOR
                + "; h=from:to:subject:date:message-id:content-type; bh=; b=;";
        String field = new DKIMSigner(template, keys.getPrivate()).sign(new ByteArrayInputStream(message));
        byte[] header = (field + CRLF).getBytes(StandardCharsets.US_ASCII);
        byte[] signed = Arrays.copyOf(header, header.length + message.length);
        System.arraycopy(message, 0, signed, header.length, message.length);
        return signed;
    }

    /** The reporter's key at its selector; nothing else resolves. */
    private record KeyDns(String keyRecord) implements DNSService {

        @Override
        public Collection<String> findMXRecords(String hostname) {
            return List.of();
        }

        @Override
        public Collection<String> findTXTRecords(String hostname) {
            return hostname.equalsIgnoreCase(SELECTOR + "._domainkey." + REPORTER) ? List.of(keyRecord) : List.of();
        }

        @Override
        public Collection<InetAddress> getAllByName(String host) throws java.net.UnknownHostException {
            throw new java.net.UnknownHostException(host);
        }

        @Override
        public InetAddress getByName(String host) throws java.net.UnknownHostException {
            throw new java.net.UnknownHostException(host);
        }

        @Override
        public InetAddress getLocalHost() throws java.net.UnknownHostException {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public String getHostName(InetAddress address) {
            return address.getHostAddress();
        }
    }
}
