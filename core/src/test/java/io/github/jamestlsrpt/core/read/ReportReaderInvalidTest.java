package io.github.jamestlsrpt.core.read;

import static io.github.jamestlsrpt.core.read.ExpectedProblem.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.core.Fixtures;
import io.github.jamestlsrpt.core.model.TlsReport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Broken reports and payloads that are not reports: what is kept, and where the problem is pointed at. */
class ReportReaderInvalidTest {

    private static final ReportReader READER = new ReportReader();

    private static ReadResult readOne(byte[] payload) {
        List<ReadResult> results = READER.read(payload);
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    private static ReadResult readFixture(String name) {
        return readOne(Fixtures.bytes("invalid/" + name));
    }

    /** The clean RFC-shaped report with total-failure-session-count 0 replaced by the given JSON text. */
    private static byte[] withFailureCount(String jsonValue) {
        String report = new String(Fixtures.bytes("rfc/sts-enforce-without-failures.json"), StandardCharsets.UTF_8);
        String member = "\"total-failure-session-count\": 0";
        assertThat(report).containsOnlyOnce(member);
        return report.replace(member, "\"total-failure-session-count\": " + jsonValue)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class SessionCounts {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(
                delimiter = '|',
                textBlock =
                        """
                -1                             | session-count-invalid
                9007199254740992               | session-count-invalid
                99999999999999999999           | session-count-invalid
                1.5                            | session-count-invalid
                2.0                            | session-count-invalid
                1e3                            | session-count-invalid
                "5"                            | session-count-invalid
                true                           | session-count-invalid
                [5]                            | session-count-invalid
                null                           | session-count-missing
                """)
        void shouldRejectASessionCountThatIsNotAnIntegerFromZeroTo2Pow53Minus1(String value, String code) {
            byte[] payload = withFailureCount(value);

            ReadResult result = readOne(payload);

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(result.problems()))
                    .containsExactly(error(code, "/policies/0/summary/total-failure-session-count"));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"0", "1", "9007199254740991"})
        void shouldAcceptEveryIntegerFromZeroTo2Pow53Minus1(long count) {
            byte[] payload = withFailureCount(Long.toString(count));

            ReadResult result = readOne(payload);

            assertThat(result).isInstanceOf(ReadResult.UsableReport.class);
            TlsReport report = ((ReadResult.UsableReport) result).report();
            assertThat(report.policies().get(0).summary().totalFailureSessionCount())
                    .isEqualTo(count);
        }

        @Test
        void shouldKeepAnInvalidCountVerbatimInTheExtensionsOfThePartialReport() {
            ReadResult result = readFixture("session-count-string.json");

            TlsReport partial = ((ReadResult.BrokenReport) result).partial();

            assertThat(partial.policies().get(0).summary().totalSuccessfulSessionCount())
                    .isNull();
            assertThat(partial.policies()
                            .get(0)
                            .summary()
                            .extensions()
                            .get("total-successful-session-count")
                            .asText())
                    .isEqualTo("5");
        }
    }

    @Nested
    class PartialReports {

        @Test
        void shouldKeepWhatWasReadOfAReportWithoutPolicies() {
            ReadResult result = readFixture("policies-missing.json");

            TlsReport partial = ((ReadResult.BrokenReport) result).partial();

            assertThat(partial.reportId()).isEqualTo("2024-05-01T00:00:00Z_receiver.example.net");
            assertThat(partial.organizationName()).isEqualTo("Example Sender Inc.");
            assertThat(partial.policies()).isEmpty();
        }

        @Test
        void shouldKeepAnInvertedDateRangeAsSent() {
            ReadResult result = readFixture("date-range-inverted.json");

            TlsReport partial = ((ReadResult.BrokenReport) result).partial();

            assertThat(partial.dateRange().start()).isEqualTo(Instant.parse("2024-05-02T00:00:00Z"));
            assertThat(partial.dateRange().end()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        }

        @Test
        void shouldKeepTheFirstReportButCallItBrokenWhenSomethingFollowsIt() {
            ReadResult result = readFixture("trailing-content.json");

            TlsReport partial = ((ReadResult.BrokenReport) result).partial();

            assertThat(partial.reportId()).isEqualTo("2024-05-01T00:00:00Z_receiver.example.net");
        }

        @Test
        void shouldKeepNoPartialReportWhenAMemberNameIsRepeated() {
            ReadResult result = readFixture("duplicate-member.json");

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(((ReadResult.BrokenReport) result).partial()).isNull();
            assertThat(ExpectedProblem.of(result.problems()))
                    .containsExactly(error("duplicate-member", "/policies/0/summary/total-failure-session-count"));
        }

        @Test
        void shouldPointAtARepeatedTopLevelMember() {
            String report = new String(Fixtures.bytes("rfc/sts-enforce-without-failures.json"), StandardCharsets.UTF_8);
            byte[] payload =
                    report.replaceFirst("\\{", "{\"report-id\": \"first\",").getBytes(StandardCharsets.UTF_8);

            ReadResult result = readOne(payload);

            assertThat(ExpectedProblem.of(result.problems())).containsExactly(error("duplicate-member", "/report-id"));
        }
    }

    /** I-JSON (RFC 7493 section 2.3) in every object: kept unknown members, skipped values and large objects too. */
    @Nested
    class RepeatedMemberNames {

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                textBlock =
                        """
                "x-ext": {"a": 1, "a": 2}                      | info unknown-member /x-ext, error duplicate-member /x-ext/a
                "x-ext": [{"a": 1}, {"a": 1}]                  | info unknown-member /x-ext
                "x-ext": {"a": {"a": 1}, "b": {"a": 1}}        | info unknown-member /x-ext
                "policies": {"a": 1, "a": 2}                   | error wrong-type /policies, error duplicate-member /policies/a
                "organization-name": {"a": [1, {"c": 1, "c": 2}]} | warning wrong-type /organization-name, error duplicate-member /organization-name/a/1/c
                "report-id": "a", "report-id": tru             | error duplicate-member /report-id
                "x-ext": 1, "x-ext": 1e999999                  | info unknown-member /x-ext, error duplicate-member /x-ext
                "x-ext": 1, "x-other": tru                     | info unknown-member /x-ext, error json-syntax /x-other
                "x-ext": {"a": 1, "a"                          | info unknown-member /x-ext, error duplicate-member /x-ext/a
                """)
        void shouldFindARepeatedNameInAnyObjectBeforeWhatFollowsIt(String member, String expected) {
            String report = new String(Fixtures.bytes("rfc/sts-enforce-without-failures.json"), StandardCharsets.UTF_8);
            byte[] payload = report.replaceFirst("\\{", java.util.regex.Matcher.quoteReplacement("{" + member + ","))
                    .getBytes(StandardCharsets.UTF_8);

            ReadResult result = readOne(payload);

            assertThat(result.problems())
                    .extracting(problem ->
                            problem.severity().wireName() + " " + problem.code().code() + " " + problem.pointer())
                    .containsExactly(expected.split(", "));
        }

        /**
         * Failure-detail entries are read with the names of the entry before expected in the same order: a repeated
         * name is found whether it was the expected one or not, in the first entry or a later one.
         */
        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                textBlock =
                        """
                "result-type": "validation-failure", "result-type": "validation-failure" | 2 | /result-type
                "sending-mta-ip": "192.0.2.1", "sending-mta-ip": "192.0.2.1"          | 2 | /sending-mta-ip
                "failed-session-count": 1, "failed-session-count": 2                  | 2 | /failed-session-count
                "failed-session-count": 1, "failed-session-count": tru                | 2 | /failed-session-count
                "receiving-ip": "192.0.2.2", "x-a": 1, "receiving-ip": "192.0.2.2"    | 2 | /receiving-ip
                "x-a": 1, "x-b": 2, "x-a": 3                                          | 2 | /x-a
                "receiving-mx-host-name": "mx.example.org", "receiving-mx-host-name": "mx.example.org" | 2 | /receiving-mx-host-name
                "result-type": "validation-failure", "result-type": "validation-failure" | 0 | /result-type
                "failed-session-count": 1, "failed-session-count": tru                | 0 | /failed-session-count
                "x-a": {"b": 1, "b": 2}                                               | 2 | /x-a/b
                """)
        void shouldFindARepeatedNameInAFailureDetailEntry(String members, int entry, String pointer) {
            String detail = "{\"result-type\": \"validation-failure\", \"sending-mta-ip\": \"192.0.2.1\","
                    + " \"receiving-mx-hostname\": \"mx.example.org\", \"receiving-ip\": \"192.0.2.2\","
                    + " \"failed-session-count\": 1}";
            String odd = "{" + members + "}";
            String details = String.join(", ", entry == 0 ? odd : detail, detail, entry == 2 ? odd : detail);
            String report = "{\"organization-name\": \"Example\", \"contact-info\": \"tlsrpt@example.org\","
                    + " \"report-id\": \"1\", \"date-range\": {\"start-datetime\": \"2026-03-14T00:00:00Z\","
                    + " \"end-datetime\": \"2026-03-14T23:59:59Z\"}, \"policies\": [{\"policy\":"
                    + " {\"policy-type\": \"no-policy-found\", \"policy-domain\": \"example.org\"},"
                    + " \"summary\": {\"total-successful-session-count\": 1, \"total-failure-session-count\": 3},"
                    + " \"failure-details\": [" + details + "]}]}";

            ReadResult result = readOne(report.getBytes(StandardCharsets.UTF_8));

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(result.problems())
                    .filteredOn(problem -> problem.code().code().equals("duplicate-member"))
                    .extracting(problem -> problem.pointer())
                    .containsExactly("/policies/0/failure-details/" + entry + pointer);
        }

        @Test
        void shouldFindARepeatedNameInAnObjectOfManyMembers() {
            StringBuilder members = new StringBuilder("\"x-ext\": {");
            for (int i = 1; i <= 40; i++) {
                members.append("\"k").append(i).append("\": ").append(i).append(", ");
            }
            members.append("\"k23\": 0}");
            String report = new String(Fixtures.bytes("rfc/sts-enforce-without-failures.json"), StandardCharsets.UTF_8);
            byte[] payload = report.replaceFirst("\\{", "{" + members + ",").getBytes(StandardCharsets.UTF_8);

            ReadResult result = readOne(payload);

            assertThat(ExpectedProblem.of(result.problems()))
                    .containsExactly(
                            ExpectedProblem.info("unknown-member", "/x-ext"), error("duplicate-member", "/x-ext/k23"));
        }
    }

    @Nested
    class NotReports {

        @Test
        void shouldTellAnHtmlErrorPageIsNotAReport() {
            ReadResult result = readFixture("not-json-html-error-page.html");

            assertThat(result).isInstanceOf(ReadResult.NotAReport.class);
            assertThat(result.entryName()).isNull();
            assertThat(result.worstSeverity()).isEqualTo(io.github.jamestlsrpt.core.problem.Severity.ERROR);
        }

        @Test
        void shouldTellADmarcAggregateReportIsNotAReport() {
            byte[] dmarc =
                    "<?xml version=\"1.0\"?><feedback><report_metadata/></feedback>".getBytes(StandardCharsets.UTF_8);

            ReadResult result = readOne(dmarc);

            assertThat(result).isInstanceOf(ReadResult.NotAReport.class);
            assertThat(ExpectedProblem.of(result.problems())).containsExactly(error("not-json", ""));
        }

        @Test
        void shouldTellAJsonStringIsNotAnObject() {
            byte[] payload = "\"organization-name\"".getBytes(StandardCharsets.UTF_8);

            ReadResult result = readOne(payload);

            assertThat(result).isInstanceOf(ReadResult.NotAReport.class);
            assertThat(ExpectedProblem.of(result.problems())).containsExactly(error("not-an-object", ""));
        }
    }
}
