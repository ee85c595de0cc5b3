package io.github.jamestlsrpt.mailets.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.apache.james.jdkim.impl.Message;
import org.apache.james.mime4j.MimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DkimMessage} must read every message exactly as jDKIM's own {@link Message} does. */
class DkimMessageTest {

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("simple", "From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n"),
                Arguments.of(
                        "folded fields and repeated names",
                        "DKIM-Signature: v=1; a=rsa-sha256;\r\n\td=example.com; s=sel;\r\n  b=abc\r\n"
                                + "dkim-signature: v=1; d=other.example\r\nFrom: a@example.com\r\n\r\nbody\r\n"),
                Arguments.of("lone LF line ends", "From: a@example.com\nSubject:\n folded\n\nline one\nline two\n"),
                Arguments.of("lone CR line ends", "From: a@example.com\rSubject: x\r\rbody\r"),
                Arguments.of("mixed line ends", "From: a@example.com\r\nSubject: x\n\r\nbody\rmore\r\n"),
                Arguments.of(
                        "a line that is not a field",
                        "From: a@example.com\r\nnot a field\r\nTo: b@example.org\r\n\r\nb"),
                Arguments.of("no body", "From: a@example.com\r\nSubject: x\r\n"),
                Arguments.of("no header", "\r\nonly a body\r\n"),
                Arguments.of(
                        "8-bit field", "Subject: caf\u00e9 \u2713\r\nFrom: a@example.com\r\n\r\n\u00e9t\u00e9\r\n"),
                Arguments.of(
                        "multipart, read flat",
                        "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
                                + "x\r\n--b--\r\n"),
                Arguments.of("base64 body, not decoded", "Content-Transfer-Encoding: base64\r\n\r\naGVsbG8=\r\n"),
                Arguments.of("space before the colon", "From : a@example.com\r\nX-Y:\r\n\r\nbody"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void shouldGiveTheFieldsAndTheBodyThatJdkimsOwnMessageGives(String name, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Message jdkims = new Message(new ByteArrayInputStream(bytes));

        try (DkimMessage ours = DkimMessage.read(new ByteArrayInputStream(bytes))) {
            assertThat(ours.getFields()).isEqualTo(jdkims.getFields());
            for (String field : List.of("DKIM-Signature", "from", "Subject", "Content-Type", "Missing")) {
                assertThat(ours.getFields(field)).as(field).isEqualTo(jdkims.getFields(field));
            }
            assertThat(readAll(ours.body())).isEqualTo(readAll(jdkims.getBodyInputStream()));
        } finally {
            jdkims.dispose();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void shouldKeepFoldsAndCaseOfEveryFieldAsSent(String name, String text) throws Exception {
        try (DkimMessage ours = DkimMessage.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            String normalised = text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
            for (String field : ours.getFields()) {
                assertThat(normalised).contains(field + "\r\n");
            }
        }
    }

    @Test
    void shouldGiveEveryFieldOfANameWithItsFoldsAndWithoutTheFinalLineEnd() throws Exception {
        String text = "DKIM-Signature: v=1;\n\td=example.com\ndkim-signature: d=other.example\nFrom: a\n\nbody\n";

        try (DkimMessage ours = DkimMessage.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(ours.getFields("DKIM-SIGNATURE"))
                    .containsExactly("DKIM-Signature: v=1;\r\n\td=example.com", "dkim-signature: d=other.example");
            assertThat(ours.getFields()).hasSize(3);
            assertThat(new String(ours.body().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("body\r\n");
        }
    }

    @Test
    void shouldRefuseAHeaderLineLongerThanJdkimAllows() {
        byte[] bytes = ("Subject: " + "x".repeat(10_001) + "\r\n\r\nbody").getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> new Message(new ByteArrayInputStream(bytes))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> DkimMessage.read(new ByteArrayInputStream(bytes)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("line length");
    }

    /** Messages at the edges of what the token stream reads: bytes rather than text, limits reached or passed. */
    static Stream<Arguments> edges() {
        String field = "Subject: " + "x".repeat(9_988) + "\r\n"; // 9,998 bytes before the line end
        String folded = "Subject: " + ("y".repeat(70) + "\r\n ").repeat(400) + "end\r\n";
        String longFolded = "Subject: " + ("y".repeat(70) + "\r\n ").repeat(500) + "end\r\n";
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("header only, no line end at the end", ascii("From: a@example.com")),
                Arguments.of("header only, bare LF", ascii("From: a@example.com\nSubject: x\n")),
                Arguments.of("blank line and nothing after it", ascii("From: a@example.com\r\n\r\n")),
                Arguments.of("body without a final line end", ascii("From: a\n\nline\nlast")),
                Arguments.of("body of bare LF and blank lines", ascii("From: a\n\n\n\nx\n\n\n")),
                Arguments.of("CR LF split as LF CR", ascii("From: a\n\rSubject: b\n\r\n\rbody\n\r")),
                Arguments.of(
                        "8-bit bytes in a field, not UTF-8",
                        bytes("Subject: caf", 0xE9, " ", 0xFF, 0x80, "\r\nFrom: a\r\n\r\n", 0xE9, "\r\n")),
                Arguments.of("NUL and controls in a field", bytes("X-A: a", 0, 1, 0x7F, "\r\n\r\nb")),
                Arguments.of("a header line just under the line limit", ascii(field + "\r\nbody")),
                Arguments.of("a folded field just under the header limit", ascii(folded + "\r\nbody")),
                Arguments.of("a folded field over the header limit", ascii(longFolded + "\r\nbody")),
                Arguments.of("a body line over the line limit", ascii("From: a\r\n\r\n" + "z".repeat(20_000) + "\r\n")),
                Arguments.of("1,000 fields", ascii("X-N: n\r\n".repeat(1_000) + "\r\nbody")),
                Arguments.of("1,001 fields", ascii("X-N: n\r\n".repeat(1_001) + "\r\nbody")),
                Arguments.of(
                        "a body that looks like a header",
                        ascii("From: a\r\n\r\nDKIM-Signature: v=1\r\nFrom: b\r\n\r\nmore\r\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edges")
    void shouldReadOrRefuseEveryEdgeAsJdkimsOwnMessageDoes(String name, byte[] bytes) {
        assertThat(ours(bytes)).isEqualTo(jdkims(bytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edges")
    void shouldReadOrRefuseEveryEdgeAsJdkimsOwnMessageDoesWhenGivenTheBytes(String name, byte[] bytes) {
        assertThat(oursFromBytes(bytes)).isEqualTo(jdkims(bytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void shouldReadEveryMessageAsJdkimsOwnMessageDoesWhenGivenTheBytes(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertThat(oursFromBytes(bytes)).isEqualTo(jdkims(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a\r\nb\r\n", "\r\n\r\n", "From: a\r\n\r\nbody"})
    void shouldLeaveBytesWhoseLineEndsAreAllCrlfToBeReadAsTheyAre(String text) {
        assertThat(DkimMessage.onlyCrlf(ascii(text))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r", "a\r", "a\nb", "a\r\r\nb", "a\n\r", "a\r\n\nb", "a\r\n\r"})
    void shouldConvertBytesWithALoneCrOrLf(String text) {
        assertThat(DkimMessage.onlyCrlf(ascii(text))).isFalse();
    }

    @Test
    void shouldReadAFieldOfEightBitBytesAsJdkimDoesWithTheDefaultCharset() throws Exception {
        byte[] bytes = bytes("Subject: caf", 0xE9, "\r\n\r\nbody");

        try (DkimMessage ours = DkimMessage.read(new ByteArrayInputStream(bytes))) {
            assertThat(ours.getFields("subject")).containsExactly(new String(bytes, 0, 13, Charset.defaultCharset()));
        }
    }

    @Test
    void shouldRefuseMoreFieldsThanJdkimAllows() {
        byte[] bytes = ascii("X-N: n\r\n".repeat(1_001) + "\r\nbody");

        assertThat(jdkims(bytes)).isEqualTo(List.of("refused"));
        assertThatThrownBy(() -> DkimMessage.read(new ByteArrayInputStream(bytes)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("header limit");
    }

    @Test
    void shouldRefuseAFoldedFieldLongerThanJdkimAllows() {
        byte[] bytes = ascii("Subject: " + ("y".repeat(70) + "\r\n ").repeat(500) + "end\r\n\r\nbody");

        assertThat(jdkims(bytes)).isEqualTo(List.of("refused"));
        assertThatThrownBy(() -> DkimMessage.read(new ByteArrayInputStream(bytes)))
                .isInstanceOf(IOException.class);
    }

    /** What jDKIM's own message gives: its fields, then its body, a byte a character; or "refused". */
    private static List<Object> jdkims(byte[] bytes) {
        Message message;
        try {
            message = new Message(new ByteArrayInputStream(bytes));
        } catch (IOException | MimeException | RuntimeException refused) {
            return List.of("refused");
        }
        try {
            return List.of(
                    message.getFields(),
                    message.getFields("subject"),
                    message.getFields("X-N"),
                    new String(readAll(message.getBodyInputStream()), StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException refused) {
            return List.of("refused");
        } finally {
            message.dispose();
        }
    }

    /** The same of {@link DkimMessage}, whose body is read after its fields, as jDKIM's verifier reads it. */
    private static List<Object> ours(byte[] bytes) {
        try (DkimMessage message = DkimMessage.read(new ByteArrayInputStream(bytes))) {
            return List.of(
                    message.getFields(),
                    message.getFields("subject"),
                    message.getFields("X-N"),
                    new String(readAll(message.body()), StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException refused) {
            return List.of("refused");
        }
    }

    /** The same of {@link DkimMessage} read from the bytes themselves. */
    private static List<Object> oursFromBytes(byte[] bytes) {
        try (DkimMessage message = DkimMessage.read(bytes)) {
            return List.of(
                    message.getFields(),
                    message.getFields("subject"),
                    message.getFields("X-N"),
                    new String(readAll(message.body()), StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException refused) {
            return List.of("refused");
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Strings as US-ASCII and integers as single bytes, in order. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(ascii(text));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
