package io.github.jamestlsrpt.message;

import static io.github.jamestlsrpt.message.TestMessages.attachment;
import static io.github.jamestlsrpt.message.TestMessages.entity;
import static io.github.jamestlsrpt.message.TestMessages.forwarding;
import static io.github.jamestlsrpt.message.TestMessages.googleMail;
import static io.github.jamestlsrpt.message.TestMessages.gzip;
import static io.github.jamestlsrpt.message.TestReports.googleReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.jamestlsrpt.core.read.ReportReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Mutated messages (mox FuzzParseMessage in spirit): whatever the bytes, reading returns and never throws. */
class ReportMessageReaderRobustnessTest {

    private static final long SEED = 8460L;
    private static final int ITERATIONS_PER_MESSAGE = 250;

    private final ReportMessageReader reader = new ReportMessageReader(new ReportReader());

    private static List<byte[]> seeds() {
        return List.of(
                TestMessages.googleLike(googleReport()),
                TestMessages.microsoftLike(googleReport()),
                TestMessages.mailRuLike(googleReport()),
                forwarding(googleMail(
                                entity("application/tlsrpt+json").quotedPrintable(googleReport()),
                                attachment(
                                        "application/zip",
                                        "r.zip",
                                        TestMessages.zip(Map.of("a.json", googleReport(), "b.json.gz", "x")))))
                        .bytes());
    }

    @Test
    void shouldNeverThrowForMutatedMessages() {
        Random random = new Random(SEED);
        int iteration = 0;
        for (byte[] seed : seeds()) {
            for (int i = 0; i < ITERATIONS_PER_MESSAGE; i++, iteration++) {
                byte[] mutated = mutate(seed, boundaries(seed), random);

                MessageReading reading;
                try {
                    reading = reader.read(new ByteArrayInputStream(mutated));
                } catch (RuntimeException | Error failure) {
                    throw new AssertionError(
                            "iteration " + iteration + " (seed " + SEED + ") threw for:\n"
                                    + new String(mutated, StandardCharsets.ISO_8859_1),
                            failure);
                }

                if (reading == null) {
                    fail("iteration %d returned null", iteration);
                }
                assertThat(reading.parts()).isNotNull();
                assertThat(reading.parts())
                        .allSatisfy(
                                part -> assertThat(part.results()).isNotEmpty().doesNotContainNull());
            }
        }
        assertThat(iteration).isEqualTo(1_000);
    }

    /** One to four of: bit flips, a truncation, an inserted run of MIME-significant or random bytes, a deletion. */
    private static byte[] mutate(byte[] original, List<String> boundaries, Random random) {
        byte[] bytes = original.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && bytes.length > 0; m++) {
            switch (random.nextInt(5)) {
                case 0 -> {
                    for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
                case 2 -> bytes = insert(bytes, random.nextInt(bytes.length + 1), interesting(boundaries, random));
                case 3 -> {
                    int from = random.nextInt(bytes.length);
                    int to = Math.min(bytes.length, from + 1 + random.nextInt(64));
                    byte[] shorter = new byte[bytes.length - (to - from)];
                    System.arraycopy(bytes, 0, shorter, 0, from);
                    System.arraycopy(bytes, to, shorter, from, bytes.length - to);
                    bytes = shorter;
                }
                default -> {
                    byte[] noise = new byte[1 + random.nextInt(32)];
                    random.nextBytes(noise);
                    bytes = insert(bytes, random.nextInt(bytes.length + 1), noise);
                }
            }
        }
        return bytes;
    }

    private static final String[] INTERESTING = {
        "\r\n",
        "\r\n\r\n",
        "--",
        ";",
        "\"",
        "=",
        "=?utf-8?Q?",
        "?=",
        "*0*=",
        "''",
        "%",
        "Content-Type: multipart/mixed; boundary=x\r\n",
        "Content-Type: message/rfc822\r\n",
        "Content-Transfer-Encoding: quoted-printable\r\n",
        "\u001f\u008b",
        "PK\u0003\u0004",
        "{",
        "}",
        "[",
        "\u0000"
    };

    /** A MIME-significant string, or a delimiter line of one of the message's own boundaries. */
    private static byte[] interesting(List<String> boundaries, Random random) {
        String inserted = random.nextInt(3) == 0
                ? "\r\n--" + boundaries.get(random.nextInt(boundaries.size())) + (random.nextBoolean() ? "--" : "")
                        + "\r\n"
                : INTERESTING[random.nextInt(INTERESTING.length)];
        return inserted.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> boundaries(byte[] message) {
        Matcher boundary =
                Pattern.compile("boundary=\"([^\"]+)\"").matcher(new String(message, StandardCharsets.ISO_8859_1));
        List<String> found = new ArrayList<>();
        while (boundary.find()) {
            found.add(boundary.group(1));
        }
        return found;
    }

    private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
        byte[] longer = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, longer, 0, at);
        System.arraycopy(inserted, 0, longer, at, inserted.length);
        System.arraycopy(bytes, at, longer, at + inserted.length, bytes.length - at);
        return longer;
    }

    @Test
    void shouldNeverThrowAndFindNoReportInDeeplyNestedMultiparts() {
        int depth = 20_000;
        StringBuilder mail = new StringBuilder("MIME-Version: 1.0\r\n");
        for (int level = 0; level < depth; level++) {
            mail.append("Content-Type: multipart/mixed; boundary=\"b")
                    .append(level)
                    .append("\"\r\n\r\n--b")
                    .append(level)
                    .append("\r\n");
        }
        mail.append("Content-Type: application/tlsrpt+json\r\n\r\n").append(googleReport());
        byte[] bytes = mail.toString().getBytes(StandardCharsets.US_ASCII);

        MessageReading reading = reader.read(new ByteArrayInputStream(bytes));

        assertThat(reading.parts()).isEmpty();
    }

    @Test
    void shouldNeverThrowAndFindNoReportInDeeplyNestedForwardedMessages() {
        int depth = 20_000;
        StringBuilder mail = new StringBuilder();
        for (int level = 0; level < depth; level++) {
            mail.append("Content-Type: message/rfc822\r\n\r\n");
        }
        mail.append("Content-Type: application/tlsrpt+gzip\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .append(TestMessages.base64Lines(gzip(googleReport())));
        byte[] bytes = mail.toString().getBytes(StandardCharsets.US_ASCII);

        MessageReading reading = reader.read(new ByteArrayInputStream(bytes));

        assertThat(reading.parts()).isEmpty();
    }
}
