package io.github.jamestlsrpt.mailets;

import io.github.jamestlsrpt.core.document.Figures;
import io.github.jamestlsrpt.core.document.Provenance;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.document.StoredReportJson;
import io.github.jamestlsrpt.core.explain.PlainSummary;
import io.github.jamestlsrpt.core.model.TlsReport;
import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.ReportOutcome;
import io.github.jamestlsrpt.mailets.ExtractConfiguration.DkimPolicy;
import io.github.jamestlsrpt.mailets.ExtractConfiguration.OutOfScope;
import io.github.jamestlsrpt.message.ReportPart;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the report parts of one mail into {@link ExtractedReport}s: one per report (a zip entry is a report of its
 * own), one per broken report, each with its outcome and, for usable reports, the stored document with its
 * provenance.
 */
final class Extraction {

    private static final byte[] NOTHING = new byte[0];

    private final ExtractConfiguration configuration;
    private final DomainScope scope;
    private final DkimVerdict verdict;
    private final Provenance provenance;

    /**
     * @param provenance the mail's provenance, without a source: each report adds its own
     */
    Extraction(ExtractConfiguration configuration, DomainScope scope, DkimVerdict verdict, Provenance provenance) {
        this.configuration = configuration;
        this.scope = scope;
        this.verdict = verdict;
        this.provenance = provenance;
    }

    List<ExtractedReport> of(List<ReportPart> parts) {
        List<ExtractedReport> reports = new ArrayList<>();
        for (ReportPart part : parts) {
            for (ReadResult result : part.results()) {
                if (result instanceof ReadResult.UsableReport usable) {
                    reports.add(usableOrInvalid(part, usable));
                } else if (result instanceof ReadResult.BrokenReport broken) {
                    reports.add(invalid(part, broken));
                }
                // NotAReport: the message reader keeps none, and a non-report is nothing to extract
            }
        }
        return reports;
    }

    /**
     * A usable report whose document cannot be written (Jackson refuses to write JSON nested deeper than 1000 levels,
     * which a reader configured with a larger maxNestingDepth lets through) is invalid, not an exception.
     */
    private ExtractedReport usableOrInvalid(ReportPart part, ReadResult.UsableReport usable) {
        try {
            return usable(part, usable);
        } catch (RuntimeException unwritable) {
            TlsReport report = usable.report();
            return new ExtractedReport(
                    part.path(),
                    usable.entryName(),
                    part.filename(),
                    part.contentType(),
                    ReportOutcome.INVALID,
                    "the report cannot be stored as a document: "
                            + ExtractTlsReports.printable(unwritable.getMessage()),
                    report.reportId(),
                    report.organizationName(),
                    DomainScope.policyDomains(report),
                    null,
                    0,
                    0,
                    null,
                    problems(usable.problems()),
                    original(part),
                    null);
        }
    }

    private ExtractedReport usable(ReportPart part, ReadResult.UsableReport usable) {
        TlsReport report = usable.report();
        StoredReport stored = StoredReport.of(usable, withSource(source(part, usable.entryName())));
        List<String> policyDomains = DomainScope.policyDomains(report);
        ReportOutcome outcome = ReportOutcome.ACCEPTED;
        String reason = null;
        if (configuration.dkim() == DkimPolicy.REQUIRE && !verdict.passed()) {
            outcome = ReportOutcome.UNAUTHENTICATED;
            reason = "no DKIM signature of the reporter authenticates it, as RFC 8460 section 3 requires: "
                    + verdict.reason();
        } else if (!scope.inScope(report)) {
            String notOurs = policyDomains.isEmpty()
                    ? "it names no policy domain, so it is for no domain served here"
                    : "none of its policy domains (" + String.join(", ", policyDomains) + ") is served here";
            OutOfScope handling = configuration.outOfScope();
            outcome = handling == OutOfScope.ACCEPT ? ReportOutcome.ACCEPTED : ReportOutcome.OUT_OF_SCOPE;
            reason = handling == OutOfScope.ACCEPT ? notOurs + "; accepted all the same (outOfScope=accept)" : notOurs;
        }
        Figures figures = stored.figures();
        return new ExtractedReport(
                part.path(),
                usable.entryName(),
                part.filename(),
                part.contentType(),
                outcome,
                reason,
                report.reportId(),
                report.organizationName(),
                policyDomains,
                stored.deduplicationKey().value(),
                figures.successfulSessions(),
                figures.failedSessions(),
                StoredReportJson.toJson(stored),
                problems(usable.problems()),
                original(part),
                summary(stored));
    }

    /** The plain summary for the stored message; null if it cannot be written (the writer then has a fallback). */
    private static String summary(StoredReport stored) {
        try {
            return PlainSummary.of(stored);
        } catch (RuntimeException unwritable) {
            return null;
        }
    }

    private static ExtractedReport invalid(ReportPart part, ReadResult.BrokenReport broken) {
        TlsReport partial = broken.partial();
        return new ExtractedReport(
                part.path(),
                broken.entryName(),
                part.filename(),
                part.contentType(),
                ReportOutcome.INVALID,
                reason(broken),
                partial == null ? null : partial.reportId(),
                partial == null ? null : partial.organizationName(),
                DomainScope.policyDomains(partial),
                null,
                0,
                0,
                null,
                problems(broken.problems()),
                original(part),
                null);
    }

    /** The first error, in plain words. */
    static String reason(ReadResult.BrokenReport broken) {
        return broken.problems().stream()
                .filter(Problem::isError)
                .findFirst()
                .map(problem -> "the report cannot be used: " + problem.message())
                .orElse("the report cannot be used");
    }

    /** Where a report came from: its filename (a hint, never a path) or part number, and its zip entry. */
    static String source(ReportPart part, String entryName) {
        String name;
        if (part.filename() != null && !part.filename().isBlank()) {
            name = part.filename();
        } else if (part.path().isEmpty()) {
            name = "message body";
        } else {
            name = "part " + part.path();
        }
        return entryName == null ? name : name + "!" + entryName;
    }

    private Provenance withSource(String source) {
        return new Provenance(
                provenance.messageId(),
                provenance.envelopeSender(),
                provenance.from(),
                provenance.submitter(),
                provenance.reportDomain(),
                provenance.dkim(),
                provenance.dkimDomain(),
                provenance.receivedAt(),
                source);
    }

    static String problems(List<Problem> problems) {
        return StoredReportJson.toJson(problems);
    }

    private static byte[] original(ReportPart part) {
        return part.original() == null ? NOTHING : part.original();
    }
}
