package io.github.jamestlsrpt.core.digest;

import io.github.jamestlsrpt.core.document.PolicyScope;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The little of one stored report that a digest needs, read from its stored document by {@link StoredDocumentReader}:
 * who sent it, when it was received, and per policy the sessions, the failures by result type and by receiving MX
 * host. Every string is {@link io.github.jamestlsrpt.core.explain.SafeText} (one line, cut to a length); it is still
 * the reporter's text and a renderer escapes it for its format.
 *
 * @param received when the report was received (stored): a digest counts a report in the period it was received in
 * @param reporter the reporter as the deduplication key names it (organization-name lower-cased, or the contact-info
 *     domain): what tells two reporters apart
 * @param reporterName the reporter for a person: organization-name as sent, else the contact-info domain
 * @param reportId report-id
 * @param start start-datetime of the period the report covers
 * @param end end-datetime of the period the report covers
 * @param policies each entry of the report's policies array
 */
public record DigestReport(
        Instant received,
        String reporter,
        String reporterName,
        String reportId,
        Instant start,
        Instant end,
        List<Policy> policies) {

    public DigestReport {
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(reporterName, "reporterName");
        Objects.requireNonNull(reportId, "reportId");
        policies = List.copyOf(policies);
    }

    /**
     * One entry of a report's policies array.
     *
     * @param domain the policy-domain, lower case; "(no policy domain)" when the report names none
     * @param policyType policy-type as sent ("sts", "tlsa", "no-policy-found"), or null
     * @param scope a domain report, or a DANE host report (its domain is an MX host name)
     * @param stsMode the MTA-STS mode for an sts policy, or null
     * @param successful total-successful-session-count
     * @param failed total-failure-session-count
     * @param failedByResultType result-type to failed sessions
     * @param failedByReceivingMx receiving MX host (its name, else its IP) to failed sessions, all result types
     *     together
     */
    public record Policy(
            String domain,
            String policyType,
            PolicyScope scope,
            String stsMode,
            long successful,
            long failed,
            Map<String, Long> failedByResultType,
            Map<String, Long> failedByReceivingMx) {

        public Policy {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(scope, "scope");
            failedByResultType = Collections.unmodifiableMap(new LinkedHashMap<>(failedByResultType));
            failedByReceivingMx = Collections.unmodifiableMap(new LinkedHashMap<>(failedByReceivingMx));
        }
    }
}
