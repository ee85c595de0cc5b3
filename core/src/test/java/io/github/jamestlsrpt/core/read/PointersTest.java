package io.github.jamestlsrpt.core.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PointersTest {

    @Nested
    class Escape {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"policies, policies", "a/b, a~1b", "m~n, m~0n", "~/, ~0~1", "'', ''"})
        void shouldEscapeAReferenceTokenAsRfc6901Says(String token, String escaped) {
            String result = Pointers.escape(token);

            assertThat(result).isEqualTo(escaped);
        }
    }

    @Nested
    class Abbreviate {

        @Test
        void shouldKeepShortTextAsItIs() {
            String shown = Pointers.abbreviate("x-quantum-handshake-failure");

            assertThat(shown).isEqualTo("x-quantum-handshake-failure");
        }

        @Test
        void shouldCutTextAfterEightyCharacters() {
            String shown = Pointers.abbreviate("a".repeat(81));

            assertThat(shown).isEqualTo("a".repeat(80) + "…");
        }

        @Test
        void shouldMakeControlAndBidiCharactersVisible() {
            String shown = Pointers.abbreviate("evil\u202e\n");

            assertThat(shown).isEqualTo("evil\\u202e\\u000a");
        }

        @Test
        void shouldMarkTextCutBecauseItsEscapesFillTheEightyCharacters() {
            // 20 characters, each shown as a six-character escape
            String shown = Pointers.abbreviate("\u202e".repeat(20));

            assertThat(shown).endsWith("…").startsWith("\\u202e");
        }

        @Test
        void shouldNotCutACharacterOutsideTheBasicPlaneInHalf() {
            String shown = Pointers.abbreviate("a".repeat(79) + "😀tail");

            assertThat(shown).isEqualTo("a".repeat(79) + "…");
        }
    }
}
