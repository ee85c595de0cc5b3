package io.github.jamestlsrpt.matchers;

import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.MessageStatus;
import io.github.jamestlsrpt.mail.ReportOutcome;
import java.util.List;

/**
 * Matches a mail holding a TLS report that DKIM did not authenticate (RFC 8460 section 3), so that an operator can
 * route or mark it, whatever the extraction's DKIM policy. Precisely, a mail that has been through
 * {@code ExtractTlsReports} matches when either
 *
 * <ul>
 *   <li>any of its reports has the outcome {@code unauthenticated} (policy {@code require}: the report is not stored
 *       as a report; this includes a report whose reporter no passing signature is aligned with, even when another
 *       signature on the mail passed), or
 *   <li>extraction found at least one report (of any outcome, invalid included) and the mail's DKIM verdict is
 *       {@code fail} (signatures, none of which authenticates the reporter) or {@code none} (no signature): with
 *       policy {@code flag} such reports are accepted and stored with the verdict, and this is how to tell them.
 * </ul>
 *
 * <p>The verdict {@code not-checked} (policy {@code off}) does not match by itself: nothing is known. A mail without
 * any report (status no-report), or not extracted at all, never matches. Takes no condition parameters.
 *
 * <pre>{@code
 * <processor state="tlsrpt" enableJmx="true">
 *   <mailet match="All" class="io.github.jamestlsrpt.mailets.ExtractTlsReports"/>
 *   <mailet match="io.github.jamestlsrpt.matchers.HasUnauthenticatedTlsReport" class="SetMimeHeader">
 *     <name>X-TLSRPT-Unauthenticated</name>
 *     <value>true</value>
 *   </mailet>
 * </processor>
 * }</pre>
 */
public class HasUnauthenticatedTlsReport extends ExtractionOutcomeMatcher {

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
        if (extraction.status() == MessageStatus.UNAUTHENTICATED
                || extraction.reports().stream()
                        .anyMatch(report -> report.outcome() == ReportOutcome.UNAUTHENTICATED)) {
            return true;
        }
        boolean foundReports = extraction.status() != MessageStatus.NO_REPORT
                || !extraction.reports().isEmpty();
        boolean checkedAndNotPassed = extraction
                .dkim()
                .map(DkimVerdict::result)
                .filter(result -> result == DkimVerdict.Result.FAIL || result == DkimVerdict.Result.NONE)
                .isPresent();
        return foundReports && checkedAndNotPassed;
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mails holding a TLS report that DKIM did not authenticate";
    }
}
