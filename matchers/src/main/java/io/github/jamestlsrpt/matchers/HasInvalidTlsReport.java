package io.github.jamestlsrpt.matchers;

import io.github.jamestlsrpt.mail.MessageStatus;
import io.github.jamestlsrpt.mail.ReportOutcome;
import java.util.List;

/**
 * Matches a mail in which extraction found at least one invalid report part: labelled or recognised as a TLS report,
 * but unusable (not JSON, corrupt or truncated gzip, a missing required member, a limit exceeded...). Such a mail is
 * never consumed by the store mailet; this matcher lets an operator route it, for example to a repository to look
 * at. Other reports in the same mail may still have been accepted.
 *
 * <p>A mail that has not been through {@code ExtractTlsReports} never matches. Takes no condition parameters.
 *
 * <pre>{@code
 * <processor state="tlsrpt" enableJmx="true">
 *   <mailet match="All" class="io.github.jamestlsrpt.mailets.ExtractTlsReports"/>
 *   <mailet match="io.github.jamestlsrpt.matchers.HasInvalidTlsReport" class="ToRepository">
 *     <repositoryPath>file://var/mail/tlsrpt-invalid/</repositoryPath>
 *     <passThrough>true</passThrough>
 *   </mailet>
 * </processor>
 * }</pre>
 */
public class HasInvalidTlsReport extends ExtractionOutcomeMatcher {

    /** None: the condition must be empty. */
    public static final List<ConditionParameter> PARAMETERS = List.of();

    @Override
    List<ConditionParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    void configure(MatcherCondition condition) {
        // nothing to configure: any parameter was rejected already
    }

    @Override
    boolean matches(Extraction extraction) {
        return extraction.status() == MessageStatus.INVALID
                || extraction.reports().stream().anyMatch(report -> report.outcome() == ReportOutcome.INVALID);
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mails holding a TLS report part that could not be used";
    }
}
