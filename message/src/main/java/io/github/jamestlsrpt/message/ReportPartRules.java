package io.github.jamestlsrpt.message;

import java.util.Locale;
import java.util.Set;

/**
 * Which MIME parts may hold a TLS report, from their labels alone (RFC 8460 section 5.3 and what real senders
 * do). The bytes decide in the end: the JSON is authoritative, labels are hints (section 5.6). Shared by the
 * command-line tool and the James matchers, so both recognise the same mails.
 */
public final class ReportPartRules {

    /** What a part's labels say. */
    public enum Verdict {
        /** Labelled as a TLS report: bytes that are not a report make a broken report. */
        LABELLED_REPORT,
        /** May hold a report: counts only when its bytes are one. */
        CANDIDATE,
        /** Not a report part (text, HTML, a DMARC XML report...). */
        NOT_A_REPORT
    }

    /**
     * Deepest level at which a part may hold a report: the message is level 0, each body part and each attached
     * message one level below the entity that holds it. Deeper parts are not parsed, by the message reader or by the
     * matchers, so that what the one sees the other reads.
     */
    public static final int MAX_DEPTH = 32;

    /**
     * Most MIME parts read from one message: the message, each body part and each attached message count one, in the
     * order they begin in the message. The parts after them are not read, by the message reader or by the matchers:
     * they hold no reports and do not say whether the message is a TLS report. RFC 8460 section 7 warns of untrusted
     * content aimed at report-handling systems and of floods: a message of a million empty parts (seven bytes each)
     * costs the parts read, not a million. The matchers look at fewer parts than they read, so every part they can
     * match on is read by the message reader.
     */
    public static final int MAX_PARTS_READ = 10_000;

    /** RFC 8460 section 5.3 media types. */
    private static final Set<String> TLSRPT_TYPES = Set.of("application/tlsrpt+gzip", "application/tlsrpt+json");

    /** Types that real senders use for reports and other things alike; the filename or the bytes decide. */
    private static final Set<String> GENERIC_TYPES = Set.of(
            "application/tlsrpt",
            "application/gzip",
            "application/x-gzip",
            "application/zip",
            "application/x-zip",
            "application/x-zip-compressed",
            "application/octet-stream",
            "application/json",
            "text/json");

    private static final String[] REPORT_EXTENSIONS = {".json", ".json.gz", ".zip", ".json.zip"};

    private ReportPartRules() {}

    /**
     * Classifies one leaf part.
     *
     * @param contentType the part's Content-Type
     * @param filename the part's filename (Content-Disposition filename, else Content-Type name), or null
     * @param tlsReportContext whether the message says it is a TLS report (a multipart/report with
     *     report-type=tlsrpt around the part, or a TLS-Report-Domain header)
     * @param wholeBody whether the part is the message's only body, not an attachment
     */
    public static Verdict classify(
            HeaderValue contentType, String filename, boolean tlsReportContext, boolean wholeBody) {
        String type = contentType.value();
        if (TLSRPT_TYPES.contains(type)) {
            return Verdict.LABELLED_REPORT;
        }
        String name = filename == null ? "" : filename.trim().toLowerCase(Locale.ROOT);
        if (GENERIC_TYPES.contains(type) && hasReportExtension(name)) {
            return tlsReportContext ? Verdict.LABELLED_REPORT : Verdict.CANDIDATE;
        }
        if ("application/tlsrpt".equals(type) && name.isEmpty()) {
            return Verdict.CANDIDATE;
        }
        if (wholeBody && name.isEmpty() && (GENERIC_TYPES.contains(type) || "text/plain".equals(type))) {
            return Verdict.CANDIDATE;
        }
        return Verdict.NOT_A_REPORT;
    }

    /** Whether a multipart/report says report-type=tlsrpt (RFC 8460 section 5.3). */
    public static boolean isTlsReportContainer(HeaderValue contentType) {
        return "multipart/report".equals(contentType.value())
                && "tlsrpt"
                        .equalsIgnoreCase(String.valueOf(contentType.parameter("report-type"))
                                .trim());
    }

    /**
     * A multipart/report that names a report type other than tlsrpt: a bounce (delivery-status), a read receipt
     * (disposition-notification), an abuse report (feedback-report). It is a notice about another mail, even when that
     * mail held a TLS report, so neither the matchers nor the message reader look into it.
     */
    public static boolean isNoticeAboutAnotherMail(HeaderValue contentType) {
        String reportType = contentType.parameter("report-type");
        return "multipart/report".equals(contentType.value())
                && reportType != null
                && !reportType.isBlank()
                && !isTlsReportContainer(contentType);
    }

    /**
     * .json, .json.gz, .zip. A DMARC report's .xml.gz never matches, "!" in the name or not: the RFC 8460
     * section 5.1 filename ("sender!domain!begin!end.json.gz") also uses "!", so "!" proves nothing.
     */
    static boolean hasReportExtension(String lowerCaseName) {
        for (String extension : REPORT_EXTENSIONS) {
            if (lowerCaseName.endsWith(extension)) {
                return true;
            }
        }
        return false;
    }
}
