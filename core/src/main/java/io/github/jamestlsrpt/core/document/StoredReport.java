package io.github.jamestlsrpt.core.document;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.jamestlsrpt.core.model.TlsReport;
import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.problem.Severity;
import io.github.jamestlsrpt.core.read.ReadResult;
import java.util.List;
import java.util.Objects;

/**
 * The document stored for each usable report: versioned and self-describing, so that it can be read back without
 * this code. Its JSON Schema is the resource {@value #SCHEMA_RESOURCE}.
 *
 * @param deduplicationKey what makes two reports the same
 * @param status "valid" or "valid-with-warnings"
 * @param report the normalised report
 * @param figures derived figures
 * @param problems every problem found, notes included
 * @param provenance where the report came from
 */
@JsonPropertyOrder({"document", "version", "status", "deduplication-key", "report", "figures", "problems", "provenance"
})
public record StoredReport(
        @JsonProperty("deduplication-key") DeduplicationKey deduplicationKey,
        @JsonProperty("status") String status,
        @JsonProperty("report") TlsReport report,
        @JsonProperty("figures") Figures figures,
        @JsonProperty("problems") List<Problem> problems,
        @JsonProperty("provenance") Provenance provenance) {

    public static final String DOCUMENT_TYPE = "james-tlsrpt/stored-report";
    public static final int VERSION = 1;
    public static final String SCHEMA_RESOURCE = "/io/github/jamestlsrpt/core/document/stored-report-v1.schema.json";

    public static final String VALID = "valid";
    public static final String VALID_WITH_WARNINGS = "valid-with-warnings";

    public StoredReport {
        Objects.requireNonNull(deduplicationKey, "deduplicationKey");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(figures, "figures");
        problems = List.copyOf(problems);
        Objects.requireNonNull(provenance, "provenance");
    }

    /** The document of a usable report. */
    public static StoredReport of(ReadResult.UsableReport usable, Provenance provenance) {
        TlsReport report = usable.report();
        boolean warnings = usable.problems().stream().anyMatch(p -> p.severity() == Severity.WARNING);
        return new StoredReport(
                DeduplicationKey.of(report),
                warnings ? VALID_WITH_WARNINGS : VALID,
                report,
                Figures.of(report),
                usable.problems(),
                provenance);
    }

    @JsonProperty("document")
    public String document() {
        return DOCUMENT_TYPE;
    }

    @JsonProperty("version")
    public int version() {
        return VERSION;
    }

    public boolean hasProblemsOf(Severity severity) {
        return problems.stream().anyMatch(problem -> problem.severity() == severity);
    }
}
