package io.github.jamestlsrpt.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.github.jamestlsrpt.core.Fixtures;
import io.github.jamestlsrpt.core.model.DateRange;
import io.github.jamestlsrpt.core.model.FailureDetail;
import io.github.jamestlsrpt.core.model.Policy;
import io.github.jamestlsrpt.core.model.PolicyResult;
import io.github.jamestlsrpt.core.model.PolicyType;
import io.github.jamestlsrpt.core.model.ResultType;
import io.github.jamestlsrpt.core.model.Summary;
import io.github.jamestlsrpt.core.model.TlsReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FiguresTest {

    private static Figures figuresOf(String fixture) {
        return Figures.of(Fixtures.usable(fixture).report());
    }

    private static PolicyResult policyResult(PolicyType type, String domain, List<String> policyStrings) {
        return new PolicyResult(
                new Policy(type, policyStrings, domain, List.of(), Map.of()), new Summary(1, 0), List.of(), Map.of());
    }

    private static FailureDetail detail(String resultType, long sessions) {
        return new FailureDetail(
                resultType == null ? null : ResultType.of(resultType),
                "192.0.2.1",
                "mx1.receiver.example.net",
                null,
                "203.0.113.10",
                sessions,
                null,
                null,
                Map.of());
    }

    private static TlsReport reportOf(PolicyResult... results) {
        return new TlsReport(
                "Example Sender Inc.",
                new DateRange(Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-01T23:59:59Z")),
                "tlsrpt@sender.example.com",
                "model-built",
                List.of(results),
                Map.of());
    }

    @Nested
    class Totals {

        private final Figures figures = figuresOf("rfc/several-policies-with-failures.json");

        @Test
        void shouldAddUpTheSessionsOfEveryPolicy() {
            long successful = figures.successfulSessions();

            assertThat(successful).isEqualTo(925);
            assertThat(figures.failedSessions()).isEqualTo(75);
            assertThat(figures.totalSessions()).isEqualTo(1000);
        }

        @Test
        void shouldComputeTheFailureRateOfAllSessions() {
            Double rate = figures.failureRate();

            assertThat(rate).isEqualTo(0.075);
        }

        @Test
        void shouldSumFailedSessionsPerResultTypeAcrossDetailsAndPoliciesLargestFirst() {
            Map<String, Long> byResultType = figures.failedSessionsByResultType();

            // the details list starttls-not-supported first; certificate-expired is spread over two details
            assertThat(byResultType)
                    .containsExactly(
                            entry("certificate-expired", 60L),
                            entry("starttls-not-supported", 10L),
                            entry("tlsa-invalid", 5L));
        }

        @Test
        void shouldGiveNoFailureRateWhenThereWereNoSessions() {
            Figures empty = figuresOf("real-world-shapes/policies-empty.json");

            assertThat(empty.failureRate()).isNull();
            assertThat(empty.totalSessions()).isZero();
            assertThat(empty.policies()).isEmpty();
        }

        @Test
        void shouldCountTheSummaryAndTheDetailsEachOnTheirOwnWhenTheyDisagree() {
            Figures mismatch = figuresOf("real-world-shapes/failure-count-mismatch.json");

            assertThat(mismatch.failedSessions()).isEqualTo(1);
            assertThat(mismatch.failedSessionsByResultType())
                    .containsExactly(entry("sts-policy-fetch-error", 1L), entry("sts-policy-invalid", 1L));
            assertThat(mismatch.failureRate()).isEqualTo(1.0);
        }

        @Test
        void shouldKeyAnUnknownResultTypeVerbatim() {
            Figures unknown = figuresOf("real-world-shapes/result-type-unknown.json");

            assertThat(unknown.failedSessionsByResultType()).containsExactly(entry("x-quantum-handshake-failure", 11L));
        }

        @Test
        void shouldKeyDetailsWithoutResultTypeApart() {
            Figures missing = figuresOf("real-world-shapes/result-type-missing.json");

            assertThat(missing.failedSessionsByResultType()).containsExactly(entry(Figures.NO_RESULT_TYPE, 2L));
        }

        @Test
        void shouldOrderResultTypesWithEqualCountsByName() {
            TlsReport report = reportOf(new PolicyResult(
                    new Policy(PolicyType.NO_POLICY_FOUND, List.of(), "receiver.example.net", List.of(), Map.of()),
                    new Summary(0, 9),
                    List.of(
                            detail("validation-failure", 3),
                            detail("certificate-expired", 3),
                            detail("starttls-not-supported", 3)),
                    Map.of()));

            Map<String, Long> byResultType = Figures.of(report).failedSessionsByResultType();

            assertThat(byResultType.keySet())
                    .containsExactly("certificate-expired", "starttls-not-supported", "validation-failure");
        }
    }

    @Nested
    class PerPolicy {

        @Test
        void shouldGiveTheFiguresOfEachPolicyInOrder() {
            Figures figures = figuresOf("rfc/several-policies-with-failures.json");

            List<Figures.PolicyFigures> policies = figures.policies();

            assertThat(policies).hasSize(2);
            assertThat(policies.get(0))
                    .isEqualTo(new Figures.PolicyFigures(
                            "sts",
                            "receiver.example.net",
                            PolicyScope.DOMAIN,
                            "testing",
                            900,
                            70,
                            70.0 / 970,
                            Map.of("certificate-expired", 60L, "starttls-not-supported", 10L)));
            assertThat(policies.get(0).failedSessionsByResultType().keySet())
                    .containsExactly("certificate-expired", "starttls-not-supported");
            assertThat(policies.get(1))
                    .isEqualTo(new Figures.PolicyFigures(
                            "tlsa",
                            "mx1.receiver.example.net",
                            PolicyScope.HOST,
                            null,
                            25,
                            5,
                            5.0 / 30,
                            Map.of("tlsa-invalid", 5L)));
        }

        @Test
        void shouldReadTheStsModeFromThePolicyString() {
            Figures enforce = figuresOf("rfc/sts-enforce-without-failures.json");
            Figures crlf = figuresOf("real-world-shapes/policy-string-trailing-cr.json");
            Figures missing = figuresOf("real-world-shapes/policy-string-missing.json");

            assertThat(enforce.policies().get(0).stsMode()).isEqualTo("enforce");
            assertThat(crlf.policies().get(0).stsMode()).isEqualTo("enforce");
            assertThat(missing.policies().get(0).stsMode()).isNull();
        }

        @Test
        void shouldReadTheStsModeWhateverTheCaseAndSpacing() {
            TlsReport report = reportOf(policyResult(
                    PolicyType.STS, "receiver.example.net", List.of("version: STSv1", " MODE :  Testing ")));

            String mode = Figures.of(report).policies().get(0).stsMode();

            assertThat(mode).isEqualTo("testing");
        }

        @Test
        void shouldGiveNoStsModeForATlsaPolicy() {
            TlsReport report =
                    reportOf(policyResult(PolicyType.TLSA, "mx1.receiver.example.net", List.of("mode: enforce")));

            String mode = Figures.of(report).policies().get(0).stsMode();

            assertThat(mode).isNull();
        }

        @Test
        void shouldKeepAnUnknownPolicyTypeVerbatim() {
            Figures figures = figuresOf("real-world-shapes/policy-type-unknown.json");

            assertThat(figures.policies().get(0).policyType()).isEqualTo("x-future-policy");
            assertThat(figures.policies().get(0).scope()).isEqualTo(PolicyScope.DOMAIN);
        }
    }

    @Nested
    class Scope {

        @Test
        void shouldCallATlsaPolicyAloneAHostReport() {
            Figures figures = figuresOf("rfc/tlsa-host-report.json");

            assertThat(figures.policies())
                    .extracting(Figures.PolicyFigures::scope)
                    .containsExactly(PolicyScope.HOST);
        }

        @Test
        void shouldCallMicrosoftsTlsaPolicyFiledUnderTheStsDomainADomainReport() {
            Figures figures = figuresOf("real-world-shapes/microsoft-tlsa-policy-string-json-in-string.json");

            assertThat(figures.policies())
                    .extracting(Figures.PolicyFigures::policyType, Figures.PolicyFigures::scope)
                    .containsExactly(
                            org.assertj.core.api.Assertions.tuple("sts", PolicyScope.DOMAIN),
                            org.assertj.core.api.Assertions.tuple("tlsa", PolicyScope.DOMAIN));
        }

        @Test
        void shouldMatchTheDomainOfAnotherPolicyWhateverItsCase() {
            TlsReport report = reportOf(
                    policyResult(PolicyType.STS, "Receiver.Example.NET", List.of("mode: enforce")),
                    policyResult(PolicyType.TLSA, "receiver.example.net", List.of("3 1 1 00")));

            PolicyScope scope = PolicyScope.of(report, report.policies().get(1));

            assertThat(scope).isEqualTo(PolicyScope.DOMAIN);
        }

        @Test
        void shouldCallATlsaPolicyBesideAnStsPolicyOfAnotherDomainAHostReport() {
            TlsReport report = reportOf(
                    policyResult(PolicyType.STS, "receiver.example.net", List.of("mode: enforce")),
                    policyResult(PolicyType.TLSA, "mx1.receiver.example.net", List.of("3 1 1 00")));

            PolicyScope scope = PolicyScope.of(report, report.policies().get(1));

            assertThat(scope).isEqualTo(PolicyScope.HOST);
        }

        @Test
        void shouldCallATlsaPolicyWithoutDomainAHostReport() {
            TlsReport report = reportOf(
                    policyResult(PolicyType.STS, "receiver.example.net", List.of("mode: enforce")),
                    policyResult(PolicyType.TLSA, null, List.of("3 1 1 00")));

            PolicyScope scope = PolicyScope.of(report, report.policies().get(1));

            assertThat(scope).isEqualTo(PolicyScope.HOST);
        }

        @Test
        void shouldCallEveryOtherPolicyADomainReport() {
            Figures figures = figuresOf("real-world-shapes/several-policies-after-a-policy-change.json");

            assertThat(figures.policies())
                    .extracting(Figures.PolicyFigures::scope)
                    .containsOnly(PolicyScope.DOMAIN)
                    .hasSize(3);
        }
    }
}
