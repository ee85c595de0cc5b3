package io.github.jamestlsrpt.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jamestlsrpt.core.Fixtures;
import io.github.jamestlsrpt.core.model.FailureDetail;
import io.github.jamestlsrpt.core.model.Policy;
import io.github.jamestlsrpt.core.model.PolicyResult;
import io.github.jamestlsrpt.core.model.PolicyType;
import io.github.jamestlsrpt.core.model.ResultType;
import io.github.jamestlsrpt.core.model.TlsReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What the reader makes of each real-world deviation (RFC8460-RECEIVER.md "Real-world deviations"): the normalised
 * values, not merely that something parsed. The problem codes of the same fixtures are in
 * {@link ReportReaderExpectationTableTest}.
 */
class ReportReaderDeviationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TlsReport read(String fixture) {
        return Fixtures.usable("real-world-shapes/" + fixture).report();
    }

    private static Policy firstPolicy(TlsReport report) {
        return report.policies().get(0).policy();
    }

    private static FailureDetail firstDetail(TlsReport report) {
        return report.policies().get(0).failureDetails().get(0);
    }

    @Nested
    class MxHost {

        @Test
        void shouldReadMxHostGivenAsAStringAsAOneElementList() {
            TlsReport report = read("mx-host-as-string.json");

            List<String> mxHosts = firstPolicy(report).mxHosts();

            assertThat(mxHosts).containsExactly("mx1.receiver.example.net");
        }

        @Test
        void shouldRemoveTheMxPrefixOfThePolicyLineFromEveryEntry() {
            TlsReport report = read("mx-host-with-mx-prefix.json");

            List<String> mxHosts = firstPolicy(report).mxHosts();

            assertThat(mxHosts).containsExactly("mx1.receiver.example.net", "*.backup.receiver.example.net");
        }

        @Test
        void shouldReadAMissingMxHostAsAnEmptyList() {
            TlsReport report = read("mx-host-missing.json");

            List<String> mxHosts = firstPolicy(report).mxHosts();

            assertThat(mxHosts).isEmpty();
        }
    }

    @Nested
    class PolicyString {

        @Test
        void shouldRemoveTrailingCarriageReturnsFromPolicyStringLines() {
            TlsReport report = read("policy-string-trailing-cr.json");

            Policy policy = firstPolicy(report);

            assertThat(policy.policyStrings())
                    .containsExactly(
                            "version: STSv1", "mode:enforce", "mx: mx1.receiver.example.net", "max_age: 604800");
            assertThat(policy.stsMode()).isEqualTo("enforce");
        }

        @Test
        void shouldReadAMissingPolicyStringAsAnEmptyListWithoutMode() {
            TlsReport report = read("policy-string-missing.json");

            Policy policy = firstPolicy(report);

            assertThat(policy.policyStrings()).isEmpty();
            assertThat(policy.stsMode()).isNull();
        }

        @Test
        void shouldReadAPolicyStringGivenAsAStringAsAOneElementList() {
            TlsReport report = read("policy-string-as-string.json");

            Policy policy = firstPolicy(report);

            assertThat(policy.policyStrings()).containsExactly("mode: testing");
            assertThat(policy.stsMode()).isEqualTo("testing");
        }

        @Test
        void shouldExpandMicrosoftsTlsaRecordsHeldAsAJsonArrayInOneString() {
            TlsReport report = read("microsoft-tlsa-policy-string-json-in-string.json");

            Policy tlsa = report.policies().get(1).policy();

            assertThat(tlsa.policyType()).isEqualTo(PolicyType.TLSA);
            assertThat(tlsa.policyStrings())
                    .containsExactly(
                            "3 1 1 6A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9",
                            "3 1 1 00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF",
                            "2 0 1 1122334455667788990011223344556677889900112233445566778899001122");
        }

        @Test
        void shouldLeaveTheStsPolicyStringOfAMicrosoftReportAsSent() {
            TlsReport report = read("microsoft-tlsa-policy-string-json-in-string.json");

            Policy sts = report.policies().get(0).policy();

            assertThat(sts.policyStrings())
                    .containsExactly(
                            "version: STSv1", "mode: enforce", "mx: mx1.receiver.example.net", "max_age: 604800");
        }
    }

    @Nested
    class Dates {

        @Test
        void shouldReadZoneLessDateTimesAsUtc() {
            TlsReport report = read("datetime-without-zone.json");

            Instant start = report.dateRange().start();
            Instant end = report.dateRange().end();

            assertThat(start).isEqualTo(Instant.parse("2023-03-14T00:00:00Z"));
            assertThat(end).isEqualTo(Instant.parse("2023-03-14T23:59:59Z"));
        }

        @Test
        void shouldKeepAnEndAtMidnightOfTheNextDayAsSent() {
            TlsReport report = read("end-datetime-next-midnight.json");

            Instant end = report.dateRange().end();

            assertThat(end).isEqualTo(Instant.parse("2024-05-02T00:00:00Z"));
        }

        @Test
        void shouldKeepARangeOfSeveralDays() {
            TlsReport report = read("date-range-several-days.json");

            long hours = report.dateRange().length().toHours();

            assertThat(hours).isEqualTo(7 * 24 - 1);
        }
    }

    @Nested
    class Reporter {

        @Test
        void shouldReadANullContactInfoAsMissing() {
            TlsReport report = read("contact-info-null.json");

            assertThat(report.contactInfo()).isNull();
            assertThat(report.contactDomain()).isNull();
            assertThat(report.organizationName()).isEqualTo("Example Sender Inc.");
        }

        @Test
        void shouldReadAMissingContactInfoAsMissing() {
            TlsReport report = read("contact-info-missing.json");

            assertThat(report.contactInfo()).isNull();
            assertThat(report.extensions()).isEmpty();
        }

        @Test
        void shouldTakeTheContactDomainWhenTheOrganizationNameIsMissing() {
            TlsReport report = read("organization-name-missing.json");

            String domain = report.contactDomain();

            assertThat(report.organizationName()).isNull();
            assertThat(domain).isEqualTo("sender.example.com");
        }
    }

    @Nested
    class PolicyDomain {

        @Test
        void shouldReadAMissingPolicyDomainAsNull() {
            TlsReport report = read("policy-domain-missing.json");

            Policy policy = firstPolicy(report);

            assertThat(policy.policyDomain()).isNull();
            assertThat(policy.policyType()).isEqualTo(PolicyType.STS);
        }
    }

    @Nested
    class FailureDetails {

        @Test
        void shouldReadAPolicyFetchErrorWithoutConnectionData() {
            TlsReport report = read("failure-detail-without-connection-data-sts-policy-fetch-error.json");

            FailureDetail detail = firstDetail(report);

            assertThat(detail.resultType()).isEqualTo(ResultType.of(ResultType.Kind.STS_POLICY_FETCH_ERROR));
            assertThat(detail.sendingMtaIp()).isNull();
            assertThat(detail.receivingIp()).isNull();
            assertThat(detail.receivingMxHostname()).isNull();
            assertThat(detail.failedSessionCount()).isEqualTo(3L);
            assertThat(detail.failureReasonCode()).isEqualTo("bad https response code: 404");
        }

        @Test
        void shouldKeepTheSummaryWhenFailureDetailsAreAbsent() {
            TlsReport report = read("failure-details-absent-with-failures.json");

            PolicyResult result = report.policies().get(0);

            assertThat(result.failureDetails()).isEmpty();
            assertThat(result.summary().totalSuccessfulSessionCount()).isEqualTo(100L);
            assertThat(result.summary().totalFailureSessionCount()).isEqualTo(9L);
        }

        @Test
        void shouldKeepTheSummaryWhenFailureDetailsAreEmpty() {
            TlsReport report = read("failure-details-empty-with-failures.json");

            PolicyResult result = report.policies().get(0);

            assertThat(result.failureDetails()).isEmpty();
            assertThat(result.summary().totalFailureSessionCount()).isEqualTo(9L);
        }

        @Test
        void shouldKeepBothDetailsWhenTheirCountsExceedTheSummary() {
            TlsReport report = read("failure-count-mismatch.json");

            PolicyResult result = report.policies().get(0);

            assertThat(result.summary().totalFailureSessionCount()).isEqualTo(1L);
            assertThat(result.failureDetails())
                    .extracting(detail -> detail.resultType().value(), FailureDetail::failedSessionCount)
                    .containsExactly(tuple("sts-policy-fetch-error", 1L), tuple("sts-policy-invalid", 1L));
        }

        @Test
        void shouldKeepAnInvalidIpAddressAsSent() {
            TlsReport report = read("ip-address-invalid.json");

            FailureDetail detail = firstDetail(report);

            assertThat(detail.sendingMtaIp()).isEqualTo("sender-host.example.com");
        }

        @Test
        void shouldReadANullMemberAsAbsent() {
            TlsReport report = read("null-member.json");

            FailureDetail detail = firstDetail(report);

            assertThat(detail.receivingMxHelo()).isNull();
            assertThat(detail.extensions()).isEmpty();
        }

        @Test
        void shouldReadAFailureDetailWithoutResultType() {
            TlsReport report = read("result-type-missing.json");

            FailureDetail detail = firstDetail(report);

            assertThat(detail.resultType()).isNull();
            assertThat(detail.failedSessionCount()).isEqualTo(2L);
        }
    }

    @Nested
    class Aliases {

        @Test
        void shouldReadReceivingMxHostNameAsReceivingMxHostname() {
            TlsReport report = read("alias-receiving-mx-host-name.json");

            FailureDetail detail = firstDetail(report);

            assertThat(detail.receivingMxHostname()).isEqualTo("mx2.receiver.example.net");
            assertThat(detail.extensions()).isEmpty();
        }

        @Test
        void shouldReadFailureErrorCodeAsFailureReasonCode() {
            TlsReport report = read("alias-failure-error-code.json");

            FailureDetail detail = firstDetail(report);

            assertThat(detail.failureReasonCode()).isEqualTo("TLS_HANDSHAKE_TIMEOUT");
            assertThat(detail.extensions()).isEmpty();
        }

        @Test
        void shouldReadAdditionalInfoUriAsAdditionalInformation() {
            TlsReport report = read("alias-additional-info-uri.json");

            FailureDetail detail = firstDetail(report);

            assertThat(detail.additionalInformation()).isEqualTo("https://sender.example.com/why#starttls");
            assertThat(detail.extensions()).isEmpty();
        }

        @Test
        void shouldPreferTheStandardMemberAndKeepTheConflictingAliasVerbatim() {
            TlsReport report = read("alias-conflict.json");

            FailureDetail detail = firstDetail(report);

            assertThat(detail.receivingMxHostname()).isEqualTo("mx1.receiver.example.net");
            assertThat(detail.extensions()).containsOnlyKeys("receiving-mx-host-name");
            assertThat(detail.extensions().get("receiving-mx-host-name").asText())
                    .isEqualTo("mx9.receiver.example.net");
        }
    }

    @Nested
    class UnknownValues {

        @Test
        void shouldKeepAnUnknownPolicyTypeVerbatim() {
            TlsReport report = read("policy-type-unknown.json");

            PolicyType type = firstPolicy(report).policyType();

            assertThat(type.kind()).isEqualTo(PolicyType.Kind.OTHER);
            assertThat(type.value()).isEqualTo("x-future-policy");
        }

        @Test
        void shouldKeepAnUnknownResultTypeVerbatim() {
            TlsReport report = read("result-type-unknown.json");

            ResultType type = firstDetail(report).resultType();

            assertThat(type.kind()).isEqualTo(ResultType.Kind.OTHER);
            assertThat(type.value()).isEqualTo("x-quantum-handshake-failure");
            assertThat(firstDetail(report).failedSessionCount()).isEqualTo(11L);
        }

        @Test
        void shouldReadAMissingPolicyTypeAsNull() {
            TlsReport report = read("policy-type-missing.json");

            Policy policy = firstPolicy(report);

            assertThat(policy.policyType()).isNull();
            assertThat(policy.policyDomain()).isEqualTo("receiver.example.net");
        }
    }

    @Nested
    class UnknownMembers {

        @Test
        void shouldKeepAnUnknownTopLevelMemberVerbatim() throws Exception {
            TlsReport report = read("unknown-members.json");

            JsonNode build = report.extensions().get("x-sender-build");

            assertThat(report.extensions()).containsOnlyKeys("x-sender-build");
            assertThat(build).isEqualTo(JSON.readTree("{\"version\":\"7.4.1\",\"features\":[\"dane\",\"mta-sts\"]}"));
        }

        @Test
        void shouldKeepUnknownNestedMembersVerbatimAtTheirLevel() {
            TlsReport report = read("unknown-members.json");

            PolicyResult result = report.policies().get(0);

            assertThat(result.extensions()).containsOnlyKeys("x-note");
            assertThat(result.extensions().get("x-note").isNull()).isTrue();
            assertThat(result.policy().extensions().get("x-policy-fetched-at").asText())
                    .isEqualTo("2024-04-30T22:10:00Z");
            assertThat(result.summary().extensions().get("x-retries").asInt()).isEqualTo(3);
            assertThat(result.failureDetails()
                            .get(0)
                            .extensions()
                            .get("x-tls-version")
                            .asText())
                    .isEqualTo("TLSv1.3");
        }

        @Test
        void shouldStillReadTheStandardMembersBesideUnknownOnes() {
            TlsReport report = read("unknown-members.json");

            PolicyResult result = report.policies().get(0);

            assertThat(result.summary().totalSuccessfulSessionCount()).isEqualTo(120L);
            assertThat(result.summary().totalFailureSessionCount()).isEqualTo(1L);
            assertThat(result.failureDetails()).hasSize(1);
        }
    }

    @Nested
    class SeveralPolicies {

        @Test
        void shouldKeepEveryPolicyOfAReportWrittenAcrossAPolicyChange() {
            TlsReport report = read("several-policies-after-a-policy-change.json");

            List<PolicyResult> policies = report.policies();

            assertThat(policies)
                    .extracting(
                            result -> result.policy().policyType().value(),
                            result -> result.policy().stsMode(),
                            result -> result.summary().totalSuccessfulSessionCount())
                    .containsExactly(
                            tuple("no-policy-found", null, 3L),
                            tuple("sts", "testing", 10L),
                            tuple("sts", "enforce", 20L));
        }

        @Test
        void shouldReadAnEmptyPoliciesArrayAsNoPolicies() {
            TlsReport report = read("policies-empty.json");

            assertThat(report.policies()).isEmpty();
            assertThat(report.reportId()).isEqualTo("2024-05-01T00:00:00Z_receiver.example.net");
        }
    }

    @Nested
    class WrongTypes {

        @Test
        void shouldKeepAWrongTypedStringMemberAsItsJsonText() {
            TlsReport report = read("wrong-type-string-members.json");

            assertThat(report.organizationName()).isEqualTo("5");
            assertThat(firstPolicy(report).mxHosts()).containsExactly("{\"pattern\":\"mx1.receiver.example.net\"}");
        }

        @Test
        void shouldPreferTheWrongTypedStandardMemberOverItsAliasAndKeepTheAliasOnce() throws Exception {
            TlsReport report = read("wrong-type-string-members.json");

            FailureDetail detail = firstDetail(report);
            JsonNode stored = JSON.readTree(JSON.writeValueAsString(detail));

            assertThat(detail.receivingMxHostname()).isEqualTo("7");
            assertThat(detail.extensions()).containsOnlyKeys("receiving-mx-host-name");
            assertThat(stored.get("receiving-mx-hostname").asText()).isEqualTo("7");
            assertThat(stored.get("receiving-mx-host-name").asText()).isEqualTo("mx1.receiver.example.net");
        }
    }
}
