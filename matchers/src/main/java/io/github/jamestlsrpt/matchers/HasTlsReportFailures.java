package io.github.jamestlsrpt.matchers;

import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.ReportOutcome;
import jakarta.mail.MessagingException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Matches a mail holding a TLS report in which senders saw failed TLS sessions to this server's MX hosts, so that an
 * operator can be alerted: the failures are the reason to receive TLS reports at all (an expired certificate, a
 * broken MTA-STS policy, a TLSA record left behind after a key rollover).
 *
 * <p>Each report is judged on its own totals (RFC 8460 section 4.4: the sums of total-failure-session-count and
 * total-successful-session-count over its policies), never summed across the reports of a mail. A report meets the
 * condition when its failed sessions reach {@code minFailedSessions} and, when {@code minFailureRate} is given, its
 * failed sessions are also at least that percentage of all its sessions. A single failure now and then is common
 * (a sender behind a broken middlebox); a high rate means a real problem (an expired certificate gives close to
 * 100%). The mail matches when at least one report whose outcome is among {@code outcomes} meets it.
 *
 * <p>By default only {@code accepted} reports count: reports that DKIM authenticated (or that were accepted because
 * the DKIM policy is {@code flag} or {@code off}) for domains this server serves. An unauthenticated report is
 * anyone's claim and should not raise an alarm; an out-of-scope report is about someone else's domain; an invalid
 * report has no figures. A mail that has not been through {@code ExtractTlsReports} never matches.
 *
 * <p>Condition parameters (written {@code name=value}, separated by ";"):
 *
 * <table>
 *   <caption>HasTlsReportFailures parameters</caption>
 *   <tr><th>parameter</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>minFailedSessions</td><td>1</td><td>the fewest failed sessions a report must count; an integer of at
 *       least 1</td></tr>
 *   <tr><td>minFailureRate</td><td>(none)</td><td>when given, the smallest share of failed sessions among all of a
 *       report's sessions, in percent: 0 to 100, such as 5 or 2.5</td></tr>
 *   <tr><td>outcomes</td><td>accepted</td><td>which reports count, by extraction outcome: a comma-separated list of
 *       accepted, out-of-scope, unauthenticated</td></tr>
 * </table>
 *
 * <pre>{@code
 * <processor state="tlsrpt" enableJmx="true">
 *   <mailet match="All" class="io.github.jamestlsrpt.mailets.ExtractTlsReports"/>
 *   <mailet match="io.github.jamestlsrpt.matchers.HasTlsReportFailures=minFailedSessions=10; minFailureRate=5"
 *       class="SetMimeHeader">
 *     <name>X-TLSRPT-Failures</name>
 *     <value>true</value>
 *   </mailet>
 *   <!-- any failure at all, in reports for our domains and for domains we do not serve -->
 *   <mailet match="io.github.jamestlsrpt.matchers.HasTlsReportFailures=outcomes=accepted,out-of-scope"
 *       class="SetMimeHeader">
 *     <name>X-TLSRPT-Any-Failure</name>
 *     <value>true</value>
 *   </mailet>
 * </processor>
 * }</pre>
 */
public class HasTlsReportFailures extends ExtractionOutcomeMatcher {

    /** The condition parameters, as documented above. */
    public static final List<ConditionParameter> PARAMETERS = List.of(
            new ConditionParameter(
                    "minFailedSessions",
                    "1",
                    "the fewest failed sessions a report must count; an integer of at least 1"),
            new ConditionParameter(
                    "minFailureRate",
                    "(none)",
                    "when given, the smallest share of failed sessions among all of a report's sessions, in percent:"
                            + " 0 to 100, such as 5 or 2.5"),
            new ConditionParameter(
                    "outcomes",
                    "accepted",
                    "which reports count, by extraction outcome: a comma-separated list of accepted, out-of-scope,"
                            + " unauthenticated"));

    private static final List<ReportOutcome> COUNTABLE_OUTCOMES =
            List.of(ReportOutcome.ACCEPTED, ReportOutcome.OUT_OF_SCOPE, ReportOutcome.UNAUTHENTICATED);

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * The configuration read from the condition.
     *
     * @param minFailedSessions the fewest failed sessions a report must count, at least 1
     * @param minFailureRate the smallest failure percentage a report must reach, or empty when any will do
     * @param outcomes the outcomes of the reports that count, never empty
     */
    public record Configuration(
            long minFailedSessions, Optional<BigDecimal> minFailureRate, Set<ReportOutcome> outcomes) {

        public Configuration {
            Objects.requireNonNull(minFailureRate, "minFailureRate");
            outcomes = Set.copyOf(outcomes);
        }

        /** Whether one report meets the condition. */
        public boolean isMetBy(ExtractedReport report) {
            if (!outcomes.contains(report.outcome()) || report.failedSessions() < minFailedSessions) {
                return false;
            }
            if (minFailureRate.isEmpty()) {
                return true;
            }
            // failed / total >= rate / 100, in exact arithmetic
            BigDecimal failedPercent =
                    BigDecimal.valueOf(report.failedSessions()).multiply(HUNDRED);
            BigDecimal threshold = minFailureRate.get().multiply(BigDecimal.valueOf(report.totalSessions()));
            return failedPercent.compareTo(threshold) >= 0;
        }
    }

    private Configuration configuration;

    @Override
    List<ConditionParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    void configure(MatcherCondition condition) throws MessagingException {
        configuration = new Configuration(
                condition.integer("minFailedSessions", 1, 1, Long.MAX_VALUE),
                condition.percentage("minFailureRate"),
                condition.list(
                        "outcomes", Set.of(ReportOutcome.ACCEPTED), COUNTABLE_OUTCOMES, ReportOutcome::wireName));
    }

    public Configuration configuration() {
        return configuration;
    }

    @Override
    boolean matches(Extraction extraction) {
        return extraction.reports().stream().anyMatch(configuration::isMetBy);
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mails holding a TLS report with failed sessions";
    }
}
