package io.github.jamestlsrpt.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.jamestlsrpt.core.Fixtures;
import io.github.jamestlsrpt.core.model.FailureDetail;
import io.github.jamestlsrpt.core.model.Policy;
import io.github.jamestlsrpt.core.model.PolicyResult;
import io.github.jamestlsrpt.core.model.PolicyType;
import io.github.jamestlsrpt.core.model.ResultType;
import io.github.jamestlsrpt.core.model.TlsReport;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every member of reports shaped as RFC 8460 section 4.4 and appendix B (with erratum 6241) is read. */
class ReportReaderRfcTest {

    @Nested
    class AppendixBShape {

        private final TlsReport report = Fixtures.usable("rfc/rfc8460-appendix-b-shape-with-erratum-6241.json")
                .report();

        @Test
        void shouldReadTheTopLevelMembers() {
            String organization = report.organizationName();

            assertThat(organization).isEqualTo("Sender Co");
            assertThat(report.contactInfo()).isEqualTo("sts-reporting@sender-co.example");
            assertThat(report.contactDomain()).isEqualTo("sender-co.example");
            assertThat(report.reportId()).isEqualTo("8f1c2d3e-0a4b-4c5d-9e6f-112233445566");
            assertThat(report.extensions()).isEmpty();
        }

        @Test
        void shouldReadTheDateRangeAsUtcInstants() {
            Instant start = report.dateRange().start();

            assertThat(start).isEqualTo(Instant.parse("2024-04-01T00:00:00Z"));
            assertThat(report.dateRange().end()).isEqualTo(Instant.parse("2024-04-01T23:59:59Z"));
        }

        @Test
        void shouldReadThePolicy() {
            Policy policy = report.policies().get(0).policy();

            assertThat(policy.policyType()).isEqualTo(PolicyType.STS);
            assertThat(policy.policyStrings())
                    .containsExactly(
                            "version: STSv1", "mode: testing", "mx: *.mail.receiver.example.org", "max_age: 86400");
            assertThat(policy.policyDomain()).isEqualTo("receiver.example.org");
            assertThat(policy.mxHosts()).containsExactly("*.mail.receiver.example.org");
            assertThat(policy.stsMode()).isEqualTo("testing");
        }

        @Test
        void shouldReadTheSummary() {
            PolicyResult result = report.policies().get(0);

            assertThat(result.summary().totalSuccessfulSessionCount()).isEqualTo(4200L);
            assertThat(result.summary().totalFailureSessionCount()).isEqualTo(215L);
        }

        @Test
        void shouldReadEveryMemberOfEveryFailureDetail() {
            PolicyResult result = report.policies().get(0);

            assertThat(result.failureDetails())
                    .extracting(
                            FailureDetail::resultType,
                            FailureDetail::sendingMtaIp,
                            FailureDetail::receivingMxHostname,
                            FailureDetail::receivingIp,
                            FailureDetail::failedSessionCount,
                            FailureDetail::additionalInformation,
                            FailureDetail::failureReasonCode)
                    .containsExactly(
                            tuple(
                                    ResultType.of(ResultType.Kind.CERTIFICATE_EXPIRED),
                                    "2001:db8:abcd:12::1",
                                    "mx1.mail.receiver.example.org",
                                    null,
                                    80L,
                                    null,
                                    null),
                            tuple(
                                    ResultType.of(ResultType.Kind.STARTTLS_NOT_SUPPORTED),
                                    "2001:db8:abcd:13::1",
                                    "mx2.mail.receiver.example.org",
                                    "203.0.113.56",
                                    130L,
                                    "https://reports.sender-co.example/info?id=8f1c2d3e#StarttlsNotSupported",
                                    null),
                            tuple(
                                    ResultType.of(ResultType.Kind.VALIDATION_FAILURE),
                                    "198.51.100.62",
                                    "mx-backup.mail.receiver.example.org",
                                    "203.0.113.58",
                                    5L,
                                    null,
                                    "X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED"));
        }
    }

    @Nested
    class OtherPolicyTypes {

        @Test
        void shouldReadATlsaPolicyWithoutMxHost() {
            TlsReport report = Fixtures.usable("rfc/tlsa-host-report.json").report();

            Policy policy = report.policies().get(0).policy();

            assertThat(policy.policyType()).isEqualTo(PolicyType.TLSA);
            assertThat(policy.policyDomain()).isEqualTo("mx1.receiver.example.net");
            assertThat(policy.mxHosts()).isEmpty();
            assertThat(policy.stsMode()).isNull();
            assertThat(report.policies().get(0).failureDetails())
                    .extracting(detail -> detail.resultType().kind())
                    .containsExactly(ResultType.Kind.TLSA_INVALID);
        }

        @Test
        void shouldReadANoPolicyFoundPolicyWithoutPolicyString() {
            TlsReport report = Fixtures.usable("rfc/no-policy-found.json").report();

            Policy policy = report.policies().get(0).policy();

            assertThat(policy.policyType()).isEqualTo(PolicyType.NO_POLICY_FOUND);
            assertThat(policy.policyStrings()).isEmpty();
            assertThat(policy.policyDomain()).isEqualTo("plain.example.net");
            assertThat(report.policies().get(0).summary().totalSuccessfulSessionCount())
                    .isEqualTo(7L);
        }
    }
}
