package io.github.jamestlsrpt.core.read;

import static io.github.jamestlsrpt.core.read.Bounded.MIB;
import static io.github.jamestlsrpt.core.read.ExpectedProblem.error;
import static io.github.jamestlsrpt.core.read.ExpectedProblem.info;
import static io.github.jamestlsrpt.core.read.ExpectedProblem.warning;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.core.Fixtures;
import io.github.jamestlsrpt.core.document.Provenance;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.explain.PlainSummary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile suite of the report reader and the sniffer (RFC 8460 section 7: reports may be crafted to attack their
 * reader), with the default limits unless a case says otherwise. Each case states its outcome (status and problem
 * codes), and runs under a time bound and a bound on the bytes the reading thread allocates ({@link Bounded}): safety
 * nets against a bomb inflated, a payload buffered whole or a loop, not performance figures. Big inputs are built in
 * code, compressed as they are built or streamed as they are read. docs/SECURITY.md lists the whole suite.
 */
class HostilePayloadsTest {

    /** The first member of a report, so that what follows is read as a report. */
    private static final String REPORT_HEAD = "{\"organization-name\": \"Example Sender Inc.\",";

    /** A report's first member, then an unknown member whose string value follows. */
    private static final String STRING_HEAD = REPORT_HEAD + " \"x-filler\": \"";

    private static final Duration TIME = Duration.ofSeconds(30);

    private final ReportReader reader = new ReportReader();

    private static String report() {
        return new String(Fixtures.bytes("rfc/sts-enforce-without-failures.json"), StandardCharsets.UTF_8);
    }

    /** The report with one more top-level member, given as JSON text, before "policies". */
    private static String reportWithMember(String name, String jsonValue) {
        String withMember = report().replace("\"policies\":", "\"" + name + "\": " + jsonValue + ",\n  \"policies\":");
        assertThat(withMember).isNotEqualTo(report());
        return withMember;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ReadResult only(List<ReadResult> results) {
        assertThat(results).hasSize(1);
        ReadResultPromises.check(results.get(0));
        return results.get(0);
    }

    private List<ReadResult> read(long maxAllocatedBytes, byte[] payload) {
        return Bounded.within(TIME, maxAllocatedBytes, () -> reader.read(payload));
    }

    @Nested
    class CompressionBombs {

        @Test
        void shouldStopAGzipBombOfOneGibibyteAtTheDecompressedSizeLimit() {
            byte[] bomb = Bombs.gzip(REPORT_HEAD, (byte) ' ', Bombs.GIB);

            ReadResult result = only(read(64 * MIB, bomb));

            assertThat(bomb.length).isLessThan((int) (2 * MIB));
            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(result.problems()))
                    .containsExactly(error("decompressed-size-limit-exceeded", ""));
        }

        @Test
        void shouldStopAZipBombOfOneGibibyteAtTheDecompressedSizeLimit() {
            byte[] bomb = Bombs.zip("report.json", Bombs.deflate(REPORT_HEAD, (byte) ' ', Bombs.GIB));

            ReadResult result = only(read(64 * MIB, bomb));

            assertThat(bomb.length).isLessThan((int) (2 * MIB));
            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(result.problems()))
                    .containsExactly(error("decompressed-size-limit-exceeded", ""));
        }

        @Test
        void shouldStopAZipBombHiddenInAnEntryThatIsNotAReport() {
            byte[] bomb = Bombs.zip("padding.bin", Bombs.deflate("", (byte) 0, Bombs.GIB));

            ReadResult result = only(read(64 * MIB, bomb));

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(result.problems()))
                    .containsExactly(error("decompressed-size-limit-exceeded", ""));
        }

        @Test
        void shouldStopAGzipBombInsideAZipEntryAtTheDecompressedSizeLimit() {
            byte[] inner = Bombs.gzip(REPORT_HEAD, (byte) ' ', Bombs.GIB);
            byte[] zip = Fixtures.zip(Map.of("report.json.gz", inner));

            ReadResult result = only(read(64 * MIB, zip));

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(result.entryName()).isEqualTo("report.json.gz");
            assertThat(ExpectedProblem.of(result.problems()))
                    .containsExactly(error("decompressed-size-limit-exceeded", ""));
        }

        @Test
        void shouldStopAZipOfTenThousandEntriesAtTheZipEntryLimit() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (int i = 0; i < 10_000; i++) {
                    zip.putNextEntry(new ZipEntry("f" + i + ".txt"));
                    zip.write('x');
                    zip.closeEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }

            ReadResult result = only(read(64 * MIB, out.toByteArray()));

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(result.problems()))
                    .containsExactly(error("zip-entry-count-limit-exceeded", ""));
        }
    }

    @Nested
    class NestedArchives {

        /** A zip of one report, its entry dated 2024-01-01: the bytes, hence the outcomes, never vary. */
        private final byte[] zipOfAReport = zipOfAReport();

        private static byte[] zipOfAReport() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                ZipEntry entry = new ZipEntry("report.json");
                entry.setTime(1_704_067_200_000L);
                zip.putNextEntry(entry);
                zip.write(utf8(report()));
                zip.closeEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        @Test
        void shouldNotOpenAZipInsideGzip() {
            ReadResult result = only(read(16 * MIB, Fixtures.gzip(zipOfAReport)));

            assertThat(result).isInstanceOf(ReadResult.NotAReport.class);
            assertThat(ExpectedProblem.of(result.problems())).containsExactly(error("not-json", ""));
        }

        @Test
        void shouldNotOpenAGzipInsideGzip() {
            ReadResult result = only(read(16 * MIB, Fixtures.gzip(Fixtures.gzip(utf8(report())))));

            assertThat(result).isInstanceOf(ReadResult.NotAReport.class);
            assertThat(ExpectedProblem.of(result.problems())).containsExactly(error("not-json", ""));
        }

        @Test
        void shouldNotOpenAZipInsideZip() {
            ReadResult result = only(read(16 * MIB, Fixtures.zip(Map.of("inner.zip", zipOfAReport))));

            assertThat(result).isInstanceOf(ReadResult.NotAReport.class);
            assertThat(ExpectedProblem.of(result.problems()))
                    .containsExactly(error("zip-without-report", ""), info("zip-entry-skipped", ""));
        }

        @Test
        void shouldNotInflateAGzipBombInsideGzip() {
            byte[] nested = Fixtures.gzip(Bombs.gzip(REPORT_HEAD, (byte) ' ', Bombs.GIB));

            ReadResult result = only(read(64 * MIB, nested));

            assertThat(result).isInstanceOf(ReadResult.NotAReport.class);
            assertThat(ExpectedProblem.of(result.problems())).containsExactly(error("not-json", ""));
        }
    }

    @Nested
    class Json {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"[", "{\"a\": "})
        void shouldStopTwoHundredThousandLevelsOfNestingAtTheNestingDepthLimit(String level) {
            byte[] payload = utf8(REPORT_HEAD + " \"x-deep\": " + level.repeat(200_000));

            ReadResult result = only(read(64 * MIB, payload));

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(result.problems()))
                    .containsExactly(info("unknown-member", "/x-deep"), error("nesting-depth-limit-exceeded", ""));
        }

        @Test
        void shouldStopAStringOf64MibAtTheStringLengthLimitWithoutHoldingIt() {
            ReadResult result = only(Bounded.within(TIME, 64 * MIB, () -> reader.read(longString(64 * MIB))));

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(result.problems()))
                    .containsExactly(info("unknown-member", "/x-filler"), error("string-length-limit-exceeded", ""));
        }

        /** A report head, then a string of the given length, streamed as it is read (never held in memory). */
        private static InputStream longString(long characters) {
            return new SequenceInputStream(
                    new ByteArrayInputStream(utf8(STRING_HEAD)),
                    new SequenceInputStream(
                            new Repeated((byte) 'a', characters),
                            new ByteArrayInputStream(utf8("\", \"policies\": []}"))));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"digits", "fraction digits", "exponent digits"})
        void shouldStopANumberOfTenThousandDigitsAtTheNumberLengthLimit(String kind) {
            String number =
                    switch (kind) {
                        case "digits" -> "1".repeat(10_000);
                        case "fraction digits" -> "0." + "1".repeat(10_000);
                        default -> "1e" + "9".repeat(10_000);
                    };
            byte[] payload = utf8(report().replace(
                            "\"total-successful-session-count\": 120",
                            "\"total-successful-session-count\": " + number));

            ReadResult result = only(read(16 * MIB, payload));

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(result.problems()))
                    .containsExactly(error("number-length-limit-exceeded", ""));
        }

        @Test
        void shouldStopANumberOfTenThousandDigitsInAMemberNobodyReads() {
            byte[] payload = utf8(reportWithMember("x-big", "1".repeat(10_000)));

            ReadResult result = only(read(16 * MIB, payload));

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(result.problems()))
                    .containsExactly(error("number-length-limit-exceeded", ""));
        }

        @Test
        void shouldCallAHugeExponentThatFitsTheNumberLengthLimitAnInvalidCount() {
            byte[] payload = utf8(report().replace(
                            "\"total-successful-session-count\": 120",
                            "\"total-successful-session-count\": 1e999999999"));

            ReadResult result = only(read(16 * MIB, payload));

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(result.problems()))
                    .containsExactly(
                            error("session-count-invalid", "/policies/0/summary/total-successful-session-count"));
        }

        @Test
        void shouldFindADuplicateMemberAfterAHundredThousandOthers() {
            StringBuilder members = new StringBuilder("{");
            for (int i = 0; i < 100_000; i++) {
                members.append("\"k").append(i).append("\": ").append(i).append(", ");
            }
            members.append("\"k99999\": 0}");
            byte[] payload = utf8(reportWithMember("x-many", members.toString()));

            ReadResult result = only(read(256 * MIB, payload));

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(result.problems()))
                    .containsExactly(info("unknown-member", "/x-many"), error("duplicate-member", "/x-many/k99999"));
        }
    }

    @Nested
    class Text {

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "80", // a continuation byte alone
                    "eda080", // a surrogate (U+D800)
                    "ff", // never in UTF-8
                    "c0af", // "/" in an overlong two-byte form
                    "e080af", // "/" in an overlong three-byte form
                    "f08080af", // "/" in an overlong four-byte form
                    "f4908080", // above U+10FFFF
                    "f888808080", // a five-byte form
                    "c3" // a lead byte without its continuation
                })
        void shouldCallInvalidUtf8InAStringNotUtf8(String hex) {
            byte[] bad = java.util.HexFormat.of().parseHex(hex);
            String[] halves = report().split("Example Sender Inc\\.", 2);
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            payload.writeBytes(utf8(halves[0] + "Example"));
            payload.writeBytes(bad);
            payload.writeBytes(utf8(halves[1]));

            ReadResult result = only(read(16 * MIB, payload.toByteArray()));

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(result.problems())).containsExactly(error("not-utf8", "/organization-name"));
        }

        @Test
        void shouldPointAtTheMemberOfAnOverlongFormFarIntoTheReport() {
            String[] halves = reportWithMember("x-late", "\"" + "a".repeat(100_000) + "#\"")
                    .split("#", 2);
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            payload.writeBytes(utf8(halves[0]));
            payload.writeBytes(new byte[] {(byte) 0xc0, (byte) 0xaf});
            payload.writeBytes(utf8(halves[1]));

            ReadResult result = only(read(16 * MIB, Fixtures.gzip(payload.toByteArray())));

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(result.problems()))
                    .containsExactly(info("unknown-member", "/x-late"), error("not-utf8", "/x-late"));
        }

        @Test
        void shouldReadAReportAfterAByteOrderMarkWithAWarning() {
            ReadResult result = only(read(16 * MIB, utf8("\uFEFF" + report())));

            assertThat(result).isInstanceOf(ReadResult.UsableReport.class);
            assertThat(ExpectedProblem.of(result.problems())).containsExactly(warning("utf8-byte-order-mark", ""));
        }

        @Test
        void shouldCallARawNulByteInAStringASyntaxError() {
            ReadResult result = only(read(16 * MIB, utf8(report().replace("Example Sender", "Example\u0000Sender"))));

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(result.problems()))
                    .containsExactly(error("json-syntax", "/organization-name"));
        }

        @Test
        void shouldCallNulBytesBeforeTheJsonNotUtf8() {
            ReadResult result = only(read(16 * MIB, utf8("\u0000\u0000" + report())));

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(result.problems())).containsExactly(error("not-utf8", ""));
        }

        @Test
        void shouldKeepAnEscapedNulAndShowItVisibly() {
            ReadResult result = only(read(16 * MIB, utf8(report().replace("Example Sender", "Example\\u0000Sender"))));

            assertThat(result).isInstanceOf(ReadResult.UsableReport.class);
            String summary = PlainSummary.of(StoredReport.of((ReadResult.UsableReport) result, Provenance.UNKNOWN));
            assertThat(summary).contains("Example\\u0000Sender").doesNotContain("\u0000");
        }

        @Test
        void shouldKeepCrLfHtmlAndScriptOfReportStringsOnOneLineOfThePlainSummary() {
            String hostile = "Evil\\r\\nBcc: victim@example.org <script>alert(1)</script>";
            ReadResult result = only(read(16 * MIB, utf8(report().replace("Example Sender Inc.", hostile))));

            assertThat(result).isInstanceOf(ReadResult.UsableReport.class);
            String summary = PlainSummary.of(StoredReport.of((ReadResult.UsableReport) result, Provenance.UNKNOWN));
            assertThat(summary.lines()).noneMatch(line -> line.startsWith("Bcc:"));
            assertThat(summary).contains("Evil\\u000d\\u000aBcc: victim@example.org <script>alert(1)</script>");
        }
    }

    @Nested
    class Names {

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "../../etc/cron.d/evil.json | ../../etc/cron.d/evil.json",
                    "/etc/passwd.json | /etc/passwd.json",
                    "a/../../b.json.gz | a/../../b.json.gz",
                    // commons-compress turns the separators of a name written on FAT (Windows) into "/"
                    "..\\..\\evil.json | ../../evil.json"
                })
        void shouldReadAZipEntryWhoseNameIsAPathAndKeepTheNameOnlyAsText(String name, String shownAs) {
            byte[] entry = name.endsWith(".gz") ? Fixtures.gzip(utf8(report())) : utf8(report());
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put(name, entry);

            ReadResult result = only(read(16 * MIB, Fixtures.zip(entries)));

            assertThat(result).isInstanceOf(ReadResult.UsableReport.class);
            assertThat(result.entryName()).isEqualTo(shownAs);
        }
    }

    @Nested
    class Sniffing {

        @Test
        void shouldJudgeAGzipBombOfOneGibibyteByItsHead() {
            byte[] bomb = Bombs.gzip(REPORT_HEAD, (byte) ' ', Bombs.GIB);

            ReportSniffer.Sniff sniff =
                    Bounded.within(TIME, 16 * MIB, () -> ReportSniffer.sniff(new ByteArrayInputStream(bomb)));

            assertThat(sniff.verdict()).isEqualTo(ReportSniffer.Verdict.LIKELY_REPORT);
        }

        @Test
        void shouldGiveUpOnAZipBombOfOneGibibyteInAnEntryThatIsNotAReport() {
            byte[] bomb = Bombs.zip("padding.bin", Bombs.deflate("", (byte) 0, Bombs.GIB));

            ReportSniffer.Sniff sniff =
                    Bounded.within(TIME, 16 * MIB, () -> ReportSniffer.sniff(new ByteArrayInputStream(bomb)));

            assertThat(sniff.verdict()).isEqualTo(ReportSniffer.Verdict.NOT_A_REPORT);
        }

        @Test
        void shouldNotBeFooledByTwoHundredThousandLevelsOfNesting() {
            byte[] payload = utf8("{\"x\": " + "[".repeat(200_000));

            ReportSniffer.Sniff sniff =
                    Bounded.within(TIME, 16 * MIB, () -> ReportSniffer.sniff(new ByteArrayInputStream(payload)));

            assertThat(sniff.verdict()).isEqualTo(ReportSniffer.Verdict.NOT_A_REPORT);
        }
    }

    /** What fuzzing found (docs/SECURITY.md); the inputs themselves are kept under the fuzz tests' Inputs folders. */
    @Nested
    class FuzzFindings {

        /** A zip of one report entry whose local header names another compression method (APPNOTE 4.4.5). */
        private byte[] zipWithMethod(String entryName, int method) {
            byte[] zip = Fixtures.zip(Map.of(entryName, utf8(report())));
            zip[8] = (byte) method;
            zip[9] = (byte) (method >> 8);
            return zip;
        }

        @ParameterizedTest(name = "method {0}")
        @ValueSource(ints = {93, 95}) // zstd, xz: commons-compress needs optional libraries for them
        void shouldCallAZipEntryInAMethodWithoutDecoderBrokenInsteadOfThrowing(int method) {
            ReadResult result = only(read(16 * MIB, zipWithMethod("report.json", method)));

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(result.problems())).containsExactly(error("zip-corrupt", ""));
        }

        @Test
        void shouldCallAZipBrokenWhenAnEntryThatIsNotAReportUsesAMethodWithoutDecoder() {
            ReadResult result = only(read(16 * MIB, zipWithMethod("notes.txt", 93)));

            assertThat(result).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(result.problems())).containsExactly(error("zip-corrupt", ""));
        }

        @ParameterizedTest(name = "method {0}")
        @ValueSource(ints = {93, 95})
        void shouldCallAZipEntryInAMethodWithoutDecoderUnreadableWhenSniffing(int method) {
            byte[] zip = zipWithMethod("report.json", method);

            ReportSniffer.Sniff sniff =
                    Bounded.within(TIME, 16 * MIB, () -> ReportSniffer.sniff(new ByteArrayInputStream(zip)));

            assertThat(sniff.verdict()).isEqualTo(ReportSniffer.Verdict.UNREADABLE);
        }

        @Test
        void shouldKeepOnOneLineTheProblemsOfAnEntryWhoseNameHoldsALineBreak() {
            List<ReadResult> results = read(16 * MIB, zipWithMethod("evil\r\nname.json", 14)); // 14: LZMA

            assertThat(results).allSatisfy(ReadResultPromises::check);
            assertThat(results)
                    .flatExtracting(result -> ExpectedProblem.of(result.problems()))
                    .containsExactly(error("zip-corrupt", ""));
        }

        @Test
        void shouldKeepTheSniffersReasonOnOneLineWhenAnEntryNameHoldsALineBreak() {
            byte[] zip = zipWithMethod("evil\r\nname.json", 14);

            ReportSniffer.Sniff sniff =
                    Bounded.within(TIME, 16 * MIB, () -> ReportSniffer.sniff(new ByteArrayInputStream(zip)));

            assertThat(sniff.verdict()).isEqualTo(ReportSniffer.Verdict.UNREADABLE);
            assertThat(sniff.reason()).contains("evil??name.json").doesNotContain("\r", "\n");
        }
    }

    /** {@code count} times one byte, produced as it is read. */
    private static final class Repeated extends InputStream {
        private final byte value;
        private long remaining;

        Repeated(byte value, long count) {
            this.value = value;
            this.remaining = count;
        }

        @Override
        public int read() {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return value & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, remaining);
            java.util.Arrays.fill(buffer, offset, offset + n, value);
            remaining -= n;
            return n;
        }
    }
}
