package io.github.jamestlsrpt.mailets.summary;

import io.github.jamestlsrpt.core.explain.ReportFacts;
import io.github.jamestlsrpt.core.explain.SafeText;
import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mailets.store.HeaderText;
import io.github.jamestlsrpt.mailets.store.MimeWriting;
import io.github.jamestlsrpt.mailets.store.ReportMessageWriter;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.message.BodyPart;
import org.apache.james.mime4j.message.MultipartBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the summary mail of one report: multipart/alternative with a text/plain and a text/html part saying the
 * same (see {@link SummaryContent}), headers that mark it as generated ({@value #AUTO_SUBMITTED}: auto-generated,
 * RFC 3834) and as ours ({@value #MARKER_HEADER}), and a Subject built only from sanitised values (no report text can
 * end a header line). The report itself is never attached: a summary can never be read as a TLS report.
 *
 * <p>Like the stored messages, it is built with mime4j's DOM and written by its writer (see {@link MimeWriting}), then
 * handed over as the Jakarta Mail message James's {@code sendMail} takes, parsed from those bytes. Jakarta Mail, which
 * built it before, looked its stream provider up through a {@code ServiceLoader} for every part it encoded and parsed
 * the message it had just built again to save it.
 */
public final class SummaryWriter {

    /** RFC 3834: the summary is generated, so that auto-responders (out-of-office) leave it alone. */
    public static final String AUTO_SUBMITTED = "Auto-Submitted";
    /** Microsoft's equivalent for Exchange and Outlook auto-replies. */
    public static final String AUTO_RESPONSE_SUPPRESS = "X-Auto-Response-Suppress";
    /** Marks a summary as ours; its value is the report's key. A mail carrying it never gives a summary. */
    public static final String MARKER_HEADER = "X-TLSRPT-Summary";

    private static final Logger LOGGER = LoggerFactory.getLogger(SummaryWriter.class);
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final int SUBJECT_LENGTH = 250;

    private final InternetAddress from;
    private final InternetAddress[] to;
    private final String messageIdDomain;
    private final String condition;

    /**
     * @param from the From of the summaries
     * @param to the To of the summaries
     * @param condition why summaries are sent, completing "Sent because this report ..." ("counts at least 1
     *     failed session")
     */
    public SummaryWriter(InternetAddress from, List<InternetAddress> to, String condition) {
        this.from = Objects.requireNonNull(from, "from");
        this.to = List.copyOf(to).toArray(InternetAddress[]::new);
        this.condition = Objects.requireNonNull(condition, "condition");
        if (this.to.length == 0) {
            throw new IllegalArgumentException("a summary goes to at least one address");
        }
        String address = from.getAddress();
        int at = address.lastIndexOf('@');
        this.messageIdDomain = at < 0 || at == address.length() - 1 ? "localhost" : address.substring(at + 1);
    }

    /**
     * @param report an accepted report (it has a document)
     * @param dkim the mail's DKIM verdict, or empty when unknown
     * @param date the Date of the summary
     */
    public MimeMessage write(ExtractedReport report, Optional<DkimVerdict> dkim, Instant date)
            throws MessagingException {
        SummaryContent content = new SummaryContent(facts(report), report, dkim, condition);
        Multipart alternative = MultipartBuilder.create("alternative")
                .addBodyPart(textPart("plain", PlainTextRenderer.render(content)))
                .addBodyPart(textPart("html", HtmlRenderer.render(content)))
                .build();
        Message message = Message.Builder.of()
                .addField(MimeWriting.field("From", from.toString()))
                .addField(MimeWriting.field("To", InternetAddress.toString(to, "To: ".length())))
                .addField(MimeWriting.field("Date", HeaderText.date(date)))
                .addField(MimeWriting.field(
                        "Message-ID", "<tlsrpt-summary." + UUID.randomUUID() + "@" + messageIdDomain + ">"))
                .addField(MimeWriting.field("Subject", HeaderText.value("Subject", subject(content), SUBJECT_LENGTH)))
                .addField(MimeWriting.field(AUTO_SUBMITTED, "auto-generated"))
                .addField(MimeWriting.field(AUTO_RESPONSE_SUPPRESS, "All"))
                .addField(MimeWriting.field(MARKER_HEADER, ReportMessageWriter.keyOf(report)))
                .addField(MimeWriting.field("MIME-Version", "1.0"))
                .setBody(alternative) // Content-Type: multipart/alternative with a fresh boundary
                .build();
        // parsed from its own bytes, the message is saved: James copies it as it is, without saving it again
        return new MimeMessage(SESSION, new SharedByteArrayInputStream(MimeWriting.bytes(message, 8192)));
    }

    /**
     * A text part as Jakarta Mail's {@code setText(text, "UTF-8", subtype)} wrote it: the charset in the Content-Type,
     * 7bit when the text allows it, else quoted-printable (which Jakarta Mail chose for mostly ASCII text, base64 for
     * other text: the decoded text is the same).
     */
    private static BodyPart textPart(String subtype, String text) {
        return MimeWriting.textPart(subtype, text.replace("\r\n", "\n"));
    }

    private static Optional<ReportFacts> facts(ExtractedReport report) {
        try {
            return ReportRebuild.of(report).map(ReportFacts::of);
        } catch (RuntimeException unexpected) {
            LOGGER.warn(
                    "TLS report {} could not be read again for its summary; a shorter one is sent",
                    SafeText.of(report.reportId()),
                    unexpected);
            return Optional.empty();
        }
    }

    /** "TLS report: 12 of 4,000 sessions to example.com failed (0.3%), Google LLC, 2026-11-28", before encoding. */
    static String subject(SummaryContent content) {
        StringBuilder subject = new StringBuilder(200).append("TLS report: ").append(content.headline());
        String organization = content.report().organization();
        if (organization != null && !organization.isBlank()) {
            subject.append(", ").append(LinkFree.text(HeaderText.plain(organization, 60)));
        }
        content.facts().flatMap(facts -> day(facts.start(), facts.end())).ifPresent(day -> subject.append(", ")
                .append(day));
        return subject.toString();
    }

    /** "2026-11-28" for a period of one UTC day (ending at 23:59:59 or at the next midnight), else empty. */
    static Optional<String> day(Instant start, Instant end) {
        if (start == null || end == null) {
            return Optional.empty();
        }
        LocalDateTime from = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
        LocalDateTime to = LocalDateTime.ofInstant(end, ZoneOffset.UTC);
        if (!from.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return Optional.empty();
        }
        LocalDate day = from.toLocalDate();
        boolean sameDay = to.toLocalDate().equals(day) && !to.toLocalTime().isBefore(LocalTime.of(23, 59));
        boolean nextMidnight =
                to.toLocalDate().equals(day.plusDays(1)) && to.toLocalTime().equals(LocalTime.MIDNIGHT);
        return sameDay || nextMidnight ? Optional.of(day.toString()) : Optional.empty();
    }
}
