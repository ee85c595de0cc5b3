package io.github.jamestlsrpt.matchers;

import io.github.jamestlsrpt.core.read.ReportSniffer;
import io.github.jamestlsrpt.message.HeaderValue;
import io.github.jamestlsrpt.message.ReportPartRules;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * Walks a message's MIME tree the way the command-line tool's {@code ReportMessageReader} does (same labels through
 * {@link ReportPartRules}, same RFC 2231 decoding through {@link HeaderValue}), but only as far as needed to say
 * whether the message holds a TLS report: it stops at the first report part, and reads no more than the peek budget
 * of a part whose labels alone do not decide. Never throws; what cannot be read is a warning.
 */
final class ReportMailDetector {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /** Deepest nesting of multiparts and attached messages walked. */
    static final int MAX_DEPTH = 32;

    /** Most MIME parts (containers included) walked in one message. */
    static final int MAX_PARTS = 1000;

    /** Reads the head of a part; {@link ReportSniffer#sniff(InputStream, int)} outside tests. */
    @FunctionalInterface
    interface Sniffer {
        ReportSniffer.Sniff sniff(InputStream payload, int budget);
    }

    /**
     * What the walk found.
     *
     * @param evidence why the message holds a report, or null when it does not
     * @param warnings what could not be read, one sentence each, in walk order
     */
    record Detection(String evidence, List<String> warnings) {

        Detection {
            warnings = List.copyOf(warnings);
        }

        boolean isReport() {
            return evidence != null;
        }
    }

    private static final Session SESSION = Session.getInstance(new Properties());

    private final int peekBytes;
    private final Sniffer sniffer;

    ReportMailDetector(int peekBytes, Sniffer sniffer) {
        this.peekBytes = peekBytes;
        this.sniffer = sniffer;
    }

    Detection detect(MimeMessage message) {
        Walk walk = new Walk();
        String evidence;
        try {
            boolean context = hasReportDomainHeader(message) || declaresTlsReport(message, 0, new int[1]);
            evidence = visit(message, "", context, true, 0, walk);
        } catch (MessagingException | RuntimeException unreadable) {
            walk.warnings.add("the message cannot be read: " + describe(unreadable));
            evidence = null;
        }
        return new Detection(evidence, walk.warnings);
    }

    private static final class Walk {
        private final List<String> warnings = new ArrayList<>();
        private int parts;
        private boolean stopped;
    }

    // ------------------------------------------------------------------------------------------ the walk

    private String visit(Part part, String path, boolean context, boolean wholeBody, int depth, Walk walk)
            throws MessagingException {
        if (walk.stopped) {
            return null;
        }
        if (++walk.parts > MAX_PARTS) {
            walk.stopped = true;
            walk.warnings.add("the message has more than " + MAX_PARTS + " MIME parts; the rest is not looked at");
            return null;
        }
        if (depth > MAX_DEPTH) {
            walk.warnings.add(label(path) + " nests deeper than " + MAX_DEPTH + " levels; it is not looked at");
            return null;
        }
        HeaderValue type = contentType(part);
        if (type.value().startsWith("multipart/")) {
            if (isOtherReport(type)) {
                // a bounce (delivery-status), a read receipt (disposition-notification), an abuse report
                // (feedback-report): a notice about another mail, even when that mail held a TLS report
                return null;
            }
            Multipart multipart = multipart(part, path, walk);
            if (multipart != null) {
                boolean childContext = context || ReportPartRules.isTlsReportContainer(type);
                for (int i = 0; i < multipart.getCount(); i++) {
                    String childPath = path.isEmpty() ? String.valueOf(i + 1) : path + "." + (i + 1);
                    String evidence = visitChild(multipart, i, childPath, childContext, depth, walk);
                    if (evidence != null) {
                        return evidence;
                    }
                }
                return null;
            }
        } else if ("message/rfc822".equals(type.value())) {
            MimeMessage attached = attachedMessage(part, path, walk);
            if (attached == null) {
                return null;
            }
            // a forwarded report: its own headers decide its context, as in the command-line tool
            boolean attachedContext =
                    hasReportDomainHeader(attached) || declaresTlsReport(attached, depth + 1, new int[1]);
            return visit(attached, path, attachedContext, true, depth + 1, walk);
        }
        return leaf(part, path, type, context, wholeBody, walk);
    }

    private String visitChild(Multipart multipart, int index, String path, boolean context, int depth, Walk walk) {
        try {
            return visit(multipart.getBodyPart(index), path, context, false, depth + 1, walk);
        } catch (MessagingException | RuntimeException unreadable) {
            walk.warnings.add(label(path) + " cannot be read: " + describe(unreadable));
            return null;
        }
    }

    private String leaf(Part part, String path, HeaderValue type, boolean context, boolean wholeBody, Walk walk)
            throws MessagingException {
        String filename = filename(part, type);
        ReportPartRules.Verdict verdict = ReportPartRules.classify(type, filename, context, wholeBody);
        String described = describe(path, type, filename);
        if (verdict == ReportPartRules.Verdict.LABELLED_REPORT) {
            return described + " is labelled as a TLS report";
        }
        if (verdict == ReportPartRules.Verdict.NOT_A_REPORT) {
            return null;
        }
        ReportSniffer.Sniff sniff;
        try (InputStream content = content(part)) {
            sniff = sniffer.sniff(content, peekBytes);
        } catch (IOException | UncheckedIOException unreadable) {
            walk.warnings.add(described + " cannot be read: " + describe(unreadable));
            return null;
        }
        return switch (sniff.verdict()) {
            case LIKELY_REPORT -> described + " holds " + sniff.reason();
            case UNREADABLE -> {
                walk.warnings.add(described + " is not a report that can be read: " + sniff.reason());
                yield null;
            }
            case NOT_A_REPORT -> null;
        };
    }

    /**
     * The part's content, transfer-decoded. Base64 and quoted-printable are decoded here from the raw bytes, by
     * mime4j's lenient decoders (the ones the command-line tool's reader uses): Jakarta Mail 2.1 looks its decoders
     * up through a {@code ServiceLoader} for every part it decodes, which cost more than the rest of the matcher on a
     * plain mail. Other encodings are left to Jakarta Mail.
     */
    private static InputStream content(Part part) throws MessagingException, IOException {
        InputStream raw;
        String encoding;
        if (part instanceof MimeBodyPart body) {
            encoding = body.getEncoding();
            raw = body.getRawInputStream();
        } else if (part instanceof MimeMessage message) {
            encoding = message.getEncoding();
            raw = message.getRawInputStream();
        } else {
            return part.getInputStream();
        }
        switch (encoding == null ? "7bit" : encoding.toLowerCase(Locale.ROOT)) {
            case "7bit", "8bit", "binary":
                return raw;
            case "base64":
                return new Base64InputStream(raw, DecodeMonitor.SILENT);
            case "quoted-printable":
                return new QuotedPrintableInputStream(raw, DecodeMonitor.SILENT);
            default:
                raw.close();
                return part.getInputStream();
        }
    }

    // ------------------------------------------------------------------------------------------ context

    /** A multipart/report with report-type=tlsrpt anywhere in the message, attached messages excepted. */
    private static boolean declaresTlsReport(Part part, int depth, int[] visited) throws MessagingException {
        if (depth > MAX_DEPTH || ++visited[0] > MAX_PARTS) {
            return false;
        }
        HeaderValue type = contentType(part);
        if (ReportPartRules.isTlsReportContainer(type)) {
            return true;
        }
        if (!type.value().startsWith("multipart/") || isOtherReport(type)) {
            return false;
        }
        Object content;
        try {
            content = part.getContent();
        } catch (IOException | MessagingException | RuntimeException unreadable) {
            return false; // the walk reports it
        }
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                if (declaresTlsReport(multipart.getBodyPart(i), depth + 1, visited)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A multipart/report that names a report type other than tlsrpt. */
    private static boolean isOtherReport(HeaderValue type) {
        String reportType = type.parameter("report-type");
        return "multipart/report".equals(type.value())
                && reportType != null
                && !reportType.isBlank()
                && !ReportPartRules.isTlsReportContainer(type);
    }

    private static boolean hasReportDomainHeader(Part part) throws MessagingException {
        return part.getHeader("TLS-Report-Domain") != null;
    }

    // ------------------------------------------------------------------------------------------ MIME access

    private static Multipart multipart(Part part, String path, Walk walk) {
        try {
            return part.getContent() instanceof Multipart multipart ? multipart : null;
        } catch (IOException | MessagingException | RuntimeException unreadable) {
            walk.warnings.add(label(path) + " is a multipart that cannot be read: " + describe(unreadable));
            return null;
        }
    }

    private static MimeMessage attachedMessage(Part part, String path, Walk walk) {
        try {
            if (part.getContent() instanceof MimeMessage attached) {
                return attached;
            }
            try (InputStream content = content(part)) {
                return new MimeMessage(SESSION, content);
            }
        } catch (IOException | MessagingException | RuntimeException unreadable) {
            walk.warnings.add(label(path) + " is an attached message that cannot be read: " + describe(unreadable));
            return null;
        }
    }

    /** The raw Content-Type (RFC 2231 and all, parsed by the shared rules); text/plain when absent. */
    private static HeaderValue contentType(Part part) throws MessagingException {
        String raw = firstHeader(part, "Content-Type");
        return HeaderValue.parse(raw == null ? "text/plain" : raw);
    }

    /** Content-Disposition filename, else Content-Type name (Microsoft sends only filename=), as the tool reads it. */
    private static String filename(Part part, HeaderValue type) throws MessagingException {
        String disposition = firstHeader(part, "Content-Disposition");
        String filename =
                disposition == null ? null : HeaderValue.parse(disposition).parameter("filename");
        if (filename == null) {
            filename = type.parameter("name");
        }
        return filename == null ? null : DecoderUtil.decodeEncodedWords(filename, DecodeMonitor.SILENT);
    }

    private static String firstHeader(Part part, String name) throws MessagingException {
        String[] values = part.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    // ------------------------------------------------------------------------------------------ wording

    private static String label(String path) {
        return path.isEmpty() ? "the message body" : "part " + path;
    }

    private static String describe(String path, HeaderValue type, String filename) {
        return label(path) + " (" + printable(type.value())
                + (filename == null ? "" : ", \"" + printable(filename) + "\"") + ")";
    }

    /** One line, no stack trace: the exception's type and message. */
    static String describe(Throwable failure) {
        Throwable cause =
                failure instanceof UncheckedIOException && failure.getCause() != null ? failure.getCause() : failure;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + printable(message));
    }

    /** A sender's text in a log line: control characters replaced (no forged log lines), at most 200 characters. */
    static String printable(String text) {
        String shown = text.length() > 200 ? text.substring(0, 197) + "..." : text;
        return CONTROL.matcher(shown).replaceAll("?");
    }
}
