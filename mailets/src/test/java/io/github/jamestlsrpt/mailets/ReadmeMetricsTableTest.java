package io.github.jamestlsrpt.mailets;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the README's metrics table in step with the names the mailets really record. */
class ReadmeMetricsTableTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(tlsrpt\\.[^`]+)` \\| (\\w+) \\| (.+) \\|$");
    private static final String PER_RESULT_TYPE = ReportMetrics.SESSIONS_FAILED + ".<result-type>";

    /** Documented name to its kind and meaning, in README order. */
    private static Map<String, String[]> rows;

    @BeforeAll
    static void readReadme() throws IOException {
        rows = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(README, StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                inSection = line.equals("### Metrics");
            } else if (inSection) {
                Matcher row = ROW.matcher(line);
                if (row.matches()) {
                    rows.put(row.group(1), new String[] {row.group(2), row.group(3)});
                }
            }
        }
    }

    @Test
    void shouldListEveryMetricNameInOrder() {
        List<String> documented = new ArrayList<>();
        for (String name : rows.keySet()) {
            if (name.equals(PER_RESULT_TYPE)) {
                ReportMetrics.resultTypeNames().forEach(type -> documented.add(ReportMetrics.failed(type)));
            } else {
                documented.add(name);
            }
        }

        assertThat(documented).containsExactlyElementsOf(ReportMetrics.names());
    }

    @Test
    void shouldNameEveryResultTypeThatHasACounterOfItsOwn() {
        String meaning = rows.get(PER_RESULT_TYPE)[1];

        for (String type : ReportMetrics.resultTypeNames()) {
            assertThat(meaning).contains("`" + type + "`");
        }
    }

    @Test
    void shouldCallTheTimersTimersAndEverythingElseACounter() {
        rows.forEach((name, row) -> assertThat(row[0])
                .as(name)
                .isEqualTo(
                        name.equals(ReportMetrics.EXTRACTION_TIME) || name.equals(ReportMetrics.STORAGE_TIME)
                                ? "timer"
                                : "counter"));
    }
}
