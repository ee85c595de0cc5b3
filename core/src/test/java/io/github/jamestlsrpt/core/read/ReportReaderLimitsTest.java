package io.github.jamestlsrpt.core.read;

import static io.github.jamestlsrpt.core.read.ExpectedProblem.error;
import static io.github.jamestlsrpt.core.read.ExpectedProblem.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jamestlsrpt.core.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@link ReaderLimits} limit: exactly at the limit reads fine, one past it gives the limit's own code. RFC 8460
 * section 7: all content is hostile.
 */
class ReportReaderLimitsTest {

    private static final ReaderLimits DEFAULTS = ReaderLimits.defaults();
    private static final long MIB = 1024 * 1024;

    private static byte[] report() {
        return Fixtures.bytes("rfc/sts-enforce-without-failures.json");
    }

    /** The clean report with one more top-level member, given as JSON text, before "policies". */
    private static byte[] reportWithMember(String name, String jsonValue) {
        String report = new String(report(), StandardCharsets.UTF_8);
        String withMember = report.replace("\"policies\":", "\"" + name + "\": " + jsonValue + ",\n  \"policies\":");
        assertThat(withMember).isNotEqualTo(report);
        return withMember.getBytes(StandardCharsets.UTF_8);
    }

    private static List<ExpectedProblem> problemsOfTheOnlyResult(List<ReadResult> results) {
        assertThat(results).hasSize(1);
        return ExpectedProblem.of(results.get(0).problems());
    }

    /** gzip of a prefix followed by a run of one byte, compressed as it is written (never held inflated). */
    private static byte[] gzipBomb(String prefix, byte filler, long fillerBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
            gzip.write(prefix.getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[(int) MIB];
            java.util.Arrays.fill(chunk, filler);
            for (long written = 0; written < fillerBytes; written += chunk.length) {
                gzip.write(chunk, 0, (int) Math.min(chunk.length, fillerBytes - written));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Nested
    class CompressedSize {

        @Test
        void shouldReadGzipExactlyAtTheCompressedSizeLimit() {
            byte[] gzip = Fixtures.gzip(report());
            ReportReader reader = new ReportReader(DEFAULTS.withMaxCompressedBytes(gzip.length));

            List<ReadResult> results = reader.read(gzip);

            assertThat(results).singleElement().isInstanceOf(ReadResult.UsableReport.class);
        }

        @Test
        void shouldStopAZipOverTheCompressedSizeLimit() {
            byte[] zip = Fixtures.zip(Map.of("report.json", report()));
            ReportReader reader = new ReportReader(DEFAULTS.withMaxCompressedBytes(zip.length - 1));

            List<ReadResult> results = reader.read(zip);

            assertThat(problemsOfTheOnlyResult(results)).containsExactly(error("compressed-size-limit-exceeded", ""));
        }

        @Test
        void shouldNotApplyTheCompressedSizeLimitToRawJson() {
            ReportReader reader = new ReportReader(DEFAULTS.withMaxCompressedBytes(10));

            List<ReadResult> results = reader.read(report());

            assertThat(results).singleElement().isInstanceOf(ReadResult.UsableReport.class);
        }
    }

    @Nested
    class DecompressedSize {

        @Test
        void shouldReadRawJsonExactlyAtTheDecompressedSizeLimit() {
            ReportReader reader = new ReportReader(DEFAULTS.withMaxDecompressedBytes(report().length));

            List<ReadResult> results = reader.read(report());

            assertThat(results).singleElement().isInstanceOf(ReadResult.UsableReport.class);
        }

        @Test
        void shouldReadGzipWhoseJsonIsExactlyAtTheDecompressedSizeLimit() {
            ReportReader reader = new ReportReader(DEFAULTS.withMaxDecompressedBytes(report().length));

            List<ReadResult> results = reader.read(Fixtures.gzip(report()));

            assertThat(results).singleElement().isInstanceOf(ReadResult.UsableReport.class);
        }

        @Test
        void shouldStopGzipWhoseJsonIsOneByteOverTheDecompressedSizeLimit() {
            ReportReader reader = new ReportReader(DEFAULTS.withMaxDecompressedBytes(report().length - 1));

            List<ReadResult> results = reader.read(Fixtures.gzip(report()));

            assertThat(problemsOfTheOnlyResult(results)).containsExactly(error("decompressed-size-limit-exceeded", ""));
        }

        @Test
        void shouldStopAGzipBombAtTheDefaultDecompressedSizeLimit() {
            // 50 MiB of JSON white space after a report's first member: about 50 KiB compressed
            byte[] bomb = gzipBomb("{\"organization-name\": \"Example Sender Inc.\",", (byte) ' ', 50 * MIB);
            ReportReader reader = new ReportReader();

            List<ReadResult> results = reader.read(bomb);

            assertThat(bomb.length).isLessThan((int) MIB);
            assertThat(results).singleElement().isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(problemsOfTheOnlyResult(results)).containsExactly(error("decompressed-size-limit-exceeded", ""));
        }

        @Test
        void shouldRejectAGzipBombOfZerosByItsFirstBytesWithoutInflatingIt() {
            byte[] bomb = gzipBomb("", (byte) 0, 50 * MIB);
            ReportReader reader = new ReportReader();

            List<ReadResult> results = reader.read(bomb);

            assertThat(problemsOfTheOnlyResult(results)).containsExactly(error("not-utf8", ""));
        }

        @Test
        void shouldStopABombHiddenInASkippedZipEntry() {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("padding.bin", new byte[(int) (2 * MIB)]);
            entries.put("report.json", report());
            ReportReader reader = new ReportReader(DEFAULTS.withMaxDecompressedBytes(MIB));

            List<ReadResult> results = reader.read(Fixtures.zip(entries));

            assertThat(problemsOfTheOnlyResult(results)).containsExactly(error("decompressed-size-limit-exceeded", ""));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {".json", ".json.gz"})
        void shouldCountAllZipEntriesTogetherAgainstTheDecompressedSizeLimit(String suffix) {
            byte[] json = report();
            byte[] entry = suffix.endsWith(".gz") ? Fixtures.gzip(json) : json;
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("r1" + suffix, entry);
            entries.put("r2" + suffix, entry);
            entries.put("r3" + suffix, entry);
            ReportReader reader = new ReportReader(DEFAULTS.withMaxDecompressedBytes(json.length * 5L / 2));

            List<ReadResult> results = reader.read(Fixtures.zip(entries));

            assertThat(results)
                    .filteredOn(ReadResult.UsableReport.class::isInstance)
                    .hasSizeLessThan(3);
            assertThat(results)
                    .flatExtracting(result -> ExpectedProblem.of(result.problems()))
                    .contains(error("decompressed-size-limit-exceeded", ""));
        }
    }

    @Nested
    class NestingDepth {

        // the report itself nests 5 deep (policies, entry, policy, policy-string); the extra member 1 + n deep

        @Test
        void shouldReadJsonExactlyAtTheNestingDepthLimit() {
            byte[] payload = reportWithMember("x-deep", "[".repeat(9) + "]".repeat(9));
            ReportReader reader = new ReportReader(DEFAULTS.withMaxNestingDepth(10));

            List<ReadResult> results = reader.read(payload);

            assertThat(results).singleElement().isInstanceOf(ReadResult.UsableReport.class);
        }

        @Test
        void shouldStopJsonOneLevelOverTheNestingDepthLimit() {
            byte[] payload = reportWithMember("x-deep", "[".repeat(10) + "]".repeat(10));
            ReportReader reader = new ReportReader(DEFAULTS.withMaxNestingDepth(10));

            List<ReadResult> results = reader.read(payload);

            assertThat(problemsOfTheOnlyResult(results))
                    .containsExactly(info("unknown-member", "/x-deep"), error("nesting-depth-limit-exceeded", ""));
        }
    }

    @Nested
    class StringLength {

        // the longest string of the report is its report-id, 41 characters

        @Test
        void shouldReadAStringExactlyAtTheStringLengthLimit() {
            ReportReader reader = new ReportReader(DEFAULTS.withMaxStringLength(41));

            List<ReadResult> results = reader.read(report());

            assertThat(results).singleElement().isInstanceOf(ReadResult.UsableReport.class);
        }

        @Test
        void shouldStopALongStringInAnUnknownMember() {
            byte[] payload = reportWithMember("x-long", "\"" + "a".repeat(42) + "\"");
            ReportReader reader = new ReportReader(DEFAULTS.withMaxStringLength(41));

            List<ReadResult> results = reader.read(payload);

            assertThat(problemsOfTheOnlyResult(results))
                    .containsExactly(info("unknown-member", "/x-long"), error("string-length-limit-exceeded", ""));
        }
    }

    @Nested
    class NumberLength {

        @Test
        void shouldReadANumberExactlyAtTheNumberLengthLimit() {
            byte[] payload = reportWithMember("x-number", "12345");
            ReportReader reader = new ReportReader(DEFAULTS.withMaxNumberLength(5));

            List<ReadResult> results = reader.read(payload);

            assertThat(problemsOfTheOnlyResult(results)).containsExactly(info("unknown-member", "/x-number"));
            assertThat(((ReadResult.UsableReport) results.get(0))
                            .report()
                            .extensions()
                            .get("x-number")
                            .asLong())
                    .isEqualTo(12345L);
        }

        @Test
        void shouldStopANumberOneDigitOverTheNumberLengthLimit() {
            byte[] payload = reportWithMember("x-number", "123456");
            ReportReader reader = new ReportReader(DEFAULTS.withMaxNumberLength(5));

            List<ReadResult> results = reader.read(payload);

            assertThat(ExpectedProblem.of(results.get(0).problems()))
                    .contains(error("number-length-limit-exceeded", ""));
        }
    }

    @Nested
    class Construction {

        @Test
        void shouldRejectALimitThatIsNotPositive() {
            assertThatThrownBy(() -> DEFAULTS.withMaxZipEntries(0)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void shouldDefaultToTenMibCompressedAndTwentyMibDecompressed() {
            ReaderLimits defaults = new ReportReader().limits();

            assertThat(defaults.maxCompressedBytes()).isEqualTo(10 * MIB);
            assertThat(defaults.maxDecompressedBytes()).isEqualTo(20 * MIB);
            assertThat(defaults.maxNestingDepth()).isEqualTo(64);
            assertThat(defaults.maxZipEntries()).isEqualTo(100);
        }
    }
}
