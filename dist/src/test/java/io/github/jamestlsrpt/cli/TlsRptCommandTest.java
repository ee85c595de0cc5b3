package io.github.jamestlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.message.ReportPartRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsRptCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A report with one failing MTA-STS policy: 1,230 successful and 4 failed sessions. */
    static final String FAILING_REPORT =
            """
            {"organization-name":"Example Sender Inc.",
             "date-range":{"start-datetime":"2026-11-01T00:00:00Z","end-datetime":"2026-11-01T23:59:59Z"},
             "contact-info":"tlsrpt@sender.example",
             "report-id":"2026-11-01T00:00:00Z_receiver.example",
             "policies":[{
               "policy":{"policy-type":"sts",
                         "policy-string":["version: STSv1","mode: enforce","mx: mx1.receiver.example","max_age: 86400"],
                         "policy-domain":"receiver.example","mx-host":["mx1.receiver.example"]},
               "summary":{"total-successful-session-count":1230,"total-failure-session-count":4},
               "failure-details":[
                 {"result-type":"certificate-expired","sending-mta-ip":"198.51.100.7",
                  "receiving-mx-hostname":"mx1.receiver.example","receiving-ip":"192.0.2.25","failed-session-count":3},
                 {"result-type":"starttls-not-supported","sending-mta-ip":"198.51.100.8",
                  "receiving-mx-hostname":"mx2.receiver.example","receiving-ip":"192.0.2.26","failed-session-count":1}]}]}
            """;

    /** Microsoft's 2023 shape: date-times without a time zone and no mx-host. */
    static final String ZONELESS_REPORT =
            """
            {"organization-name":"Microsoft Corporation",
             "date-range":{"start-datetime":"2023-01-10T00:00:00","end-datetime":"2023-01-10T23:59:59"},
             "contact-info":"tlsrpt-noreply@microsoft.com","report-id":"133198585438131172+receiver.example",
             "policies":[{"policy":{"policy-type":"sts","policy-string":["version: STSv1","mode: testing",
               "mx: mx1.receiver.example","max_age: 86400"],"policy-domain":"receiver.example"},
              "summary":{"total-successful-session-count":2,"total-failure-session-count":0}}]}
            """;

    /** Duplicate member names: I-JSON forbids them, so the report is broken. */
    static final String DUPLICATE_MEMBER_REPORT =
            """
            {"organization-name":"A","organization-name":"B","date-range":{"start-datetime":"2026-11-01T00:00:00Z",
             "end-datetime":"2026-11-01T23:59:59Z"},"contact-info":"a@b.example","report-id":"x","policies":[]}
            """;

    @TempDir
    Path folder;

    @Nested
    class Validate {

        @Test
        void shouldPrintOneLineWithTheFiguresOfAValidReport() throws IOException {
            Path file = write("report.json", FAILING_REPORT);

            Run run = run("validate", file.toString());

            assertThat(run.exitCode()).isEqualTo(TlsRptCommand.EXIT_ALL_USABLE);
            assertThat(run.out().lines()).hasSize(1);
            assertThat(run.out())
                    .startsWith(file + ": valid: 1 report: ")
                    .contains("Example Sender Inc.", "1230 successful, 4 failed sessions", "receiver.example");
        }

        @Test
        void shouldPrintTheFieldsOfEachReportAsJson() throws IOException {
            Path file = write("report.json.gz", gzip(FAILING_REPORT));

            Run run = run("validate", "--json", file.toString());

            JsonNode line = JSON.readTree(run.out());
            assertThat(line.get("file").asText()).isEqualTo(file.toString());
            assertThat(line.get("status").asText()).isEqualTo("valid");
            JsonNode report = line.get("reports").get(0);
            assertThat(report.get("reportId").asText()).isEqualTo("2026-11-01T00:00:00Z_receiver.example");
            assertThat(report.get("organization").asText()).isEqualTo("Example Sender Inc.");
            assertThat(report.get("policyDomains"))
                    .containsExactly(JSON.getNodeFactory().textNode("receiver.example"));
            assertThat(report.get("successfulSessions").asLong()).isEqualTo(1230);
            assertThat(report.get("failedSessions").asLong()).isEqualTo(4);
            assertThat(report.get("problems")).isEmpty();
            assertThat(line.get("problems")).isEmpty();
        }

        @Test
        void shouldReportWarningsByTheirCodes() throws IOException {
            Path file = write("microsoft.json", ZONELESS_REPORT);

            Run run = run("validate", "--json", file.toString());

            JsonNode line = JSON.readTree(run.out());
            assertThat(line.get("status").asText()).isEqualTo("valid-with-warnings");
            assertThat(line.at("/reports/0/problems").findValuesAsText("code"))
                    .containsExactly("datetime-without-zone", "datetime-without-zone", "mx-host-missing");
            assertThat(line.at("/reports/0/problems/0/pointer").asText()).isEqualTo("/date-range/start-datetime");
            assertThat(run.exitCode()).isEqualTo(TlsRptCommand.EXIT_ALL_USABLE);
        }

        @Test
        void shouldCallAFileInvalidWhenItsOnlyReportIsBroken() throws IOException {
            Path file = write("broken.json", DUPLICATE_MEMBER_REPORT);

            Run run = run("validate", "--json", file.toString());

            JsonNode line = JSON.readTree(run.out());
            assertThat(line.get("status").asText()).isEqualTo("invalid");
            assertThat(line.at("/reports/0/problems").findValuesAsText("code")).contains("duplicate-member");
            assertThat(run.exitCode()).isEqualTo(TlsRptCommand.EXIT_NOT_ALL_USABLE);
        }

        @Test
        void shouldGiveAZipTheWorstStatusOfItsReportsButExitZeroWhenOneIsUsable() throws IOException {
            Path file = write(
                    "reports.zip",
                    zip(List.of("good.json", "bad.json"), List.of(FAILING_REPORT, DUPLICATE_MEMBER_REPORT)));

            Run run = run("validate", "--json", file.toString());

            JsonNode line = JSON.readTree(run.out());
            assertThat(line.get("status").asText()).isEqualTo("invalid");
            assertThat(line.get("reports").findValuesAsText("status")).containsExactly("valid", "invalid");
            assertThat(run.exitCode()).isEqualTo(TlsRptCommand.EXIT_ALL_USABLE);
        }

        @Test
        void shouldCallAnHtmlPageNotAReport() throws IOException {
            Path file = write("error.json.gz", gzip("<html><body>502 Bad Gateway</body></html>"));

            Run run = run("validate", "--json", file.toString());

            JsonNode line = JSON.readTree(run.out());
            assertThat(line.get("status").asText()).isEqualTo("not-a-report");
            assertThat(line.get("reports")).isEmpty();
            assertThat(line.get("problems").findValuesAsText("code")).containsExactly("not-json");
            assertThat(run.exitCode()).isEqualTo(TlsRptCommand.EXIT_NOT_ALL_USABLE);
        }

        @Test
        void shouldFindEveryReportOfAMessage() throws IOException {
            Path file = write("two.eml", message(List.of(FAILING_REPORT, ZONELESS_REPORT)));

            Run run = run("validate", "--json", file.toString());

            JsonNode line = JSON.readTree(run.out());
            assertThat(line.get("reports").findValuesAsText("reportId"))
                    .containsExactly("2026-11-01T00:00:00Z_receiver.example", "133198585438131172+receiver.example");
            assertThat(line.get("status").asText()).isEqualTo("valid-with-warnings");
            assertThat(run.exitCode()).isEqualTo(TlsRptCommand.EXIT_ALL_USABLE);
        }

        @Test
        void shouldSayWhenAMessageWasReadOnlyInPart() throws IOException {
            String report = message(List.of(FAILING_REPORT));
            Path file = write(
                    "many-parts.eml",
                    report.replace("--b--\r\n", EMPTY_PART.repeat(ReportPartRules.MAX_PARTS_READ) + "--b--\r\n"));

            Run run = run("validate", "--json", file.toString());

            JsonNode line = JSON.readTree(run.out());
            assertThat(line.get("reports").findValuesAsText("reportId"))
                    .containsExactly("2026-11-01T00:00:00Z_receiver.example");
            assertThat(line.get("notes").get(0).asText())
                    .isEqualTo("the message has more than 10,000 MIME parts; only the first 10,000 were read (the same"
                            + " limit as in James)");
            assertThat(run.err()).contains(file + ": the message has more than 10,000 MIME parts");
            assertThat(run.exitCode()).isEqualTo(TlsRptCommand.EXIT_ALL_USABLE);
        }

        @Test
        void shouldSayThatAReportPastThePartsReadWasNotLookedFor() throws IOException {
            String report = message(List.of(FAILING_REPORT));
            String reportPart = "--b\r\nContent-Type: application/tlsrpt+gzip";
            Path file = write(
                    "report-last.eml",
                    report.replace(reportPart, EMPTY_PART.repeat(ReportPartRules.MAX_PARTS_READ) + reportPart));

            Run run = run("validate", file.toString());

            assertThat(run.out())
                    .isEqualTo(file + ": not-a-report: no-report-members (the message says it is a TLS report but has"
                            + " no report part in its first 10,000 MIME parts)" + System.lineSeparator());
            assertThat(run.err()).contains(file + ": the message has more than 10,000 MIME parts");
            assertThat(run.exitCode()).isEqualTo(TlsRptCommand.EXIT_NOT_ALL_USABLE);
        }

        @Test
        void shouldNotNoteAnythingOfAMessageReadWhole() throws IOException {
            Path file = write("two.eml", message(List.of(FAILING_REPORT, ZONELESS_REPORT)));

            Run run = run("validate", "--json", file.toString());

            assertThat(JSON.readTree(run.out()).has("notes")).isFalse();
            assertThat(run.err()).isEmpty();
        }

        @Test
        void shouldExitOneWhenAnyFileHoldsNoUsableReport() throws IOException {
            Path good = write("good.json", FAILING_REPORT);
            Path cron = write("cron.eml", "From: root@host.example\r\nSubject: cron\r\n\r\nall done\r\n");

            Run run = run("validate", good.toString(), cron.toString());

            assertThat(run.out().lines()).hasSize(2);
            assertThat(run.out().lines().toList().get(1)).startsWith(cron + ": not-a-report");
            assertThat(run.exitCode()).isEqualTo(TlsRptCommand.EXIT_NOT_ALL_USABLE);
        }

        @Test
        void shouldSayWhichFileCannotBeRead() {
            Path missing = folder.resolve("missing.json");

            Run run = run("validate", missing.toString());

            assertThat(run.err()).contains("cannot read " + missing + ": no such file");
            assertThat(run.exitCode()).isEqualTo(TlsRptCommand.EXIT_NOT_ALL_USABLE);
        }
    }

    @Nested
    class Normalize {

        @Test
        void shouldPrintOneStoredDocumentPerUsableReport() throws IOException {
            Path file = write("two.eml", message(List.of(FAILING_REPORT, ZONELESS_REPORT)));

            Run run = run("normalize", file.toString());

            List<String> lines = run.out().lines().toList();
            assertThat(lines).hasSize(2);
            JsonNode first = JSON.readTree(lines.get(0));
            assertThat(first.get("document").asText()).isEqualTo(StoredReport.DOCUMENT_TYPE);
            assertThat(first.at("/figures/failed-sessions").asLong()).isEqualTo(4);
            assertThat(first.at("/figures/failed-sessions-by-result-type/certificate-expired")
                            .asLong())
                    .isEqualTo(3);
            JsonNode second = JSON.readTree(lines.get(1));
            assertThat(second.at("/report/date-range/start-datetime").asText()).isEqualTo("2023-01-10T00:00:00Z");
            assertThat(second.at("/provenance/source").asText()).isEqualTo("report-2.json.gz");
        }

        @Test
        void shouldEmitDocumentsThatValidateAgainstThePublishedSchema() throws IOException {
            Path file = write("two.eml", message(List.of(FAILING_REPORT, ZONELESS_REPORT)));
            JsonSchema schema = publishedSchema();

            Run run = run("normalize", file.toString());

            for (String line : run.out().lines().toList()) {
                Set<ValidationMessage> errors = schema.validate(JSON.readTree(line));
                assertThat(errors).isEmpty();
            }
            assertThat(run.out().lines()).hasSize(2);
        }

        @Test
        void shouldKeepBrokenReportsOutOfTheOutputAndSayWhy() throws IOException {
            Path file = write("broken.json", DUPLICATE_MEMBER_REPORT);

            Run run = run("normalize", file.toString());

            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("invalid, not normalised: duplicate-member");
            assertThat(run.exitCode()).isEqualTo(TlsRptCommand.EXIT_NOT_ALL_USABLE);
        }
    }

    @Nested
    class Summarize {

        @Test
        void shouldExplainEachFailureInPlainLanguage() throws IOException {
            Path file = write("report.json", FAILING_REPORT);

            Run run = run("summarize", file.toString());

            assertThat(run.out())
                    .contains("TLS report from Example Sender Inc. <tlsrpt@sender.example>")
                    .contains("covering 2026-11-01 (UTC)")
                    .contains("1,234 sessions: 1,230 succeeded, 4 failed (0.3% failed)")
                    .contains("3 sessions failed: certificate expired (certificate-expired)")
                    .contains("at mx1.receiver.example (192.0.2.25): 3 sessions")
                    .contains("1 session failed: STARTTLS not offered (starttls-not-supported)")
                    .contains("held back");
            assertThat(run.exitCode()).isEqualTo(TlsRptCommand.EXIT_ALL_USABLE);
        }

        @Test
        void shouldListTheErrorsOfABrokenReport() throws IOException {
            Path file = write("broken.json", DUPLICATE_MEMBER_REPORT);

            Run run = run("summarize", file.toString());

            assertThat(run.out())
                    .contains("This report cannot be used:", "ERROR duplicate-member at /organization-name");
        }
    }

    @Nested
    class Usage {

        @Test
        void shouldExitTwoWithoutArguments() {
            Run run = run();

            assertThat(run.exitCode()).isEqualTo(TlsRptCommand.EXIT_USAGE);
            assertThat(run.err()).contains("Usage:");
        }

        @Test
        void shouldNameTheAllowedCommandsForAnUnknownOne() {
            Run run = run("check", "x.json");

            assertThat(run.exitCode()).isEqualTo(TlsRptCommand.EXIT_USAGE);
            assertThat(run.err()).contains("unknown command check (allowed: validate, summarize, normalize)");
        }

        @Test
        void shouldRejectAnUnknownOption() {
            Run run = run("validate", "--yaml", "x.json");

            assertThat(run.exitCode()).isEqualTo(TlsRptCommand.EXIT_USAGE);
            assertThat(run.err()).contains("unknown option --yaml");
        }

        @Test
        void shouldRequireAFile() {
            Run run = run("validate", "--json");

            assertThat(run.exitCode()).isEqualTo(TlsRptCommand.EXIT_USAGE);
            assertThat(run.err()).contains("validate needs at least one FILE");
        }

        @Test
        void shouldPrintHelpToStandardOutput() {
            Run run = run("--help");

            assertThat(run.exitCode()).isEqualTo(TlsRptCommand.EXIT_ALL_USABLE);
            assertThat(run.out()).contains("validate", "summarize", "normalize", "Exit status");
        }
    }

    static JsonSchema publishedSchema() throws IOException {
        try (InputStream schema = StoredReport.class.getResourceAsStream(StoredReport.SCHEMA_RESOURCE)) {
            assertThat(schema)
                    .as("the published schema " + StoredReport.SCHEMA_RESOURCE)
                    .isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(schema);
        }
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = folder.resolve(name);
        Files.write(file, content);
        return file;
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    static byte[] zip(List<String> names, List<String> contents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < names.size(); i++) {
                zip.putNextEntry(new ZipEntry(names.get(i)));
                zip.write(contents.get(i).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A body part of the message below with no header and no content. */
    static final String EMPTY_PART = "--b\r\n\r\n";

    /** A multipart/report mail as RFC 8460 section 5.3 describes, one gzip attachment per report. */
    static String message(List<String> reports) throws IOException {
        StringBuilder mail = new StringBuilder();
        mail.append("From: tlsrpt@sender.example\r\n")
                .append("To: tlsrpt@receiver.example\r\n")
                .append(
                        "Subject: Report Domain: receiver.example Submitter: sender.example Report-ID: <1@sender.example>\r\n")
                .append("Message-ID: <1@sender.example>\r\n")
                .append("TLS-Report-Domain: receiver.example\r\n")
                .append("TLS-Report-Submitter: sender.example\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/report; report-type=\"tlsrpt\"; boundary=\"b\"\r\n\r\n")
                .append("--b\r\nContent-Type: text/plain\r\n\r\nThis is an aggregate TLS report.\r\n");
        for (int i = 0; i < reports.size(); i++) {
            String name = "report-" + (i + 1) + ".json.gz";
            String base64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(gzip(reports.get(i)));
            mail.append("--b\r\nContent-Type: application/tlsrpt+gzip\r\n")
                    .append("Content-Disposition: attachment; filename=\"")
                    .append(name)
                    .append("\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .append(base64)
                    .append("\r\n");
        }
        mail.append("--b--\r\n");
        return mail.toString();
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new TlsRptCommand(new PrintWriter(out), new PrintWriter(err)).run(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    record Run(int exitCode, String out, String err) {}
}
