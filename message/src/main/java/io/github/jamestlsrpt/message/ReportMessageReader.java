package io.github.jamestlsrpt.message;

import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.problem.ProblemCode;
import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReportReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeIOException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Finds and reads the TLS reports in a whole MIME message: multipart/report with report-type=tlsrpt, report
 * attachments at any depth (forwarded messages included), or a message whose body is the report.
 */
public final class ReportMessageReader {

    /** A line break that folds a header field (RFC 5322 section 2.2.3). */
    private static final Pattern FOLD = Pattern.compile("\r?\n[ \t]+");

    private final ReportReader reportReader;
    private final boolean keepOriginals;

    public ReportMessageReader(ReportReader reportReader) {
        this(reportReader, false);
    }

    private ReportMessageReader(ReportReader reportReader, boolean keepOriginals) {
        this.reportReader = reportReader;
        this.keepOriginals = keepOriginals;
    }

    /**
     * A reader that also keeps each report part's bytes as received (transfer encoding removed) in {@link
     * ReportPart#original()}, for callers that store them. The parsed message already holds every part in memory;
     * this adds one copy of the report parts, and of candidate parts only while they are read.
     */
    public ReportMessageReader keepingOriginals() {
        return new ReportMessageReader(reportReader, true);
    }

    /**
     * Reads a message. Never throws for bad data; a message that cannot be parsed as MIME holds no reports.
     *
     * @throws UncheckedIOException only when the stream itself fails
     */
    public MessageReading read(InputStream message) {
        try {
            return parseAndCollect(message);
        } catch (StackOverflowError tooDeep) {
            // mime4j has no nesting limit and reads each nested part through its parent's stream, and the walk
            // below recurses once per level: a few thousand nested multiparts or message/rfc822 parts (some
            // 100 KB of headers) overflow the stack. Such a message is unreadable: it holds no reports.
            return new MessageReading(null, null, null, null, null, false, List.of());
        }
    }

    private MessageReading parseAndCollect(InputStream message) {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        Message parsed;
        try {
            parsed = builder.parseMessage(message);
        } catch (MimeIOException unparseable) {
            return new MessageReading(null, null, null, null, null, false, List.of());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        String reportDomain = header(parsed, "TLS-Report-Domain");
        boolean declared = reportDomain != null || declaresTlsReport(parsed);
        List<ReportPart> parts = new ArrayList<>();
        collect(parsed, "", declared, true, parts);
        return new MessageReading(
                header(parsed, "Message-ID"),
                header(parsed, "From"),
                header(parsed, "Subject"),
                reportDomain,
                header(parsed, "TLS-Report-Submitter"),
                declared,
                parts);
    }

    private static boolean declaresTlsReport(Entity entity) {
        if (ReportPartRules.isTlsReportContainer(contentType(entity))) {
            return true;
        }
        if (entity.getBody() instanceof Multipart multipart) {
            for (Entity child : multipart.getBodyParts()) {
                if (declaresTlsReport(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void collect(Entity entity, String path, boolean tlsContext, boolean wholeBody, List<ReportPart> parts) {
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            boolean context = tlsContext || ReportPartRules.isTlsReportContainer(contentType(entity));
            List<Entity> children = multipart.getBodyParts();
            for (int i = 0; i < children.size(); i++) {
                String childPath = path.isEmpty() ? String.valueOf(i + 1) : path + "." + (i + 1);
                collect(children.get(i), childPath, context, false, parts);
            }
        } else if (body instanceof Message attached) {
            // a forwarded report: its own headers decide its context
            boolean context = header(attached, "TLS-Report-Domain") != null || declaresTlsReport(attached);
            collect(attached, path, context, true, parts);
        } else if (body instanceof SingleBody single) {
            readLeaf(entity, single, path, tlsContext, wholeBody, parts);
        }
    }

    private void readLeaf(
            Entity entity,
            SingleBody body,
            String path,
            boolean tlsContext,
            boolean wholeBody,
            List<ReportPart> parts) {
        HeaderValue contentType = contentType(entity);
        String filename = filename(entity, contentType);
        ReportPartRules.Verdict verdict = ReportPartRules.classify(contentType, filename, tlsContext, wholeBody);
        if (verdict == ReportPartRules.Verdict.NOT_A_REPORT) {
            return;
        }
        List<ReadResult> results;
        byte[] original = null;
        try (InputStream bytes = body.getInputStream()) {
            if (keepOriginals) {
                original = bytes.readAllBytes();
                results = reportReader.read(original);
            } else {
                results = reportReader.read(bytes);
            }
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        List<ReadResult> counted = new ArrayList<>(results.size());
        for (ReadResult result : results) {
            if (verdict == ReportPartRules.Verdict.LABELLED_REPORT) {
                counted.add(asReport(result, contentType.value()));
            } else if (result instanceof ReadResult.UsableReport
                    || (result instanceof ReadResult.BrokenReport broken && broken.partial() != null)) {
                counted.add(result);
            }
        }
        if (!counted.isEmpty()) {
            parts.add(new ReportPart(path, contentType.value(), filename, verdict, counted, original));
        }
    }

    /** A part labelled as a report whose bytes are not one is a broken report, not "not a report". */
    private static ReadResult asReport(ReadResult result, String contentType) {
        if (result instanceof ReadResult.NotAReport notAReport) {
            List<Problem> problems = new ArrayList<>(notAReport.problems());
            boolean alreadySaid = problems.stream().anyMatch(p -> p.code() == ProblemCode.NO_REPORT_MEMBERS);
            if (!alreadySaid) {
                problems.add(Problem.of(
                        ProblemCode.NO_REPORT_MEMBERS,
                        "",
                        "the part is labelled " + contentType + " but holds no TLS report"));
            }
            return new ReadResult.BrokenReport(null, problems, notAReport.entryName());
        }
        return result;
    }

    private static HeaderValue contentType(Entity entity) {
        Field field = entity.getHeader() == null ? null : entity.getHeader().getField("Content-Type");
        if (field == null) {
            return HeaderValue.parse("text/plain");
        }
        return HeaderValue.parse(field.getBody());
    }

    /** Content-Disposition filename, else Content-Type name (Microsoft sends only filename=). */
    private static String filename(Entity entity, HeaderValue contentType) {
        Field disposition =
                entity.getHeader() == null ? null : entity.getHeader().getField("Content-Disposition");
        String filename = disposition == null
                ? null
                : HeaderValue.parse(disposition.getBody()).parameter("filename");
        if (filename == null) {
            filename = contentType.parameter("name");
        }
        return filename == null ? null : DecoderUtil.decodeEncodedWords(filename, DecodeMonitor.SILENT);
    }

    private static String header(Entity entity, String name) {
        Field field = entity.getHeader() == null ? null : entity.getHeader().getField(name);
        if (field == null || field.getBody() == null) {
            return null;
        }
        String unfolded = FOLD.matcher(field.getBody()).replaceAll(" ").trim();
        return DecoderUtil.decodeEncodedWords(unfolded, DecodeMonitor.SILENT);
    }
}
