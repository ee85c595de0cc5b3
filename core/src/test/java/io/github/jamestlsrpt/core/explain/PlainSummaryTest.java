package io.github.jamestlsrpt.core.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.core.Fixtures;
import io.github.jamestlsrpt.core.document.Provenance;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.model.DateRange;
import io.github.jamestlsrpt.core.model.FailureDetail;
import io.github.jamestlsrpt.core.model.Policy;
import io.github.jamestlsrpt.core.model.PolicyResult;
import io.github.jamestlsrpt.core.model.PolicyType;
import io.github.jamestlsrpt.core.model.ResultType;
import io.github.jamestlsrpt.core.model.Summary;
import io.github.jamestlsrpt.core.model.TlsReport;
import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.problem.ProblemCode;
import io.github.jamestlsrpt.core.read.ReadResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The summary a domain admin reads. Asserted through the values it must carry (counts, result types, hosts), not
 * through its prose.
 */
class PlainSummaryTest {

    private static String summaryOf(String fixture) {
        return PlainSummary.of(StoredReport.of(Fixtures.usable(fixture), Provenance.UNKNOWN));
    }

    private static String summaryOf(TlsReport report) {
        return PlainSummary.of(
                StoredReport.of(new ReadResult.UsableReport(report, List.of(), null), Provenance.UNKNOWN));
    }

    @Nested
    class Failures {

        private final String summary = summaryOf("rfc/several-policies-with-failures.json");

        @Test
        void shouldGiveTheTotalsAndTheFailureRate() {
            assertThat(summary)
                    .contains("1,000 sessions")
                    .contains("925 succeeded")
                    .contains("75 failed (7.5% failed)");
        }

        @Test
        void shouldGiveTheFiguresOfEachPolicy() {
            assertThat(summary)
                    .contains("970 sessions: 900 succeeded, 70 failed")
                    .contains("30 sessions: 25 succeeded, 5 failed");
        }

        @Test
        void shouldNameEachResultTypeWithItsFailedSessionsLargestFirst() {
            int expired = summary.indexOf("60 sessions failed");
            int starttls = summary.indexOf("10 sessions failed");

            assertThat(summary)
                    .contains("(certificate-expired)")
                    .contains("(starttls-not-supported)")
                    .contains("(tlsa-invalid)");
            assertThat(expired).isPositive().isLessThan(starttls);
        }

        @Test
        void shouldNameTheMxHostsAndIpsWhereSessionsFailed() {
            assertThat(summary)
                    .contains("mx1.receiver.example.net (203.0.113.10): 40 sessions")
                    .contains("mx2.receiver.example.net (203.0.113.20): 20 sessions");
        }

        @Test
        void shouldGiveTheStsModeAndTheReportedDay() {
            assertThat(summary).contains("mode testing").contains("2024-05-01 (UTC)");
        }

        @Test
        void shouldQuoteTheSendersReasonCode() {
            String rfc = summaryOf("rfc/rfc8460-appendix-b-shape-with-erratum-6241.json");

            assertThat(rfc).contains("X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED");
        }

        @Test
        void shouldListAtMostFivePlacesPerResultType() {
            List<FailureDetail> details = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                details.add(new FailureDetail(
                        ResultType.of(ResultType.Kind.STARTTLS_NOT_SUPPORTED),
                        "192.0.2.1",
                        "mx" + i + ".receiver.example.net",
                        null,
                        null,
                        (long) i,
                        null,
                        null,
                        Map.of()));
            }
            TlsReport report = reportWith(new PolicyResult(
                    new Policy(PolicyType.NO_POLICY_FOUND, List.of(), "receiver.example.net", List.of(), Map.of()),
                    new Summary(0, 28),
                    details,
                    Map.of()));

            String text = summaryOf(report);

            assertThat(text)
                    .contains("mx7.receiver.example.net: 7 sessions")
                    .contains("mx3.receiver.example.net: 3 sessions");
            assertThat(text).doesNotContain("mx2.receiver.example.net").doesNotContain("mx1.receiver.example.net");
            assertThat(text).contains(" 2 more");
        }
    }

    @Nested
    class UnknownValues {

        @Test
        void shouldShowAnUnknownResultTypeVerbatim() {
            String summary = summaryOf("real-world-shapes/result-type-unknown.json");

            assertThat(summary).contains("11 sessions failed").contains("x-quantum-handshake-failure");
        }

        @Test
        void shouldListWarningsByCodeAndLeaveNotesOut() {
            String warning = summaryOf("real-world-shapes/mx-host-as-string.json");
            String note = summaryOf("real-world-shapes/end-datetime-next-midnight.json");

            assertThat(warning).contains("mx-host-not-array at /policies/0/policy/mx-host");
            assertThat(note).doesNotContain("end-datetime-next-midnight");
        }

        @Test
        void shouldGiveTheSameDayForBothEndOfDayConventions() {
            String lastSecond = summaryOf("rfc/sts-enforce-without-failures.json");
            String nextMidnight = summaryOf("real-world-shapes/end-datetime-next-midnight.json");

            assertThat(lastSecond).contains("2024-05-01 (UTC)");
            assertThat(nextMidnight).contains("2024-05-01 (UTC)").doesNotContain("2024-05-02");
        }

        @Test
        void shouldGiveBothEndsOfARangeOfSeveralDays() {
            String summary = summaryOf("real-world-shapes/date-range-several-days.json");

            assertThat(summary).contains("2024-05-01 00:00").contains("2024-05-07 23:59");
        }
    }

    @Nested
    class Deviations {

        private String summaryWith(Problem... problems) {
            return PlainSummary.of(StoredReport.of(
                    new ReadResult.UsableReport(reportWith(), List.of(problems), null), Provenance.UNKNOWN));
        }

        @Test
        void shouldListTheWarningsAndErrorsUnderOneHeadingWithoutTheNotes() {
            String summary = summaryWith(
                    Problem.of(ProblemCode.DATETIME_WITHOUT_ZONE, "/date-range/start-datetime", "no time zone"),
                    Problem.of(ProblemCode.DATE_RANGE_NOT_ONE_DAY, "/date-range", "two days"),
                    Problem.of(ProblemCode.DATETIME_WITHOUT_ZONE, "", "again"));

            assertThat(summary)
                    .endsWith("\nThe report itself deviates from RFC 8460 (read anyway):\n"
                            + "  datetime-without-zone at /date-range/start-datetime: no time zone\n"
                            + "  datetime-without-zone: again\n");
        }

        @Test
        void shouldSayNothingOfNotesAlone() {
            String summary = summaryWith(Problem.of(ProblemCode.DATE_RANGE_NOT_ONE_DAY, "/date-range", "two days"));

            assertThat(summary).doesNotContain("deviates").doesNotContain("two days");
        }
    }

    @Nested
    class HostileText {

        @Test
        void shouldEscapeControlAndBidiCharactersOfTheReporter() {
            String fixture = new String(Fixtures.bytes("rfc/sts-enforce-without-failures.json"), StandardCharsets.UTF_8)
                    .replace("Example Sender Inc.", "Evil\\u202eCorp\\nFake line: all good");
            ReadResult result = new io.github.jamestlsrpt.core.read.ReportReader()
                    .read(fixture.getBytes(StandardCharsets.UTF_8))
                    .get(0);

            String summary = PlainSummary.of(StoredReport.of((ReadResult.UsableReport) result, Provenance.UNKNOWN));

            assertThat(summary).contains("Evil\\u202eCorp\\u000aFake line: all good");
            assertThat(summary).doesNotContain("\u202e");
            assertThat(summary.lines()).noneMatch(line -> line.startsWith("Fake line"));
        }
    }

    private static TlsReport reportWith(PolicyResult... results) {
        return new TlsReport(
                "Example Sender Inc.",
                new DateRange(Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-01T23:59:59Z")),
                "tlsrpt@sender.example.com",
                "model-built",
                List.of(results),
                Map.of());
    }
}
