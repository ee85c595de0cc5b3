package io.github.jamestlsrpt.message;

import static io.github.jamestlsrpt.message.TestMessages.attachment;
import static io.github.jamestlsrpt.message.TestMessages.entity;
import static io.github.jamestlsrpt.message.TestMessages.forwarding;
import static io.github.jamestlsrpt.message.TestMessages.googleMail;
import static io.github.jamestlsrpt.message.TestReports.googleReport;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReaderLimits;
import io.github.jamestlsrpt.core.read.ReportReader;
import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of {@link ReportMessageReader} over a whole message with Jazzer: any bytes give a reading
 * (never an exception), whose parts hold only usable or broken reports, numbered as IMAP numbers parts, with
 * problems that have a code and a valid RFC 6901 pointer.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs once per seed (the sender shapes of {@link TestMessages} and the message
 * fixtures), plus every finding kept under {@code ReportMessageReaderJazzerTestInputs}.
 */
class ReportMessageReaderJazzerTest {

    private static final Pattern PART_PATH = Pattern.compile("|[1-9][0-9]*(\\.[1-9][0-9]*)*");

    private static final ReportMessageReader READER = new ReportMessageReader(new ReportReader(ReaderLimits.defaults()
                    .withMaxDecompressedBytes(ReaderLimits.MIB)
                    .withMaxZipEntries(8)))
            .keepingOriginals();

    static Stream<Arguments> read() {
        return Stream.of(
                        TestMessages.googleLike(googleReport()),
                        TestMessages.microsoftLike(googleReport()),
                        TestMessages.mailRuLike(googleReport()),
                        forwarding(googleMail(
                                        entity("application/tlsrpt+json").quotedPrintable(googleReport()),
                                        attachment(
                                                "application/zip",
                                                "r.zip",
                                                TestMessages.zip(Map.of("a.json", googleReport(), "b.json.gz", "x")))))
                                .bytes(),
                        TestMessages.resource("synthetic-application-tlsrpt.eml"),
                        TestMessages.resource("bounce-delivery-status.eml"),
                        TestMessages.resource("dmarc-aggregate-gzip.eml"),
                        TestMessages.resource("cron.eml"))
                .map(seed -> Arguments.of((Object) seed));
    }

    @MethodSource
    @FuzzTest(maxDuration = "60s")
    void read(byte[] message) {
        MessageReading reading = READER.read(new ByteArrayInputStream(message));

        assertThat(reading).isNotNull();
        assertThat(reading.holdsReports()).isEqualTo(!reading.parts().isEmpty());
        for (ReportPart part : reading.parts()) {
            assertThat(part.path()).as("part path").matches(PART_PATH);
            assertThat(part.contentType()).isEqualTo(part.contentType().toLowerCase(Locale.ROOT));
            assertThat(part.verdict()).isNotNull();
            assertThat(part.original()).as("original bytes kept").isNotNull();
            assertThat(part.results()).isNotEmpty().doesNotContainNull();
            for (ReadResult result : part.results()) {
                assertThat(result).isNotInstanceOf(ReadResult.NotAReport.class);
                checkProblems(result);
            }
        }
    }

    private static void checkProblems(ReadResult result) {
        boolean hasError = false;
        for (Problem problem : result.problems()) {
            assertThat(isJsonPointer(problem.pointer()))
                    .as("pointer of %s", problem)
                    .isTrue();
            assertThat(problem.message()).isNotBlank();
            hasError |= problem.isError();
        }
        assertThat(hasError).as("errors of %s", result).isEqualTo(result instanceof ReadResult.BrokenReport);
    }

    /**
     * RFC 6901 section 3: "" or "/" reference-tokens, "~" only as "~0" or "~1". A loop, not a regular expression: a
     * repeated alternation recurses per character and overflows the stack on a long pointer.
     */
    private static boolean isJsonPointer(String pointer) {
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
}
