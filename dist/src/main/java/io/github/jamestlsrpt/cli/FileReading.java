package io.github.jamestlsrpt.cli;

import io.github.jamestlsrpt.core.problem.Problem;
import java.util.List;

/**
 * Everything found in one FILE given on the command line.
 *
 * @param file the file name as given
 * @param reports the reports found, usable or broken
 * @param problems problems of the file as a whole (why it is not a report)
 * @param notes what the reader says of the file as a whole besides its reports, such as a message read only in part
 */
record FileReading(String file, List<FoundReport> reports, List<Problem> problems, List<String> notes) {

    FileReading {
        reports = List.copyOf(reports);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** The worst status of its reports, or not-a-report when there are none. */
    Status status() {
        if (reports.isEmpty()) {
            return Status.NOT_A_REPORT;
        }
        Status worst = Status.VALID;
        for (FoundReport report : reports) {
            worst = worst.worse(report.status());
        }
        return worst;
    }

    boolean holdsUsableReport() {
        return reports.stream().anyMatch(report -> report.status() != Status.INVALID);
    }
}
