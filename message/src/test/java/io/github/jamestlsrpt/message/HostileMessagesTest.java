package io.github.jamestlsrpt.message;

import static io.github.jamestlsrpt.message.Bounded.MIB;
import static io.github.jamestlsrpt.message.TestMessages.attachment;
import static io.github.jamestlsrpt.message.TestMessages.entity;
import static io.github.jamestlsrpt.message.TestMessages.googleMail;
import static io.github.jamestlsrpt.message.TestMessages.gzip;
import static io.github.jamestlsrpt.message.TestReports.googleReport;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReportReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hostile suite of the message reader (RFC 8460 section 7): messages built to exhaust a MIME parser. Each case
 * states its outcome and runs under a time bound and a bound on the bytes the reading thread allocates
 * ({@link Bounded}): safety nets, not performance figures. docs/SECURITY.md lists the whole suite; the hostile report
 * payloads themselves are in the core module's HostilePayloadsTest.
 */
class HostileMessagesTest {

    private static final Duration TIME = Duration.ofSeconds(60);

    /** An empty body part: a boundary line and the blank line that ends its header. */
    private static final String EMPTY_PART = "--b\r\n\r\n";

    private final ReportMessageReader reader = new ReportMessageReader(new ReportReader());

    private MessageReading read(long maxAllocatedBytes, byte[] message) {
        return Bounded.within(TIME, maxAllocatedBytes, () -> reader.read(new ByteArrayInputStream(message)));
    }

    private static ReportPart theOnlyUsableReport(MessageReading reading) {
        assertThat(reading.parts()).hasSize(1);
        ReportPart part = reading.parts().get(0);
        assertThat(part.results()).singleElement().isInstanceOf(ReadResult.UsableReport.class);
        return part;
    }

    @Test
    void shouldNotReadAReportAfterTenThousandAttachments() {
        StringBuilder mail = new StringBuilder("MIME-Version: 1.0\r\nSubject: many parts\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
        for (int i = 0; i < 10_000; i++) {
            mail.append("--b\r\nContent-Type: text/plain; name=\"part")
                    .append(i)
                    .append(".txt\"\r\n\r\nattachment ")
                    .append(i)
                    .append("\r\n");
        }
        mail.append("--b\r\nContent-Type: application/tlsrpt+json\r\n\r\n")
                .append(googleReport())
                .append("\r\n--b--\r\n");

        MessageReading reading = read(128 * MIB, mail.toString().getBytes(StandardCharsets.US_ASCII));

        // part 10001 is past the last part read (the message, then parts 1 to 9999). Such a mail never reached the
        // reader in James: the IsTlsReport matcher looks at 1000 parts and does not match it (IsTlsReportTest's
        // shouldStopReadingAMessageOfTenThousandParts)
        assertThat(reading.parts()).isEmpty();
        assertThat(reading.subject()).isEqualTo("many parts");
    }

    @Test
    void shouldFindTheReportBeforeAMillionEmptyPartsAndReadNoneOfThem() {
        StringBuilder mail =
                new StringBuilder("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                        + "--b\r\nContent-Type: application/tlsrpt+json\r\n\r\n");
        mail.append(googleReport()).append("\r\n");
        // 7 bytes a part: a 7 MB message of a million parts
        mail.append(EMPTY_PART.repeat(1_000_000)).append("--b--\r\n");

        // some 22 MiB allocated for the ten thousand parts read; without a bound on the parts read, over 2 GiB for a
        // tree of a million parts
        MessageReading reading = read(64 * MIB, mail.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(theOnlyUsableReport(reading).path()).isEqualTo("1");
        assertThat(reading.cutShort()).isTrue();
    }

    @ParameterizedTest(name = "after {0} empty parts: found {1}")
    @CsvSource({"9998, true", "9999, false"})
    void shouldReadAReportInTheLastPartReadAndNoneInTheNext(int emptyParts, boolean found) {
        // the message is the first part read, then its body parts: the report is part emptyParts + 2
        assertThat(emptyParts + 2 <= ReportPartRules.MAX_PARTS_READ).isEqualTo(found);
        String mail = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + EMPTY_PART.repeat(emptyParts)
                + "--b\r\nContent-Type: application/tlsrpt+json\r\n\r\n" + googleReport() + "\r\n--b--\r\n";

        MessageReading reading = read(64 * MIB, mail.getBytes(StandardCharsets.US_ASCII));

        if (found) {
            assertThat(theOnlyUsableReport(reading).path()).isEqualTo("9999");
        } else {
            assertThat(reading.parts()).isEmpty();
        }
        assertThat(reading.cutShort()).as("stopped at the last part read").isEqualTo(!found);
    }

    @ParameterizedTest(name = "after {0} empty parts: found {1}")
    @CsvSource({"9997, true", "9998, false"})
    void shouldReadAForwardedReportOnlyWhenItsMessageBeginsWithinThePartsRead(int emptyParts, boolean found) {
        // the message/rfc822 part and the message it holds are two parts read: emptyParts + 2 and emptyParts + 3
        assertThat(emptyParts + 3 <= ReportPartRules.MAX_PARTS_READ).isEqualTo(found);
        String mail = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + EMPTY_PART.repeat(emptyParts)
                + "--b\r\nContent-Type: message/rfc822\r\n\r\n"
                + "Content-Type: application/tlsrpt+json\r\n\r\n" + googleReport() + "\r\n--b--\r\n";

        MessageReading reading = read(64 * MIB, mail.getBytes(StandardCharsets.US_ASCII));

        if (found) {
            // an attached message keeps the path of the part that holds it
            assertThat(theOnlyUsableReport(reading).path()).isEqualTo(String.valueOf(emptyParts + 1));
        } else {
            assertThat(reading.parts()).isEmpty();
        }
        assertThat(reading.cutShort()).as("stopped at the last part read").isEqualTo(!found);
    }

    @ParameterizedTest(name = "after {0} empty parts: declared {1}")
    @CsvSource({"9997, true", "9998, false"})
    void shouldDecideWhetherTheMessageDeclaresATlsReportFromThePartsReadOnly(int emptyParts, boolean declared) {
        // part 1 is a report only in a message that declares one, which the message's last part does: a
        // multipart/report;report-type=tlsrpt (its header declares it) holding a text part. Parts in order: the
        // message, part 1, the empty parts, then the multipart/report
        assertThat(emptyParts + 3 <= ReportPartRules.MAX_PARTS_READ).isEqualTo(declared);
        String mail = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: application/json\r\n"
                + "Content-Disposition: attachment; filename=\"report.json\"\r\n\r\nnot a report\r\n"
                + EMPTY_PART.repeat(emptyParts)
                + "--b\r\nContent-Type: multipart/report; report-type=tlsrpt; boundary=\"r\"\r\n\r\n"
                + "--r\r\nContent-Type: text/plain\r\n\r\nhuman text\r\n--r--\r\n--b--\r\n";

        MessageReading reading = read(64 * MIB, mail.getBytes(StandardCharsets.US_ASCII));

        assertThat(reading.declaresTlsReport()).isEqualTo(declared);
        if (declared) {
            // labelled as a report by its name in a declared message, its bytes no report: a broken report
            assertThat(reading.parts()).singleElement().satisfies(part -> {
                assertThat(part.path()).isEqualTo("1");
                assertThat(part.results()).singleElement().isInstanceOf(ReadResult.BrokenReport.class);
            });
        } else {
            assertThat(reading.parts()).isEmpty();
        }
    }

    @Test
    void shouldFindAReportInMultipartsNestedToTheDeepestLevelRead() {
        int depth = ReportPartRules.MAX_DEPTH;
        byte[] mail = nestedMultiparts(depth);

        MessageReading reading = read(16 * MIB, mail);

        assertThat(theOnlyUsableReport(reading).path()).isEqualTo(String.join(".", Collections.nCopies(depth, "1")));
    }

    @Test
    void shouldNotReadAReportInMultipartsNestedOneLevelDeeperThanTheDeepestLevelRead() {
        byte[] mail = nestedMultiparts(ReportPartRules.MAX_DEPTH + 1);

        MessageReading reading = read(16 * MIB, mail);

        assertThat(reading.parts()).isEmpty();
        assertThat(reading.declaresTlsReport()).isFalse();
    }

    @Test
    void shouldFindAReportInMessagesForwardedToTheDeepestLevelRead() {
        byte[] mail = nestedForwards(ReportPartRules.MAX_DEPTH);

        MessageReading reading = read(16 * MIB, mail);

        // an attached message keeps the path of the part that holds it: the whole body's, at every level
        assertThat(theOnlyUsableReport(reading).path()).isEmpty();
    }

    @Test
    void shouldNotReadAReportInMessagesForwardedOneLevelDeeperThanTheDeepestLevelRead() {
        byte[] mail = nestedForwards(ReportPartRules.MAX_DEPTH + 1);

        MessageReading reading = read(16 * MIB, mail);

        assertThat(reading.parts()).isEmpty();
    }

    @Test
    void shouldReadNoReportFromTwentyThousandNestedMultipartsAndParseNoneBelowTheDeepestLevel() {
        byte[] mail = nestedMultiparts(20_000);

        MessageReading reading = read(16 * MIB, mail);

        // the levels below the deepest one read are skipped as one body: no stack per level, no part kept
        assertThat(reading.holdsReports()).isFalse();
        assertThat(reading.declaresTlsReport()).isFalse();
    }

    @Test
    void shouldNotKeepTheContentOfALargeAttachmentThatCannotBeAReport() {
        byte[] mail = withLargeTextAttachment(50 * MIB);

        // mime4j's DOM kept the 50 MiB text (some 64 MiB allocated); the reader skips it
        MessageReading reading = read(16 * MIB, mail);

        assertThat(theOnlyUsableReport(reading).path()).isEqualTo("2");
    }

    /** Multiparts nested {@code depth} deep, a report at the bottom. */
    private static byte[] nestedMultiparts(int depth) {
        StringBuilder mail = new StringBuilder("MIME-Version: 1.0\r\n");
        for (int level = 0; level < depth; level++) {
            mail.append("Content-Type: multipart/mixed; boundary=\"b")
                    .append(level)
                    .append("\"\r\n\r\n--b")
                    .append(level)
                    .append("\r\n");
        }
        mail.append("Content-Type: application/tlsrpt+json\r\n\r\n").append(googleReport());
        return mail.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Messages forwarded (message/rfc822) {@code depth} times, a report as the body of the innermost. */
    private static byte[] nestedForwards(int depth) {
        String mail = "Content-Type: message/rfc822\r\n\r\n".repeat(depth)
                + "Content-Type: application/tlsrpt+json\r\n\r\n" + googleReport();
        return mail.getBytes(StandardCharsets.US_ASCII);
    }

    /** A text/plain attachment of {@code size} bytes (76-character lines), then a report. */
    private static byte[] withLargeTextAttachment(long size) {
        ByteArrayOutputStream mail = new ByteArrayOutputStream(Math.toIntExact(size + 8192));
        mail.writeBytes(("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
                        + "Content-Type: text/plain; name=\"big.txt\"\r\n"
                        + "Content-Disposition: attachment; filename=\"big.txt\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] line = ("x".repeat(76) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (long written = 0; written < size; written += line.length) {
            mail.writeBytes(line);
        }
        mail.writeBytes(("--b\r\nContent-Type: application/tlsrpt+json\r\n\r\n" + googleReport() + "\r\n--b--\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return mail.toByteArray();
    }

    @Test
    void shouldReadAMessageWhoseSubjectAndOneHeaderHoldAMebibyteEach() {
        String word = "x".repeat(69);
        StringBuilder folded = new StringBuilder(word);
        while (folded.length() < MIB) {
            folded.append("\r\n ").append(word);
        }
        byte[] report = googleMail(attachment("application/tlsrpt+gzip", "report.json.gz", gzip(googleReport())))
                .bytes();
        String mail = "Subject: " + folded + "\r\nX-Filler: " + folded + "\r\n"
                + new String(report, StandardCharsets.ISO_8859_1).replaceFirst("(?m)^Subject: .*\r\n", "");

        MessageReading reading = read(256 * MIB, mail.getBytes(StandardCharsets.ISO_8859_1));

        theOnlyUsableReport(reading);
        // unfolded: each CRLF and space of the folding becomes one space (asserted on figures: a failure would print
        // a mebibyte)
        assertThat(reading.subject().length()).isGreaterThan(1_000_000);
        assertThat(reading.subject().chars().filter(c -> c == '\r' || c == '\n').count())
                .isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "filename=\"../../../etc/cron.d/evil.json.gz\" | ../../../etc/cron.d/evil.json.gz",
                "filename=\"/etc/passwd.json.gz\" | /etc/passwd.json.gz",
                "filename=\"..\\\\..\\\\evil.json.gz\" | ..\\..\\evil.json.gz",
                "filename*=UTF-8''..%2F..%2Fevil.json.gz | ../../evil.json.gz"
            })
    void shouldReadAReportWhoseFilenameIsAPathAndKeepTheNameOnlyAsAHint(String disposition, String filename) {
        byte[] mail = googleMail(entity("application/octet-stream")
                        .header("Content-Disposition", "attachment; " + disposition)
                        .base64(gzip(googleReport())))
                .bytes();

        MessageReading reading = read(64 * MIB, mail);

        assertThat(theOnlyUsableReport(reading).filename()).isEqualTo(filename);
    }
}
