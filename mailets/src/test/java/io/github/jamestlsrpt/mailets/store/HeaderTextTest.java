package io.github.jamestlsrpt.mailets.store;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.time.Instant;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.util.MimeUtil;
import org.junit.jupiter.api.Test;

class HeaderTextTest {

    @Test
    void shouldLeaveAShortAsciiValueAsItIs() {
        assertThat(HeaderText.value("X-TLSRPT-Report-Id", "2026-11-28T00:00:00Z_example.com"))
                .isEqualTo("2026-11-28T00:00:00Z_example.com");
    }

    @Test
    void shouldEncodeNonAsciiTextInUtf8EncodedWordsThatBothReadersDecode() throws Exception {
        String value = HeaderText.value("Subject", "TLS report from Mülleriß Téléphone, 2026-11-28 😀", 300);

        assertThat(value).startsWith("=?UTF-8?Q?").matches("\\p{ASCII}*");
        assertThat(lines("Subject: " + value)).allMatch(line -> line.length() <= 76);
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(value)))
                .isEqualTo("TLS report from Mülleriß Téléphone, 2026-11-28 😀");
        assertThat(DecoderUtil.decodeEncodedWords(MimeUtil.unfold(value), DecodeMonitor.SILENT))
                .isEqualTo("TLS report from Mülleriß Téléphone, 2026-11-28 😀");
    }

    @Test
    void shouldNeverLetCrLfEndTheLineOfAHeader() {
        String value = HeaderText.value("X-TLSRPT-Report-Id", "id-1\r\nBcc: victim@example.org\nX: \ry");

        assertThat(value).doesNotContain("\r").doesNotContain("\n");
        assertThat(value).isEqualTo("id-1\\u000d\\u000aBcc: victim@example.org\\u000aX: \\u000dy");
    }

    @Test
    void shouldFoldOnlyAtWhiteSpaceSoThatEveryFoldedLineStartsWithIt() {
        String value = HeaderText.value("Subject", "word ".repeat(60), 300);

        assertThat(value).contains("\r\n");
        assertThat(java.util.Arrays.stream(value.split("\r\n", -1)).skip(1)).allMatch(line -> line.startsWith(" "));
        assertThat(lines("Subject: " + value)).allMatch(line -> line.length() <= 76);
        assertThat(MimeUtility.unfold(value)).isEqualTo("word ".repeat(60).strip());
    }

    @Test
    void shouldCutAVeryLongValueAndKeepItsLinesShort() throws Exception {
        String organization = "Organisation Ünïcode ".repeat(100);

        String value = HeaderText.value("Subject", organization, 300);

        String decoded = MimeUtility.decodeText(MimeUtility.unfold(value));
        assertThat(decoded).hasSize(301).endsWith("…").startsWith("Organisation Ünïcode Organisation");
        assertThat(lines("Subject: " + value)).allMatch(line -> line.length() <= 76);
    }

    @Test
    void shouldWriteTheDateAsRfc5322InUtc() {
        assertThat(HeaderText.date(Instant.parse("2026-11-29T08:41:05Z"))).isEqualTo("Sun, 29 Nov 2026 08:41:05 +0000");
    }

    private static String[] lines(String header) {
        return header.split("\r\n", -1);
    }
}
