package io.github.jamestlsrpt.mailets.digest;

import io.github.jamestlsrpt.core.digest.Digest;
import io.github.jamestlsrpt.mailets.store.HeaderText;
import io.github.jamestlsrpt.mailets.summary.SummaryWriter;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the digest mail: multipart/alternative with a text/plain part and a multipart/related part holding the
 * text/html part and the chart (image/png, inline, referred to by its Content-ID), so that a mail program shows
 * either the text or the page with its picture. Without a chart (no domain, or it could not be drawn) the HTML part
 * stands alone. Headers: {@code Auto-Submitted: auto-generated} (RFC 3834) and {@code X-Auto-Response-Suppress: All}
 * against auto-replies, the summary's marker header {@value SummaryWriter#MARKER_HEADER} (so that nothing of this
 * plugin ever takes a digest for something to act on), {@value #DIGEST_HEADER} naming the period, and a Subject built
 * only from sanitised values.
 */
public final class DigestWriter {

    /** Names the digest's period; informative (exactly-once is the markers' job, not this header's). */
    public static final String DIGEST_HEADER = "X-TLSRPT-Digest";

    private static final Logger LOGGER = LoggerFactory.getLogger(DigestWriter.class);
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final int SUBJECT_LENGTH = 250;

    private final InternetAddress from;
    private final List<InternetAddress> to;

    public DigestWriter(InternetAddress from, List<InternetAddress> to) {
        this.from = Objects.requireNonNull(from, "from");
        this.to = List.copyOf(to);
        if (this.to.isEmpty()) {
            throw new IllegalArgumentException("a digest goes to at least one address");
        }
    }

    /** @param date the Date of the digest */
    public MimeMessage write(Digest digest, Instant date) throws MessagingException {
        Optional<byte[]> png;
        try {
            png = DigestChart.png(digest);
        } catch (LinkageError noJavaDesktop) {
            // a Java runtime without the java.desktop module (a minimal jlink image): no picture, the digest goes
            LOGGER.warn("the digest chart needs Java2D (module java.desktop), which this Java lacks", noJavaDesktop);
            png = Optional.empty();
        }
        String contentId = "chart." + UUID.randomUUID() + "@tlsrpt.invalid";
        Optional<DigestHtml.Chart> chart = png.map(image -> new DigestHtml.Chart(
                contentId, DigestChart.height(DigestChart.rows(digest).size())));

        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
        message.setSentDate(Date.from(date));
        message.setHeader("Subject", HeaderText.value("Subject", DigestWords.subject(digest), SUBJECT_LENGTH));
        message.setHeader(SummaryWriter.AUTO_SUBMITTED, "auto-generated");
        message.setHeader(SummaryWriter.AUTO_RESPONSE_SUPPRESS, "All");
        message.setHeader(
                SummaryWriter.MARKER_HEADER, "digest " + digest.period().id());
        message.setHeader(
                DIGEST_HEADER,
                digest.period().cadence().wireName() + " " + digest.period().id() + " "
                        + digest.period().zoneName());

        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(crlf(DigestText.render(digest, png.isPresent())), "UTF-8", "plain");
        alternative.addBodyPart(plain);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(crlf(DigestHtml.render(digest, chart)), "UTF-8", "html");
        if (png.isPresent()) {
            MimeMultipart related = new MimeMultipart("related; type=\"text/html\"");
            related.addBodyPart(html);
            MimeBodyPart image = new MimeBodyPart();
            image.setDataHandler(new DataHandler(new ByteArrayDataSource(png.get(), "image/png")));
            image.setContentID("<" + contentId + ">");
            image.setDisposition(MimeBodyPart.INLINE);
            image.setFileName("tlsrpt-digest-" + digest.period().id() + ".png");
            image.setHeader("Content-Transfer-Encoding", "base64");
            related.addBodyPart(image);
            MimeBodyPart relatedPart = new MimeBodyPart();
            relatedPart.setContent(related);
            alternative.addBodyPart(relatedPart);
        } else {
            alternative.addBodyPart(html);
        }
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
