package io.github.jamestlsrpt.core.read;

import io.github.jamestlsrpt.core.model.TlsReport;
import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.problem.Severity;
import java.util.List;
import java.util.Objects;

/**
 * What reading one payload (or one zip entry) gave: not a report, a usable report, or a broken report. Three
 * outcomes, never an exception.
 */
public sealed interface ReadResult {

    /** Problems found, in document order; never null. */
    List<Problem> problems();

    /** The zip entry this came from, or null when the payload was not a zip archive. */
    String entryName();

    /** The worst severity among the problems, or null when there are none. */
    default Severity worstSeverity() {
        Severity worst = null;
        for (Problem problem : problems()) {
            if (worst == null || problem.severity().compareTo(worst) > 0) {
                worst = problem.severity();
            }
        }
        return worst;
    }

    /** The bytes show no sign of being an RFC 8460 report (HTML, XML, other JSON...). */
    record NotAReport(List<Problem> problems, String entryName) implements ReadResult {
        public NotAReport {
            problems = List.copyOf(problems);
        }
    }

    /** A report whose figures can be used; its problems are warnings and notes at most. */
    record UsableReport(TlsReport report, List<Problem> problems, String entryName) implements ReadResult {
        public UsableReport {
            Objects.requireNonNull(report, "report");
            problems = List.copyOf(problems);
        }
    }

    /**
     * A report (or what claims to be one) that cannot be used: at least one problem is an error. {@code partial}
     * holds what could be read, or null when nothing could.
     */
    record BrokenReport(TlsReport partial, List<Problem> problems, String entryName) implements ReadResult {
        public BrokenReport {
            problems = List.copyOf(problems);
        }
    }
}
