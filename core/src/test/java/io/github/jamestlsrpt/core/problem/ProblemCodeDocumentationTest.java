package io.github.jamestlsrpt.core.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** docs/PROBLEM-CODES.md is what operators read: it must list every code, with its usual severity. */
class ProblemCodeDocumentationTest {

    private static final Path PAGE = Path.of("..", "docs", "PROBLEM-CODES.md");

    @ParameterizedTest
    @EnumSource(ProblemCode.class)
    void shouldDocumentEveryCodeWithItsSeverity(ProblemCode code) throws IOException {
        String page = Files.readString(PAGE);

        assertThat(page)
                .contains("| `" + code.code() + "` | " + code.defaultSeverity().wireName() + " | ");
    }

    @Test
    void shouldGiveEveryCodeADistinctWireName() {
        Set<String> names = new HashSet<>();

        Arrays.stream(ProblemCode.values()).forEach(code -> names.add(code.code()));

        assertThat(names).hasSize(ProblemCode.values().length);
        assertThat(names).allMatch(name -> name.matches("[a-z0-9]+(-[a-z0-9]+)*"));
    }

    @Test
    void shouldFindEveryCodeByItsWireName() {
        for (ProblemCode code : ProblemCode.values()) {
            assertThat(ProblemCode.fromCode(code.code())).contains(code);
        }
        assertThat(ProblemCode.fromCode("no-such-code")).isEmpty();
    }
}
