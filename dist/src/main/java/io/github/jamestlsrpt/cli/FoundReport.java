package io.github.jamestlsrpt.cli;

import io.github.jamestlsrpt.core.document.Provenance;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.model.PolicyResult;
import io.github.jamestlsrpt.core.model.TlsReport;
import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.problem.Severity;
import io.github.jamestlsrpt.core.read.ReadResult;
import java.util.ArrayList;
import java.util.List;

/**
 * One report found in a file, usable or broken, with where it came from.
 *
 * @param result what the reader gave (never NotAReport)
 * @param source the part, zip entry or file it came from
 * @param provenance what is known of the mail around it
 */
record FoundReport(ReadResult result, String source, Provenance provenance) {

    Status status() {
        if (!(result instanceof ReadResult.UsableReport)) {
            return Status.INVALID;
        }
        boolean warnings = result.problems().stream().anyMatch(p -> p.severity() == Severity.WARNING);
        return warnings ? Status.VALID_WITH_WARNINGS : Status.VALID;
    }

    /** The report as read: whole for a usable report, what could be read of a broken one, or null. */
    TlsReport report() {
        if (result instanceof ReadResult.UsableReport usable) {
            return usable.report();
        }
        if (result instanceof ReadResult.BrokenReport broken) {
            return broken.partial();
        }
        return null;
    }

    StoredReport storedReport() {
        return StoredReport.of((ReadResult.UsableReport) result, provenance);
    }

    List<Problem> problems() {
        return result.problems();
    }

    List<String> policyDomains() {
        List<String> domains = new ArrayList<>();
        TlsReport report = report();
        if (report != null) {
            for (PolicyResult policy : report.policies()) {
                if (policy.policy() != null
                        && policy.policy().policyDomain() != null
                        && !domains.contains(policy.policy().policyDomain())) {
                    domains.add(policy.policy().policyDomain());
                }
            }
        }
        return domains;
    }

    /** Sum of total-successful-session-count, or null when the report has none to add. */
    Long successfulSessions() {
        return sum(true);
    }

    /** Sum of total-failure-session-count, or null when the report has none to add. */
    Long failedSessions() {
        return sum(false);
    }

    private Long sum(boolean successful) {
        TlsReport report = report();
        if (report == null) {
            return null;
        }
        Long total = null;
        for (PolicyResult policy : report.policies()) {
            if (policy.summary() == null) {
                continue;
            }
            Long count = successful
                    ? policy.summary().totalSuccessfulSessionCount()
                    : policy.summary().totalFailureSessionCount();
            if (count != null) {
                total = (total == null ? 0 : total) + count;
            }
        }
        return total;
    }
}
