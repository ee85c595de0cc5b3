package io.github.jamestlsrpt.core.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.jamestlsrpt.core.Fixtures;
import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReportReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stored document as JSON: versioned, normalised, lossless. */
class StoredReportJsonTest {

    /** Fails on a member name given twice, so that a document written with one is caught. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static StoredReport stored(String fixture) {
        return StoredReport.of(Fixtures.usable(fixture), Provenance.ofSource(fixture));
    }

    static JsonNode storedJson(String fixture) {
        try {
            return STRICT.readTree(StoredReportJson.toJson(stored(fixture)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every fixture that reads as exactly one usable report. */
    static List<String> usableFixtures() {
        ReportReader reader = new ReportReader();
        return Fixtures.all().stream()
                .filter(name -> {
                    List<ReadResult> results = reader.read(Fixtures.bytes(name));
                    return results.size() == 1 && results.get(0) instanceof ReadResult.UsableReport;
                })
                .toList();
    }

    @Nested
    class Envelope {

        @Test
        void shouldNameTheDocumentTypeAndVersion() {
            JsonNode json = storedJson("rfc/sts-enforce-without-failures.json");

            assertThat(json.get("document").asText()).isEqualTo("james-tlsrpt/stored-report");
            assertThat(json.get("version").asInt()).isEqualTo(1);
        }

        @Test
        void shouldWriteTheMembersInTheirDocumentedOrder() {
            JsonNode json = storedJson("rfc/sts-enforce-without-failures.json");

            assertThat(json.fieldNames())
                    .toIterable()
                    .containsExactly(
                            "document",
                            "version",
                            "status",
                            "deduplication-key",
                            "report",
                            "figures",
                            "problems",
                            "provenance");
        }

        @Test
        void shouldCallAReportWithoutProblemsValid() {
            JsonNode json = storedJson("rfc/sts-enforce-without-failures.json");

            assertThat(json.get("status").asText()).isEqualTo(StoredReport.VALID);
            assertThat(json.get("problems")).isEmpty();
        }

        @Test
        void shouldCallAReportWithOnlyNotesValid() {
            JsonNode json = storedJson("real-world-shapes/end-datetime-next-midnight.json");

            assertThat(json.get("status").asText()).isEqualTo("valid");
            assertThat(json.at("/problems/0/severity").asText()).isEqualTo("info");
        }

        @Test
        void shouldCallAReportWithWarningsValidWithWarnings() {
            JsonNode json = storedJson("real-world-shapes/mx-host-as-string.json");

            assertThat(json.get("status").asText()).isEqualTo("valid-with-warnings");
        }

        @Test
        void shouldWriteEachProblemWithSeverityPointerCodeAndMessage() {
            JsonNode json = storedJson("real-world-shapes/mx-host-as-string.json");

            JsonNode problem = json.at("/problems/0");

            assertThat(problem.fieldNames()).toIterable().containsExactly("severity", "pointer", "code", "message");
            assertThat(problem.get("severity").asText()).isEqualTo("warning");
            assertThat(problem.get("pointer").asText()).isEqualTo("/policies/0/policy/mx-host");
            assertThat(problem.get("code").asText()).isEqualTo("mx-host-not-array");
        }

        @Test
        void shouldWriteTheDeduplicationKey() {
            StoredReport document = stored("rfc/sts-enforce-without-failures.json");

            JsonNode key = storedJson("rfc/sts-enforce-without-failures.json").get("deduplication-key");

            assertThat(key.get("value").asText())
                    .isEqualTo(document.deduplicationKey().value());
            assertThat(key.get("reporter").asText()).isEqualTo("example sender inc.");
            assertThat(key.get("start-datetime").asText()).isEqualTo("2024-05-01T00:00:00Z");
        }
    }

    @Nested
    class NormalisedReport {

        @Test
        void shouldWriteMxHostAsAnArrayWhenItWasSentAsAString() {
            JsonNode json = storedJson("real-world-shapes/mx-host-as-string.json");

            JsonNode mxHost = json.at("/report/policies/0/policy/mx-host");

            assertThat(mxHost.isArray()).isTrue();
            assertThat(mxHost).extracting(JsonNode::asText).containsExactly("mx1.receiver.example.net");
        }

        @Test
        void shouldWriteMissingMxHostAndPolicyStringAsEmptyArrays() {
            JsonNode noMxHost = storedJson("real-world-shapes/mx-host-missing.json");
            JsonNode noPolicyString = storedJson("real-world-shapes/policy-string-missing.json");

            assertThat(noMxHost.at("/report/policies/0/policy/mx-host").isArray())
                    .isTrue();
            assertThat(noMxHost.at("/report/policies/0/policy/mx-host")).isEmpty();
            assertThat(noPolicyString
                            .at("/report/policies/0/policy/policy-string")
                            .isArray())
                    .isTrue();
            assertThat(noPolicyString.at("/report/policies/0/policy/policy-string"))
                    .isEmpty();
        }

        @Test
        void shouldWriteZoneLessDateTimesAsUtc() {
            JsonNode json = storedJson("real-world-shapes/datetime-without-zone.json");

            assertThat(json.at("/report/date-range/start-datetime").asText()).isEqualTo("2023-03-14T00:00:00Z");
            assertThat(json.at("/report/date-range/end-datetime").asText()).isEqualTo("2023-03-14T23:59:59Z");
        }

        @Test
        void shouldWriteAliasedMembersUnderTheirRfcNames() {
            JsonNode json = storedJson("real-world-shapes/alias-receiving-mx-host-name.json");

            JsonNode detail = json.at("/report/policies/0/failure-details/0");

            assertThat(detail.get("receiving-mx-hostname").asText()).isEqualTo("mx2.receiver.example.net");
            assertThat(detail.has("receiving-mx-host-name")).isFalse();
        }

        @Test
        void shouldWriteUnknownTypesVerbatim() {
            JsonNode policyType = storedJson("real-world-shapes/policy-type-unknown.json");
            JsonNode resultType = storedJson("real-world-shapes/result-type-unknown.json");

            assertThat(policyType.at("/report/policies/0/policy/policy-type").asText())
                    .isEqualTo("x-future-policy");
            assertThat(resultType
                            .at("/report/policies/0/failure-details/0/result-type")
                            .asText())
                    .isEqualTo("x-quantum-handshake-failure");
            assertThat(resultType
                            .at("/figures/failed-sessions-by-result-type/x-quantum-handshake-failure")
                            .asLong())
                    .isEqualTo(11);
        }

        @Test
        void shouldWriteTheExpandedTlsaRecords() {
            JsonNode json = storedJson("real-world-shapes/microsoft-tlsa-policy-string-json-in-string.json");

            assertThat(json.at("/report/policies/1/policy/policy-string")).hasSize(3);
            assertThat(json.at("/report/policies/1/policy/policy-string/2").asText())
                    .isEqualTo("2 0 1 1122334455667788990011223344556677889900112233445566778899001122");
        }
    }

    @Nested
    class UnknownMembers {

        private final JsonNode json = storedJson("real-world-shapes/unknown-members.json");

        @Test
        void shouldWriteAnUnknownTopLevelMemberVerbatimBesideTheRfcMembers() throws IOException {
            JsonNode build = json.at("/report/x-sender-build");

            assertThat(build).isEqualTo(STRICT.readTree("{\"version\":\"7.4.1\",\"features\":[\"dane\",\"mta-sts\"]}"));
        }

        @Test
        void shouldWriteUnknownNestedMembersVerbatimAtTheirLevel() {
            JsonNode policies = json.at("/report/policies/0");

            assertThat(policies.get("x-note").isNull()).isTrue();
            assertThat(policies.at("/policy/x-policy-fetched-at").asText()).isEqualTo("2024-04-30T22:10:00Z");
            assertThat(policies.at("/summary/x-retries").asInt()).isEqualTo(3);
            assertThat(policies.at("/failure-details/0/x-tls-version").asText()).isEqualTo("TLSv1.3");
        }

        @Test
        void shouldNotWriteTheExtensionsMapUnderItsJavaName() {
            JsonNode report = json.get("report");

            assertThat(report.findValues("extensions")).isEmpty();
        }
    }

    @Nested
    class Provenances {

        @Test
        void shouldWriteEveryProvenanceMember() {
            StoredReport document = StoredReport.of(
                    Fixtures.usable("rfc/sts-enforce-without-failures.json"),
                    new Provenance(
                            "<report-1@sender.example.com>",
                            "bounces@sender.example.com",
                            "tlsrpt@sender.example.com",
                            "sender.example.com",
                            "receiver.example.net",
                            "pass",
                            "sender.example.com",
                            Instant.parse("2024-05-02T03:04:05.678Z"),
                            "report.json.gz"));

            JsonNode provenance = STRICT.valueToTree(document).get("provenance");

            assertThat(provenance.get("message-id").asText()).isEqualTo("<report-1@sender.example.com>");
            assertThat(provenance.get("dkim").asText()).isEqualTo("pass");
            assertThat(provenance.get("received-at").asText()).isEqualTo("2024-05-02T03:04:05.678Z");
            assertThat(provenance.get("source").asText()).isEqualTo("report.json.gz");
            assertThat(provenance).hasSize(9);
        }

        @Test
        void shouldWriteAnUnknownProvenanceAsAnEmptyObject() throws IOException {
            StoredReport document =
                    StoredReport.of(Fixtures.usable("rfc/sts-enforce-without-failures.json"), Provenance.UNKNOWN);

            JsonNode json = STRICT.readTree(StoredReportJson.toJson(document));

            assertThat(json.get("provenance").isObject()).isTrue();
            assertThat(json.get("provenance")).isEmpty();
        }
    }

    /**
     * The hand-written writer against Jackson's reflective serialisation of the annotated records (how documents
     * were written before): the same bytes, for every usable fixture and for members the fixtures leave out.
     */
    @Nested
    class SameBytesAsReflectiveSerialisation {

        private final ObjectMapper reflective = new ObjectMapper()
                .disable(com.fasterxml.jackson.databind.SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

        private void assertSameBytes(StoredReport document) throws IOException {
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            StoredReportJson.write(document, streamed);

            assertThat(StoredReportJson.toJson(document)).isEqualTo(reflective.writeValueAsString(document));
            assertThat(StoredReportJson.toBytes(document)).isEqualTo(reflective.writeValueAsBytes(document));
            assertThat(streamed.toByteArray()).isEqualTo(reflective.writeValueAsBytes(document));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.github.jamestlsrpt.core.document.StoredReportJsonTest#usableFixtures")
        void shouldWriteEveryUsableFixtureAsJacksonDid(String fixture) throws IOException {
            assertSameBytes(stored(fixture));
        }

        @Test
        void shouldWriteEveryProvenanceMemberAsJacksonDid() throws IOException {
            assertSameBytes(StoredReport.of(
                    Fixtures.usable("rfc/several-policies-with-failures.json"),
                    new Provenance(
                            "<report-1@sender.example.com>",
                            "bounces@sender.example.com",
                            "tlsrpt@sender.example.com",
                            "sender.example.com",
                            "receiver.example.net",
                            "pass",
                            "sender.example.com",
                            Instant.parse("2024-05-02T03:04:05.678Z"),
                            "report \"1\".json.gz\u2028")));
        }

        @Test
        void shouldWriteOddExtensionValuesAndMissingMembersAsJacksonDid() throws IOException {
            JsonNode odd = STRICT.readTree("{\"float\":1.5e300,\"small\":-0.0,\"big\":123456789012345678901234567890,"
                    + "\"long\":9007199254740993,\"text\":\"\\u0000\\t\u00e9\\ud83d\\ude00\",\"none\":null,"
                    + "\"empty\":{},\"list\":[[],true,false,0]}");
            java.util.Map<String, JsonNode> extensions = new java.util.LinkedHashMap<>();
            odd.fields().forEachRemaining(member -> extensions.put(member.getKey(), member.getValue()));
            io.github.jamestlsrpt.core.model.FailureDetail sparse = new io.github.jamestlsrpt.core.model.FailureDetail(
                    null, null, null, null, null, null, null, null, extensions);
            io.github.jamestlsrpt.core.model.FailureDetail full = new io.github.jamestlsrpt.core.model.FailureDetail(
                    io.github.jamestlsrpt.core.model.ResultType.of("certificate-expired"),
                    "192.0.2.1",
                    "mx.example.org",
                    "helo.example.org",
                    "192.0.2.2",
                    3L,
                    "https://example.org/why",
                    "X509_V_ERR_CERT_HAS_EXPIRED",
                    null);
            io.github.jamestlsrpt.core.model.PolicyResult complete = new io.github.jamestlsrpt.core.model.PolicyResult(
                    new io.github.jamestlsrpt.core.model.Policy(
                            io.github.jamestlsrpt.core.model.PolicyType.STS,
                            List.of("version: STSv1", "mode: testing"),
                            "example.org",
                            List.of("mx.example.org"),
                            null),
                    new io.github.jamestlsrpt.core.model.Summary(7, 3),
                    List.of(full),
                    null);
            io.github.jamestlsrpt.core.model.TlsReport report = new io.github.jamestlsrpt.core.model.TlsReport(
                    null,
                    new io.github.jamestlsrpt.core.model.DateRange(
                            Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-01T23:59:59.5Z"), extensions),
                    "ops@example.org",
                    "id-1",
                    List.of(
                            new io.github.jamestlsrpt.core.model.PolicyResult(
                                    new io.github.jamestlsrpt.core.model.Policy(null, null, null, null, extensions),
                                    new io.github.jamestlsrpt.core.model.Summary(null, null, extensions),
                                    List.of(sparse),
                                    extensions),
                            new io.github.jamestlsrpt.core.model.PolicyResult(null, null, null, null),
                            complete),
                    extensions);
            StoredReport document = new StoredReport(
                    DeduplicationKey.of(report),
                    StoredReport.VALID_WITH_WARNINGS,
                    report,
                    Figures.of(report),
                    List.of(),
                    Provenance.UNKNOWN);

            assertSameBytes(document);
        }

        @Test
        void shouldWriteManyRepeatedAndDistinctFailureDetailTextsAsJacksonDid() throws IOException {
            List<io.github.jamestlsrpt.core.model.FailureDetail> details = new java.util.ArrayList<>();
            String[] hosts = new String[24];
            for (int i = 0; i < hosts.length; i++) {
                hosts[i] = i % 5 == 0 ? "mx\"" + i + ".example.org" : "mx" + i + ".example.org";
            }
            for (int i = 0; i < 200; i++) {
                String host = hosts[(i * 7) % hosts.length];
                details.add(new io.github.jamestlsrpt.core.model.FailureDetail(
                        io.github.jamestlsrpt.core.model.ResultType.of(
                                i % 3 == 0 ? "validation-failure" : "x-\u00e9" + i % 4),
                        "192.0.2." + i % 256,
                        host,
                        i % 2 == 0 ? host : null,
                        "198.51.100." + i % 20,
                        (long) i,
                        null,
                        null,
                        null));
            }
            io.github.jamestlsrpt.core.model.TlsReport report = new io.github.jamestlsrpt.core.model.TlsReport(
                    "Example",
                    new io.github.jamestlsrpt.core.model.DateRange(
                            Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-01T23:59:59Z"), null),
                    "tlsrpt@example.org",
                    "id-1",
                    List.of(new io.github.jamestlsrpt.core.model.PolicyResult(
                            new io.github.jamestlsrpt.core.model.Policy(
                                    io.github.jamestlsrpt.core.model.PolicyType.NO_POLICY_FOUND,
                                    null,
                                    "example.org",
                                    null,
                                    null),
                            new io.github.jamestlsrpt.core.model.Summary(0L, 19900L, null),
                            details,
                            null)),
                    null);

            assertSameBytes(new StoredReport(
                    DeduplicationKey.of(report),
                    StoredReport.VALID,
                    report,
                    Figures.of(report),
                    List.of(),
                    Provenance.UNKNOWN));
        }

        @Test
        void shouldEscapeOddTextsInTheReportsOwnMembersAsJacksonDid() throws IOException {
            String odd = "tab\t quote\" backslash\\ nul\u0000 \u007f e\u0301 \u00e9 \u2028 \ud83d\ude00 lone\ud800 </";
            String longText = "x".repeat(1024) + odd + "y".repeat(3000);
            io.github.jamestlsrpt.core.model.FailureDetail detail = new io.github.jamestlsrpt.core.model.FailureDetail(
                    io.github.jamestlsrpt.core.model.ResultType.of(odd),
                    odd,
                    longText,
                    "x".repeat(1024),
                    "x".repeat(1025),
                    1L,
                    longText,
                    odd,
                    null);
            io.github.jamestlsrpt.core.model.TlsReport report = new io.github.jamestlsrpt.core.model.TlsReport(
                    odd,
                    new io.github.jamestlsrpt.core.model.DateRange(
                            Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-01T23:59:59Z"), null),
                    odd + "@example.org",
                    longText,
                    List.of(new io.github.jamestlsrpt.core.model.PolicyResult(
                            new io.github.jamestlsrpt.core.model.Policy(
                                    io.github.jamestlsrpt.core.model.PolicyType.of(odd),
                                    List.of(odd, longText),
                                    odd,
                                    List.of(odd),
                                    null),
                            new io.github.jamestlsrpt.core.model.Summary(0L, 1L, null),
                            List.of(detail),
                            null)),
                    null);
            StoredReport document = new StoredReport(
                    DeduplicationKey.of(report),
                    StoredReport.VALID_WITH_WARNINGS,
                    report,
                    Figures.of(report),
                    List.of(new io.github.jamestlsrpt.core.problem.Problem(
                            io.github.jamestlsrpt.core.problem.Severity.WARNING,
                            "/" + odd,
                            io.github.jamestlsrpt.core.problem.ProblemCode.UNKNOWN_MEMBER,
                            longText)),
                    new Provenance(odd, odd, odd, odd, odd, odd, odd, Instant.parse("2024-05-02T03:04:05Z"), longText));

            assertSameBytes(document);
        }
    }

    @Nested
    class Writing {

        @Test
        void shouldWriteTheSameBytesToAStreamAsToAString() throws IOException {
            StoredReport document = stored("rfc/several-policies-with-failures.json");
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            StoredReportJson.write(document, out);

            assertThat(out.toByteArray()).isEqualTo(StoredReportJson.toBytes(document));
            assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(StoredReportJson.toJson(document));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.github.jamestlsrpt.core.document.StoredReportJsonTest#usableFixtures")
        void shouldWriteEachMemberNameOnlyOncePerObject(String fixture) {
            String json = StoredReportJson.toJson(stored(fixture));

            assertThat(json).isNotEmpty();
            org.assertj.core.api.Assertions.assertThatCode(() -> STRICT.readTree(json))
                    .doesNotThrowAnyException();
        }
    }
}
