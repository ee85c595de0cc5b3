package io.github.jamestlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance run over the shared corpus of real-world reports (../shared/corpus, provenance in its
 * SOURCES.txt): every real report accepted with the session totals an independent reader computed
 * (conformance/expected-totals.tsv, made with Python's json, gzip and email modules by conformance/oracle.py), the
 * negative sample seen as not a report, the malformed samples not reported as valid. Run with
 * {@code mvn -Pconformance ...}; skipped with a message when the corpus is absent.
 */
@Tag("conformance")
class SharedCorpusConformanceTest {

    /** SOURCES.txt: "NEGATIVE sample: cron mail, no report (must not be detected)". */
    private static final Set<String> NOT_REPORTS = Set.of(
            "kravietz-tlsrpt-rs/empty.eml",
            // base64 text of a gzip report: a test artefact of that repository, not something a sender mails
            "mail-tls-rpt/report.json.gz.b64");

    /** SOURCES.txt marks these MALFORMED or MUTATED. */
    private static final Set<String> MALFORMED = Set.of(
            "stalwart-mail-auth/rpt03.json",
            "misc-code/MUTATED_ludemo.net_socketlabs_2020-04-13.json",
            "neztore-tls-rpt-monitor/microsoft-report.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path corpus;
    private static Map<String, long[]> expectedTotals;

    @BeforeAll
    static void findCorpus() throws IOException {
        String configured = System.getProperty("corpus.dir", "../../shared/corpus");
        corpus = Path.of(configured).toAbsolutePath().normalize();
        assumeTrue(
                Files.isDirectory(corpus),
                "conformance run skipped: no shared corpus at " + corpus + " (set -Dcorpus.dir=...)");
        expectedTotals = new LinkedHashMap<>();
        try (InputStream table =
                SharedCorpusConformanceTest.class.getResourceAsStream("/conformance/expected-totals.tsv")) {
            for (String line : new String(table.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                expectedTotals.put(columns[0], new long[] {Long.parseLong(columns[2]), Long.parseLong(columns[3])});
            }
        }
    }

    static Stream<Arguments> corpusFiles() throws IOException {
        findCorpus();
        List<Arguments> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(corpus)) {
            walk.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().equals("SOURCES.txt"))
                    .sorted()
                    .forEach(path -> files.add(
                            Arguments.of(corpus.relativize(path).toString().replace('\\', '/'))));
        }
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void shouldReadEveryCorpusFileAsItsProvenanceSays(String relative) throws IOException {
        Path file = corpus.resolve(relative);

        Run validate = run("validate", "--json", file.toString());

        JsonNode line = JSON.readTree(validate.out());
        String status = line.get("status").asText();
        if (NOT_REPORTS.contains(relative)) {
            assertThat(status).isEqualTo("not-a-report");
            assertThat(validate.exitCode()).isEqualTo(TlsRptCommand.EXIT_NOT_ALL_USABLE);
            return;
        }
        assertThat(expectedTotals).as("the oracle table lists " + relative).containsKey(relative);
        long[] expected = expectedTotals.get(relative);
        JsonNode report = line.get("reports").get(0);
        assertThat(line.get("reports")).hasSize(1);
        if (MALFORMED.contains(relative)) {
            assertThat(status).isIn("invalid", "valid-with-warnings");
            return;
        }
        assertThat(status).isIn("valid", "valid-with-warnings");
        assertThat(validate.exitCode()).isEqualTo(TlsRptCommand.EXIT_ALL_USABLE);
        assertThat(report.get("successfulSessions").asLong()).isEqualTo(expected[0]);
        assertThat(report.get("failedSessions").asLong()).isEqualTo(expected[1]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void shouldNormalizeAndSummarizeEveryUsableCorpusReport(String relative) throws IOException {
        assumeTrue(!NOT_REPORTS.contains(relative) && !MALFORMED.contains(relative), "not a usable report");
        Path file = corpus.resolve(relative);

        Run normalize = run("normalize", file.toString());
        Run summarize = run("summarize", file.toString());

        assertThat(normalize.exitCode()).isEqualTo(TlsRptCommand.EXIT_ALL_USABLE);
        JsonNode document = JSON.readTree(normalize.out().strip());
        long[] expected = expectedTotals.get(relative);
        assertThat(document.at("/figures/successful-sessions").asLong()).isEqualTo(expected[0]);
        assertThat(document.at("/figures/failed-sessions").asLong()).isEqualTo(expected[1]);
        assertThat(document.at("/document").asText()).isEqualTo("james-tlsrpt/stored-report");
        assertThat(summarize.exitCode()).isEqualTo(TlsRptCommand.EXIT_ALL_USABLE);
        assertThat(summarize.out()).contains(document.at("/report/report-id").asText());
    }

    @Test
    void shouldCoverEveryFileOfTheOracleTable() throws IOException {
        List<String> present =
                corpusFiles().map(arguments -> (String) arguments.get()[0]).toList();

        assertThat(present).containsAll(expectedTotals.keySet());
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new TlsRptCommand(new PrintWriter(out), new PrintWriter(err)).run(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {}
}
