package io.github.jamestlsrpt.mailets.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void shouldNeverLetALineBreakOrControlCharacterIntoAReason() {
        String reason = Text.reason("d=evil.example\r\nBcc: victim@example.com\u0000\u007f");

        assertThat(reason).isEqualTo("d=evil.example Bcc: victim@example.com");
    }

    @Test
    void shouldCollapseRunsOfSpacesInAReasonAndTrimIt() {
        assertThat(Text.reason("  no   signature\tof  d=example.com  ")).isEqualTo("no signature of d=example.com");
    }

    @Test
    void shouldReplaceCharactersOutsideAscii() {
        assertThat(Text.value("bücher.example")).isEqualTo("b?cher.example");
    }

    @Test
    void shouldBoundTheLengthOfAValueAndOfAReason() {
        assertThat(Text.value("a".repeat(500))).hasSize(Text.MAX_VALUE).endsWith("...");
        assertThat(Text.reason("b".repeat(5000))).hasSize(Text.MAX_REASON).endsWith("...");
    }

    @Test
    void shouldShowAMissingValue() {
        assertThat(Text.value(null)).isEqualTo("(none)");
    }
}
