package io.github.jamestlsrpt.core.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.jamestlsrpt.core.model.FailureDetail;
import io.github.jamestlsrpt.core.model.PolicyResult;
import io.github.jamestlsrpt.core.model.TlsReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures derived from a usable report, in total and per policy. Failed sessions per result type add up the
 * failure-details' failed-session-count; failure types are non-exclusive (RFC 8460 section 4), so that sum may
 * differ from the failed sessions of the summary.
 *
 * @param successfulSessions sum of total-successful-session-count
 * @param failedSessions sum of total-failure-session-count
 * @param failureRate failed / (successful + failed), or null when there were no sessions
 * @param failedSessionsByResultType result-type to failed sessions, largest first
 * @param policies the same per entry of the policies array, in order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "successful-sessions",
    "failed-sessions",
    "total-sessions",
    "failure-rate",
    "failed-sessions-by-result-type",
    "policies"
})
public record Figures(
        @JsonProperty("successful-sessions") long successfulSessions,
        @JsonProperty("failed-sessions") long failedSessions,
        @JsonProperty("failure-rate") Double failureRate,
        @JsonProperty("failed-sessions-by-result-type") Map<String, Long> failedSessionsByResultType,
        @JsonProperty("policies") List<PolicyFigures> policies) {

    /** Key for failure details that name no result-type. */
    public static final String NO_RESULT_TYPE = "(no result-type)";

    public Figures {
        failedSessionsByResultType = Collections.unmodifiableMap(new LinkedHashMap<>(failedSessionsByResultType));
        policies = List.copyOf(policies);
    }

    @JsonProperty("total-sessions")
    public long totalSessions() {
        return successfulSessions + failedSessions;
    }

    /**
     * Figures of one policies entry.
     *
     * @param policyType policy-type as sent, or null
     * @param policyDomain policy-domain as sent, or null
     * @param scope domain or host (DANE host reports)
     * @param stsMode MTA-STS mode from the policy-string, for sts policies
     * @param successfulSessions total-successful-session-count
     * @param failedSessions total-failure-session-count
     * @param failureRate failed / (successful + failed), or null when there were no sessions
     * @param failedSessionsByResultType result-type to failed sessions, largest first
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "policy-type",
        "policy-domain",
        "scope",
        "sts-mode",
        "successful-sessions",
        "failed-sessions",
        "failure-rate",
        "failed-sessions-by-result-type"
    })
    public record PolicyFigures(
            @JsonProperty("policy-type") String policyType,
            @JsonProperty("policy-domain") String policyDomain,
            @JsonProperty("scope") PolicyScope scope,
            @JsonProperty("sts-mode") String stsMode,
            @JsonProperty("successful-sessions") long successfulSessions,
            @JsonProperty("failed-sessions") long failedSessions,
            @JsonProperty("failure-rate") Double failureRate,
            @JsonProperty("failed-sessions-by-result-type") Map<String, Long> failedSessionsByResultType) {

        public PolicyFigures {
            failedSessionsByResultType = Collections.unmodifiableMap(new LinkedHashMap<>(failedSessionsByResultType));
        }
    }

    /** Computes the figures of a usable report: one whose summaries all have both counts. */
    public static Figures of(TlsReport report) {
        long successful = 0;
        long failed = 0;
        Map<String, long[]> byResultType = new HashMap<>();
        List<PolicyFigures> perPolicy = new ArrayList<>(report.policies().size());
        for (PolicyResult result : report.policies()) {
            long policySuccessful =
                    count(result.summary() == null ? null : result.summary().totalSuccessfulSessionCount());
            long policyFailed =
                    count(result.summary() == null ? null : result.summary().totalFailureSessionCount());
            // one running sum per result type, added up here and into the report's totals once per type
            Map<String, long[]> policyByResultType = new HashMap<>();
            for (FailureDetail detail : result.failureDetails()) {
                String type = detail.resultType() == null
                        ? NO_RESULT_TYPE
                        : detail.resultType().value();
                policyByResultType.computeIfAbsent(type, newType -> new long[1])[0] +=
                        count(detail.failedSessionCount());
            }
            for (Map.Entry<String, long[]> sessions : policyByResultType.entrySet()) {
                byResultType.computeIfAbsent(sessions.getKey(), newType -> new long[1])[0] += sessions.getValue()[0];
            }
            successful += policySuccessful;
            failed += policyFailed;
            perPolicy.add(new PolicyFigures(
                    result.policy() == null || result.policy().policyType() == null
                            ? null
                            : result.policy().policyType().value(),
                    result.policy() == null ? null : result.policy().policyDomain(),
                    PolicyScope.of(report, result),
                    result.policy() == null ? null : result.policy().stsMode(),
                    policySuccessful,
                    policyFailed,
                    rate(policySuccessful, policyFailed),
                    largestFirst(policyByResultType)));
        }
        return new Figures(successful, failed, rate(successful, failed), largestFirst(byResultType), perPolicy);
    }

    private static long count(Long value) {
        return value == null ? 0 : value;
    }

    private static Double rate(long successful, long failed) {
        long total = successful + failed;
        return total == 0 ? null : (double) failed / total;
    }

    private static Map<String, Long> largestFirst(Map<String, long[]> sums) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        sums.entrySet().stream()
                .map(sum -> Map.entry(sum.getKey(), sum.getValue()[0]))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEachOrdered(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }
}
