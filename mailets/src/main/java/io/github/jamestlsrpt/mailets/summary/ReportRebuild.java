package io.github.jamestlsrpt.mailets.summary;

import io.github.jamestlsrpt.core.document.Provenance;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReportReader;
import io.github.jamestlsrpt.mail.ExtractedReport;
import java.util.Objects;
import java.util.Optional;

/**
 * The report of an {@link ExtractedReport} as core's model, read again from its original bytes: core has no reader
 * of the stored document, and the model is what {@link io.github.jamestlsrpt.core.explain.ReportFacts} takes. The
 * same approach as the store mailet's message writer: the bytes passed extraction, so reading them again with the
 * default limits is bounded; the report whose zip entry and report-id match is the one. Empty when none matches (for
 * example when extraction ran with limits above the defaults and the report exceeds these).
 */
public final class ReportRebuild {

    private static final ReportReader READER = new ReportReader();

    private ReportRebuild() {}

    public static Optional<StoredReport> of(ExtractedReport report) {
        for (ReadResult result : READER.read(report.original())) {
            if (result instanceof ReadResult.UsableReport usable
                    && Objects.equals(usable.entryName(), report.entry())
                    && Objects.equals(usable.report().reportId(), report.reportId())) {
                return Optional.of(StoredReport.of(usable, Provenance.UNKNOWN));
            }
        }
        return Optional.empty();
    }
}
