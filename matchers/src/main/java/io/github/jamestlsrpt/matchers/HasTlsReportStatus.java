package io.github.jamestlsrpt.matchers;

import io.github.jamestlsrpt.mail.MessageStatus;
import jakarta.mail.MessagingException;
import java.util.List;
import java.util.Set;

/**
 * Matches a mail by the status extraction gave it: the worst outcome of its reports (accepted, then out-of-scope,
 * unauthenticated, invalid), or no-report when it held none. So {@code status=accepted} matches a mail all of whose
 * reports were accepted, and {@code status=no-report} one that looked like a report mail but held no report (for
 * example a cover note sent to the rua address). To route by any one report instead of the worst, use
 * {@link HasInvalidTlsReport} or {@link HasUnauthenticatedTlsReport}. A mail that has not been through
 * {@code ExtractTlsReports} never matches.
 *
 * <p>Condition parameters (written {@code name=value}, separated by ";"):
 *
 * <table>
 *   <caption>HasTlsReportStatus parameters</caption>
 *   <tr><th>parameter</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>status</td><td>(required)</td><td>the statuses that match: a comma-separated list of accepted,
 *       out-of-scope, unauthenticated, invalid, no-report</td></tr>
 * </table>
 *
 * <pre>{@code
 * <processor state="tlsrpt" enableJmx="true">
 *   <mailet match="All" class="io.github.jamestlsrpt.mailets.ExtractTlsReports"/>
 *   <mailet match="io.github.jamestlsrpt.matchers.HasTlsReportStatus=status=no-report,out-of-scope"
 *       class="ToProcessor">
 *     <processor>transport</processor>
 *   </mailet>
 * </processor>
 * }</pre>
 */
public class HasTlsReportStatus extends ExtractionOutcomeMatcher {

    /** The condition parameters, as documented above. */
    public static final List<ConditionParameter> PARAMETERS = List.of(new ConditionParameter(
            "status",
            "(required)",
            "the statuses that match: a comma-separated list of accepted, out-of-scope, unauthenticated, invalid,"
                    + " no-report"));

    /**
     * The configuration read from the condition.
     *
     * @param statuses the statuses that match, never empty
     */
    public record Configuration(Set<MessageStatus> statuses) {

        public Configuration {
            statuses = Set.copyOf(statuses);
        }
    }

    private Configuration configuration;

    @Override
    List<ConditionParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    void configure(MatcherCondition condition) throws MessagingException {
        condition.require("status");
        configuration = new Configuration(
                condition.list("status", Set.of(), MatcherCondition.all(MessageStatus.class), MessageStatus::wireName));
    }

    public Configuration configuration() {
        return configuration;
    }

    @Override
    boolean matches(Extraction extraction) {
        return configuration.statuses().contains(extraction.status());
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mails by the status of their TLS reports";
    }
}
