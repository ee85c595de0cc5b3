package io.github.jamestlsrpt.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExtractedReportTest {

    /** Every component set, and no two alike, so that a wither passing one component in another's place shows. */
    private static final ExtractedReport REPORT = new ExtractedReport(
            "2.1",
            "google.com!example.com!1699920000!1700006399.json",
            "report.zip",
            "application/zip",
            ReportOutcome.ACCEPTED,
            "accepted although out of scope (outOfScope=accept)",
            "2023-11-14T00:00:00Z_example.com",
            "Google Inc.",
            List.of("example.com", "example.org"),
            "google inc.|2023-11-14T00:00:00Z_example.com|2023-11-14",
            120,
            3,
            "{\"report-id\": \"2023-11-14T00:00:00Z_example.com\"}",
            "[{\"code\": \"mx-host-as-string\"}]",
            new byte[] {'P', 'K', 3, 4},
            "TLS report from Google Inc.\n");

    static Stream<Arguments> withers() {
        byte[] original = {0x1f, (byte) 0x8b};
        return Stream.of(
                Arguments.of(
                        "withPart",
                        (UnaryOperator<ExtractedReport>)
                                report -> report.withPart("3", "report.json.gz", "application/tlsrpt+gzip"),
                        Map.of("part", "3", "filename", "report.json.gz", "contentType", "application/tlsrpt+gzip")),
                Arguments.of(
                        "withOutcome",
                        (UnaryOperator<ExtractedReport>)
                                report -> report.withOutcome(ReportOutcome.OUT_OF_SCOPE, "not served here"),
                        Map.of("outcome", ReportOutcome.OUT_OF_SCOPE, "reason", "not served here")),
                Arguments.of(
                        "withReportId",
                        (UnaryOperator<ExtractedReport>) report -> report.withReportId("another-id"),
                        Map.of("reportId", "another-id")),
                Arguments.of(
                        "withPolicyDomains",
                        (UnaryOperator<ExtractedReport>) report -> report.withPolicyDomains(List.of("example.net")),
                        Map.of("policyDomains", List.of("example.net"))),
                Arguments.of(
                        "withDeduplicationKey",
                        (UnaryOperator<ExtractedReport>) report -> report.withDeduplicationKey("another key"),
                        Map.of("deduplicationKey", "another key")),
                Arguments.of(
                        "withSessions",
                        (UnaryOperator<ExtractedReport>) report -> report.withSessions(7, 9),
                        Map.of("successfulSessions", 7L, "failedSessions", 9L)),
                Arguments.of(
                        "withDocument",
                        (UnaryOperator<ExtractedReport>) report -> report.withDocument("{}"),
                        Map.of("document", "{}")),
                Arguments.of(
                        "withOriginal",
                        (UnaryOperator<ExtractedReport>) report -> report.withOriginal(original),
                        Map.of("original", original)),
                Arguments.of(
                        "withSummary",
                        (UnaryOperator<ExtractedReport>) report -> report.withSummary("Another summary.\n"),
                        Map.of("summary", "Another summary.\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withers")
    void shouldChangeOnlyItsOwnComponents(
            String wither, UnaryOperator<ExtractedReport> change, Map<String, Object> changed) throws Exception {
        ExtractedReport copy = change.apply(REPORT);

        List<String> names = new ArrayList<>();
        for (RecordComponent component : ExtractedReport.class.getRecordComponents()) {
            String name = component.getName();
            names.add(name);
            Object before = component.getAccessor().invoke(REPORT);
            Object after = component.getAccessor().invoke(copy);
            if (changed.containsKey(name)) {
                assertThat(after).as(name).isEqualTo(changed.get(name)).isNotEqualTo(before);
            } else {
                assertThat(after).as(name).isEqualTo(before);
            }
        }
        assertThat(names).hasSize(16).containsAll(changed.keySet());
    }

    @Test
    void shouldRefuseToMakeAReportWithADocumentInvalid() {
        assertThatThrownBy(() -> REPORT.withOutcome(ReportOutcome.INVALID, "the payload is not JSON"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an invalid report has no document, and only an invalid one");
    }

    @Test
    void shouldRefuseToTakeTheDocumentOrTheKeyAwayAlone() {
        assertThatThrownBy(() -> REPORT.withDocument(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an invalid report has no document, and only an invalid one");
        assertThatThrownBy(() -> REPORT.withDeduplicationKey(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a document goes with a deduplication key");
    }

    @Test
    void shouldRefuseMissingRequiredComponents() {
        assertThatThrownBy(() -> REPORT.withPart(null, "report.json", "application/json"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("part");
        assertThatThrownBy(() -> REPORT.withOriginal(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("original");
    }

    @Test
    void shouldKeepItsOwnCopyOfThePolicyDomains() {
        List<String> domains = new ArrayList<>(List.of("example.net"));

        ExtractedReport copy = REPORT.withPolicyDomains(domains);
        domains.add("example.com");

        assertThat(copy.policyDomains()).containsExactly("example.net");
    }
}
