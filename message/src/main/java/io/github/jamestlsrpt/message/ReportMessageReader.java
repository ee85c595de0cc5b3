package io.github.jamestlsrpt.message;

import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.problem.ProblemCode;
import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReportReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.MimeIOException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Finds and reads the TLS reports in a whole MIME message: multipart/report with report-type=tlsrpt, report
 * attachments at any depth down to {@value ReportPartRules#MAX_DEPTH} levels (forwarded messages included), or a
 * message whose body is the report.
 *
 * <p>Whether a message says it is a TLS report decides how each of its parts is judged, and the part that says so may
 * come after the report in the message. So the message is read in one pass of mime4j's token stream into a light tree
 * of its parts (their labels, and the content, transfer-decoded, of each part whose labels could make it a report in
 * some message), which is then walked. The content of every other part is skipped, not kept. Parts below {@value
 * ReportPartRules#MAX_DEPTH} levels of multiparts and attached messages are not parsed and hold no reports, as in the
 * {@code IsTlsReport} matcher, so a deeply nested message costs one pass over its bytes and no deeper stack. A
 * multipart/report of another report type (a bounce, a read receipt, an abuse report) is a notice about another mail
 * and is not looked into, as by the matcher ({@link ReportPartRules#isNoticeAboutAnotherMail}).
 *
 * <p>At most {@value ReportPartRules#MAX_PARTS_READ} parts are read ({@link ReportPartRules#MAX_PARTS_READ}: the
 * message, each body part and each attached message count one, in the order they begin), as many as the matcher reads
 * and ten times as many as it looks at: reading stops where the next part would begin, and the rest of the message is
 * not read. The reports in the parts read are read as in a shorter message; the parts after hold no reports, and
 * whether the message declares a TLS report (a multipart/report with report-type=tlsrpt, or a TLS-Report-Domain header)
 * is decided from the parts read only. So a message of a million empty parts costs a tree of ten thousand.
 */
public final class ReportMessageReader {

    /** A line break that folds a header field (RFC 5322 section 2.2.3). */
    private static final Pattern FOLD = Pattern.compile("\r?\n[ \t]+");

    private static final String TEXT_PLAIN = "text/plain";

    /** The first buffer for a part's content. */
    private static final int FIRST_READ = 1024;

    /** The largest array the JVM gives: a part's content longer than this cannot be held. */
    private static final int MAX_CONTENT = Integer.MAX_VALUE - 8;

    private static final MessageReading UNREADABLE =
            new MessageReading(null, null, null, null, null, false, List.of(), false);

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
     * ReportPart#original()}, for callers that store them. The reader holds the content of every part that may be a
     * report anyway while it reads; this keeps it in the reading instead of letting it go.
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
        Node root;
        try {
            root = readTree(message);
        } catch (MimeException | MimeIOException unparseable) {
            return UNREADABLE;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        boolean declared = root.reportDomain != null || declaresTlsReport(root);
        List<ReportPart> parts = new ArrayList<>();
        collect(root, "", declared, parts);
        return new MessageReading(
                header(root.messageId),
                header(root.from),
                header(root.subject),
                header(root.reportDomain),
                header(root.submitter),
                declared,
                parts,
                root.cutShort);
    }

    // ------------------------------------------------------------------------------------------ the walk

    /** A multipart/report with report-type=tlsrpt anywhere in the entity, attached messages excepted. */
    private static boolean declaresTlsReport(Node node) {
        if (ReportPartRules.isTlsReportContainer(node.type)) {
            return true;
        }
        for (Node child : node.children) {
            if (declaresTlsReport(child)) {
                return true;
            }
        }
        return false;
    }

    private void collect(Node node, String path, boolean tlsContext, List<ReportPart> parts) {
        switch (node.kind) {
            case MULTIPART -> {
                boolean context = tlsContext || ReportPartRules.isTlsReportContainer(node.type);
                for (int i = 0; i < node.children.size(); i++) {
                    String childPath = path.isEmpty() ? String.valueOf(i + 1) : path + "." + (i + 1);
                    collect(node.children.get(i), childPath, context, parts);
                }
            }
            case MESSAGE -> {
                Node attached = node.attached;
                if (attached != null) {
                    // a forwarded report: its own headers decide its context
                    boolean context = attached.reportDomain != null || declaresTlsReport(attached);
                    collect(attached, path, context, parts);
                }
            }
            case LEAF -> readLeaf(node, path, tlsContext, parts);
        }
    }

    private void readLeaf(Node leaf, String path, boolean tlsContext, List<ReportPart> parts) {
        ReportPartRules.Verdict verdict =
                ReportPartRules.classify(leaf.type, leaf.filename, tlsContext, leaf.wholeBody);
        if (verdict == ReportPartRules.Verdict.NOT_A_REPORT) {
            return;
        }
        // a leaf that is a report part in this context may be one in a declared message: its content was kept
        List<ReadResult> results = reportReader.read(leaf.content);
        List<ReadResult> counted = new ArrayList<>(results.size());
        for (ReadResult result : results) {
            if (verdict == ReportPartRules.Verdict.LABELLED_REPORT) {
                counted.add(asReport(result, leaf.type.value()));
            } else if (result instanceof ReadResult.UsableReport
                    || (result instanceof ReadResult.BrokenReport broken && broken.partial() != null)) {
                counted.add(result);
            }
        }
        if (!counted.isEmpty()) {
            parts.add(new ReportPart(
                    path, leaf.type.value(), leaf.filename, verdict, counted, keepOriginals ? leaf.content : null));
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

    // ------------------------------------------------------------------------------------------ the tree

    /** What mime4j made of a part's body. */
    private enum Kind {
        MULTIPART,
        MESSAGE,
        LEAF
    }

    /**
     * One entity (the message, a body part, an attached message) as far as the walk needs it: the first of each header
     * field it reads, its parts or attached message, and for a leaf that may be a report, its content.
     */
    private static final class Node {
        private final int depth;
        private final boolean wholeBody;
        private final boolean root;
        private final List<Node> children = new ArrayList<>(2);
        private Kind kind = Kind.LEAF;
        private Node attached;
        private String contentType;
        private String disposition;
        private String reportDomain;
        private String messageId;
        private String from;
        private String subject;
        private String submitter;
        private HeaderValue type;
        private String filename;
        private byte[] content;
        /** On the message's node: reading stopped at {@link ReportPartRules#MAX_PARTS_READ} parts. */
        private boolean cutShort;

        private Node(int depth, boolean wholeBody, boolean root) {
            this.depth = depth;
            this.wholeBody = wholeBody;
            this.root = root;
        }

        /** Keeps the first field of each name that the walk needs, as mime4j's {@code Header.getField} gives it. */
        private void field(Field field) {
            switch (field.getNameLowerCase()) {
                case "content-type" -> contentType = first(contentType, field);
                case "content-disposition" -> disposition = first(disposition, field);
                case "tls-report-domain" -> reportDomain = first(reportDomain, field);
                case "message-id" -> messageId = root ? first(messageId, field) : null;
                case "from" -> from = root ? first(from, field) : null;
                case "subject" -> subject = root ? first(subject, field) : null;
                case "tls-report-submitter" -> submitter = root ? first(submitter, field) : null;
                default -> {
                    // no other field decides anything
                }
            }
        }

        private static String first(String kept, Field field) {
            return kept != null ? kept : field.getBody();
        }

        private void endOfHeader() {
            type = HeaderValue.parse(contentType == null ? TEXT_PLAIN : contentType);
            filename = filename(disposition, type);
        }

        /** Whether the leaf could be a report part in a message that declares a TLS report. */
        private boolean mayBeReport() {
            return ReportPartRules.classify(type, filename, true, wholeBody) != ReportPartRules.Verdict.NOT_A_REPORT;
        }
    }

    /**
     * The message's tree of entities, in one pass of mime4j's token stream, with the body descriptors of mime4j's
     * message builder (so the same parts are multiparts and attached messages as in mime4j's DOM).
     */
    private static Node readTree(InputStream message) throws IOException, MimeException {
        MimeTokenStream tokens = new MimeTokenStream(
                MimeConfig.PERMISSIVE,
                DecodeMonitor.SILENT,
                new DefaultBodyDescriptorBuilder(null, LenientFieldParser.getParser(), DecodeMonitor.SILENT));
        tokens.parse(message);
        Deque<Node> open = new ArrayDeque<>();
        Node root = null;
        int begun = 0;
        reading:
        for (EntityState state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
            switch (state) {
                case T_START_MESSAGE -> {
                    Node parent = open.peek();
                    if (++begun > ReportPartRules.MAX_PARTS_READ) {
                        // an attached message past the last part read: the part that holds it holds nothing read
                        parent.kind = Kind.MESSAGE;
                        root.cutShort = true;
                        break reading;
                    }
                    Node entity = new Node(parent == null ? 0 : parent.depth + 1, true, parent == null);
                    if (parent == null) {
                        root = entity;
                    } else {
                        parent.kind = Kind.MESSAGE;
                        parent.attached = entity;
                    }
                    open.push(entity);
                }
                case T_START_BODYPART -> {
                    if (++begun > ReportPartRules.MAX_PARTS_READ) {
                        // the rest of the message is not read: no more parts, no more content
                        root.cutShort = true;
                        break reading;
                    }
                    Node parent = open.peek();
                    Node child = new Node(parent.depth + 1, false, false);
                    parent.children.add(child);
                    open.push(child);
                }
                case T_FIELD -> open.peek().field(tokens.getField());
                case T_END_HEADER -> {
                    Node entity = open.peek();
                    entity.endOfHeader();
                    // the parts of an entity at the deepest level would be deeper, and those of a notice about
                    // another mail are not looked into: mime4j does not parse them, as for the matcher
                    boolean looked = entity.depth < ReportPartRules.MAX_DEPTH
                            && !ReportPartRules.isNoticeAboutAnotherMail(entity.type);
                    tokens.setRecursionMode(looked ? RecursionMode.M_RECURSE : RecursionMode.M_FLAT);
                }
                case T_START_MULTIPART -> open.peek().kind = Kind.MULTIPART;
                case T_BODY -> body(open.peek(), tokens);
                case T_END_BODYPART, T_END_MESSAGE -> open.pop();
                default -> {
                    // preamble, epilogue, the end of a multipart: nothing the walk needs
                }
            }
        }
        // gives the field builder's buffer back to mime4j's per-thread pool, as mime4j's message builder does; the
        // rest of a message stopped at the last part read stays unread
        tokens.stop();
        return root;
    }

    /** A leaf's content, transfer-decoded as mime4j's message builder decodes it, when it may be a report. */
    private static void body(Node entity, MimeTokenStream tokens) throws IOException {
        String mimeType = tokens.getBodyDescriptor().getMimeType();
        if (MimeUtil.isMultipart(mimeType)) {
            // not parsed: below the deepest level, or a notice about another mail
            entity.kind = Kind.MULTIPART;
        } else if (MimeUtil.isMessage(mimeType)) {
            entity.kind = Kind.MESSAGE;
        } else if (entity.mayBeReport()) {
            try (InputStream content = tokens.getDecodedInputStream()) {
                entity.content = readAll(content);
            }
        }
    }

    /**
     * The whole stream, in a buffer that starts at {@value #FIRST_READ} bytes and doubles: a report part is usually a
     * kibibyte or two, and {@code readAllBytes} starts with 16 KiB.
     */
    private static byte[] readAll(InputStream content) throws IOException {
        byte[] buffer = new byte[FIRST_READ];
        int filled = 0;
        for (int n; (n = content.read(buffer, filled, buffer.length - filled)) >= 0; ) {
            filled += n;
            if (filled == buffer.length) {
                int capacity = buffer.length > MAX_CONTENT / 2 ? MAX_CONTENT : 2 * buffer.length;
                if (capacity == buffer.length) {
                    // as readAllBytes fails
                    throw new OutOfMemoryError("a part's content is over " + MAX_CONTENT + " bytes");
                }
                buffer = Arrays.copyOf(buffer, capacity);
            }
        }
        return Arrays.copyOf(buffer, filled);
    }

    /** Content-Disposition filename, else Content-Type name (Microsoft sends only filename=). */
    private static String filename(String disposition, HeaderValue contentType) {
        String filename =
                disposition == null ? null : HeaderValue.parse(disposition).parameter("filename");
        if (filename == null) {
            filename = contentType.parameter("name");
        }
        return filename == null ? null : DecoderUtil.decodeEncodedWords(filename, DecodeMonitor.SILENT);
    }

    /** A header field's value, unfolded, encoded words decoded; null when the field is absent. */
    private static String header(String body) {
        if (body == null) {
            return null;
        }
        String unfolded = FOLD.matcher(body).replaceAll(" ").trim();
        return DecoderUtil.decodeEncodedWords(unfolded, DecodeMonitor.SILENT);
    }
}
