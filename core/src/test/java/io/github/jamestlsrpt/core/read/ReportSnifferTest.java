package io.github.jamestlsrpt.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jamestlsrpt.core.Fixtures;
import io.github.jamestlsrpt.core.read.ReportSniffer.Sniff;
import io.github.jamestlsrpt.core.read.ReportSniffer.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReportSnifferTest {

    private static final String CLEAN = "rfc/sts-enforce-without-failures.json";

    private static final String DMARC_AGGREGATE =
            """
            <?xml version="1.0" encoding="UTF-8" ?>
            <feedback>
              <report_metadata>
                <org_name>google.com</org_name>
                <report_id>1234567890</report_id>
                <date_range><begin>1699920000</begin><end>1700006399</end></date_range>
              </report_metadata>
              <policy_published><domain>example.com</domain><p>reject</p></policy_published>
            </feedback>
            """;

    private static final String ORDINARY_JSON =
            """
            {"name": "left-pad", "version": "1.3.0", "main": "index.js", "license": "WTFPL"}
            """;

    private static Sniff sniff(byte[] payload) {
        return ReportSniffer.sniff(new ByteArrayInputStream(payload));
    }

    private static Sniff sniff(byte[] payload, int budget) {
        return ReportSniffer.sniff(new ByteArrayInputStream(payload), budget);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] zip(String name, byte[] content) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(name, content);
        return Fixtures.zip(entries);
    }

    /** A report whose first top-level member comes after a filler member of the given size. */
    private static byte[] reportAfterFiller(int fillerLength) {
        String report = new String(Fixtures.bytes(CLEAN), StandardCharsets.UTF_8);
        return utf8("{\"x-filler\": \"" + "a".repeat(fillerLength) + "\"," + report.substring(report.indexOf('{') + 1));
    }

    static Stream<String> usableFixtures() {
        return Stream.concat(
                Fixtures.names(Fixtures.RFC).stream(), Fixtures.names(Fixtures.REAL_WORLD_SHAPES).stream());
    }

    @Nested
    class Reports {

        @ParameterizedTest
        @MethodSource("io.github.jamestlsrpt.core.read.ReportSnifferTest#usableFixtures")
        void shouldFindEveryUsableFixtureRawGzippedAndZipped(String fixture) {
            byte[] json = Fixtures.bytes(fixture);

            assertThat(sniff(json).verdict()).as("raw").isEqualTo(Verdict.LIKELY_REPORT);
            assertThat(sniff(Fixtures.gzip(json)).verdict()).as("gzip").isEqualTo(Verdict.LIKELY_REPORT);
            assertThat(sniff(zip("report.json", json)).verdict()).as("zip").isEqualTo(Verdict.LIKELY_REPORT);
            assertThat(sniff(zip("report.json.gz", Fixtures.gzip(json))).verdict())
                    .as("zip of gzip")
                    .isEqualTo(Verdict.LIKELY_REPORT);
        }

        @ParameterizedTest
        @MethodSource("io.github.jamestlsrpt.core.Fixtures#all")
        void shouldNeverCallLikelyWhatTheReaderCallsNotAReportNorMissWhatItCallsUsable(String fixture) {
            byte[] payload = Fixtures.bytes(fixture);
            ReadResult read = new ReportReader().read(payload).get(0);

            Sniff sniffed = sniff(payload);

            if (read instanceof ReadResult.NotAReport) {
                assertThat(sniffed.verdict()).isEqualTo(Verdict.NOT_A_REPORT);
            }
            if (read instanceof ReadResult.UsableReport) {
                assertThat(sniffed.verdict()).isEqualTo(Verdict.LIKELY_REPORT);
            }
        }

        @Test
        void shouldSkipAUtf8ByteOrderMarkAndWhiteSpaceBeforeTheObject() {
            byte[] json = Fixtures.bytes(CLEAN);
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            payload.writeBytes(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
            payload.writeBytes(utf8(" \r\n\t "));
            payload.writeBytes(json);

            Sniff sniffed = sniff(payload.toByteArray());

            assertThat(sniffed.verdict()).isEqualTo(Verdict.LIKELY_REPORT);
            assertThat(sniffed.reason()).contains("\"organization-name\"");
        }

        @Test
        void shouldRecogniseAReportFromAnyOfItsTopLevelMembers() {
            assertThat(sniff(utf8("{\"policies\": []")).verdict()).isEqualTo(Verdict.LIKELY_REPORT);
            assertThat(sniff(utf8("{\"x\": {\"a\": [1, 2]}, \"report-id\": \"r\"}"))
                            .reason())
                    .contains("\"report-id\"");
        }

        @Test
        void shouldFindAReportInTheSecondEntryAfterAnEntryThatIsNotJson() {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("README.txt", utf8("the report is in the other file"));
            entries.put("dir/", new byte[0]);
            entries.put("google.com!example.com!1699920000!1700006399.json", Fixtures.bytes(CLEAN));

            assertThat(sniff(Fixtures.zip(entries)).verdict()).isEqualTo(Verdict.LIKELY_REPORT);
        }

        @Test
        void shouldJudgeTheHeadOfAGzipLongerThanTheBudget() {
            byte[] big = reportAfterFiller(0);
            byte[] random = new byte[200_000];
            new Random(1).nextBytes(random);
            // the report's head, then incompressible bytes: the input budget ends inside the gzip data
            byte[] gzip = Fixtures.gzip(concat(big, random));

            Sniff sniffed = sniff(gzip, 4096);

            assertThat(sniffed.verdict()).isEqualTo(Verdict.LIKELY_REPORT);
        }

        @Test
        void shouldGiveUpWhenTheFirstMemberLiesBeyondTheBudgetAndFindItWithALargerOne() {
            byte[] payload = reportAfterFiller(100_000);

            Sniff small = sniff(payload);
            Sniff large = sniff(payload, 1024 * 1024);

            assertThat(small.verdict()).isEqualTo(Verdict.NOT_A_REPORT);
            assertThat(small.reason()).contains("first 65536 bytes");
            assertThat(large.verdict()).isEqualTo(Verdict.LIKELY_REPORT);
        }
    }

    @Nested
    class NotReports {

        @Test
        void shouldTellADmarcAggregateReportFromATlsReportRawGzippedAndZipped() {
            byte[] xml = utf8(DMARC_AGGREGATE);

            assertThat(sniff(xml).reason()).contains("XML or HTML");
            assertThat(sniff(Fixtures.gzip(xml)).verdict()).isEqualTo(Verdict.NOT_A_REPORT);
            assertThat(sniff(zip("google.com!example.com!1699920000!1700006399.xml", xml)))
                    .isEqualTo(new Sniff(Verdict.NOT_A_REPORT, "the zip archive holds no .json or .json.gz entry"));
        }

        @Test
        void shouldNotBeFooledByAJsonNamedZipEntryHoldingXml() {
            Sniff sniffed = sniff(zip("report.json", utf8(DMARC_AGGREGATE)));

            assertThat(sniffed.verdict()).isEqualTo(Verdict.NOT_A_REPORT);
            assertThat(sniffed.reason()).contains("\"report.json\"").contains("XML or HTML");
        }

        @Test
        void shouldNotCallAGzippedWebPageAReport() {
            byte[] html = utf8("<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>");

            Sniff sniffed = sniff(Fixtures.gzip(html));

            assertThat(sniffed.verdict()).isEqualTo(Verdict.NOT_A_REPORT);
            assertThat(sniffed.reason()).startsWith("gzip: ");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "   \r\n",
                    "%PDF-1.7\n%âãÏÓ",
                    "Subject: cron\n\nbackup done",
                    "[{\"organization-name\": \"x\"}]",
                    "{\"feedback\": {\"report-id\": \"nested, not top-level\"}}",
                    "{\"name\": \"left-pad\"",
                    "{not json at all",
                    "\"organization-name\""
                })
        void shouldNotCallTextOrOtherJsonAReport(String payload) {
            assertThat(sniff(utf8(payload)).verdict()).isEqualTo(Verdict.NOT_A_REPORT);
        }

        @Test
        void shouldNotCallOrdinaryJsonAReport() {
            assertThat(sniff(utf8(ORDINARY_JSON)))
                    .isEqualTo(new Sniff(Verdict.NOT_A_REPORT, "a JSON object without any RFC 8460 report member"));
        }

        @Test
        void shouldNotCallUtf16JsonAReport() {
            byte[] utf16 = new String(Fixtures.bytes(CLEAN), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);

            assertThat(sniff(utf16).verdict()).isEqualTo(Verdict.NOT_A_REPORT);
        }
    }

    @Nested
    class DamagedData {

        @Test
        void shouldCallATruncatedGzipUnreadable() {
            byte[] gzip = Fixtures.gzip(Fixtures.bytes(CLEAN));
            byte[] truncated = Arrays.copyOf(gzip, gzip.length / 2);

            assertThat(sniff(truncated)).isEqualTo(new Sniff(Verdict.UNREADABLE, "the gzip data is truncated"));
        }

        @Test
        void shouldCallACorruptGzipUnreadable() {
            byte[] corrupt = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4};

            Sniff sniffed = sniff(corrupt);

            assertThat(sniffed.verdict()).isEqualTo(Verdict.UNREADABLE);
            assertThat(sniffed.reason()).startsWith("the gzip data is corrupt");
        }

        @Test
        void shouldCallATruncatedZipUnreadable() {
            byte[] zip = zip("report.json", Fixtures.bytes("rfc/several-policies-with-failures.json"));
            byte[] truncated = Arrays.copyOf(zip, 60);

            Sniff sniffed = sniff(truncated);

            assertThat(sniffed.verdict()).isEqualTo(Verdict.UNREADABLE);
            assertThat(sniffed.reason()).startsWith("the zip archive is corrupt");
        }

        @Test
        void shouldCallATruncatedGzipEntryOfAZipUnreadable() {
            byte[] gzip = Fixtures.gzip(Fixtures.bytes(CLEAN));
            byte[] zip = zip("report.json.gz", Arrays.copyOf(gzip, gzip.length / 2));

            assertThat(sniff(zip))
                    .isEqualTo(
                            new Sniff(Verdict.UNREADABLE, "zip entry \"report.json.gz\": the gzip data is truncated"));
        }

        @Test
        void shouldNeverThrowOnRandomOrMutatedPayloads() {
            Random random = new Random(8460);
            List<byte[]> seeds = List.of(
                    Fixtures.bytes(CLEAN),
                    Fixtures.gzip(Fixtures.bytes(CLEAN)),
                    zip("a.json", Fixtures.bytes(CLEAN)),
                    zip("a.json.gz", Fixtures.gzip(Fixtures.bytes(CLEAN))));
            for (int i = 0; i < 2_000; i++) {
                byte[] payload = seeds.get(i % seeds.size()).clone();
                int flips = 1 + random.nextInt(8);
                for (int f = 0; f < flips; f++) {
                    payload[random.nextInt(payload.length)] = (byte) random.nextInt(256);
                }
                if (random.nextBoolean()) {
                    payload = Arrays.copyOf(payload, random.nextInt(payload.length + 1));
                }
                if (i % 5 == 0) {
                    // a magic number, then noise: the decoders' own parsing of hostile headers
                    byte[] noise = new byte[random.nextInt(2048)];
                    random.nextBytes(noise);
                    byte[] magic = i % 10 == 0 ? new byte[] {'P', 'K', 3, 4} : new byte[] {0x1f, (byte) 0x8b, 8};
                    payload = concat(magic, noise);
                }
                byte[] mutated = payload;
                int budget = 1 + random.nextInt(4096);

                assertThatCode(() -> ReportSniffer.sniff(new ByteArrayInputStream(mutated), budget))
                        .doesNotThrowAnyException();
            }
        }
    }

    @Nested
    class Bounds {

        @Test
        void shouldReadAtMostTheBudgetOfAHugeRawPayload() {
            byte[] huge = new byte[8 * 1024 * 1024];
            Arrays.fill(huge, (byte) ' ');
            CountingStream counting = new CountingStream(new ByteArrayInputStream(huge));

            Sniff sniffed = ReportSniffer.sniff(counting, 65536);

            assertThat(sniffed.verdict()).isEqualTo(Verdict.NOT_A_REPORT);
            assertThat(counting.count).isLessThanOrEqualTo(65536);
            assertThat(counting.closed).isFalse();
        }

        @Test
        void shouldReadAtMostTheBudgetOfAHugeIncompressibleGzip() {
            byte[] random = new byte[4 * 1024 * 1024];
            new Random(2).nextBytes(random);
            CountingStream counting = new CountingStream(new ByteArrayInputStream(Fixtures.gzip(random)));

            Sniff sniffed = ReportSniffer.sniff(counting, 4096);

            assertThat(sniffed.verdict()).isEqualTo(Verdict.NOT_A_REPORT);
            assertThat(counting.count).isLessThanOrEqualTo(4096);
        }

        @Test
        void shouldInflateAtMostTheBudgetOfAGzipBomb() {
            // 64 MiB of white space compress to some 64 KiB; the sniffer sees only its first 64 KiB inflated
            byte[] bomb = gzipOfSpaces(64 * 1024 * 1024);

            Sniff sniffed = sniff(bomb);

            assertThat(sniffed)
                    .isEqualTo(new Sniff(Verdict.NOT_A_REPORT, "gzip: only white space in the first 65536 bytes"));
        }

        @Test
        void shouldStopInflatingAZipWhoseFirstEntryIsABomb() {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("padding.bin", new byte[32 * 1024 * 1024]);
            entries.put("report.json", Fixtures.bytes(CLEAN));
            byte[] zip = Fixtures.zip(entries);
            CountingStream counting = new CountingStream(new ByteArrayInputStream(zip));

            Sniff sniffed = ReportSniffer.sniff(counting, 65536);

            assertThat(sniffed.verdict()).isEqualTo(Verdict.NOT_A_REPORT);
            assertThat(sniffed.reason()).startsWith("no report in the first 65536");
            assertThat(counting.count).isLessThanOrEqualTo(65536);
        }

        @Test
        void shouldRejectABudgetThatIsNotPositive() {
            assertThatThrownBy(() -> ReportSniffer.sniff(new ByteArrayInputStream(new byte[0]), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("budget");
        }

        @Test
        void shouldPassOnAFailureOfTheCallersStreamWithItsCause() {
            IOException failure = new IOException("disk gone");
            InputStream failing = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw failure;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    throw failure;
                }
            };

            assertThatThrownBy(() -> ReportSniffer.sniff(failing))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCause(failure);
        }

        @Test
        void shouldPassOnAFailureOfTheCallersStreamInsideGzipData() {
            byte[] gzip = Fixtures.gzip(Fixtures.bytes(CLEAN));
            IOException failure = new IOException("connection reset");
            InputStream failing = new FilterInputStream(new ByteArrayInputStream(gzip, 0, 20)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n < 0) {
                        throw failure;
                    }
                    return n;
                }
            };

            assertThatThrownBy(() -> ReportSniffer.sniff(failing))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCause(failure);
        }
    }

    private static byte[] gzipOfSpaces(int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            byte[] chunk = new byte[1024 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            for (int written = 0; written < length; written += chunk.length) {
                gzip.write(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    /** Counts the bytes the sniffer takes from the caller's stream. */
    private static final class CountingStream extends FilterInputStream {
        long count;
        boolean closed;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
