package io.github.jamestlsrpt.cli;

import io.github.jamestlsrpt.core.document.Provenance;
import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.problem.ProblemCode;
import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReportReader;
import io.github.jamestlsrpt.message.MessageReading;
import io.github.jamestlsrpt.message.ReportMessageReader;
import io.github.jamestlsrpt.message.ReportPart;
import io.github.jamestlsrpt.message.ReportPartRules;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a FILE: a .json, .json.gz or .zip report payload, or a whole message (.eml) holding any number. */
final class FileReader {

    private static final String PARTS_READ = String.format(Locale.ROOT, "%,d", ReportPartRules.MAX_PARTS_READ);

    private final ReportReader reportReader;
    private final ReportMessageReader messageReader;

    FileReader(ReportReader reportReader) {
        this.reportReader = reportReader;
        this.messageReader = new ReportMessageReader(reportReader);
    }

    FileReading read(Path path) throws IOException {
        String file = path.toString();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 8192)) {
            if (looksLikeMessage(path, in)) {
                return fromMessage(file, messageReader.read(in));
            }
            return fromPayload(file, reportReader.read(in));
        }
    }

    private static FileReading fromPayload(String file, List<ReadResult> results) {
        List<FoundReport> reports = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (ReadResult result : results) {
            if (result instanceof ReadResult.NotAReport notAReport) {
                problems.addAll(notAReport.problems());
            } else {
                String source = result.entryName() == null ? file : file + "!" + result.entryName();
                reports.add(new FoundReport(result, source, Provenance.ofSource(fileName(source))));
            }
        }
        return new FileReading(file, reports, reports.isEmpty() ? problems : List.of(), List.of());
    }

    private static FileReading fromMessage(String file, MessageReading message) {
        List<FoundReport> reports = new ArrayList<>();
        for (ReportPart part : message.parts()) {
            for (ReadResult result : part.results()) {
                String name = part.filename() != null ? part.filename() : "part " + part.path();
                String source = result.entryName() == null ? name : name + "!" + result.entryName();
                Provenance provenance = new Provenance(
                        message.messageId(),
                        null,
                        message.from(),
                        message.submitter(),
                        message.reportDomain(),
                        null,
                        null,
                        null,
                        source);
                reports.add(new FoundReport(result, file + " (" + source + ")", provenance));
            }
        }
        String inWhatWasRead = message.cutShort() ? " in its first " + PARTS_READ + " MIME parts" : "";
        List<Problem> problems = reports.isEmpty()
                ? List.of(Problem.of(
                        ProblemCode.NO_REPORT_MEMBERS,
                        "",
                        message.declaresTlsReport()
                                ? "the message says it is a TLS report but has no report part" + inWhatWasRead
                                : "the message holds no TLS report" + inWhatWasRead))
                : List.of();
        List<String> notes = message.cutShort()
                ? List.of("the message has more than " + PARTS_READ + " MIME parts; only the first " + PARTS_READ
                        + " were read (the same limit as in James)")
                : List.of();
        return new FileReading(file, reports, problems, notes);
    }

    /**
     * A message when named .eml (or .msg), or when it does not start like a payload (gzip, zip, JSON) but like a
     * header line.
     */
    private static boolean looksLikeMessage(Path path, InputStream in) throws IOException {
        String name =
                path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".eml") || name.endsWith(".msg")) {
            return true;
        }
        if (name.endsWith(".json") || name.endsWith(".gz") || name.endsWith(".zip")) {
            return false;
        }
        in.mark(1024);
        byte[] head = in.readNBytes(1024);
        in.reset();
        int colon = -1;
        for (int i = 0; i < head.length; i++) {
            byte b = head[i];
            if (b == ':') {
                colon = i;
                break;
            }
            if (b < 33 || b > 126) {
                return false;
            }
        }
        return colon > 0;
    }

    private static String fileName(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return slash < 0 ? source : source.substring(slash + 1);
    }
}
