package io.github.jamestlsrpt.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jamestlsrpt.core.document.StoredReportJson;
import io.github.jamestlsrpt.core.explain.PlainSummary;
import io.github.jamestlsrpt.core.explain.SafeText;
import io.github.jamestlsrpt.core.model.TlsReport;
import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.problem.Severity;
import io.github.jamestlsrpt.core.read.ReportReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The command-line tool: {@code java -jar james-tlsrpt-VERSION.jar COMMAND [--json] FILE...}. How operators check a
 * report by hand, with the same reader the James mailets use.
 */
public final class TlsRptCommand {

    static final int EXIT_ALL_USABLE = 0;
    static final int EXIT_NOT_ALL_USABLE = 1;
    static final int EXIT_USAGE = 2;

    static final String USAGE =
            """
            Usage: java -jar james-tlsrpt-VERSION.jar COMMAND [--json] FILE...

            Reads SMTP TLS reports (RFC 8460). FILE is a .json, .json.gz or .zip report, or a whole
            mail message (.eml) holding any number of reports.

            Commands:
              validate    one line per FILE: valid, valid-with-warnings, invalid or not-a-report,
                          with each report's figures and problem codes
              summarize   a plain-language summary of each report, for a domain admin
              normalize   the stored JSON document of each usable report, one per line

            Options:
              --json      validate and summarize print one JSON object per line
              --help      this text
              --version   the version

            Exit status: 0 when every FILE holds at least one usable report, 1 otherwise,
            2 on a usage error.
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final PrintWriter err;
    private final FileReader fileReader = new FileReader(new ReportReader());

    TlsRptCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int status = new TlsRptCommand(out, err).run(args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    int run(String[] args) {
        if (args.length == 0) {
            err.print(USAGE);
            return EXIT_USAGE;
        }
        String command = args[0];
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            out.print(USAGE);
            return EXIT_ALL_USABLE;
        }
        if (command.equals("--version")) {
            String version = TlsRptCommand.class.getPackage().getImplementationVersion();
            out.println("james-tlsrpt " + (version == null ? "(development build)" : version));
            return EXIT_ALL_USABLE;
        }
        boolean json = false;
        List<Path> files = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!optionsEnded && arg.equals("--")) {
                optionsEnded = true;
            } else if (!optionsEnded && arg.equals("--json")) {
                json = true;
            } else if (!optionsEnded && arg.startsWith("-") && arg.length() > 1) {
                err.println("unknown option " + arg + " (allowed: --json)");
                err.print(USAGE);
                return EXIT_USAGE;
            } else {
                files.add(Path.of(arg));
            }
        }
        if (!List.of("validate", "summarize", "normalize").contains(command)) {
            err.println("unknown command " + command + " (allowed: validate, summarize, normalize)");
            err.print(USAGE);
            return EXIT_USAGE;
        }
        if (files.isEmpty()) {
            err.println(command + " needs at least one FILE");
            err.print(USAGE);
            return EXIT_USAGE;
        }
        if (json && command.equals("normalize")) {
            // normalize always prints JSON; --json is accepted for symmetry
            json = false;
        }
        boolean allUsable = true;
        for (Path file : files) {
            FileReading reading;
            try {
                reading = fileReader.read(file);
            } catch (IOException | UncheckedIOException unreadable) {
                reportUnreadable(command, json, file, unreadable);
                allUsable = false;
                continue;
            }
            for (String note : reading.notes()) {
                err.println(reading.file() + ": " + note);
            }
            switch (command) {
                case "validate" -> validate(reading, json);
                case "summarize" -> summarize(reading, json);
                default -> normalize(reading);
            }
            allUsable &= reading.holdsUsableReport();
        }
        out.flush();
        err.flush();
        return allUsable ? EXIT_ALL_USABLE : EXIT_NOT_ALL_USABLE;
    }

    private void reportUnreadable(String command, boolean json, Path file, Exception unreadable) {
        String reason = "cannot read " + file + ": " + describe(unreadable);
        if (json && command.equals("validate")) {
            ObjectNode line = JSON.createObjectNode();
            line.put("file", file.toString());
            line.put("status", Status.NOT_A_REPORT.wireName());
            line.putArray("reports");
            line.putArray("problems");
            line.put("error", reason);
            out.println(line);
        }
        err.println(reason);
    }

    private static String describe(Exception exception) {
        Throwable cause = exception instanceof UncheckedIOException unchecked ? unchecked.getCause() : exception;
        if (cause instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (cause instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    // ------------------------------------------------------------------------------------------ validate

    private void validate(FileReading reading, boolean json) {
        if (json) {
            ObjectNode line = JSON.createObjectNode();
            line.put("file", reading.file());
            line.put("status", reading.status().wireName());
            ArrayNode reports = line.putArray("reports");
            for (FoundReport found : reading.reports()) {
                TlsReport report = found.report();
                ObjectNode entry = reports.addObject();
                entry.put("reportId", report == null ? null : report.reportId());
                entry.put("organization", report == null ? null : report.organizationName());
                entry.put("status", found.status().wireName());
                entry.put("source", found.source());
                ArrayNode domains = entry.putArray("policyDomains");
                found.policyDomains().forEach(domains::add);
                entry.put("successfulSessions", found.successfulSessions());
                entry.put("failedSessions", found.failedSessions());
                entry.set("problems", JSON.valueToTree(found.problems()));
            }
            line.set("problems", JSON.valueToTree(reading.problems()));
            if (!reading.notes().isEmpty()) {
                line.set("notes", JSON.valueToTree(reading.notes()));
            }
            out.println(line);
            return;
        }
        StringBuilder line = new StringBuilder(reading.file())
                .append(": ")
                .append(reading.status().wireName());
        if (reading.reports().isEmpty()) {
            line.append(": ").append(reasons(reading.problems()));
        } else {
            line.append(": ").append(reading.reports().size()).append(" report");
            line.append(reading.reports().size() == 1 ? "" : "s");
            String separator = ": ";
            for (FoundReport found : reading.reports()) {
                line.append(separator).append(describe(found));
                separator = " | ";
            }
        }
        out.println(line);
    }

    private static String describe(FoundReport found) {
        TlsReport report = found.report();
        StringBuilder text = new StringBuilder();
        if (report != null) {
            text.append(SafeText.of(
                    report.organizationName() != null
                            ? report.organizationName()
                            : String.valueOf(report.contactInfo())));
            text.append(" report ").append(SafeText.of(String.valueOf(report.reportId())));
            List<String> domains = found.policyDomains();
            if (!domains.isEmpty()) {
                text.append(" for ").append(domains.stream().map(SafeText::of).collect(Collectors.joining(", ")));
            }
            text.append(", ");
        }
        text.append(found.status().wireName());
        Long successful = found.successfulSessions();
        Long failed = found.failedSessions();
        if (successful != null || failed != null) {
            text.append(", ")
                    .append(successful == null ? "?" : successful)
                    .append(" successful, ")
                    .append(failed == null ? "?" : failed)
                    .append(" failed sessions");
        }
        String errors = codes(found.problems(), Severity.ERROR);
        String warnings = codes(found.problems(), Severity.WARNING);
        if (!errors.isEmpty()) {
            text.append("; errors: ").append(errors);
        }
        if (!warnings.isEmpty()) {
            text.append("; warnings: ").append(warnings);
        }
        return text.toString();
    }

    private static String codes(List<Problem> problems, Severity severity) {
        return problems.stream()
                .filter(problem -> problem.severity() == severity)
                .map(problem -> problem.code().code() + (problem.pointer().isEmpty() ? "" : " at " + problem.pointer()))
                .collect(Collectors.joining(", "));
    }

    private static String reasons(List<Problem> problems) {
        return problems.stream()
                .map(problem -> problem.code().code() + " (" + problem.message() + ")")
                .collect(Collectors.joining("; "));
    }

    // ------------------------------------------------------------------------------------------ summarize

    private void summarize(FileReading reading, boolean json) {
        if (json) {
            for (FoundReport found : reading.reports()) {
                ObjectNode line = JSON.createObjectNode();
                line.put("file", reading.file());
                line.put("source", found.source());
                line.put("status", found.status().wireName());
                line.put(
                        "reportId",
                        found.report() == null ? null : found.report().reportId());
                line.put("summary", summaryText(found));
                out.println(line);
            }
            if (reading.reports().isEmpty()) {
                ObjectNode line = JSON.createObjectNode();
                line.put("file", reading.file());
                line.put("status", reading.status().wireName());
                line.put("summary", "Not a TLS report: " + reasons(reading.problems()));
                out.println(line);
            }
            return;
        }
        if (reading.reports().isEmpty()) {
            out.println("== " + reading.file() + ": not a TLS report");
            out.println(reasons(reading.problems()));
            out.println();
            return;
        }
        for (FoundReport found : reading.reports()) {
            out.println("== " + found.source());
            out.println(summaryText(found));
        }
    }

    private static String summaryText(FoundReport found) {
        if (found.status() != Status.INVALID) {
            return PlainSummary.of(found.storedReport());
        }
        StringBuilder text = new StringBuilder("This report cannot be used:\n");
        for (Problem problem : found.problems()) {
            if (problem.severity() == Severity.INFO) {
                continue;
            }
            text.append("  ")
                    .append(problem.severity().wireName().toUpperCase(Locale.ROOT))
                    .append(' ')
                    .append(problem.code().code())
                    .append(problem.pointer().isEmpty() ? "" : " at " + problem.pointer())
                    .append(": ")
                    .append(problem.message())
                    .append('\n');
        }
        return text.toString();
    }

    // ------------------------------------------------------------------------------------------ normalize

    private void normalize(FileReading reading) {
        if (reading.reports().isEmpty()) {
            err.println(reading.file() + ": not a TLS report: " + reasons(reading.problems()));
            return;
        }
        for (FoundReport found : reading.reports()) {
            if (found.status() == Status.INVALID) {
                err.println(found.source() + ": invalid, not normalised: " + codes(found.problems(), Severity.ERROR));
            } else {
                out.println(StoredReportJson.toJson(found.storedReport()));
            }
        }
    }
}
