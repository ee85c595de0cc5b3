package io.github.jamestlsrpt.core.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.jamestlsrpt.core.digest.DigestReport;
import io.github.jamestlsrpt.core.digest.StoredDocumentReader;
import io.github.jamestlsrpt.core.document.DeduplicationKey;
import io.github.jamestlsrpt.core.document.Figures;
import io.github.jamestlsrpt.core.document.Provenance;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.document.StoredReportJson;
import io.github.jamestlsrpt.core.explain.SafeText;
import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.problem.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the reader promises about every result, whatever the bytes: the declared outcomes only, problems with a code,
 * a valid RFC 6901 pointer and a message, and for a usable report a stored document that is strict JSON and reads
 * back to the same report. Shared by the fuzz tests and the hostile suite.
 */
final class ReadResultPromises {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Reads a stored document's report back with the default limits, as the command-line tool would. */
    private static final ReportReader READ_BACK = new ReportReader();

    private ReadResultPromises() {}

    /** Checks every promise about what {@link ReportReader#read} returned for these bytes. */
    static void check(byte[] payload, List<ReadResult> results) {
        assertThat(results).as("results").isNotNull().isNotEmpty().doesNotContainNull();
        boolean zip =
                payload.length >= 4 && payload[0] == 'P' && payload[1] == 'K' && payload[2] == 3 && payload[3] == 4;
        for (ReadResult result : results) {
            check(result);
            if (!zip) {
                assertThat(result.entryName())
                        .as("entry name of a payload that is not a zip")
                        .isNull();
            }
        }
    }

    /** Checks the promises about one result. */
    static void check(ReadResult result) {
        checkProblems(result.problems());
        boolean hasError = result.problems().stream().anyMatch(Problem::isError);
        if (result instanceof ReadResult.UsableReport usable) {
            assertThat(hasError).as("an error in a usable report").isFalse();
            checkRoundTrip(usable);
        } else if (result instanceof ReadResult.BrokenReport) {
            assertThat(hasError).as("a broken report without an error").isTrue();
        } else {
            assertThat(result.problems())
                    .as("a payload that is not a report says why")
                    .isNotEmpty();
        }
    }

    /**
     * RFC 6901 section 3: "" or a sequence of "/" reference-token, "~" only as "~0" or "~1". Checked by a loop: a
     * regular expression with a repeated alternation recurses per character and overflows the stack on a long
     * pointer (a fuzzing run found one: the pointer of a member with a name of thousands of characters).
     */
    static boolean isJsonPointer(String pointer) {
        if (pointer == null || (!pointer.isEmpty() && pointer.charAt(0) != '/')) {
            return false;
        }
        for (int i = 0; i < pointer.length(); i++) {
            if (pointer.charAt(i) == '~') {
                char next = i + 1 < pointer.length() ? pointer.charAt(i + 1) : ' ';
                if (next != '0' && next != '1') {
                    return false;
                }
            }
        }
        return true;
    }

    static void checkProblems(List<Problem> problems) {
        assertThat(problems).as("problems").isNotNull().doesNotContainNull();
        for (Problem problem : problems) {
            assertThat(problem.code()).isNotNull();
            assertThat(problem.severity()).isNotNull();
            assertThat(isJsonPointer(problem.pointer()))
                    .as("pointer of %s", problem)
                    .isTrue();
            assertThat(problem.message())
                    .as("message of %s, for one log line", problem)
                    .isNotBlank()
                    .doesNotContain("\r", "\n");
        }
    }

    /**
     * The stored document is strict JSON (no repeated member), its report member reads back as a usable report with
     * the same deduplication key and figures, and the digest's reader finds the same report-id (as shown) and period in it.
     */
    private static void checkRoundTrip(ReadResult.UsableReport usable) {
        StoredReport document = StoredReport.of(usable, Provenance.UNKNOWN);
        byte[] bytes = StoredReportJson.toBytes(document);
        try {
            JsonNode tree = STRICT.readTree(bytes);
            byte[] report = STRICT.writeValueAsBytes(tree.get("report"));

            List<ReadResult> again = READ_BACK.read(report);

            assertThat(again)
                    .as("the stored report read back")
                    .singleElement()
                    .isInstanceOf(ReadResult.UsableReport.class);
            ReadResult.UsableReport reread = (ReadResult.UsableReport) again.get(0);
            assertThat(DeduplicationKey.of(reread.report()))
                    .as("deduplication key read back")
                    .isEqualTo(document.deduplicationKey());
            assertThat(Figures.of(reread.report())).as("figures read back").isEqualTo(document.figures());
            Optional<DigestReport> digest = StoredDocumentReader.read(new ByteArrayInputStream(bytes), Instant.EPOCH);
            assertThat(digest).as("the digest's view of the stored document").isPresent();
            DeduplicationKey key = document.deduplicationKey();
            assertThat(digest.get())
                    .extracting(DigestReport::reportId, DigestReport::start, DigestReport::end)
                    // the digest keeps the report-id as it is shown: control characters made visible, cut at 253
                    .containsExactly(SafeText.of(key.reportId(), 253), key.start(), key.end());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(document.hasProblemsOf(Severity.ERROR)).isFalse();
    }
}
