package io.github.jamestlsrpt.core.digest;

import static io.github.jamestlsrpt.core.digest.DigestFixtures.detail;
import static io.github.jamestlsrpt.core.digest.DigestFixtures.document;
import static io.github.jamestlsrpt.core.digest.DigestFixtures.noPolicyFound;
import static io.github.jamestlsrpt.core.digest.DigestFixtures.report;
import static io.github.jamestlsrpt.core.digest.DigestFixtures.sts;
import static io.github.jamestlsrpt.core.digest.DigestFixtures.tlsa;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jamestlsrpt.core.document.PolicyScope;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredDocumentReaderTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-29T04:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");

    private static Optional<DigestReport> read(byte[] document) throws IOException {
        return StoredDocumentReader.read(new ByteArrayInputStream(document), RECEIVED);
    }

    private static Optional<DigestReport> read(String document) throws IOException {
        return read(document.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadTheReporterPeriodAndPolicyFiguresOfAStoredDocument() throws IOException {
        ObjectNode report = report(
                "Google LLC",
                DAY,
                sts(
                        "Example.COM.",
                        "enforce",
                        3988,
                        12,
                        detail("certificate-expired", "MX1.example.com.", 10),
                        detail("certificate-expired", "mx2.example.com", 1),
                        detail("starttls-not-supported", "mx1.example.com", 1)));

        DigestReport read = read(document(report)).orElseThrow();

        assertThat(read.received()).isEqualTo(RECEIVED);
        assertThat(read.reporter()).isEqualTo("google llc");
        assertThat(read.reporterName()).isEqualTo("Google LLC");
        assertThat(read.reportId()).isEqualTo(report.get("report-id").asText());
        assertThat(read.start()).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
        assertThat(read.end()).isEqualTo(Instant.parse("2026-11-28T23:59:59Z"));
        assertThat(read.policies()).hasSize(1);
        DigestReport.Policy policy = read.policies().get(0);
        assertThat(policy.domain()).isEqualTo("example.com");
        assertThat(policy.policyType()).isEqualTo("sts");
        assertThat(policy.scope()).isEqualTo(PolicyScope.DOMAIN);
        assertThat(policy.stsMode()).isEqualTo("enforce");
        assertThat(policy.successful()).isEqualTo(3988);
        assertThat(policy.failed()).isEqualTo(12);
        assertThat(policy.failedByResultType())
                .containsExactly(Map.entry("certificate-expired", 11L), Map.entry("starttls-not-supported", 1L));
        assertThat(policy.failedByReceivingMx())
                .containsExactly(Map.entry("mx1.example.com", 11L), Map.entry("mx2.example.com", 1L));
    }

    @Test
    void shouldTellDaneHostReportsFromDomainReportsAndKeepEveryPolicy() throws IOException {
        ObjectNode report = report(
                "Microsoft Corporation",
                DAY,
                tlsa("mx.example.net", 90, 10, detail("tlsa-invalid", "mx.example.net", 10)),
                noPolicyFound("example.org", 5, 0));

        DigestReport read = read(document(report)).orElseThrow();

        assertThat(read.policies())
                .extracting(DigestReport.Policy::domain, DigestReport.Policy::scope, DigestReport.Policy::policyType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("mx.example.net", PolicyScope.HOST, "tlsa"),
                        org.assertj.core.groups.Tuple.tuple("example.org", PolicyScope.DOMAIN, "no-policy-found"));
        assertThat(read.policies().get(0).failedByReceivingMx()).containsExactly(Map.entry("mx.example.net", 10L));
        assertThat(read.policies().get(1).failedByReceivingMx()).isEmpty();
    }

    @Test
    void shouldNameTheReporterByItsContactDomainWithoutOrganization() throws IOException {
        ObjectNode report = report("Anyone", DAY, sts("example.com", "testing", 1, 0));
        report.remove("organization-name");
        report.put("contact-info", "mailto:TLSRPT@Reporter.Example");

        DigestReport read = read(document(report)).orElseThrow();

        assertThat(read.reporterName()).isEqualTo("reporter.example");
        assertThat(read.reporter()).isEqualTo("reporter.example");
    }

    @Test
    void shouldCountTheReceivingIpWhenNoHostIsNamedAndCapTheHostsKept() throws IOException {
        ObjectNode[] details = new ObjectNode[StoredDocumentReader.PLACES_KEPT + 2];
        for (int i = 0; i < details.length; i++) {
            details[i] = detail("certificate-expired", "mx" + i + ".example.com", 1);
        }
        details[0].remove("receiving-mx-hostname");
        ObjectNode report = report("Google LLC", DAY, sts("example.com", "enforce", 0, details.length, details));

        Map<String, Long> hosts =
                read(document(report)).orElseThrow().policies().get(0).failedByReceivingMx();

        assertThat(hosts).hasSize(StoredDocumentReader.PLACES_KEPT + 1);
        assertThat(hosts).containsEntry("192.0.2.25", 1L).containsEntry(StoredDocumentReader.OTHER_HOSTS, 2L);
    }

    @Test
    void shouldKeepHostileTextToOneLine() throws IOException {
        ObjectNode report = report("Evil\r\nBcc: victim@example.com", DAY, sts("example.com", "enforce", 1, 0));

        DigestReport read = read(document(report)).orElseThrow();

        assertThat(read.reporterName())
                .doesNotContain("\r")
                .doesNotContain("\n")
                .contains("\\u000d\\u000a");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "[]",
                "{\"document\":\"something-else\",\"version\":1}",
                "{\"document\":\"james-tlsrpt/stored-report\",\"version\":2}",
                "{\"document\":\"james-tlsrpt/stored-report\",\"version\":1,\"report\":[],\"figures\":7}",
                "{\"document\":\"james-tlsrpt/stored-report\",\"version\":1,\"deduplication-key\":",
                "not json at all"
            })
    void shouldGiveNothingForWhatIsNotAStoredDocument(String document) throws IOException {
        assertThat(read(document)).isEmpty();
    }

    @Test
    void shouldReadDocumentsWhoseMembersComeInAnotherOrderAndSkipUnknownOnes() throws IOException {
        String document =
                """
                {"figures": {"policies": [{"policy-domain": "example.com", "scope": "domain", "policy-type": "sts",
                  "successful-sessions": 5, "failed-sessions": "x", "failed-sessions-by-result-type": {"a": 1},
                  "extra": [1, {"b": 2}]}], "more": {"c": [3]}},
                 "report": {"organization-name": 7, "contact-info": "x@Example.net", "policies": [
                   {"failure-details": [{"receiving-mx-hostname": "mx.example.com", "failed-session-count": -4},
                    "not an object"]}]},
                 "deduplication-key": {"reporter": "example.net", "report-id": "r1", "start-datetime": "bad",
                  "other": {}},
                 "version": 1, "document": "james-tlsrpt/stored-report"}
                """;

        DigestReport read = read(document).orElseThrow();

        assertThat(read.reporterName()).isEqualTo("example.net");
        assertThat(read.start()).isNull();
        DigestReport.Policy policy = read.policies().get(0);
        assertThat(policy.successful()).isEqualTo(5);
        assertThat(policy.failed()).isZero();
        assertThat(policy.failedByResultType()).containsExactly(Map.entry("a", 1L));
        assertThat(policy.failedByReceivingMx()).containsExactly(Map.entry("mx.example.com", 0L));
    }

    @Test
    void shouldKeepPolicyPositionsWhenAnEntryIsNotAnObject() throws IOException {
        String document =
                """
                {"document": "james-tlsrpt/stored-report", "version": 1,
                 "deduplication-key": {"reporter": "example.net", "report-id": "r1"},
                 "report": {"policies": ["odd", {"failure-details": [
                   {"receiving-ip": "192.0.2.9", "failed-session-count": 3}]}]},
                 "figures": {"policies": [4, {"policy-domain": "example.com", "failed-sessions": 3}]}}
                """;

        DigestReport read = read(document).orElseThrow();

        assertThat(read.policies()).hasSize(2);
        assertThat(read.policies().get(0).domain()).isEqualTo(StoredDocumentReader.NO_DOMAIN);
        assertThat(read.policies().get(1).domain()).isEqualTo("example.com");
        assertThat(read.policies().get(1).failedByReceivingMx()).containsExactly(Map.entry("192.0.2.9", 3L));
    }

    @Test
    void shouldPassOnAFailureOfTheStream() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoredDocumentReader.read(failing, RECEIVED))
                .isInstanceOf(IOException.class)
                .hasMessage("disk gone");
    }
}
