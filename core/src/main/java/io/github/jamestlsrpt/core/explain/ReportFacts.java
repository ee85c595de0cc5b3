package io.github.jamestlsrpt.core.explain;

import io.github.jamestlsrpt.core.document.Figures;
import io.github.jamestlsrpt.core.document.PolicyScope;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.model.FailureDetail;
import io.github.jamestlsrpt.core.model.PolicyResult;
import io.github.jamestlsrpt.core.model.PolicyType;
import io.github.jamestlsrpt.core.model.ResultType;
import io.github.jamestlsrpt.core.model.TlsReport;
import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.problem.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one report says, arranged for a person and ready to be rendered (as plain text, as HTML...): the reporter,
 * the period, the figures, and per policy what failed, where, what it means, what usually fixes it, and what
 * probably became of the mail. The same facts as {@link PlainSummary}, with more of each failure (the sending MTAs,
 * every failure-reason-code, the additional-information).
 *
 * <p>Every string here that came from the report is {@link SafeText}: one line, control and bidirectional-formatting
 * characters made visible, cut to a length. It is still the sender's text: a renderer must escape it for its format
 * (HTML), and must never make additional-information a live link (RFC 8460 section 7: it is a URI never to be
 * fetched). Lists are bounded so that a hostile report cannot make a summary of any size: each keeps its first
 * entries (largest first where there are counts) and says how many it left out.
 *
 * @param organization organization-name, or null
 * @param contactInfo contact-info, or null
 * @param reporter the organization with its contact, or the contact alone, or "an unnamed reporter"
 * @param reportId report-id
 * @param start start-datetime
 * @param end end-datetime
 * @param period the period in words: "covering 2026-11-28 (UTC)" for one UTC day, else both ends
 * @param successfulSessions total successful sessions
 * @param failedSessions total failed sessions
 * @param failureRate failed over all sessions, or null when there were none
 * @param policies each entry of the policies array, in report order
 * @param warnings the report's deviations from RFC 8460 (warnings; notes are left out)
 */
public record ReportFacts(
        String organization,
        String contactInfo,
        String reporter,
        String reportId,
        Instant start,
        Instant end,
        String period,
        long successfulSessions,
        long failedSessions,
        Double failureRate,
        Listed<PolicyFacts> policies,
        Listed<Warning> warnings) {

    /** At most this many policies are kept. */
    public static final int POLICIES_KEPT = 50;
    /** At most this many failure types are kept per policy. */
    public static final int FAILURES_KEPT = 20;
    /** At most this many receiving MX hosts, and as many sending MTAs, are kept per failure type. */
    public static final int PLACES_KEPT = 10;
    /** At most this many distinct failure-reason-codes are kept per failure type. */
    public static final int REASONS_KEPT = 5;
    /** At most this many distinct additional-information values are kept per failure type. */
    public static final int ADDITIONAL_INFORMATION_KEPT = 3;
    /** At most this many warnings are kept. */
    public static final int WARNINGS_KEPT = 20;

    private static final int NAME_LENGTH = 200;
    private static final int TEXT_LENGTH = 300;

    public ReportFacts {
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(warnings, "warnings");
    }

    /**
     * The first entries of a list, and how many were left out.
     *
     * @param shown the entries kept
     * @param omitted how many entries were left out
     */
    public record Listed<T>(List<T> shown, int omitted) {
        public Listed {
            shown = List.copyOf(shown);
            if (omitted < 0) {
                throw new IllegalArgumentException("omitted must not be negative");
            }
        }

        static <T> Listed<T> firstOf(List<T> all, int kept) {
            return all.size() <= kept ? new Listed<>(all, 0) : new Listed<>(all.subList(0, kept), all.size() - kept);
        }

        public boolean isEmpty() {
            return shown.isEmpty() && omitted == 0;
        }
    }

    /**
     * Something the sessions were counted against: an MX host with its IP, a sending MTA's IP.
     *
     * @param name the host and IP ("mx1.example.com (192.0.2.25)"), or the IP alone
     * @param sessions the failed sessions there
     */
    public record Place(String name, long sessions) {
        public Place {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * One deviation of the report from RFC 8460, found when reading it.
     *
     * @param code the problem's stable code
     * @param pointer where, as an RFC 6901 pointer into the report ("" for the whole report)
     * @param message what, in plain words
     */
    public record Warning(String code, String pointer, String message) {
        public Warning {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * One entry of the report's policies array.
     *
     * @param policyDomain policy-domain, or null when the sender sent none
     * @param policyType policy-type as sent, or null
     * @param policy what the policy type means
     * @param scope a domain report, or a DANE host report (about one MX host, not a mail domain)
     * @param stsMode the MTA-STS mode for an sts policy, or null
     * @param mxHosts the policy's mx-host patterns
     * @param successfulSessions total-successful-session-count
     * @param failedSessions total-failure-session-count
     * @param failureRate failed over all sessions, or null when there were none
     * @param delivery what probably became of the mail in the failed sessions
     * @param consequence the same in one or two sentences
     * @param failures the failure types, largest first
     */
    public record PolicyFacts(
            String policyDomain,
            String policyType,
            Explanation policy,
            PolicyScope scope,
            String stsMode,
            Listed<String> mxHosts,
            long successfulSessions,
            long failedSessions,
            Double failureRate,
            Delivery delivery,
            String consequence,
            Listed<FailureFacts> failures) {

        public PolicyFacts {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(mxHosts, "mxHosts");
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(consequence, "consequence");
            Objects.requireNonNull(failures, "failures");
        }

        /** Whether this is a DANE host report: its policy-domain is an MX host name, not a mail domain. */
        public boolean isHostReport() {
            return scope == PolicyScope.HOST;
        }
    }

    /**
     * One failure type of one policy.
     *
     * @param resultType result-type as sent, or {@link Figures#NO_RESULT_TYPE}
     * @param explanation what it means and what usually fixes it
     * @param sessions the failed sessions of this type (the sum of failed-session-count)
     * @param receivingMx where: receiving-mx-hostname with receiving-ip, largest first
     * @param sendingMtas who: sending-mta-ip, largest first
     * @param reasonCodes the distinct failure-reason-codes, in report order
     * @param additionalInformation the distinct additional-information values, in report order: URIs never to
     *     be fetched nor shown as links
     */
    public record FailureFacts(
            String resultType,
            Explanation explanation,
            long sessions,
            Listed<Place> receivingMx,
            Listed<Place> sendingMtas,
            Listed<String> reasonCodes,
            Listed<String> additionalInformation) {

        public FailureFacts {
            Objects.requireNonNull(resultType, "resultType");
            Objects.requireNonNull(explanation, "explanation");
            Objects.requireNonNull(receivingMx, "receivingMx");
            Objects.requireNonNull(sendingMtas, "sendingMtas");
            Objects.requireNonNull(reasonCodes, "reasonCodes");
            Objects.requireNonNull(additionalInformation, "additionalInformation");
        }
    }

    /** The facts of a stored report. */
    public static ReportFacts of(StoredReport document) {
        TlsReport report = document.report();
        Figures figures = document.figures();
        List<PolicyFacts> policies = new ArrayList<>();
        int count = Math.min(report.policies().size(), figures.policies().size());
        for (int i = 0; i < count && i < POLICIES_KEPT; i++) {
            policies.add(policy(report.policies().get(i), figures.policies().get(i)));
        }
        List<Warning> warnings = new ArrayList<>();
        for (Problem problem : document.problems()) {
            if (problem.severity() != Severity.INFO) {
                warnings.add(new Warning(
                        problem.code().code(),
                        SafeText.of(problem.pointer(), NAME_LENGTH),
                        SafeText.of(problem.message(), TEXT_LENGTH)));
            }
        }
        return new ReportFacts(
                safeOrNull(report.organizationName(), NAME_LENGTH),
                safeOrNull(report.contactInfo(), NAME_LENGTH),
                PlainSummary.reporter(report),
                SafeText.of(report.reportId(), NAME_LENGTH),
                report.dateRange().start(),
                report.dateRange().end(),
                PlainSummary.period(report.dateRange()),
                figures.successfulSessions(),
                figures.failedSessions(),
                figures.failureRate(),
                new Listed<>(policies, count - policies.size()),
                Listed.firstOf(warnings, WARNINGS_KEPT));
    }

    private static PolicyFacts policy(PolicyResult result, Figures.PolicyFigures figures) {
        PolicyType type = result.policy() == null ? null : result.policy().policyType();
        List<String> mxHosts = result.policy() == null
                ? List.of()
                : result.policy().mxHosts().stream()
                        .map(host -> SafeText.of(host, NAME_LENGTH))
                        .toList();
        List<FailureFacts> failures = new ArrayList<>();
        for (Map.Entry<String, Long> failure :
                figures.failedSessionsByResultType().entrySet()) {
            if (failures.size() == FAILURES_KEPT) {
                break;
            }
            failures.add(failure(result, failure.getKey(), failure.getValue()));
        }
        return new PolicyFacts(
                safeOrNull(figures.policyDomain(), NAME_LENGTH),
                type == null ? null : SafeText.of(type.value(), NAME_LENGTH),
                type == null
                        ? new Explanation("no policy type", "The report does not name the policy type.", "")
                        : safeTitle(Explanations.of(type)),
                figures.scope(),
                safeOrNull(figures.stsMode(), NAME_LENGTH),
                Listed.firstOf(mxHosts, PLACES_KEPT),
                figures.successfulSessions(),
                figures.failedSessions(),
                figures.failureRate(),
                Delivery.of(type, figures.stsMode()),
                Delivery.consequence(type, figures.stsMode()),
                new Listed<>(failures, figures.failedSessionsByResultType().size() - failures.size()));
    }

    private static FailureFacts failure(PolicyResult result, String resultType, long sessions) {
        Explanation explanation = Figures.NO_RESULT_TYPE.equals(resultType)
                ? new Explanation("failure of an unnamed kind", "The sender did not say what failed.", "")
                : safeTitle(Explanations.of(ResultType.of(resultType)));
        Map<String, Long> receiving = new LinkedHashMap<>();
        Map<String, Long> sending = new LinkedHashMap<>();
        Set<String> reasons = new LinkedHashSet<>();
        Set<String> additional = new LinkedHashSet<>();
        for (FailureDetail detail : result.failureDetails()) {
            if (!resultType.equals(typeOf(detail))) {
                continue;
            }
            long failed = detail.failedSessionCount() == null ? 0 : detail.failedSessionCount();
            String host = detail.receivingMxHostname();
            String ip = detail.receivingIp();
            if (host != null || ip != null) {
                String place = host == null
                        ? SafeText.of(ip, NAME_LENGTH)
                        : SafeText.of(host, NAME_LENGTH)
                                + (ip == null ? "" : " (" + SafeText.of(ip, NAME_LENGTH) + ")");
                receiving.merge(place, failed, Long::sum);
            }
            if (detail.sendingMtaIp() != null) {
                sending.merge(SafeText.of(detail.sendingMtaIp(), NAME_LENGTH), failed, Long::sum);
            }
            if (detail.failureReasonCode() != null
                    && !detail.failureReasonCode().isBlank()) {
                reasons.add(SafeText.of(detail.failureReasonCode().strip(), TEXT_LENGTH));
            }
            if (detail.additionalInformation() != null
                    && !detail.additionalInformation().isBlank()) {
                additional.add(SafeText.of(detail.additionalInformation().strip(), TEXT_LENGTH));
            }
        }
        return new FailureFacts(
                SafeText.of(resultType, NAME_LENGTH),
                explanation,
                sessions,
                Listed.firstOf(largestFirst(receiving), PLACES_KEPT),
                Listed.firstOf(largestFirst(sending), PLACES_KEPT),
                Listed.firstOf(new ArrayList<>(reasons), REASONS_KEPT),
                Listed.firstOf(new ArrayList<>(additional), ADDITIONAL_INFORMATION_KEPT));
    }

    private static List<Place> largestFirst(Map<String, Long> counts) {
        List<Place> places = new ArrayList<>();
        counts.forEach((name, sessions) -> places.add(new Place(name, sessions)));
        places.sort((a, b) -> a.sessions() != b.sessions()
                ? Long.compare(b.sessions(), a.sessions())
                : a.name().compareTo(b.name()));
        return places;
    }

    private static String typeOf(FailureDetail detail) {
        return detail.resultType() == null
                ? Figures.NO_RESULT_TYPE
                : detail.resultType().value();
    }

    /** An unknown type's title is the type as the sender wrote it. */
    private static Explanation safeTitle(Explanation explanation) {
        return new Explanation(SafeText.of(explanation.title(), NAME_LENGTH), explanation.meaning(), explanation.fix());
    }

    private static String safeOrNull(String text, int maxLength) {
        return text == null ? null : SafeText.of(text, maxLength);
    }

    // ------------------------------------------------------------------------------------------ wording

    /** "4,000 sessions: 3,988 succeeded, 12 failed (0.3% failed)", or "no sessions"; the words of PlainSummary. */
    public static String sessions(long successful, long failed) {
        return PlainSummary.sessions(successful, failed);
    }

    /** "0.3%", "under 0.1%" for a rate above 0 that would show as 0.0%. */
    public static String percent(double rate) {
        return PlainSummary.percent(rate);
    }

    /** "1 session", "4,000 sessions". */
    public static String count(long value, String noun) {
        return PlainSummary.count(value, noun);
    }

    /** "4,000". */
    public static String number(long value) {
        return PlainSummary.number(value);
    }
}
