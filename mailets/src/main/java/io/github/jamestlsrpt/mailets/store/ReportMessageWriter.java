package io.github.jamestlsrpt.mailets.store;

import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.explain.PlainSummary;
import io.github.jamestlsrpt.core.explain.ReportFacts;
import io.github.jamestlsrpt.core.explain.SafeText;
import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.ReportOutcome;
import io.github.jamestlsrpt.mailets.summary.ReportRebuild;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.ParseException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.field.ContentTransferEncodingField;
import org.apache.james.mime4j.field.Fields;
import org.apache.james.mime4j.message.BasicBodyFactory;
import org.apache.james.mime4j.message.BodyPart;
import org.apache.james.mime4j.message.BodyPartBuilder;
import org.apache.james.mime4j.message.MultipartBuilder;
import org.apache.james.mime4j.stream.NameValuePair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the message stored for one report: a Subject a person can scan ("TLS report for example.com from Google
 * LLC, 2026-11-28: 12 of 4,000 sessions failed"); the headers TLS-Report-Domain and TLS-Report-Submitter (RFC 8460
 * section 5.3 meant them for IMAP SEARCH HEADER) and X-TLSRPT-Report-Id, X-TLSRPT-Period, X-TLSRPT-Status,
 * {@value ExactlyOnceReportStore#KEY_HEADER}; then three parts: a plain-text summary, the stored JSON document
 * (application/json) and the report exactly as received.
 *
 * <p>Every value that came from a report passes through {@link HeaderText} before it reaches a header, and every
 * filename is cut down to a plain name: a report-id or an organization-name holding CR LF cannot add a header.
 *
 * <p>The summary is core's {@link PlainSummary}, which needs the report as a model: extraction writes it (see
 * {@link ExtractedReport#summary()}); when it is missing, {@link ReportRebuild} rebuilds the report by reading the
 * original bytes again with the default reader limits (the bytes passed extraction, so this is bounded), and the
 * report whose zip entry and report-id match is the one summarised. Should that fail (for example when extraction
 * ran with limits above the defaults), a shorter summary is written from the figures extraction found. The headers
 * always come from the stored document itself.
 */
public final class ReportMessageWriter {

    public static final String REPORT_DOMAIN = "TLS-Report-Domain";
    public static final String REPORT_SUBMITTER = "TLS-Report-Submitter";
    public static final String REPORT_ID = "X-TLSRPT-Report-Id";
    public static final String PERIOD = "X-TLSRPT-Period";
    public static final String STATUS = "X-TLSRPT-Status";

    private static final Logger LOGGER = LoggerFactory.getLogger(ReportMessageWriter.class);
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}");
    private static final Pattern FILENAME_UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\"<>:|?*;\\\\/]");
    private static final Pattern ID_UNSAFE = Pattern.compile("[^A-Za-z0-9._@+=-]+");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final int DOMAINS_IN_SUBJECT = 3;
    private static final int FILENAME_LENGTH = 120;

    private final String owner;
    private final String messageIdDomain;

    /** @param owner the mailbox owner: From and To of the stored messages */
    public ReportMessageWriter(InternetAddress owner) {
        this.owner = Objects.requireNonNull(owner, "owner").toString();
        String address = owner.getAddress();
        int at = address.lastIndexOf('@');
        this.messageIdDomain = at < 0 || at == address.length() - 1 ? "localhost" : address.substring(at + 1);
    }

    /**
     * The key a report is stored under: its deduplication key when that is a plain token (core's keys are SHA-256
     * hex), else the SHA-256 hex of it, so that it survives a round trip through a header unchanged.
     *
     * @throws IllegalArgumentException for an invalid report, which has no key and is never stored
     */
    public static String keyOf(ExtractedReport report) {
        String key = report.deduplicationKey();
        if (key == null) {
            throw new IllegalArgumentException("an invalid report has no deduplication key");
        }
        return SAFE_KEY.matcher(key).matches() ? key : sha256(key);
    }

    /**
     * @param dkim the mail's DKIM verdict, or null when unknown
     * @param storedAt the Date of the stored message
     * @return the message, RFC 5322 bytes with CRLF line ends, built and written by mime4j (see {@link MimeWriting})
     * @throws IllegalArgumentException for an invalid report (it has no document)
     * @throws MessagingException not thrown: declared for the callers, which also catch it from the mailbox
     */
    public byte[] write(ExtractedReport report, DkimVerdict dkim, Instant storedAt) throws MessagingException {
        String key = keyOf(report);
        DocumentHead head = DocumentHead.of(report.document());

        Message.Builder message = Message.Builder.of()
                .addField(MimeWriting.field("Date", HeaderText.date(storedAt)))
                .addField(MimeWriting.field("From", owner))
                .addField(MimeWriting.field("To", owner))
                .addField(MimeWriting.field("Message-ID", "<tlsrpt." + key + "@" + messageIdDomain + ">"))
                .addField(MimeWriting.field("Subject", HeaderText.value("Subject", subject(report, head), 300)))
                .addField(MimeWriting.field("MIME-Version", "1.0"));
        byte[] document = report.document().getBytes(StandardCharsets.UTF_8);
        String documentFilename = documentFilename(report);
        String originalFilename = originalFilename(report);
        Multipart parts = MultipartBuilder.create("mixed")
                .addBodyPart(summaryPart(report, head, dkim, documentFilename, originalFilename))
                .addBodyPart(documentPart(documentFilename, document))
                .addBodyPart(originalPart(report, originalFilename))
                .build();
        message.setBody(parts); // Content-Type: multipart/mixed with a fresh boundary
        message.addField(MimeWriting.field("Auto-Submitted", "auto-generated"));
        String domains = String.join(", ", distinct(report.policyDomains()));
        if (!domains.isEmpty()) {
            message.addField(MimeWriting.field(REPORT_DOMAIN, HeaderText.value(REPORT_DOMAIN, domains, 900)));
        }
        if (head.contactDomain() != null) {
            message.addField(
                    MimeWriting.field(REPORT_SUBMITTER, HeaderText.value(REPORT_SUBMITTER, head.contactDomain(), 253)));
        }
        if (report.reportId() != null) {
            message.addField(MimeWriting.field(REPORT_ID, HeaderText.value(REPORT_ID, report.reportId())));
        }
        if (head.start() != null && head.end() != null) {
            message.addField(MimeWriting.field(PERIOD, head.start() + "/" + head.end()));
        }
        message.addField(MimeWriting.field(STATUS, HeaderText.value(STATUS, status(report, head, dkim))));
        message.addField(MimeWriting.field(ExactlyOnceReportStore.KEY_HEADER, key));

        // base64 writes 78 octets a line for 57, quoted-printable about 1.1 octets for one of JSON
        return MimeWriting.bytes(
                message.build(), report.original().length * 14 / 10 + document.length * 12 / 10 + 8192);
    }

    // ------------------------------------------------------------------------------------------ headers

    static String subject(ExtractedReport report, DocumentHead head) {
        StringBuilder subject = new StringBuilder(160);
        if (report.outcome() == ReportOutcome.OUT_OF_SCOPE) {
            subject.append("[out of scope] ");
        }
        subject.append("TLS report");
        List<String> domains = distinct(report.policyDomains());
        if (!domains.isEmpty()) {
            subject.append(" for ");
            int shown = Math.min(domains.size(), DOMAINS_IN_SUBJECT);
            for (int i = 0; i < shown; i++) {
                subject.append(i == 0 ? "" : ", ").append(HeaderText.plain(domains.get(i), 100));
            }
            if (domains.size() > shown) {
                subject.append(" and ").append(domains.size() - shown).append(" more");
            }
        }
        subject.append(" from ").append(HeaderText.plain(reporter(report, head), 100));
        String period = period(head.start(), head.end());
        if (period != null) {
            subject.append(", ").append(period);
        }
        subject.append(": ").append(sessions(report.successfulSessions(), report.failedSessions()));
        return subject.toString();
    }

    private static String status(ExtractedReport report, DocumentHead head, DkimVerdict dkim) {
        String status = (head.status() == null ? "unknown" : HeaderText.plain(head.status(), 40)) + "; outcome="
                + report.outcome().wireName();
        return dkim == null ? status : status + "; dkim=" + dkim.result().wireName();
    }

    private static String reporter(ExtractedReport report, DocumentHead head) {
        if (report.organization() != null && !report.organization().isBlank()) {
            return report.organization();
        }
        if (head.contactDomain() != null) {
            return head.contactDomain();
        }
        return head.reporter() == null || head.reporter().isBlank() ? "an unnamed reporter" : head.reporter();
    }

    /** "2026-11-28" for one UTC day (whether it ends at 23:59:59 or at the next midnight), else both ends. */
    static String period(Instant start, Instant end) {
        if (start == null || end == null) {
            return null;
        }
        LocalDateTime from = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
        LocalDateTime to = LocalDateTime.ofInstant(end, ZoneOffset.UTC);
        if (from.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            LocalDate first = from.toLocalDate();
            LocalDate last = null;
            if (to.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                last = to.toLocalDate().minusDays(1);
            } else if (!to.toLocalTime().isBefore(LocalTime.of(23, 59))) {
                last = to.toLocalDate();
            }
            if (last != null && !last.isBefore(first)) {
                return first.equals(last) ? first.toString() : first + " to " + last;
            }
        }
        return MINUTES.format(from) + " to " + MINUTES.format(to) + " UTC";
    }

    static String sessions(long successful, long failed) {
        long total = successful + failed;
        if (total == 0) {
            return "no sessions";
        }
        String noun = total == 1 ? " session" : " sessions";
        if (failed == 0) {
            return "no failures in " + ReportFacts.number(total) + noun;
        }
        return ReportFacts.number(failed) + " of " + ReportFacts.number(total) + noun + " failed";
    }

    private static List<String> distinct(List<String> domains) {
        Map<String, String> byLowerCase = new LinkedHashMap<>();
        for (String domain : domains) {
            if (domain != null && !domain.isBlank()) {
                byLowerCase.putIfAbsent(domain.strip().toLowerCase(Locale.ROOT), domain.strip());
            }
        }
        return new ArrayList<>(byLowerCase.values());
    }

    // ------------------------------------------------------------------------------------------ parts

    private static BodyPart summaryPart(
            ExtractedReport report,
            DocumentHead head,
            DkimVerdict dkim,
            String documentFilename,
            String originalFilename) {
        String summary = summary(report, head);
        StringBuilder text =
                new StringBuilder(summary.length() + 1024).append(summary).append('\n');
        text.append(outcomeLine(report)).append('\n');
        if (dkim != null) {
            text.append("DKIM: ")
                    .append(dkim.result().wireName())
                    .append(dkim.domain() == null ? "" : ", signed by " + SafeText.of(dkim.domain()))
                    .append(" (")
                    .append(SafeText.of(dkim.reason()))
                    .append(")\n");
        }
        text.append("Found in: part ").append(SafeText.of(report.part(), 40));
        if (report.filename() != null) {
            text.append(", file \"").append(SafeText.of(report.filename(), 120)).append('"');
        }
        if (report.entry() != null) {
            text.append(", zip entry \"")
                    .append(SafeText.of(report.entry(), 120))
                    .append('"');
        }
        text.append(" of the report mail\n");
        text.append("Attached: ")
                .append(documentFilename)
                .append(" (the report as stored, JSON) and ")
                .append(originalFilename)
                .append(" (the report as received)\n");
        return MimeWriting.textPart("plain", text.toString());
    }

    private static String outcomeLine(ExtractedReport report) {
        if (report.outcome() == ReportOutcome.OUT_OF_SCOPE) {
            return "Out of scope, stored apart: "
                    + (report.reason() == null
                            ? "none of its policy domains is served here"
                            : SafeText.of(report.reason(), 400));
        }
        return "Accepted and stored.";
    }

    private static String summary(ExtractedReport report, DocumentHead head) {
        if (report.summary() != null) {
            return report.summary();
        }
        try {
            Optional<StoredReport> rebuilt = ReportRebuild.of(report);
            if (rebuilt.isPresent()) {
                return PlainSummary.of(rebuilt.get());
            }
        } catch (RuntimeException unexpected) {
            LOGGER.warn(
                    "the summary of TLS report {} could not be written; a short one is used",
                    SafeText.of(report.reportId()),
                    unexpected);
        }
        String period = period(head.start(), head.end());
        return "TLS report from " + SafeText.of(reporter(report, head)) + '\n'
                + "Report " + SafeText.of(report.reportId()) + (period == null ? "" : ", " + period) + '\n'
                + "In total: " + sessions(report.successfulSessions(), report.failedSessions()) + '\n'
                + "The attached JSON document holds the whole report.\n";
    }

    private static BodyPart documentPart(String filename, byte[] document) {
        return attachment(
                "application/json",
                List.of(new NameValuePair("charset", "utf-8")),
                filename,
                document,
                MimeWriting.transferEncoding(document));
    }

    private static BodyPart originalPart(ExtractedReport report, String filename) {
        return attachment(
                mediaType(report), List.of(), filename, report.original(), Fields.contentTransferEncoding("base64"));
    }

    /**
     * A part as Jakarta Mail's {@code setFileName} wrote it: the filename in Content-Disposition and, for the readers
     * that look there, as the name parameter of the Content-Type.
     */
    private static BodyPart attachment(
            String mediaType,
            List<NameValuePair> parameters,
            String filename,
            byte[] body,
            ContentTransferEncodingField transferEncoding) {
        List<NameValuePair> typeParameters = new ArrayList<>(parameters);
        typeParameters.addAll(MimeWriting.parameter("name", filename));
        return BodyPartBuilder.create()
                .setBody(BasicBodyFactory.INSTANCE.binaryBody(body)) // first: it sets a Content-Type of its own
                .setField(Fields.contentType(mediaType, typeParameters))
                .setField(transferEncoding)
                .setField(Fields.contentDisposition("attachment", MimeWriting.parameter("filename", filename)))
                .build();
    }

    /** "&lt;report-id&gt;.json", the report-id reduced to characters safe in a filename. */
    static String documentFilename(ExtractedReport report) {
        String id = report.reportId() == null
                ? ""
                : ID_UNSAFE.matcher(report.reportId()).replaceAll("_");
        id = stripLeadingDots(id);
        if (id.length() > 100) {
            id = id.substring(0, 100);
        }
        return (id.isEmpty() ? "tls-report" : id) + ".json";
    }

    /** The sender's filename as a plain name (never a path), or one that says what the bytes are. */
    static String originalFilename(ExtractedReport report) {
        String name = report.filename() == null ? "" : report.filename();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = stripLeadingDots(FILENAME_UNSAFE.matcher(name).replaceAll("_").strip());
        if (name.length() > FILENAME_LENGTH) {
            int cut = name.length() - FILENAME_LENGTH;
            if (Character.isLowSurrogate(name.charAt(cut))) {
                cut++; // never keep half of a character outside the BMP
            }
            name = name.substring(cut); // keep the end: the extension says what the bytes are
        }
        if (!name.isEmpty()) {
            return name;
        }
        byte[] bytes = report.original();
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            return "report.json.gz";
        }
        if (bytes.length >= 2 && bytes[0] == 'P' && bytes[1] == 'K') {
            return "report.zip";
        }
        return "report.json";
    }

    /** The base type of the Content-Type the sender gave, or application/octet-stream when it is not one. */
    static String mediaType(ExtractedReport report) {
        if (MEDIA_TYPE.matcher(report.contentType()).matches()) {
            return report.contentType(); // as extraction leaves it: lower case, no parameters
        }
        try {
            String base = new ContentType(report.contentType()).getBaseType().toLowerCase(Locale.ROOT);
            if (MEDIA_TYPE.matcher(base).matches()) {
                return base;
            }
        } catch (ParseException notAContentType) {
            // falls through
        }
        return "application/octet-stream";
    }

    private static String stripLeadingDots(String name) {
        int start = 0;
        while (start < name.length() && (name.charAt(start) == '.' || name.charAt(start) == ' ')) {
            start++;
        }
        return name.substring(start);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }
}
