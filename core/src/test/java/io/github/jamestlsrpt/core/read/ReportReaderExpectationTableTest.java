package io.github.jamestlsrpt.core.read;

import static io.github.jamestlsrpt.core.read.ExpectedProblem.error;
import static io.github.jamestlsrpt.core.read.ExpectedProblem.info;
import static io.github.jamestlsrpt.core.read.ExpectedProblem.warning;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.core.Fixtures;
import io.github.jamestlsrpt.core.problem.ProblemCode;
import io.github.jamestlsrpt.core.problem.Severity;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reader's outcome and exact problems (code, severity, pointer) for every fixture file and for every payload
 * generated in code, as two tables (in the manner of the networknt test suite). Together the tables name every
 * {@link ProblemCode}.
 */
class ReportReaderExpectationTableTest {

    private static final ReportReader READER = new ReportReader();

    private static final Class<ReadResult.UsableReport> USABLE = ReadResult.UsableReport.class;
    private static final Class<ReadResult.BrokenReport> BROKEN = ReadResult.BrokenReport.class;
    private static final Class<ReadResult.NotAReport> NOT_A_REPORT = ReadResult.NotAReport.class;

    record FixtureCase(String fixture, Class<? extends ReadResult> outcome, List<ExpectedProblem> problems) {
        @Override
        public String toString() {
            return fixture;
        }
    }

    private static FixtureCase fixture(
            String fixture, Class<? extends ReadResult> outcome, ExpectedProblem... problems) {
        return new FixtureCase(fixture, outcome, List.of(problems));
    }

    static List<FixtureCase> fixtureCases() {
        String policy = "/policies/0/policy";
        String details = "/policies/0/failure-details";
        String summary = "/policies/0/summary";
        return List.of(
                // RFC 8460 shapes
                fixture("rfc/no-policy-found.json", USABLE),
                fixture(
                        "rfc/rfc8460-appendix-b-shape-with-erratum-6241.json",
                        USABLE,
                        // the RFC's own example has no receiving-ip in its first failure detail: noted only
                        info("failure-detail-incomplete", details + "/0")),
                fixture("rfc/several-policies-with-failures.json", USABLE),
                fixture("rfc/sts-enforce-without-failures.json", USABLE),
                fixture("rfc/tlsa-host-report.json", USABLE),
                // real-world deviations, one fixture each
                fixture(
                        "real-world-shapes/mx-host-as-string.json",
                        USABLE,
                        warning("mx-host-not-array", policy + "/mx-host")),
                fixture(
                        "real-world-shapes/mx-host-with-mx-prefix.json",
                        USABLE,
                        warning("mx-host-prefixed", policy + "/mx-host/0"),
                        warning("mx-host-prefixed", policy + "/mx-host/1")),
                fixture(
                        "real-world-shapes/mx-host-missing.json",
                        USABLE,
                        warning("mx-host-missing", policy + "/mx-host")),
                fixture(
                        "real-world-shapes/policy-string-trailing-cr.json",
                        USABLE,
                        warning("policy-string-trailing-cr", policy + "/policy-string/0")),
                fixture(
                        "real-world-shapes/policy-string-missing.json",
                        USABLE,
                        warning("policy-string-missing", policy + "/policy-string")),
                fixture(
                        "real-world-shapes/policy-string-as-string.json",
                        USABLE,
                        warning("policy-string-not-array", policy + "/policy-string")),
                fixture(
                        "real-world-shapes/microsoft-tlsa-policy-string-json-in-string.json",
                        USABLE,
                        warning("policy-string-json-in-string", "/policies/1/policy/policy-string/0")),
                fixture(
                        "real-world-shapes/policy-domain-missing.json",
                        USABLE,
                        warning("policy-domain-missing", policy + "/policy-domain")),
                fixture(
                        "real-world-shapes/policy-type-missing.json",
                        USABLE,
                        warning("policy-type-missing", policy + "/policy-type")),
                fixture(
                        "real-world-shapes/policy-type-unknown.json",
                        USABLE,
                        warning("policy-type-unknown", policy + "/policy-type")),
                fixture(
                        "real-world-shapes/datetime-without-zone.json",
                        USABLE,
                        warning("datetime-without-zone", "/date-range/start-datetime"),
                        warning("datetime-without-zone", "/date-range/end-datetime")),
                fixture(
                        "real-world-shapes/end-datetime-next-midnight.json",
                        USABLE,
                        info("end-datetime-next-midnight", "/date-range/end-datetime")),
                fixture(
                        "real-world-shapes/date-range-several-days.json",
                        USABLE,
                        info("date-range-not-one-day", "/date-range")),
                fixture(
                        "real-world-shapes/contact-info-null.json",
                        USABLE,
                        warning("contact-info-missing", "/contact-info")),
                fixture(
                        "real-world-shapes/contact-info-missing.json",
                        USABLE,
                        warning("contact-info-missing", "/contact-info")),
                fixture(
                        "real-world-shapes/contact-info-not-an-address.json",
                        USABLE,
                        warning("contact-info-not-an-address", "/contact-info")),
                fixture(
                        "real-world-shapes/organization-name-missing.json",
                        USABLE,
                        warning("organization-name-missing", "/organization-name")),
                fixture("real-world-shapes/policies-empty.json", USABLE, warning("policies-empty", "/policies")),
                fixture(
                        "real-world-shapes/failure-detail-without-connection-data-sts-policy-fetch-error.json",
                        USABLE,
                        info("failure-detail-incomplete", details + "/0")),
                fixture(
                        "real-world-shapes/failure-detail-without-connection-data-certificate-expired.json",
                        USABLE,
                        warning("failure-detail-incomplete", details + "/0")),
                fixture(
                        "real-world-shapes/failure-details-absent-with-failures.json",
                        USABLE,
                        warning("failure-details-missing", details)),
                fixture(
                        "real-world-shapes/failure-details-empty-with-failures.json",
                        USABLE,
                        warning("failure-details-missing", details)),
                fixture(
                        "real-world-shapes/failure-count-mismatch.json",
                        USABLE,
                        info("failure-detail-incomplete", details + "/0"),
                        info("failure-detail-incomplete", details + "/1"),
                        info("failure-count-mismatch", details)),
                fixture(
                        "real-world-shapes/result-type-unknown.json",
                        USABLE,
                        warning("result-type-unknown", details + "/0/result-type")),
                fixture(
                        "real-world-shapes/result-type-missing.json",
                        USABLE,
                        warning("result-type-missing", details + "/0/result-type")),
                fixture(
                        "real-world-shapes/ip-address-invalid.json",
                        USABLE,
                        warning("ip-address-invalid", details + "/0/sending-mta-ip")),
                fixture(
                        "real-world-shapes/alias-receiving-mx-host-name.json",
                        USABLE,
                        warning("member-alias", details + "/0/receiving-mx-host-name")),
                fixture(
                        "real-world-shapes/alias-failure-error-code.json",
                        USABLE,
                        warning("member-alias", details + "/0/failure-error-code")),
                fixture(
                        "real-world-shapes/alias-additional-info-uri.json",
                        USABLE,
                        warning("member-alias", details + "/0/additional-info-uri")),
                fixture(
                        "real-world-shapes/alias-conflict.json",
                        USABLE,
                        warning("member-alias-conflict", details + "/0/receiving-mx-host-name")),
                fixture(
                        "real-world-shapes/wrong-type-string-members.json",
                        USABLE,
                        warning("wrong-type", "/organization-name"),
                        warning("wrong-type", policy + "/mx-host"),
                        warning("wrong-type", details + "/0/receiving-mx-hostname"),
                        warning("member-alias-conflict", details + "/0/receiving-mx-host-name")),
                fixture(
                        "real-world-shapes/unknown-members.json",
                        USABLE,
                        info("unknown-member", policy + "/x-policy-fetched-at"),
                        info("unknown-member", summary + "/x-retries"),
                        info("unknown-member", details + "/0/x-tls-version"),
                        info("unknown-member", "/policies/0/x-note"),
                        info("unknown-member", "/x-sender-build")),
                fixture(
                        "real-world-shapes/null-member.json",
                        USABLE,
                        info("null-member", details + "/0/receiving-mx-helo")),
                fixture("real-world-shapes/several-policies-after-a-policy-change.json", USABLE),
                // errors
                fixture("invalid/not-json-html-error-page.html", NOT_A_REPORT, error("not-json", "")),
                fixture("invalid/not-an-object-array.json", NOT_A_REPORT, error("not-an-object", "")),
                fixture("invalid/no-report-members.json", NOT_A_REPORT, error("no-report-members", "")),
                fixture(
                        "invalid/duplicate-member.json",
                        BROKEN,
                        error("duplicate-member", summary + "/total-failure-session-count")),
                fixture("invalid/json-syntax-missing-comma.json", BROKEN, error("json-syntax", "/report-id")),
                fixture("invalid/trailing-content.json", BROKEN, error("trailing-content", "")),
                fixture("invalid/policies-missing.json", BROKEN, error("policies-missing", "/policies")),
                fixture(
                        "invalid/policies-not-an-array.json",
                        BROKEN,
                        error("wrong-type", "/policies"),
                        error("policies-missing", "/policies")),
                fixture("invalid/policy-missing.json", BROKEN, error("policy-missing", policy)),
                fixture("invalid/summary-missing.json", BROKEN, error("summary-missing", summary)),
                fixture(
                        "invalid/session-count-missing.json",
                        BROKEN,
                        error("session-count-missing", summary + "/total-failure-session-count")),
                fixture(
                        "invalid/session-count-negative.json",
                        BROKEN,
                        error("session-count-invalid", summary + "/total-failure-session-count")),
                fixture(
                        "invalid/session-count-2-pow-53.json",
                        BROKEN,
                        error("session-count-invalid", summary + "/total-failure-session-count")),
                fixture(
                        "invalid/session-count-beyond-long.json",
                        BROKEN,
                        error("session-count-invalid", summary + "/total-failure-session-count")),
                fixture(
                        "invalid/session-count-fraction.json",
                        BROKEN,
                        error("session-count-invalid", summary + "/total-successful-session-count")),
                fixture(
                        "invalid/session-count-string.json",
                        BROKEN,
                        error("session-count-invalid", summary + "/total-successful-session-count")),
                fixture(
                        "invalid/failed-session-count-negative.json",
                        BROKEN,
                        error("session-count-invalid", details + "/0/failed-session-count"),
                        info("failure-count-mismatch", details)),
                fixture("invalid/report-id-missing.json", BROKEN, error("report-id-missing", "/report-id")),
                fixture(
                        "invalid/reporter-unidentified.json",
                        BROKEN,
                        warning("organization-name-missing", "/organization-name"),
                        warning("contact-info-missing", "/contact-info"),
                        error("reporter-unidentified", "")),
                fixture("invalid/date-range-missing.json", BROKEN, error("date-range-missing", "/date-range")),
                fixture(
                        "invalid/datetime-invalid.json",
                        BROKEN,
                        error("datetime-invalid", "/date-range/start-datetime")),
                fixture("invalid/date-range-inverted.json", BROKEN, error("date-range-inverted", "/date-range")),
                fixture(
                        "invalid/nesting-depth-limit-exceeded.json",
                        BROKEN,
                        info("unknown-member", "/x-deep"),
                        error("nesting-depth-limit-exceeded", "")),
                fixture(
                        "invalid/number-length-limit-exceeded.json",
                        BROKEN,
                        error("number-length-limit-exceeded", "")));
    }

    record PayloadCase(
            String name,
            Supplier<byte[]> payload,
            ReaderLimits limits,
            Class<? extends ReadResult> outcome,
            List<ExpectedProblem> problems) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static PayloadCase payload(
            String name,
            Supplier<byte[]> payload,
            ReaderLimits limits,
            Class<? extends ReadResult> outcome,
            ExpectedProblem... problems) {
        return new PayloadCase(name, payload, limits, outcome, List.of(problems));
    }

    private static byte[] report() {
        return Fixtures.bytes("rfc/sts-enforce-without-failures.json");
    }

    private static String reportText() {
        return new String(report(), StandardCharsets.UTF_8);
    }

    /** The report with raw bytes spliced into its organization-name, right after "Example". */
    private static byte[] withRawBytesInOrganizationName(int... raw) {
        byte[] json = report();
        int at = reportText().indexOf("Example Sender") + "Example".length();
        byte[] spliced = new byte[json.length + raw.length];
        System.arraycopy(json, 0, spliced, 0, at);
        for (int i = 0; i < raw.length; i++) {
            spliced[at + i] = (byte) raw[i];
        }
        System.arraycopy(json, at, spliced, at + raw.length, json.length - at);
        return spliced;
    }

    private static byte[] gzipWith(int index, int value) {
        byte[] gzip = Fixtures.gzip(report());
        gzip[index < 0 ? gzip.length + index : index] = (byte) value;
        return gzip;
    }

    private static byte[] gzipCutTo(int length) {
        byte[] gzip = Fixtures.gzip(report());
        return Arrays.copyOf(gzip, length < 0 ? gzip.length + length : length);
    }

    private static byte[] zipOf(String... names) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String name : names) {
            entries.put(name, name.endsWith(".json") ? report() : "not a report".getBytes(StandardCharsets.US_ASCII));
        }
        return Fixtures.zip(entries);
    }

    static List<PayloadCase> payloadCases() {
        ReaderLimits defaults = ReaderLimits.defaults();
        int gzipLength = Fixtures.gzip(report()).length;
        return List.of(
                payload("empty payload", () -> new byte[0], defaults, NOT_A_REPORT, error("empty-payload", "")),
                payload(
                        "white space only",
                        () -> " \r\n\t ".getBytes(StandardCharsets.US_ASCII),
                        defaults,
                        NOT_A_REPORT,
                        error("empty-payload", "")),
                payload(
                        "UTF-16BE with a byte order mark",
                        () -> ("\uFEFF" + reportText()).getBytes(StandardCharsets.UTF_16BE),
                        defaults,
                        BROKEN,
                        error("not-utf8", "")),
                payload(
                        "UTF-16LE without a byte order mark",
                        () -> reportText().getBytes(StandardCharsets.UTF_16LE),
                        defaults,
                        BROKEN,
                        error("not-utf8", "")),
                payload(
                        "UTF-32BE",
                        () -> reportText().getBytes(java.nio.charset.Charset.forName("UTF-32BE")),
                        defaults,
                        BROKEN,
                        error("not-utf8", "")),
                payload(
                        "invalid UTF-8 sequence inside a string",
                        () -> withRawBytesInOrganizationName(0xc3, 0x28),
                        defaults,
                        BROKEN,
                        error("not-utf8", "/organization-name")),
                payload(
                        "ISO-8859-1 text",
                        () -> reportText().replace("Example", "Exämple").getBytes(StandardCharsets.ISO_8859_1),
                        defaults,
                        BROKEN,
                        error("not-utf8", "/organization-name")),
                payload(
                        "invalid UTF-8 start byte before anything else",
                        () -> new byte[] {(byte) 0xc0, (byte) 0x80, '{', '}'},
                        defaults,
                        NOT_A_REPORT,
                        error("not-utf8", "")),
                payload(
                        "UTF-8 with a byte order mark",
                        () -> ("\uFEFF" + reportText()).getBytes(StandardCharsets.UTF_8),
                        defaults,
                        USABLE,
                        warning("utf8-byte-order-mark", "")),
                payload("gzip", () -> Fixtures.gzip(report()), defaults, USABLE),
                payload(
                        "gzip cut inside its header",
                        () -> gzipCutTo(5),
                        defaults,
                        BROKEN,
                        error("gzip-truncated", "")),
                payload(
                        "gzip cut inside its data",
                        () -> gzipCutTo(gzipLength / 2),
                        defaults,
                        BROKEN,
                        error("gzip-truncated", "")),
                payload(
                        "gzip cut inside its trailer",
                        () -> gzipCutTo(-4),
                        defaults,
                        BROKEN,
                        error("gzip-truncated", "")),
                payload(
                        "gzip with an unknown compression method",
                        () -> gzipWith(2, 7),
                        defaults,
                        BROKEN,
                        error("gzip-corrupt", "")),
                payload(
                        "gzip with a wrong CRC-32",
                        () -> gzipWith(-8, gzipWith(-8, 0)[gzipLength - 8] ^ 0xff),
                        defaults,
                        BROKEN,
                        error("gzip-corrupt", "")),
                payload(
                        "zip cut inside its only entry",
                        () -> Arrays.copyOf(zipOf("report.json"), 80),
                        defaults,
                        BROKEN,
                        error("zip-corrupt", "")),
                payload(
                        "zip without a .json entry",
                        () -> zipOf("readme.txt"),
                        defaults,
                        NOT_A_REPORT,
                        error("zip-without-report", ""),
                        info("zip-entry-skipped", "")),
                payload(
                        "zip with more entries than the limit",
                        () -> zipOf("a.txt", "b.txt"),
                        defaults.withMaxZipEntries(1),
                        BROKEN,
                        error("zip-entry-count-limit-exceeded", "")),
                payload(
                        "gzip one byte over the compressed-size limit",
                        () -> Fixtures.gzip(report()),
                        defaults.withMaxCompressedBytes(gzipLength - 1),
                        BROKEN,
                        error("compressed-size-limit-exceeded", "")),
                payload(
                        "JSON one byte over the decompressed-size limit",
                        ReportReaderExpectationTableTest::report,
                        defaults.withMaxDecompressedBytes(report().length - 1),
                        BROKEN,
                        error("decompressed-size-limit-exceeded", "")),
                payload(
                        "a string one character over the string-length limit",
                        // report-id "2024-05-01T00:00:00Z_receiver.example.net" is the longest string: 41 characters
                        ReportReaderExpectationTableTest::report,
                        defaults.withMaxStringLength(40),
                        BROKEN,
                        error("string-length-limit-exceeded", "")));
    }

    @Nested
    class FixtureFiles {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.github.jamestlsrpt.core.read.ReportReaderExpectationTableTest#fixtureCases")
        void shouldGiveTheExpectedOutcomeAndProblems(FixtureCase expected) {
            byte[] payload = Fixtures.bytes(expected.fixture());

            List<ReadResult> results = READER.read(payload);

            assertThat(results).singleElement().isInstanceOf(expected.outcome());
            assertThat(ExpectedProblem.of(results.get(0).problems())).containsExactlyElementsOf(expected.problems());
        }

        @Test
        void shouldHaveAnExpectationForEveryFixtureFileAndAFileForEveryExpectation() {
            List<String> files = Fixtures.all();

            List<String> expected =
                    fixtureCases().stream().map(FixtureCase::fixture).toList();

            assertThat(expected).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files);
        }
    }

    @Nested
    class GeneratedPayloads {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.github.jamestlsrpt.core.read.ReportReaderExpectationTableTest#payloadCases")
        void shouldGiveTheExpectedOutcomeAndProblems(PayloadCase expected) {
            ReportReader reader = new ReportReader(expected.limits());

            List<ReadResult> results = reader.read(expected.payload().get());

            assertThat(results).singleElement().isInstanceOf(expected.outcome());
            assertThat(ExpectedProblem.of(results.get(0).problems())).containsExactlyElementsOf(expected.problems());
        }
    }

    @Nested
    class Outcomes {

        @Test
        void shouldCallAReportUsableExactlyWhenNoProblemIsAnError() {
            List<FixtureCase> cases = fixtureCases();

            List<String> inconsistent = cases.stream()
                    .filter(c -> (c.outcome() == USABLE)
                            == c.problems().stream().anyMatch(p -> p.severity() == Severity.ERROR))
                    .map(FixtureCase::fixture)
                    .toList();

            assertThat(inconsistent).isEmpty();
        }

        @Test
        void shouldNameEveryProblemCodeInTheTables() {
            Stream<ExpectedProblem> expected = Stream.concat(
                    fixtureCases().stream().flatMap(c -> c.problems().stream()),
                    payloadCases().stream().flatMap(c -> c.problems().stream()));

            Set<String> named = expected.map(ExpectedProblem::code).collect(Collectors.toSet());

            assertThat(named)
                    .containsAll(Arrays.stream(ProblemCode.values())
                            .map(ProblemCode::code)
                            .toList());
        }
    }
}
