package io.github.jamestlsrpt.core.explain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8460 section 7: report text is hostile; what a person sees is escaped and cut. */
class SafeTextTest {

    @Nested
    class Escaping {

        @ParameterizedTest(name = "U+{0}")
        @CsvSource({
            // bidirectional overrides, isolates and marks (Trojan Source)
            "202E, \\u202e",
            "202D, \\u202d",
            "2066, \\u2066",
            "2069, \\u2069",
            "200F, \\u200f",
            "061C, \\u061c",
            // zero-width and byte order mark
            "200B, \\u200b",
            "FEFF, \\ufeff",
            // C0 and C1 controls
            "0000, \\u0000",
            "0007, \\u0007",
            "000A, \\u000a",
            "000D, \\u000d",
            "001B, \\u001b",
            "007F, \\u007f",
            "0085, \\u0085"
        })
        void shouldMakeControlAndFormattingCharactersVisible(String codePoint, String escaped) {
            String hostile = "mx" + (char) Integer.parseInt(codePoint, 16) + "host";

            String safe = SafeText.of(hostile);

            assertThat(safe).isEqualTo("mx" + escaped + "host");
        }

        @Test
        void shouldNotLetARightToLeftOverrideReverseTheText() {
            String hostile = "Example Sender\u202E moc.elpmaxe@lasrever";

            String safe = SafeText.of(hostile);

            assertThat(safe).doesNotContain("\u202E").isEqualTo("Example Sender\\u202e moc.elpmaxe@lasrever");
        }

        @Test
        void shouldLeaveOrdinaryTextInAnyScriptAlone() {
            String text = "Exämple Ünïcode 日本語 mx1.receiver.example.net 😀";

            String safe = SafeText.of(text);

            assertThat(safe).isEqualTo(text);
        }

        @Test
        void shouldShowNullAsEmpty() {
            String safe = SafeText.of(null);

            assertThat(safe).isEmpty();
        }
    }

    @Nested
    class Truncation {

        @Test
        void shouldCutTextLongerThanTwoHundredCharacters() {
            String longText = "a".repeat(300);

            String safe = SafeText.of(longText);

            assertThat(safe).isEqualTo("a".repeat(200) + "…");
        }

        @Test
        void shouldKeepTextOfExactlyTheMaximumLength() {
            String text = "b".repeat(200);

            String safe = SafeText.of(text);

            assertThat(safe).isEqualTo(text);
        }

        @Test
        void shouldCutAtTheGivenLength() {
            String safe = SafeText.of("mx1.receiver.example.net", 3);

            assertThat(safe).isEqualTo("mx1…");
        }

        @Test
        void shouldNotCutACharacterOutsideTheBasicPlaneInHalf() {
            // each emoji is two UTF-16 chars: a cut after 3 chars would leave half of the second one
            String safe = SafeText.of("😀😀😀", 3);

            assertThat(safe).isEqualTo("😀…");
            assertThat(safe.codePoints().filter(cp -> Character.getType(cp) == Character.SURROGATE))
                    .isEmpty();
        }
    }
}
