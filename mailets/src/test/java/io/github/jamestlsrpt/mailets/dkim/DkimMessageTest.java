package io.github.jamestlsrpt.mailets.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.apache.james.jdkim.impl.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
