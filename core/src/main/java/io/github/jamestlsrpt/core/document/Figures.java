package io.github.jamestlsrpt.core.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.jamestlsrpt.core.model.FailureDetail;
import io.github.jamestlsrpt.core.model.PolicyResult;
import io.github.jamestlsrpt.core.model.TlsReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
        Tally byResultType = new Tally();
        List<PolicyFigures> perPolicy = new ArrayList<>(report.policies().size());
        for (PolicyResult result : report.policies()) {
            long policySuccessful =
                    count(result.summary() == null ? null : result.summary().totalSuccessfulSessionCount());
            long policyFailed =
                    count(result.summary() == null ? null : result.summary().totalFailureSessionCount());
            // one running sum per result type, added up here and into the report's totals once per type
            Tally policyByResultType = new Tally();
            for (FailureDetail detail : result.failureDetails()) {
                String type = detail.resultType() == null
                        ? NO_RESULT_TYPE
                        : detail.resultType().value();
                policyByResultType.add(type, count(detail.failedSessionCount()));
            }
            policyByResultType.addTo(byResultType);
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
                    policyByResultType.largestFirst()));
        }
        return new Figures(successful, failed, rate(successful, failed), byResultType.largestFirst(), perPolicy);
    }

    private static long count(Long value) {
        return value == null ? 0 : value;
    }

    private static Double rate(long successful, long failed) {
        long total = successful + failed;
        return total == 0 ? null : (double) failed / total;
    }

    /**
     * Sums by result type. A report names a handful of types, found by a look along an array (most often the same
     * String, as the reader shares one copy of each); past {@value #LISTED} types, a map takes over, so that a report
     * of 100,000 made-up types costs no more than a map.
     */
    private static final class Tally {
        private static final int LISTED = 16;

        private final String[] types = new String[LISTED];
        private final long[] sums = new long[LISTED];
        private int count;
        private Map<String, long[]> many;

        void add(String type, long sessions) {
            if (many != null) {
                many.computeIfAbsent(type, newType -> new long[1])[0] += sessions;
                return;
            }
            for (int i = 0; i < count; i++) {
                if (types[i] == type || types[i].equals(type)) {
                    sums[i] += sessions;
                    return;
                }
            }
            if (count < LISTED) {
                types[count] = type;
                sums[count++] = sessions;
                return;
            }
            many = new HashMap<>();
            for (int i = 0; i < count; i++) {
                many.put(types[i], new long[] {sums[i]});
            }
            many.put(type, new long[] {sessions});
        }

        void addTo(Tally total) {
            if (many != null) {
                many.forEach((type, sum) -> total.add(type, sum[0]));
                return;
            }
            for (int i = 0; i < count; i++) {
                total.add(types[i], sums[i]);
            }
        }

        /** The sums, largest first, then by type. */
        Map<String, Long> largestFirst() {
            List<Map.Entry<String, Long>> entries = new ArrayList<>(many != null ? many.size() : count);
            if (many != null) {
                many.forEach((type, sum) -> entries.add(Map.entry(type, sum[0])));
            } else {
                for (int i = 0; i < count; i++) {
                    entries.add(Map.entry(types[i], sums[i]));
                }
            }
            entries.sort(LARGEST_FIRST);
            Map<String, Long> sorted = new LinkedHashMap<>();
            for (Map.Entry<String, Long> entry : entries) {
                sorted.put(entry.getKey(), entry.getValue());
            }
            return sorted;
        }
    }

    private static final Comparator<Map.Entry<String, Long>> LARGEST_FIRST =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());
}
