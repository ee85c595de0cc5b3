package io.github.jamestlsrpt.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8CheckingInputStreamTest {

    /** Gives at most one byte per read, so that every sequence is split across reads. */
    private static InputStream trickling(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                return super.read(buffer, offset, Math.min(length, 1));
            }
        };
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[13];
        int n;
        while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "plain ASCII, longer than eight bytes at a time",
                "é ü ß ç",
                "€ ₿ 中文 עברית",
                "😀 𝄞 \uD83C\uDFF3",
                "\u0000\u007f\u0080\u07ff\u0800\uffff\uD800\uDC00\uDBFF\uDFFF"
            })
    void shouldPassWellFormedUtf8UnchangedWhateverTheReadSizes(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertThat(readAll(new Utf8CheckingInputStream(new ByteArrayInputStream(bytes))))
                .isEqualTo(bytes);
        assertThat(readAll(new Utf8CheckingInputStream(trickling(bytes)))).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"80", "bf", "c0af", "c1bf", "e080af", "eda080", "edbfbf", "f08080af", "f4908080", "f5", "ff"})
    void shouldPassTheBytesBeforeAnIllFormedSequenceThenFail(String hex) throws IOException {
        byte[] before = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(before);
        payload.writeBytes(HexFormat.of().parseHex(hex));
        payload.writeBytes("tail".getBytes(StandardCharsets.US_ASCII));
        Utf8CheckingInputStream in = new Utf8CheckingInputStream(new ByteArrayInputStream(payload.toByteArray()));

        byte[] buffer = new byte[64];
        int n = in.read(buffer, 0, buffer.length);

        assertThat(n).isEqualTo(before.length);
        assertThatThrownBy(() -> in.read(buffer, 0, buffer.length))
                .isInstanceOf(Utf8CheckingInputStream.IllFormedUtf8Exception.class)
                .hasMessage("the byte at offset 16 is not well-formed UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"c3", "e282", "f09f98"})
    void shouldFailWhenTheDataEndsInsideASequence(String hex) {
        Utf8CheckingInputStream in =
                new Utf8CheckingInputStream(trickling(HexFormat.of().parseHex("41" + hex)));

        assertThatThrownBy(() -> readAll(in)).isInstanceOf(Utf8CheckingInputStream.IllFormedUtf8Exception.class);
    }
}
