package io.github.jamestlsrpt.message;

import io.github.jamestlsrpt.core.read.ReadResult;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A MIME part that held one or more reports (a zip can hold several).
 *
 * @param path where the part is in the message, as IMAP numbers it ("1", "2.1"; "" for the whole body)
 * @param contentType the part's media type, lower-cased
 * @param filename the part's filename, or null; a hint only, never a path (RFC 8460 section 5.6)
 * @param verdict what its labels said
 * @param results what its bytes gave; never NotAReport (a labelled part that is not a report is a broken report)
 * @param original the part's bytes as received, transfer encoding removed, when the reader was asked to keep them
 *     ({@link ReportMessageReader#keepingOriginals()}), else null. Shared, not copied: do not modify.
 */
public record ReportPart(
        String path,
        String contentType,
        String filename,
        ReportPartRules.Verdict verdict,
        List<ReadResult> results,
        byte[] original) {

    public ReportPart {
        results = List.copyOf(results);
    }

    /** A part whose original bytes were not kept. */
    public ReportPart(
            String path,
            String contentType,
            String filename,
            ReportPartRules.Verdict verdict,
            List<ReadResult> results) {
        this(path, contentType, filename, verdict, results, null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReportPart part
                && Objects.equals(path, part.path)
                && Objects.equals(contentType, part.contentType)
                && Objects.equals(filename, part.filename)
                && verdict == part.verdict
                && results.equals(part.results)
                && Arrays.equals(original, part.original);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, contentType, filename, verdict, results, Arrays.hashCode(original));
    }

    @Override
    public String toString() {
        return "ReportPart[path=" + path + ", contentType=" + contentType + ", filename=" + filename + ", verdict="
                + verdict + ", results=" + results + ", original="
                + (original == null ? "not kept" : original.length + " bytes") + "]";
    }
}
