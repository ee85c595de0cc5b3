package io.github.jamestlsrpt.message;

import io.github.jamestlsrpt.core.read.ReadResult;
import java.util.List;

/**
 * A MIME part that held one or more reports (a zip can hold several).
 *
 * @param path where the part is in the message, as IMAP numbers it ("1", "2.1"; "" for the whole body)
 * @param contentType the part's media type, lower-cased
 * @param filename the part's filename, or null; a hint only, never a path (RFC 8460 section 5.6)
 * @param verdict what its labels said
 * @param results what its bytes gave; never NotAReport (a labelled part that is not a report is a broken report)
 */
public record ReportPart(
        String path, String contentType, String filename, ReportPartRules.Verdict verdict, List<ReadResult> results) {

    public ReportPart {
        results = List.copyOf(results);
    }
}
