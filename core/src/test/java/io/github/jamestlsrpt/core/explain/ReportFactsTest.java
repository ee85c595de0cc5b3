package io.github.jamestlsrpt.core.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.core.Fixtures;
import io.github.jamestlsrpt.core.document.Figures;
import io.github.jamestlsrpt.core.document.PolicyScope;
import io.github.jamestlsrpt.core.document.Provenance;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.explain.ReportFacts.FailureFacts;
import io.github.jamestlsrpt.core.explain.ReportFacts.Place;
import io.github.jamestlsrpt.core.explain.ReportFacts.PolicyFacts;
import io.github.jamestlsrpt.core.model.DateRange;
import io.github.jamestlsrpt.core.model.FailureDetail;
import io.github.jamestlsrpt.core.model.Policy;
import io.github.jamestlsrpt.core.model.PolicyResult;
import io.github.jamestlsrpt.core.model.PolicyType;
import io.github.jamestlsrpt.core.model.ResultType;
import io.github.jamestlsrpt.core.model.Summary;
import io.github.jamestlsrpt.core.model.TlsReport;
import io.github.jamestlsrpt.core.read.ReadResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The facts of a report, as renderers get them: figures, failures with their places, bounded lists, safe text. */
class ReportFactsTest {

    private static ReportFacts factsOf(String fixture) {
        return ReportFacts.of(StoredReport.of(Fixtures.usable(fixture), Provenance.UNKNOWN));
    }

    private static ReportFacts factsOf(PolicyResult... results) {
        TlsReport report = new TlsReport(
                "Example Sender Inc.",
                new DateRange(Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-01T23:59:59Z")),
                "tlsrpt@sender.example.com",
                "model-built",
                List.of(results),
                Map.of());
        return ReportFacts.of(
                StoredReport.of(new ReadResult.UsableReport(report, List.of(), null), Provenance.UNKNOWN));
    }

    private static FailureDetail detail(
            String resultType, String sendingIp, String host, String ip, long sessions, String info, String reason) {
        return new FailureDetail(
                resultType == null ? null : ResultType.of(resultType),
                sendingIp,
                host,
                null,
                ip,
                sessions,
                info,
                reason,
                Map.of());
    }

    @Nested
    class Figures_ {

        private final ReportFacts facts = factsOf("rfc/several-policies-with-failures.json");

        @Test
        void shouldGiveTheReporterPeriodIdAndTotals() {
            assertThat(facts.organization()).isEqualTo("Example Sender Inc.");
            assertThat(facts.contactInfo()).isEqualTo("tlsrpt@sender.example.com");
            assertThat(facts.reporter()).isEqualTo("Example Sender Inc. <tlsrpt@sender.example.com>");
            assertThat(facts.reportId()).isEqualTo("several-2024-05-01@sender.example.com");
            assertThat(facts.period()).isEqualTo("covering 2024-05-01 (UTC)");
            assertThat(facts.start()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
            assertThat(facts.successfulSessions()).isEqualTo(925);
            assertThat(facts.failedSessions()).isEqualTo(75);
            assertThat(facts.failureRate()).isEqualTo(0.075);
        }

        @Test
        void shouldGiveEachPolicyWithItsFiguresModeAndDelivery() {
            PolicyFacts sts = facts.policies().shown().get(0);
            PolicyFacts tlsa = facts.policies().shown().get(1);

            assertThat(sts.policyDomain()).isEqualTo("receiver.example.net");
            assertThat(sts.policyType()).isEqualTo("sts");
            assertThat(sts.stsMode()).isEqualTo("testing");
            assertThat(sts.mxHosts().shown()).containsExactly("mx1.receiver.example.net", "mx2.receiver.example.net");
            assertThat(sts.successfulSessions()).isEqualTo(900);
            assertThat(sts.failedSessions()).isEqualTo(70);
            assertThat(sts.delivery()).isEqualTo(Delivery.CLEARTEXT);
            assertThat(sts.isHostReport()).isFalse();
            assertThat(tlsa.scope()).isEqualTo(PolicyScope.HOST);
            assertThat(tlsa.isHostReport()).isTrue();
            assertThat(tlsa.delivery()).isEqualTo(Delivery.HELD);
            assertThat(tlsa.policy().title()).isEqualTo("DANE (TLSA records)");
        }

        @Test
        void shouldGroupFailuresByTypeLargestFirstWithPlacesAndSendingMtas() {
            List<FailureFacts> failures =
                    facts.policies().shown().get(0).failures().shown();

            assertThat(failures)
                    .extracting(FailureFacts::resultType)
                    .containsExactly("certificate-expired", "starttls-not-supported");
            FailureFacts expired = failures.get(0);
            assertThat(expired.sessions()).isEqualTo(60);
            assertThat(expired.explanation().title()).isEqualTo("certificate expired");
            assertThat(expired.explanation().fix()).contains("Renew the certificate");
            assertThat(expired.receivingMx().shown())
                    .containsExactly(
                            new Place("mx1.receiver.example.net (203.0.113.10)", 40),
                            new Place("mx2.receiver.example.net (203.0.113.20)", 20));
            assertThat(expired.sendingMtas().shown())
                    .containsExactly(new Place("198.51.100.25", 40), new Place("198.51.100.26", 20));
        }
    }

    @Test
    void shouldKeepReasonCodesAndAdditionalInformationAsText() {
        ReportFacts facts = factsOf("rfc/rfc8460-appendix-b-shape-with-erratum-6241.json");

        List<FailureFacts> failures = facts.policies().shown().get(0).failures().shown();
        FailureFacts starttls = failures.stream()
                .filter(f -> f.resultType().equals("starttls-not-supported"))
                .findFirst()
                .orElseThrow();
        FailureFacts validation = failures.stream()
                .filter(f -> f.resultType().equals("validation-failure"))
                .findFirst()
                .orElseThrow();
        assertThat(starttls.additionalInformation().shown())
                .containsExactly("https://reports.sender-co.example/info?id=8f1c2d3e#StarttlsNotSupported");
        assertThat(validation.reasonCodes().shown()).containsExactly("X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED");
        FailureFacts expired = failures.stream()
                .filter(f -> f.resultType().equals("certificate-expired"))
                .findFirst()
                .orElseThrow();
        assertThat(expired.receivingMx().shown()).containsExactly(new Place("mx1.mail.receiver.example.org", 80));
        assertThat(expired.sendingMtas().shown()).containsExactly(new Place("2001:db8:abcd:12::1", 80));
    }

    @Test
    void shouldListWarningsAndLeaveNotesOut() {
        ReportFacts warning = factsOf("real-world-shapes/mx-host-as-string.json");
        ReportFacts note = factsOf("real-world-shapes/end-datetime-next-midnight.json");

        assertThat(warning.warnings().shown())
                .extracting(w -> w.code() + " at " + w.pointer())
                .contains("mx-host-not-array at /policies/0/policy/mx-host");
        assertThat(note.warnings().isEmpty()).isTrue();
    }

    @Test
    void shouldBoundEveryListAndCountWhatItLeftOut() {
        List<FailureDetail> details = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            details.add(detail("x-type-" + i, "192.0.2." + i, "mx" + i + ".example.net", null, i, "info " + i, "r"));
        }
        for (int i = 1; i <= 15; i++) {
            details.add(detail(
                    "certificate-expired", "198.51.100." + i, "mx" + i + ".example.net", null, 100, "u" + i, "c" + i));
        }
        PolicyResult result = new PolicyResult(
                new Policy(PolicyType.NO_POLICY_FOUND, List.of(), "example.net", List.of(), Map.of()),
                new Summary(0, 2000),
                details,
                Map.of());

        PolicyFacts policy = factsOf(result).policies().shown().get(0);

        assertThat(policy.failures().shown()).hasSize(ReportFacts.FAILURES_KEPT);
        assertThat(policy.failures().omitted()).isEqualTo(31 - ReportFacts.FAILURES_KEPT);
        FailureFacts expired = policy.failures().shown().get(0);
        assertThat(expired.resultType()).isEqualTo("certificate-expired");
        assertThat(expired.receivingMx().shown()).hasSize(ReportFacts.PLACES_KEPT);
        assertThat(expired.receivingMx().omitted()).isEqualTo(5);
        assertThat(expired.sendingMtas().omitted()).isEqualTo(5);
        assertThat(expired.reasonCodes().shown()).hasSize(ReportFacts.REASONS_KEPT);
        assertThat(expired.reasonCodes().omitted()).isEqualTo(10);
        assertThat(expired.additionalInformation().shown()).hasSize(ReportFacts.ADDITIONAL_INFORMATION_KEPT);
        assertThat(expired.additionalInformation().omitted()).isEqualTo(12);
    }

    @Test
    void shouldKeepAtMostFiftyPolicies() {
        PolicyResult[] results = new PolicyResult[60];
        for (int i = 0; i < results.length; i++) {
            results[i] = new PolicyResult(
                    new Policy(PolicyType.NO_POLICY_FOUND, List.of(), "d" + i + ".example", List.of(), Map.of()),
                    new Summary(1, 0),
                    List.of(),
                    Map.of());
        }

        ReportFacts facts = factsOf(results);

        assertThat(facts.policies().shown()).hasSize(ReportFacts.POLICIES_KEPT);
        assertThat(facts.policies().omitted()).isEqualTo(10);
    }

    @Test
    void shouldNameAFailureWithoutResultTypeAndAPolicyWithoutType() {
        PolicyResult result = new PolicyResult(
                new Policy(null, List.of(), null, List.of(), Map.of()),
                new Summary(0, 3),
                List.of(detail(null, null, null, "192.0.2.7", 3, null, null)),
                Map.of());

        PolicyFacts policy = factsOf(result).policies().shown().get(0);

        assertThat(policy.policyType()).isNull();
        assertThat(policy.policy().title()).isEqualTo("no policy type");
        assertThat(policy.delivery()).isEqualTo(Delivery.UNKNOWN);
        FailureFacts failure = policy.failures().shown().get(0);
        assertThat(failure.resultType()).isEqualTo(Figures.NO_RESULT_TYPE);
        assertThat(failure.receivingMx().shown()).containsExactly(new Place("192.0.2.7", 3));
        assertThat(failure.sendingMtas().isEmpty()).isTrue();
    }

    @Test
    void shouldMakeEveryReportStringSafeText() {
        PolicyResult result = new PolicyResult(
                new Policy(PolicyType.of("x-evil\r\nBcc: a@b"), List.of(), "ex\u202eample.com", List.of(), Map.of()),
                new Summary(0, 1),
                List.of(detail(
                        "x-bad\nline",
                        "1.2.3.4\r\n",
                        "mx\u0000.example.com",
                        null,
                        1,
                        "https://x\n.example",
                        "code\r\nBcc: x@evil")),
                Map.of());

        PolicyFacts policy = factsOf(result).policies().shown().get(0);

        FailureFacts failure = policy.failures().shown().get(0);
        List<String> strings = new ArrayList<>(List.of(
                policy.policyDomain(),
                policy.policyType(),
                policy.policy().title(),
                policy.consequence(),
                failure.resultType(),
                failure.explanation().title()));
        strings.addAll(failure.reasonCodes().shown());
        strings.addAll(failure.additionalInformation().shown());
        failure.receivingMx().shown().forEach(place -> strings.add(place.name()));
        failure.sendingMtas().shown().forEach(place -> strings.add(place.name()));
        assertThat(strings).allSatisfy(text -> assertThat(text)
                .doesNotContain("\r")
                .doesNotContain("\n")
                .doesNotContain("\u0000")
                .doesNotContain("\u202e"));
        assertThat(failure.reasonCodes().shown()).containsExactly("code\\u000d\\u000aBcc: x@evil");
    }

    @Test
    void shouldUsePlainSummaryWordingForFigures() {
        assertThat(ReportFacts.sessions(3988, 12))
                .isEqualTo("4,000 sessions: 3,988 succeeded, 12 failed (0.3% failed)");
        assertThat(ReportFacts.percent(0.0004)).isEqualTo("under 0.1%");
        assertThat(ReportFacts.count(1, "session")).isEqualTo("1 session");
        assertThat(ReportFacts.number(4000)).isEqualTo("4,000");
    }

    @ParameterizedTest
    @ValueSource(
            longs = {
                0,
                7,
                999,
                1000,
                12_345,
                999_999,
                1_000_000,
                123_456_789,
                -1,
                -999,
                -1000,
                -1_234_567,
                Long.MAX_VALUE,
                Long.MIN_VALUE
            })
    void shouldGroupDigitsByThreeAsTheRootLocaleFormatDoes(long value) {
        assertThat(ReportFacts.number(value)).isEqualTo(String.format(Locale.ROOT, "%,d", value));
    }
}
