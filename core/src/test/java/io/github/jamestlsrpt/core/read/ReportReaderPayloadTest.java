package io.github.jamestlsrpt.core.read;

import static io.github.jamestlsrpt.core.read.ExpectedProblem.error;
import static io.github.jamestlsrpt.core.read.ExpectedProblem.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jamestlsrpt.core.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Payload formats: raw JSON, gzip and zip recognised by their magic bytes, and the caller's stream. */
class ReportReaderPayloadTest {

    private static final ReportReader READER = new ReportReader();

    private static final String CLEAN = "rfc/sts-enforce-without-failures.json";
    private static final String OTHER = "rfc/tlsa-host-report.json";

    private static String reportId(ReadResult result) {
        assertThat(result).isInstanceOf(ReadResult.UsableReport.class);
        return ((ReadResult.UsableReport) result).report().reportId();
    }

    @Nested
    class Gzip {

        @Test
        void shouldReadGzipRecognisedByItsMagicBytesAlone() {
            byte[] payload = Fixtures.gzip(Fixtures.bytes(CLEAN));

            List<ReadResult> results = READER.read(new ByteArrayInputStream(payload));

            assertThat(results).singleElement().satisfies(result -> {
                assertThat(reportId(result)).isEqualTo("2024-05-01T00:00:00Z_receiver.example.net");
                assertThat(result.problems()).isEmpty();
                assertThat(result.entryName()).isNull();
            });
        }

        @Test
        void shouldReadAReportSplitOverTwoConcatenatedGzipMembers() {
            byte[] json = Fixtures.bytes(CLEAN);
            int half = json.length / 2;
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            payload.writeBytes(Fixtures.gzip(java.util.Arrays.copyOfRange(json, 0, half)));
            payload.writeBytes(Fixtures.gzip(java.util.Arrays.copyOfRange(json, half, json.length)));

            List<ReadResult> results = READER.read(payload.toByteArray());

            assertThat(results).singleElement().satisfies(result -> assertThat(reportId(result))
                    .isEqualTo("2024-05-01T00:00:00Z_receiver.example.net"));
        }

        @Test
        void shouldGiveTheSameReportForGzipAndRawJson() {
            byte[] json = Fixtures.bytes("rfc/several-policies-with-failures.json");

            ReadResult raw = READER.read(json).get(0);
            ReadResult gzipped = READER.read(Fixtures.gzip(json)).get(0);

            assertThat(((ReadResult.UsableReport) gzipped).report())
                    .isEqualTo(((ReadResult.UsableReport) raw).report());
        }
    }

    @Nested
    class Zip {

        @Test
        void shouldReadEveryJsonEntryOfAZipAsItsOwnReportNamedAfterTheEntry() {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("sender.example.com!receiver.example.net!1714521600!1714607999.json", Fixtures.bytes(CLEAN));
            entries.put("second/report.JSON", Fixtures.bytes(OTHER));

            List<ReadResult> results = READER.read(Fixtures.zip(entries));

            assertThat(results).hasSize(2);
            assertThat(results)
                    .extracting(ReadResult::entryName)
                    .containsExactly(
                            "sender.example.com!receiver.example.net!1714521600!1714607999.json", "second/report.JSON");
            assertThat(results)
                    .extracting(ReportReaderPayloadTest::reportId)
                    .containsExactly("2024-05-01T00:00:00Z_receiver.example.net", "tlsa-2024-05-01@sender.example.com");
        }

        @Test
        void shouldReadAGzippedJsonEntryOfAZip() {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("readme.txt", "see the report".getBytes(StandardCharsets.US_ASCII));
            entries.put("report.json.gz", Fixtures.gzip(Fixtures.bytes(OTHER)));

            List<ReadResult> results = READER.read(Fixtures.zip(entries));

            assertThat(results).singleElement().satisfies(result -> {
                assertThat(result.entryName()).isEqualTo("report.json.gz");
                assertThat(reportId(result)).isEqualTo("tlsa-2024-05-01@sender.example.com");
            });
        }

        @Test
        void shouldTellAZipWithoutJsonEntryIsNotAReportAndNameTheSkippedEntries() {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("report.xml", "<feedback/>".getBytes(StandardCharsets.US_ASCII));
            entries.put("report.json.txt", Fixtures.bytes(CLEAN));

            List<ReadResult> results = READER.read(Fixtures.zip(entries));

            assertThat(results).singleElement().isInstanceOf(ReadResult.NotAReport.class);
            assertThat(ExpectedProblem.of(results.get(0).problems()))
                    .containsExactly(
                            error("zip-without-report", ""),
                            info("zip-entry-skipped", ""),
                            info("zip-entry-skipped", ""));
        }

        @Test
        void shouldKeepTheReportsOfAZipThatHasExactlyTheEntryLimit() {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("a.json", Fixtures.bytes(CLEAN));
            entries.put("b.json", Fixtures.bytes(OTHER));
            ReportReader reader = new ReportReader(ReaderLimits.defaults().withMaxZipEntries(2));

            List<ReadResult> results = reader.read(Fixtures.zip(entries));

            assertThat(results).hasSize(2).allMatch(result -> result instanceof ReadResult.UsableReport);
        }

        @Test
        void shouldKeepTheReportsBeforeTheEntryLimitAndReportTheLimit() {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("a.json", Fixtures.bytes(CLEAN));
            entries.put("b.json", Fixtures.bytes(OTHER));
            entries.put("c.json", Fixtures.bytes(OTHER));
            ReportReader reader = new ReportReader(ReaderLimits.defaults().withMaxZipEntries(2));

            List<ReadResult> results = reader.read(Fixtures.zip(entries));

            assertThat(results).hasSize(3);
            assertThat(results.subList(0, 2)).extracting(ReadResult::entryName).containsExactly("a.json", "b.json");
            assertThat(results.get(2)).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(ExpectedProblem.of(results.get(2).problems()))
                    .containsExactly(error("zip-entry-count-limit-exceeded", ""));
        }

        @Test
        void shouldReportABrokenEntryWithoutLosingTheOthers() {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("a.json", Fixtures.bytes("invalid/duplicate-member.json"));
            entries.put("b.json", Fixtures.bytes(OTHER));

            List<ReadResult> results = READER.read(Fixtures.zip(entries));

            assertThat(results).hasSize(2);
            assertThat(results.get(0)).isInstanceOf(ReadResult.BrokenReport.class);
            assertThat(results.get(0).entryName()).isEqualTo("a.json");
            assertThat(reportId(results.get(1))).isEqualTo("tlsa-2024-05-01@sender.example.com");
        }
    }

    @Nested
    class CallersStream {

        @Test
        void shouldPassOnAFailureOfTheCallersStream() {
            InputStream failing = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("connection reset");
                }
            };

            assertThatThrownBy(() -> READER.read(failing))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasRootCauseMessage("connection reset");
        }

        @Test
        void shouldLeaveTheCallersStreamOpen() {
            boolean[] closed = {false};
            InputStream payload = new ByteArrayInputStream(Fixtures.bytes(CLEAN)) {
                @Override
                public void close() {
                    closed[0] = true;
                }
            };

            List<ReadResult> results = READER.read(payload);

            assertThat(results).singleElement().isInstanceOf(ReadResult.UsableReport.class);
            assertThat(closed[0]).isFalse();
        }
    }
}
