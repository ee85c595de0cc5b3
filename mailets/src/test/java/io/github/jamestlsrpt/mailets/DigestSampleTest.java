package io.github.jamestlsrpt.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.mailets.store.InMemoryReportMailbox;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

/**
 * Writes the digest of {@link DigestScenario}'s month to {@code target/digest-sample/}, for people and for the
 * screenshot in docs/: {@code digest.eml} (the mail as sent), {@code digest.txt} (its plain part), {@code digest.png}
 * (its chart) and {@code digest.html} (its HTML part, the chart referred to as digest.png beside it, so that a browser
 * shows it as a mail program would).
 */
class DigestSampleTest {

    static final Path SAMPLE = Path.of("target", "digest-sample");

    @Test
    void shouldWriteTheDigestOfASampleMonth() throws Exception {
        FakeMailContext context = FakeMailContext.builder()
                .postmaster(new MailAddress("postmaster@example.com"))
                .build();
        InMemoryReportMailbox mailbox = DigestScenario.month();
        SendTlsReportDigest mailet = new SendTlsReportDigest(
                mailbox, Clock.fixed(Instant.parse("2026-11-29T06:00:02Z"), ZoneOffset.UTC), Duration.ZERO);
        mailet.init(FakeMailetConfig.builder()
                .mailetName("SendTlsReportDigest")
                .mailetContext(context)
                .setProperty("to", "admin@example.com")
                .setProperty("user", DigestScenario.USER)
                .build());
        try {
            mailet.runOnce(DigestScenario.RUN);
        } finally {
            mailet.destroy();
        }

        assertThat(context.getSentMails()).hasSize(1);
        ByteArrayOutputStream eml = new ByteArrayOutputStream();
        context.getSentMails().get(0).getMsg().writeTo(eml);
        MimeMessage message =
                new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml.toByteArray()));
        MimeMultipart alternative = (MimeMultipart) message.getContent();
        String plain = (String) alternative.getBodyPart(0).getContent();
        MimeMultipart related = (MimeMultipart) alternative.getBodyPart(1).getContent();
        String html = (String) related.getBodyPart(0).getContent();
        BodyPart image = related.getBodyPart(1);
        String contentId = image.getHeader("Content-ID")[0].replaceAll("[<>]", "");
        byte[] png;
        try (InputStream in = image.getInputStream()) {
            png = in.readAllBytes();
        }

        Files.createDirectories(SAMPLE);
        Files.write(SAMPLE.resolve("digest.eml"), eml.toByteArray());
        Files.writeString(SAMPLE.resolve("digest.txt"), plain.replace("\r\n", "\n"), StandardCharsets.UTF_8);
        Files.write(SAMPLE.resolve("digest.png"), png);
        Files.writeString(
                SAMPLE.resolve("digest.html"),
                html.replace("\r\n", "\n").replace("cid:" + contentId, "digest.png"),
                StandardCharsets.UTF_8);

        assertThat(Files.readString(SAMPLE.resolve("digest.html"))).contains("<img src=\"digest.png\"");
        assertThat(Files.size(SAMPLE.resolve("digest.png"))).isGreaterThan(2_000);
        assertThat(Files.readString(SAMPLE.resolve("digest.txt"))).startsWith("TLS-RPT digest for 2026-11-28 (UTC)");
    }
}
