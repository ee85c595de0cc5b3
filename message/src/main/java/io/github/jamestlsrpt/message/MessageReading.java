package io.github.jamestlsrpt.message;

import io.github.jamestlsrpt.core.read.ReadResult;
import java.util.List;

/**
 * What a message holds: its report-related headers and every part that held a report.
 *
 * @param messageId Message-ID, or null
 * @param from From, decoded, or null
 * @param subject Subject, decoded and unfolded, or null
 * @param reportDomain the TLS-Report-Domain header (RFC 8460 section 5.3), or null
 * @param submitter the TLS-Report-Submitter header (RFC 8460 section 5.3), or null
 * @param declaresTlsReport whether the message says it is a TLS report: multipart/report with report-type=tlsrpt,
 *     or a TLS-Report-Domain header
 * @param parts the parts that held reports, in message order
 * @param cutShort whether the message has more than {@value ReportPartRules#MAX_PARTS_READ} MIME parts, so that the
 *     parts after those were not read
 */
public record MessageReading(
        String messageId,
        String from,
        String subject,
        String reportDomain,
        String submitter,
        boolean declaresTlsReport,
        List<ReportPart> parts,
        boolean cutShort) {

    public MessageReading {
        parts = List.copyOf(parts);
    }

    /** Every report result of every part, in message order. */
    public List<ReadResult> results() {
        return parts.stream().flatMap(part -> part.results().stream()).toList();
    }

    /** Whether the message holds a report at all, usable or broken. */
    public boolean holdsReports() {
        return !parts.isEmpty();
    }
}
