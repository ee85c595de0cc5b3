package io.github.jamestlsrpt.core.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of {@link ReportSniffer}, the peek of the {@code IsTlsReport} matcher, with Jazzer: a
 * verdict for any bytes (never an exception), a reason fit for one log line, never more read than the budget, and
 * never a miss of a raw report the reader calls usable within the budget.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs once per seed (the reader's seeds, see {@link ReportReaderJazzerTest}),
 * plus every finding kept under {@code ReportSnifferJazzerTestInputs}.
 */
class ReportSnifferJazzerTest {

    /** Small, so that fuzzed inputs run past it; the matcher's default is 64 KiB. */
    private static final int BUDGET = 4096;

    private static final ReportReader READER = new ReportReader(ReportReaderJazzerTest.LIMITS);

    static Stream<Arguments> sniff() {
        return ReportReaderJazzerTest.seeds().stream().map(seed -> Arguments.of((Object) seed));
    }

    @MethodSource
    @FuzzTest(maxDuration = "60s")
    void sniff(byte[] payload) {
        ByteArrayInputStream stream = new ByteArrayInputStream(payload);

        ReportSniffer.Sniff sniff = ReportSniffer.sniff(stream, BUDGET);

        assertThat(sniff).isNotNull();
        assertThat(sniff.verdict()).isNotNull();
        assertThat(sniff.reason()).as("a reason for one log line").isNotBlank().doesNotContain("\r", "\n");
        assertThat(payload.length - stream.available()).as("bytes read").isLessThanOrEqualTo(BUDGET);
        if (payload.length <= BUDGET && isRaw(payload)) {
            List<ReadResult> results = READER.read(payload);
            if (results.get(0) instanceof ReadResult.UsableReport) {
                assertThat(sniff.verdict()).as("a usable raw report").isEqualTo(ReportSniffer.Verdict.LIKELY_REPORT);
            }
        }
    }

    private static boolean isRaw(byte[] payload) {
        boolean gzip = payload.length >= 2 && (payload[0] & 0xff) == 0x1f && (payload[1] & 0xff) == 0x8b;
        boolean zip =
                payload.length >= 4 && payload[0] == 'P' && payload[1] == 'K' && payload[2] == 3 && payload[3] == 4;
        return !gzip && !zip;
    }
}
