package io.github.jamestlsrpt.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.mailet.base.GenericMatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps each matcher's class javadoc in step with its code: every {@code match="..."} in its configuration snippet
 * initialises, and its parameter table lists exactly the parameters the matcher reads, with their defaults and
 * meanings.
 */
class MatcherDocumentationTest {

    private static final String PACKAGE = "io.github.jamestlsrpt.matchers.";
    private static final Pattern MATCH = Pattern.compile("match=\"(" + Pattern.quote(PACKAGE) + "[^\"]*)\"");
    private static final Pattern ROW =
            Pattern.compile("<tr><td>([^<]*)</td><td>([^<]*)</td><td>(.*?)</td></tr>", Pattern.DOTALL);

    static Stream<Class<? extends GenericMatcher>> matchers() {
        return Stream.of(
                IsTlsReport.class,
                HasTlsReportFailures.class,
                HasUnauthenticatedTlsReport.class,
                HasInvalidTlsReport.class,
                HasTlsReportStatus.class);
    }

    private static String javadoc(Class<?> type) throws IOException {
        Path source = Path.of(System.getProperty("basedir", "."), "src/main/java")
                .resolve(type.getName().replace('.', '/') + ".java");
        String text = Files.readString(source);
        return text.substring(0, text.indexOf("public class " + type.getSimpleName()));
    }

    @ParameterizedTest
    @MethodSource("matchers")
    void shouldInitialiseEveryMatcherOfItsSnippet(Class<? extends GenericMatcher> type) throws Exception {
        Matcher match = MATCH.matcher(javadoc(type));
        List<String> snippets = new ArrayList<>();
        while (match.find()) {
            snippets.add(match.group(1));
        }

        assertThat(snippets)
                .as("configuration snippets of " + type.getSimpleName())
                .isNotEmpty();
        for (String snippet : snippets) {
            String name = snippet.contains("=") ? snippet.substring(0, snippet.indexOf('=')) : snippet;
            String condition = snippet.contains("=") ? snippet.substring(snippet.indexOf('=') + 1) : null;
            Class<?> named = Class.forName(name);
            assertThat(Modifier.isPublic(named.getModifiers())).as(name).isTrue();
            GenericMatcher matcher = (GenericMatcher) named.getConstructor().newInstance();

            assertThatCode(() -> Mails.init(matcher, condition)).as(snippet).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @MethodSource("matchers")
    void shouldDocumentExactlyTheParametersItReads(Class<? extends GenericMatcher> type) throws Exception {
        @SuppressWarnings("unchecked")
        List<ConditionParameter> parameters =
                (List<ConditionParameter>) type.getField("PARAMETERS").get(null);
        Matcher row = ROW.matcher(javadoc(type));
        List<String> documented = new ArrayList<>();
        while (row.find()) {
            String meaning = row.group(3).replaceAll("\\s*\\n\\s*\\*\\s*", " ").trim();
            documented.add(row.group(1) + " = " + row.group(2) + ": " + meaning);
        }

        assertThat(documented)
                .containsExactlyElementsOf(parameters.stream()
                        .map(parameter ->
                                parameter.name() + " = " + parameter.defaultValue() + ": " + parameter.meaning())
                        .toList());
    }
}
