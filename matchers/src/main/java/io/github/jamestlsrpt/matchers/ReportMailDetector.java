package io.github.jamestlsrpt.matchers;

import io.github.jamestlsrpt.core.read.ReportSniffer;
import io.github.jamestlsrpt.message.HeaderValue;
import io.github.jamestlsrpt.message.ReportPartRules;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Walks a message's MIME tree the way the command-line tool's {@code ReportMessageReader} does (same parser, mime4j,
 * over the message's bytes; same labels through {@link ReportPartRules}; same RFC 2231 decoding through {@link
 * HeaderValue}), but only as far as needed to say whether the message holds a TLS report: it stops at the first report
 * part, and reads no more than the peek budget of a part whose labels alone do not decide. Never throws; what cannot
 * be read is a warning.
 *
 * <p>Whether a message says it is a TLS report depends on parts anywhere in it, so the message is read in one pass
 * into a tree of the parts' labels (with the head of each part whose labels may not decide, transfer-decoded), which
 * is then walked. The parts that the walk never looks into (below {@value #MAX_DEPTH} levels, inside a notice about
 * another mail) are not parsed, and the tree stops at {@value #MAX_BUILT} parts.
 */
final class ReportMailDetector {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /** Deepest nesting of multiparts and attached messages walked: the message reader's. */
    static final int MAX_DEPTH = ReportPartRules.MAX_DEPTH;

    /** Most MIME parts (containers included) walked in one message. */
    static final int MAX_PARTS = 1000;

    /**
     * Most MIME parts read into the tree, the message reader's: ten times what the walk looks at ({@value #MAX_PARTS}),
     * so that a walk that ends on that limit ends as it would on the whole message, with room for the parts that only
     * say whether a message is a TLS report.
     */
    static final int MAX_BUILT = ReportPartRules.MAX_PARTS_READ;

    private static final String TEXT_PLAIN = "text/plain";

    /** The first buffer for a part's head; it grows up to the peek budget as the content goes on. */
    private static final int FIRST_READ = 8192;

    /** Reads the head of a part; {@link ReportSniffer#sniff(InputStream, int)} outside tests. */
    @FunctionalInterface
    interface Sniffer {
        ReportSniffer.Sniff sniff(InputStream payload, int budget);
    }

    /**
     * What the walk found.
     *
     * @param evidence why the message holds a report, or null when it does not
     * @param warnings what could not be read, one sentence each, in walk order
     */
    record Detection(String evidence, List<String> warnings) {

        Detection {
            warnings = List.copyOf(warnings);
        }

        boolean isReport() {
            return evidence != null;
        }
    }

    private final int peekBytes;
    private final Sniffer sniffer;

    ReportMailDetector(int peekBytes, Sniffer sniffer) {
        this.peekBytes = peekBytes;
        this.sniffer = sniffer;
    }

    /** Reads the message from its bytes (not closed here). */
    Detection detect(InputStream message) {
        Walk walk = new Walk();
        String evidence;
        try {
            Part root = new TreeReader(peekBytes).read(message);
            boolean context = root.reportDomainHeader || declaresTlsReport(root, new int[1]);
            evidence = visit(root, "", context, true, walk);
        } catch (IOException | MimeException | RuntimeException unreadable) {
            walk.warnings.add("the message cannot be read: " + describe(unreadable));
            evidence = null;
        }
        return new Detection(evidence, walk.warnings);
    }

    private static final class Walk {
        private final List<String> warnings = new ArrayList<>();
        private int parts;
        private boolean stopped;
    }

    // ------------------------------------------------------------------------------------------ the walk

    private String visit(Part part, String path, boolean context, boolean wholeBody, Walk walk) {
        if (walk.stopped) {
            return null;
        }
        if (++walk.parts > MAX_PARTS) {
            walk.stopped = true;
            walk.warnings.add("the message has more than " + MAX_PARTS + " MIME parts; the rest is not looked at");
            return null;
        }
        if (part.depth > MAX_DEPTH) {
            walk.warnings.add(label(path) + " nests deeper than " + MAX_DEPTH + " levels; it is not looked at");
            return null;
        }
        HeaderValue type = part.type;
        if (part.isMultipart()) {
            if (ReportPartRules.isNoticeAboutAnotherMail(type)) {
                // a bounce (delivery-status), a read receipt (disposition-notification), an abuse report
                // (feedback-report): a notice about another mail, even when that mail held a TLS report
                return null;
            }
            boolean childContext = context || ReportPartRules.isTlsReportContainer(type);
            for (int i = 0; i < part.children.size(); i++) {
                String childPath = path.isEmpty() ? String.valueOf(i + 1) : path + "." + (i + 1);
                String evidence = visitChild(part.children.get(i), childPath, childContext, walk);
                if (evidence != null) {
                    return evidence;
                }
            }
            return null;
        }
        if (part.isAttachedMessage()) {
            Part attached = part.attached;
            if (attached == null) {
                return null;
            }
            // a forwarded report: its own headers decide its context, as in the command-line tool
            boolean attachedContext = attached.reportDomainHeader || declaresTlsReport(attached, new int[1]);
            return visit(attached, path, attachedContext, true, walk);
        }
        return leaf(part, path, context, wholeBody, walk);
    }

    private String visitChild(Part child, String path, boolean context, Walk walk) {
        try {
            return visit(child, path, context, false, walk);
        } catch (RuntimeException unreadable) {
            walk.warnings.add(label(path) + " cannot be read: " + describe(unreadable));
            return null;
        }
    }

    private String leaf(Part part, String path, boolean context, boolean wholeBody, Walk walk) {
        ReportPartRules.Verdict verdict = ReportPartRules.classify(part.type, part.filename, context, wholeBody);
        String described = describe(path, part.type, part.filename);
        if (verdict == ReportPartRules.Verdict.LABELLED_REPORT) {
            return described + " is labelled as a TLS report";
        }
        if (verdict == ReportPartRules.Verdict.NOT_A_REPORT) {
            return null;
        }
        ReportSniffer.Sniff sniff;
        try (InputStream content = part.content()) {
            sniff = sniffer.sniff(content, peekBytes);
        } catch (IOException | UncheckedIOException unreadable) {
            walk.warnings.add(described + " cannot be read: " + describe(unreadable));
            return null;
        }
        return switch (sniff.verdict()) {
            case LIKELY_REPORT -> described + " holds " + sniff.reason();
            case UNREADABLE -> {
                walk.warnings.add(described + " is not a report that can be read: " + sniff.reason());
                yield null;
            }
            case NOT_A_REPORT -> null;
        };
    }

    // ------------------------------------------------------------------------------------------ context

    /** A multipart/report with report-type=tlsrpt anywhere in the message, attached messages excepted. */
    private static boolean declaresTlsReport(Part part, int[] visited) {
        if (part.depth > MAX_DEPTH || ++visited[0] > MAX_PARTS) {
            return false;
        }
        HeaderValue type = part.type;
        if (ReportPartRules.isTlsReportContainer(type)) {
            return true;
        }
        if (!part.isMultipart() || ReportPartRules.isNoticeAboutAnotherMail(type)) {
            return false;
        }
        for (Part child : part.children) {
            if (declaresTlsReport(child, visited)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------ the tree

    /**
     * One MIME part (the message, a body part, an attached message) as far as the walk needs it: its labels, its
     * parts, and for a leaf whose labels may not decide, the head of its content.
     */
    private static final class Part {
        private final int depth;
        private final boolean wholeBody;
        private final List<Part> children = new ArrayList<>(4);
        private String contentType;
        private String disposition;
        private String encoding;
        private boolean reportDomainHeader;
        private HeaderValue type;
        private String filename;
        private Part attached;
        private byte[] head;
        private IOException failure;

        private Part(int depth, boolean wholeBody) {
            this.depth = depth;
            this.wholeBody = wholeBody;
        }

        private void field(Field field) {
            String name = field.getName();
            if (contentType == null && "Content-Type".equalsIgnoreCase(name)) {
                contentType = field.getBody();
            } else if (disposition == null && "Content-Disposition".equalsIgnoreCase(name)) {
                disposition = field.getBody();
            } else if (encoding == null && "Content-Transfer-Encoding".equalsIgnoreCase(name)) {
                encoding = field.getBody();
            } else if ("TLS-Report-Domain".equalsIgnoreCase(name)) {
                reportDomainHeader = true;
            }
        }

        /** The raw Content-Type (RFC 2231 and all, parsed by the shared rules); text/plain when absent. */
        private void endOfHeader() {
            type = HeaderValue.parse(contentType == null ? TEXT_PLAIN : contentType);
            filename = filename(disposition, type);
        }

        private boolean isMultipart() {
            return type.value().startsWith("multipart/");
        }

        private boolean isAttachedMessage() {
            return "message/rfc822".equals(type.value());
        }

        /** Whether the walk may sniff this leaf: its labels make it a candidate, at least without a report context. */
        private boolean mayBeSniffed() {
            return depth <= MAX_DEPTH
                    && !isMultipart()
                    && !isAttachedMessage()
                    && ReportPartRules.classify(type, filename, false, wholeBody) == ReportPartRules.Verdict.CANDIDATE;
        }

        /** The head read from the content, then the failure that ended it, if one did. */
        private InputStream content() {
            InputStream bytes = new ByteArrayInputStream(head == null ? new byte[0] : head);
            return failure == null ? bytes : new SequenceInputStream(bytes, new Failing(failure));
        }
    }

    /** Reads a message into the tree of its parts, in one pass of mime4j's token stream. */
    private static final class TreeReader {
        private final int peekBytes;
        private int built;

        private TreeReader(int peekBytes) {
            this.peekBytes = peekBytes;
        }

        private Part read(InputStream message) throws IOException, MimeException {
            MimeTokenStream tokens = new MimeTokenStream(MimeConfig.PERMISSIVE, DecodeMonitor.SILENT, null);
            tokens.setRecursionMode(RecursionMode.M_RECURSE);
            tokens.parse(message);
            Deque<Part> open = new ArrayDeque<>();
            Part root = null;
            for (EntityState state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
                switch (state) {
                    case T_START_MESSAGE -> {
                        Part entity = new Part(open.isEmpty() ? 0 : open.peek().depth + 1, true);
                        if (open.isEmpty()) {
                            root = entity;
                        } else {
                            open.peek().attached = entity;
                        }
                        open.push(entity);
                    }
                    case T_START_BODYPART -> {
                        Part child = new Part(open.peek().depth + 1, false);
                        open.peek().children.add(child);
                        open.push(child);
                    }
                    case T_FIELD -> open.peek().field(tokens.getField());
                    case T_END_HEADER -> {
                        Part part = open.peek();
                        part.endOfHeader();
                        if (++built > MAX_BUILT) {
                            return root;
                        }
                        // mime4j looks into no part that the walk does not: a leaf by its label, below the depth
                        // limit, a notice about another mail
                        boolean looked = part.depth <= MAX_DEPTH
                                && (part.isAttachedMessage()
                                        || (part.isMultipart()
                                                && !ReportPartRules.isNoticeAboutAnotherMail(part.type)));
                        tokens.setRecursionMode(looked ? RecursionMode.M_RECURSE : RecursionMode.M_FLAT);
                    }
                    case T_BODY -> {
                        tokens.setRecursionMode(RecursionMode.M_RECURSE);
                        Part part = open.peek();
                        if (part.mayBeSniffed()) {
                            readHead(part, tokens.getInputStream());
                        }
                    }
                    case T_END_BODYPART, T_END_MESSAGE -> open.pop();
                    default -> {
                        // preamble, epilogue, multipart boundaries: nothing the walk needs
                    }
                }
            }
            return root;
        }

        /**
         * The first {@code peekBytes} bytes of the content, transfer-decoded, and the failure that ended them, if one
         * did. Base64 and quoted-printable are decoded by mime4j's lenient decoders (the ones the command-line tool's
         * reader uses); another encoding by Jakarta Mail, which knows uuencode and refuses what it does not know.
         */
        private void readHead(Part part, InputStream raw) {
            byte[] buffer = new byte[Math.min(peekBytes, FIRST_READ)];
            int filled = 0;
            try (InputStream decoded = decoded(raw, transferEncoding(part.encoding))) {
                int n;
                while (filled < peekBytes) {
                    if (filled == buffer.length) {
                        buffer = Arrays.copyOf(buffer, Math.min(peekBytes, 2 * buffer.length));
                    }
                    n = decoded.read(buffer, filled, buffer.length - filled);
                    if (n < 0) {
                        break;
                    }
                    filled += n;
                }
            } catch (IOException failure) {
                part.failure = failure;
            }
            part.head = filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
        }

        private static InputStream decoded(InputStream raw, String encoding) throws IOException {
            return switch (encoding) {
                case "7bit", "8bit", "binary" -> raw;
                case "base64" -> new Base64InputStream(raw, DecodeMonitor.SILENT);
                case "quoted-printable" -> new QuotedPrintableInputStream(raw, DecodeMonitor.SILENT);
                default -> jakartaDecoded(raw, encoding);
            };
        }

        /** Jakarta Mail's decoder, failing as Jakarta Mail's part content does: an IOException with its message. */
        private static InputStream jakartaDecoded(InputStream raw, String encoding) throws IOException {
            try {
                return MimeUtility.decode(raw, encoding);
            } catch (MessagingException unknown) {
                throw new IOException(unknown.getMessage(), unknown);
            }
        }

        /** The Content-Transfer-Encoding's mechanism, lower-cased; 7bit when absent (RFC 2045 section 6.1). */
        static String transferEncoding(String header) {
            if (header == null) {
                return "7bit";
            }
            String value = header.trim();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '(') {
                    value = value.substring(0, i);
                    break;
                }
            }
            return value.isEmpty() ? "7bit" : value.toLowerCase(Locale.ROOT);
        }
    }

    /** Ends a part's head with the failure that ended its reading. */
    private static final class Failing extends InputStream {
        private final IOException failure;

        private Failing(IOException failure) {
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            throw failure;
        }
    }

    /** Content-Disposition filename, else Content-Type name (Microsoft sends only filename=), as the tool reads it. */
    private static String filename(String disposition, HeaderValue type) {
        String filename =
                disposition == null ? null : HeaderValue.parse(disposition).parameter("filename");
        if (filename == null) {
            filename = type.parameter("name");
        }
        return filename == null ? null : DecoderUtil.decodeEncodedWords(filename, DecodeMonitor.SILENT);
    }

    // ------------------------------------------------------------------------------------------ wording

    private static String label(String path) {
        return path.isEmpty() ? "the message body" : "part " + path;
    }

    private static String describe(String path, HeaderValue type, String filename) {
        return label(path) + " (" + printable(type.value())
                + (filename == null ? "" : ", \"" + printable(filename) + "\"") + ")";
    }

    /** One line, no stack trace: the exception's type and message. */
    static String describe(Throwable failure) {
        Throwable cause =
                failure instanceof UncheckedIOException && failure.getCause() != null ? failure.getCause() : failure;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + printable(message));
    }

    /** A sender's text in a log line: control characters replaced (no forged log lines), at most 200 characters. */
    static String printable(String text) {
        String shown = text.length() > 200 ? text.substring(0, 197) + "..." : text;
        return CONTROL.matcher(shown).replaceAll("?");
    }
}
