package io.github.jamestlsrpt.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.matchers.ConditionParameter;
import io.github.jamestlsrpt.matchers.HasInvalidTlsReport;
import io.github.jamestlsrpt.matchers.HasTlsReportFailures;
import io.github.jamestlsrpt.matchers.HasTlsReportStatus;
import io.github.jamestlsrpt.matchers.HasUnauthenticatedTlsReport;
import io.github.jamestlsrpt.matchers.IsTlsReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps the README's configuration tables in step with the parameters the matchers and mailets really take. */
class ReadmeConfigurationTableTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Pattern CLASS_HEADING = Pattern.compile("^#### `(io\\.github\\.jamestlsrpt\\.[\\w.]+)`$");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `(\\w+)` \\| ([^|]+) \\|");

    private static Map<String, List<String[]>> documented;

    @BeforeAll
    static void readReadme() throws IOException {
        documented = new LinkedHashMap<>();
        List<String[]> current = null;
        for (String line : Files.readAllLines(README, StandardCharsets.UTF_8)) {
            Matcher heading = CLASS_HEADING.matcher(line);
            if (heading.matches()) {
                current = new ArrayList<>();
                documented.put(heading.group(1), current);
            } else if (line.startsWith("#")) {
                current = null;
            } else if (current != null) {
                Matcher row = TABLE_ROW.matcher(line);
                if (row.find()) {
                    current.add(new String[] {row.group(1), row.group(2).trim()});
                }
            }
        }
    }

    static Stream<Arguments> matchers() {
        return Stream.of(
                Arguments.of(IsTlsReport.class, IsTlsReport.PARAMETERS),
                Arguments.of(HasTlsReportFailures.class, HasTlsReportFailures.PARAMETERS),
                Arguments.of(HasTlsReportStatus.class, HasTlsReportStatus.PARAMETERS),
                Arguments.of(HasUnauthenticatedTlsReport.class, HasUnauthenticatedTlsReport.PARAMETERS),
                Arguments.of(HasInvalidTlsReport.class, HasInvalidTlsReport.PARAMETERS));
    }

    static Stream<Arguments> mailets() {
        return Stream.of(
                Arguments.of(ExtractTlsReports.class, ExtractTlsReports.PARAMETERS),
                Arguments.of(StoreTlsReports.class, StoreTlsReports.PARAMETERS),
                Arguments.of(SendTlsReportSummary.class, SendTlsReportSummary.PARAMETERS),
                Arguments.of(SendTlsReportDigest.class, SendTlsReportDigest.PARAMETERS));
    }

    @ParameterizedTest
    @MethodSource("matchers")
    void shouldDocumentEveryMatcherParameterWithItsDefault(Class<?> matcher, List<ConditionParameter> parameters) {
        assertThat(documented).containsKey(matcher.getName());
        assertThat(documented.get(matcher.getName()))
                .extracting(row -> row[0] + " = " + row[1].replace("`", ""))
                .containsExactlyElementsOf(parameters.stream()
                        .map(parameter -> parameter.name() + " = " + parameter.defaultValue())
                        .toList());
    }

    @ParameterizedTest
    @MethodSource("mailets")
    void shouldDocumentEveryMailetParameterInOrder(Class<?> mailet, List<String> parameters) {
        assertThat(documented).containsKey(mailet.getName());
        assertThat(documented.get(mailet.getName())).extracting(row -> row[0]).containsExactlyElementsOf(parameters);
    }

    @Test
    void shouldDocumentNoClassThatDoesNotExist() {
        List<String> known = Stream.concat(matchers(), mailets())
                .map(arguments -> ((Class<?>) arguments.get()[0]).getName())
                .toList();
        assertThat(known).containsExactlyInAnyOrderElementsOf(documented.keySet());
    }
}
