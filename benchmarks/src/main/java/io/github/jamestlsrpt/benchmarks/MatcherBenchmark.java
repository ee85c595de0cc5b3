package io.github.jamestlsrpt.benchmarks;

import io.github.jamestlsrpt.matchers.IsTlsReport;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Date;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.james.core.MailAddress;
import org.apache.james.transport.matchers.All;
import org.apache.james.transport.matchers.HasAttachment;
import org.apache.mailet.Matcher;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the {@code IsTlsReport} matcher costs on mail that is not a report, against what James does for every mail
 * anyway. Every operation matches a message James has just received: a new {@code MimeMessage} over the mail's bytes
 * (a shared stream, so that the content is not copied, as James's own message wrapper does), put on the mail, then
 * the matcher.
 *
 * <ul>
 *   <li>{@code all}: James's {@code All} matcher, that is the new message and nothing else: the floor.
 *   <li>{@code hasAttachment}: James's {@code HasAttachment}, a cheap matcher that looks at the Content-Type.
 *   <li>{@code isTlsReport}: ours, with its default {@code peekBytes}.
 *   <li>{@code copy}: writing the whole message to a stream that discards it, the least that delivering a mail
 *       costs (James copies every mail at least once, into the mailbox or the spool): what "ordinary mail must not
 *       pay for us" is measured against.
 * </ul>
 *
 * <p>Messages, generated in code (fixed seeds), checked by the setup (size, and whether the matcher matches):
 * {@code plain}, a 2 KiB text/plain mail with the headers of a mail that crossed the Internet; {@code large}, a
 * 10 MiB multipart/mixed mail (text and HTML body, a 5.2 MB PDF, two 1.2 MB JPEG pictures, base64); {@code zip}, the
 * same size with a 7.6 MB application/zip attachment named documents.zip, the worst case of ordinary mail for the
 * matcher (a zip may hold a report, so its first {@code peekBytes} are read); {@code report}, for comparison, a TLS
 * report mail (multipart/report; report-type=tlsrpt, a gzip report of 2 KiB), which matches.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class MatcherBenchmark {

    private static final Session SESSION = Session.getInstance(new Properties());

    @Param({"plain", "large", "zip", "report"})
    public String message;

    private byte[] bytes;
    private FakeMail mail;
    private Matcher isTlsReport;
    private Matcher all;
    private Matcher hasAttachment;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bytes = switch (message) {
            case "plain" -> plain();
            case "large" -> large(false);
            case "zip" -> large(true);
            case "report" -> report();
            default -> throw new IllegalArgumentException("unknown message " + message);
        };
        mail = FakeMail.builder()
                .name("mail1")
                .sender("someone@sender.example")
                .recipient("postmaster@example.com")
                .mimeMessage(received())
                .build();
        isTlsReport = matcher(new IsTlsReport(), "IsTlsReport");
        all = matcher(new All(), "All");
        hasAttachment = matcher(new HasAttachment(), "HasAttachment");

        boolean large = !message.equals("plain") && !message.equals("report");
        StoreGrowthBenchmark.check(
                large ? bytes.length > 10_000_000 && bytes.length < 11_000_000 : bytes.length < 8_000,
                message + " is " + bytes.length + " bytes");
        StoreGrowthBenchmark.check(
                isTlsReport().isEmpty() == !message.equals("report"),
                "IsTlsReport " + (message.equals("report") ? "does not match" : "matches") + " " + message);
        StoreGrowthBenchmark.check(all().size() == 1, "All does not match");
    }

    /** A message as James has it right after receiving the mail. */
    private MimeMessage received() throws MessagingException {
        return new MimeMessage(SESSION, new SharedByteArrayInputStream(bytes));
    }

    @Benchmark
    public Collection<MailAddress> all() throws MessagingException {
        mail.setMessage(received());
        return all.match(mail);
    }

    @Benchmark
    public Collection<MailAddress> hasAttachment() throws MessagingException {
        mail.setMessage(received());
        return hasAttachment.match(mail);
    }

    @Benchmark
    public Collection<MailAddress> isTlsReport() throws MessagingException {
        mail.setMessage(received());
        return isTlsReport.match(mail);
    }

    @Benchmark
    public MimeMessage copy() throws MessagingException, IOException {
        MimeMessage received = received();
        received.writeTo(OutputStream.nullOutputStream());
        return received;
    }

    private static Matcher matcher(Matcher matcher, String name) throws MessagingException {
        matcher.init(FakeMatcherConfig.builder().matcherName(name).build());
        return matcher;
    }

    // ------------------------------------------------------------------------------------------ messages

    private static MimeMessage headed(String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(SESSION);
        message.addHeader(
                "Received",
                "from mail-sor-f41.google.com (mail-sor-f41.google.com [209.85.220.41]) by mx1.example.com"
                        + " (James) with ESMTPS id 4F2A1C0E for <postmaster@example.com>; Sat, 28 Nov 2026 09:12:44"
                        + " +0000");
        message.addHeader(
                "Received",
                "by mail-sor-f41.google.com with SMTP id a640c23a62f3a-b7352d2a4e2so12345666b.1 for"
                        + " <postmaster@example.com>; Sat, 28 Nov 2026 01:12:43 -0800 (PST)");
        message.addHeader(
                "DKIM-Signature",
                "v=1; a=rsa-sha256; c=relaxed/relaxed; d=sender.example; s=20230601; t=1795856000;"
                        + " h=to:subject:message-id:date:from:mime-version:from:to:cc:subject:date:message-id:reply-to;"
                        + " bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=" + "A".repeat(344));
        message.setFrom(new InternetAddress("Someone <someone@sender.example>"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("postmaster@example.com"));
        message.setSubject(subject, "UTF-8");
        message.setSentDate(new Date(1_795_856_000_000L));
        return message;
    }

    /** 2 KiB, text/plain. */
    static byte[] plain() throws MessagingException {
        MimeMessage message = headed("About the meeting on Monday");
        StringBuilder text = new StringBuilder();
        while (text.length() < 1000) {
            text.append("Hello, here are the notes of the meeting, and the points we agreed on.\r\n");
        }
        message.setText(text.toString(), "UTF-8");
        return bytes(message);
    }

    /** 10 MiB multipart/mixed: text and HTML, a PDF and two pictures; or one zip of the same size. */
    static byte[] large(boolean zip) throws MessagingException {
        MimeMessage message = headed(zip ? "The documents, zipped" : "The documents and the pictures");
        MimeMultipart body = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Please find the documents attached.\r\n", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Please find the documents attached.</p>", "text/html; charset=UTF-8");
        body.addBodyPart(text);
        body.addBodyPart(html);
        MimeBodyPart alternative = new MimeBodyPart();
        alternative.setContent(body);
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(alternative);
        Random random = new Random(8460);
        if (zip) {
            byte[] archive = random(random, 7_600_000, new byte[] {'P', 'K', 3, 4});
            mixed.addBodyPart(attachment(archive, "application/zip", "documents.zip"));
        } else {
            mixed.addBodyPart(attachment(
                    random(random, 5_200_000, "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)),
                    "application/pdf",
                    "contract.pdf"));
            byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0};
            mixed.addBodyPart(attachment(random(random, 1_200_000, jpeg), "image/jpeg", "site-1.jpg"));
            mixed.addBodyPart(attachment(random(random, 1_200_000, jpeg), "image/jpeg", "site-2.jpg"));
        }
        message.setContent(mixed);
        return bytes(message);
    }

    /** A TLS report mail as Google sends one: multipart/report; report-type=tlsrpt with the gzip report. */
    static byte[] report() throws MessagingException {
        MimeMessage message = headed("Report Domain: example.com Submitter: google.com Report-ID: <2026.11.28>");
        message.setHeader("TLS-Report-Domain", "example.com");
        message.setHeader("TLS-Report-Submitter", "google.com");
        MimeMultipart parts = new MimeMultipart("report; report-type=tlsrpt");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("This is an aggregate TLS report from google.com\r\n", "UTF-8");
        parts.addBodyPart(text);
        byte[] gzip = StoredReportFixtures.extractedOriginal();
        parts.addBodyPart(
                attachment(gzip, "application/tlsrpt+gzip", "google.com!example.com!1795824000!1795910399.json.gz"));
        message.setContent(parts);
        return bytes(message);
    }

    private static MimeBodyPart attachment(byte[] content, String type, String filename) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        part.setFileName(filename);
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    private static byte[] random(Random random, int size, byte[] magic) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        return bytes;
    }

    private static byte[] bytes(MimeMessage message) throws MessagingException {
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeTo(out);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }
}
