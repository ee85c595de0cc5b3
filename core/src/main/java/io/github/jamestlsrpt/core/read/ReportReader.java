package io.github.jamestlsrpt.core.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jamestlsrpt.core.model.TlsReport;
import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.problem.ProblemCode;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads RFC 8460 report payloads: raw JSON, gzip (recognised by its magic bytes whatever the label says) or zip
 * (each .json or .json.gz entry a report). Streams throughout and enforces {@link ReaderLimits}. Never throws for
 * bad data: every payload gives at least one {@link ReadResult}. Thread-safe and meant to be built once.
 */
public final class ReportReader {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final ReaderLimits limits;
    private final ObjectMapper mapper;

    public ReportReader() {
        this(ReaderLimits.DEFAULTS);
    }

    public ReportReader(ReaderLimits limits) {
        this.limits = limits;
        this.mapper = new ObjectMapper(jsonFactory(limits));
    }

    private static JsonFactory jsonFactory(ReaderLimits limits) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNumberLength(limits.maxNumberLength())
                        .build())
                // member names are checked unique by JsonReportParser and UniqueNamesParser, more cheaply than
                // Jackson's own check
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .build();
    }

    public ReaderLimits limits() {
        return limits;
    }

    public List<ReadResult> read(byte[] payload) {
        return read(new ByteArrayInputStream(payload));
    }

    /**
     * Reads every report in a payload. The stream is read at most to the compressed-size limit and not closed.
     *
     * @throws UncheckedIOException only when the given stream itself fails; bad data never throws
     */
    public List<ReadResult> read(InputStream payload) {
        SourceStream source = new SourceStream(payload);
        // marks let the payload's first bytes be peeked at, and commons-compress's gzip reader needs them
        InputStream buffered = source.markSupported() ? source : new BufferedInputStream(source, 8192);
        try {
            byte[] head = peek(buffered, 4);
            if (head.length == 0) {
                return List.of(notAReport(ProblemCode.EMPTY_PAYLOAD, "the payload is empty", null));
            }
            if (isGzip(head)) {
                return List.of(readGzip(compressedLimit(buffered), null));
            }
            if (isZip(head)) {
                return readZip(compressedLimit(buffered));
            }
            return List.of(readJson(decompressedLimit(buffered), null));
        } catch (SourceStream.SourceException failure) {
            throw new UncheckedIOException(failure.getCause());
        } catch (LimitExceededException exceeded) {
            return List.of(broken(exceeded.code(), "", "the payload has " + exceeded.getMessage(), null));
        } catch (IOException unexpected) {
            return List.of(broken(ProblemCode.JSON_SYNTAX, "", "the payload cannot be read: " + unexpected, null));
        }
    }

    private InputStream compressedLimit(InputStream in) {
        return new LimitedInputStream(
                in, limits.maxCompressedBytes(), ProblemCode.COMPRESSED_SIZE_LIMIT_EXCEEDED, "compressed-size");
    }

    private LimitedInputStream decompressedLimit(InputStream in) {
        return decompressedLimit(in, limits.maxDecompressedBytes());
    }

    private static LimitedInputStream decompressedLimit(InputStream in, long limit) {
        return new LimitedInputStream(in, limit, ProblemCode.DECOMPRESSED_SIZE_LIMIT_EXCEEDED, "decompressed-size");
    }

    // ------------------------------------------------------------------------------------------ gzip

    private ReadResult readGzip(InputStream compressed, String entryName) throws IOException {
        return readGzip(compressed, entryName, limits.maxDecompressedBytes(), new long[1]);
    }

    /**
     * @param decompressedLimit the decompressed bytes still allowed (a zip archive's entries share one budget)
     * @param inflated receives how many bytes were inflated
     */
    private ReadResult readGzip(InputStream compressed, String entryName, long decompressedLimit, long[] inflated)
            throws IOException {
        GzipCompressorInputStream inflating;
        try {
            // decompressConcatenated: RFC 1952 allows several members; some senders' gzip tools write them
            inflating = GzipCompressorInputStream.builder()
                    .setInputStream(compressed)
                    .setDecompressConcatenated(true)
                    .get();
        } catch (SourceStream.SourceException | LimitExceededException passOn) {
            throw passOn;
        } catch (EOFException truncated) {
            return broken(ProblemCode.GZIP_TRUNCATED, "", "the gzip data ends inside its header", entryName);
        } catch (IOException corrupt) {
            return broken(
                    ProblemCode.GZIP_CORRUPT, "", "the gzip header is corrupt: " + corrupt.getMessage(), entryName);
        }
        LimitedInputStream json = decompressedLimit(inflating, decompressedLimit);
        try {
            return readJson(json, entryName);
        } finally {
            inflated[0] = json.count();
        }
    }

    private static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == GZIP_MAGIC_1 && (head[1] & 0xff) == GZIP_MAGIC_2;
    }

    private static boolean isZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    // ------------------------------------------------------------------------------------------ zip

    private List<ReadResult> readZip(InputStream compressed) throws IOException {
        List<ReadResult> results = new ArrayList<>();
        List<Problem> skipped = new ArrayList<>();
        long decompressedBudget = limits.maxDecompressedBytes();
        int entries = 0;
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(compressed, "UTF-8", true, true)) {
            ZipArchiveEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries++;
                if (entries > limits.maxZipEntries()) {
                    results.add(broken(
                            ProblemCode.ZIP_ENTRY_COUNT_LIMIT_EXCEEDED,
                            "",
                            "the zip archive has more than " + limits.maxZipEntries()
                                    + " entries: the zip-entry-count limit is " + limits.maxZipEntries(),
                            null));
                    return results;
                }
                String name = entry.getName();
                if (!isReadable(zip, entry)) {
                    results.add(broken(
                            ProblemCode.ZIP_CORRUPT,
                            "",
                            "zip entry \"" + Pointers.abbreviate(name) + "\" uses compression method "
                                    + entry.getMethod() + ", which cannot be read (only stored and deflated entries)",
                            name));
                    return results;
                }
                // every entry, skipped ones too, is inflated through the limit: a bomb can hide in any of them
                LimitedInputStream entryData = decompressedLimit(new NonClosing(zip), decompressedBudget);
                String lowerName = name.toLowerCase(Locale.ROOT);
                if (entry.isDirectory() || !(lowerName.endsWith(".json") || lowerName.endsWith(".json.gz"))) {
                    entryData.transferTo(OutputSink.INSTANCE);
                    skipped.add(Problem.of(
                            ProblemCode.ZIP_ENTRY_SKIPPED,
                            "",
                            "zip entry \"" + Pointers.abbreviate(name) + "\" is not a .json file; skipped"));
                } else {
                    // a .json.gz entry inflates twice: its JSON counts against the budget as well as its gzip bytes
                    long[] inflated = new long[1];
                    ReadResult result = lowerName.endsWith(".gz")
                            ? readGzipEntry(entryData, name, decompressedBudget, inflated)
                            : readJson(entryData, name);
                    entryData.transferTo(OutputSink.INSTANCE);
                    results.add(result);
                    decompressedBudget -= inflated[0];
                }
                decompressedBudget -= entryData.count();
            }
        } catch (SourceStream.SourceException | LimitExceededException passOn) {
            throw passOn;
        } catch (IOException corrupt) {
            results.add(broken(
                    ProblemCode.ZIP_CORRUPT,
                    "",
                    "the zip archive is corrupt: " + Pointers.abbreviate(String.valueOf(corrupt.getMessage())),
                    null));
            return results;
        } catch (LinkageError missingDecoder) {
            // commons-compress decodes zstd and xz entries through optional libraries, absent here: an entry
            // compressed so fails with NoClassDefFoundError when it is opened
            results.add(broken(
                    ProblemCode.ZIP_CORRUPT,
                    "",
                    "the zip archive uses a compression method that cannot be decoded here ("
                            + Pointers.abbreviate(String.valueOf(missingDecoder.getMessage())) + ")",
                    null));
            return results;
        }
        if (results.isEmpty()) {
            List<Problem> problems = new ArrayList<>(skipped);
            problems.add(0, Problem.of(ProblemCode.ZIP_WITHOUT_REPORT, "", "the zip archive holds no .json file"));
            return List.of(new ReadResult.NotAReport(problems, null));
        }
        return results;
    }

    /**
     * Whether an entry's data can be read: stored or deflated (what report senders write), and readable by
     * commons-compress as it is laid out. Other methods fail in their own ways: zstd and xz need optional libraries
     * (NoClassDefFoundError), and without sizes in the local header their data stream is missing (NullPointerException).
     */
    private static boolean isReadable(ZipArchiveInputStream zip, ZipArchiveEntry entry) {
        int method = entry.getMethod();
        return (method == ZipArchiveEntry.STORED || method == ZipArchiveEntry.DEFLATED) && zip.canReadEntryData(entry);
    }

    private ReadResult readGzipEntry(InputStream entryData, String name, long decompressedBudget, long[] inflated)
            throws IOException {
        try {
            return readGzip(entryData, name, decompressedBudget, inflated);
        } catch (LimitExceededException exceeded) {
            return broken(exceeded.code(), "", "the zip entry has " + exceeded.getMessage(), name);
        }
    }

    // ------------------------------------------------------------------------------------------ JSON

    private ReadResult readJson(InputStream jsonBytes, String entryName) throws IOException {
        // the JSON parser buffers its input itself: only the first bytes are looked at, then given back
        PushbackInputStream json = new PushbackInputStream(jsonBytes, 4);
        List<Problem> encodingProblems = new ArrayList<>(1);
        byte[] head;
        try {
            head = peekAndUnread(json, 4);
        } catch (LimitExceededException | SourceStream.SourceException passOn) {
            throw passOn;
        } catch (IOException inflation) {
            return brokenWithEarlierProblems(null, inflationProblem(inflation), entryName);
        }
        if (head.length == 0) {
            return notAReport(ProblemCode.EMPTY_PAYLOAD, "the report is empty", entryName);
        }
        if (isUtf16Or32(head)) {
            return broken(
                    ProblemCode.NOT_UTF8,
                    "",
                    "the report is UTF-16 or UTF-32 encoded; I-JSON requires UTF-8 (RFC 7493 section 2.1)",
                    entryName);
        }
        if (head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            encodingProblems.add(Problem.of(
                    ProblemCode.UTF8_BYTE_ORDER_MARK,
                    "",
                    "the report starts with a UTF-8 byte order mark (RFC 8259 section 8.1: must not); ignored"));
        }

        JsonReportParser reportParser = null;
        try (JsonParser parser = mapper.getFactory().createParser(new Utf8CheckingInputStream(json))) {
            JsonToken first;
            try {
                first = parser.nextToken();
            } catch (StreamConstraintsException exceeded) {
                return broken(limitCode(exceeded), "", limitMessage(exceeded), entryName);
            } catch (Utf8CheckingInputStream.IllFormedUtf8Exception notUtf8) {
                return notJsonOrUtf8(head, entryName);
            } catch (JsonProcessingException notJson) {
                ProblemCode code = isUtf8Error(notJson) ? ProblemCode.NOT_UTF8 : ProblemCode.NOT_JSON;
                return notAReport(code, "the payload is not JSON" + describeFirstBytes(head), entryName);
            }
            if (first == null) {
                return notAReport(ProblemCode.EMPTY_PAYLOAD, "the report holds only white space", entryName);
            }
            if (first != JsonToken.START_OBJECT) {
                return notAReport(
                        ProblemCode.NOT_AN_OBJECT,
                        "the JSON is " + (first == JsonToken.START_ARRAY ? "an array" : "a single value")
                                + ", not an object",
                        entryName);
            }
            reportParser = new JsonReportParser(parser, mapper);
            reportParser.problems().addAll(encodingProblems);
            TlsReport report;
            try {
                report = reportParser.readReport();
                if (report != null) {
                    checkNothingFollows(parser, reportParser);
                }
            } catch (Utf8CheckingInputStream.IllFormedUtf8Exception notUtf8) {
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                return brokenWithEarlierProblems(
                        reportParser,
                        Problem.of(
                                ProblemCode.NOT_UTF8,
                                pointer,
                                "the report is not valid UTF-8 (RFC 7493 section 2.1): " + notUtf8.getMessage()),
                        entryName);
            }
            if (report == null) {
                return notAReport(
                        ProblemCode.NO_REPORT_MEMBERS,
                        "the JSON object has none of the RFC 8460 report members (organization-name, date-range,"
                                + " contact-info, report-id, policies)",
                        entryName);
            }
            return outcome(report, reportParser.problems(), entryName);
        } catch (LimitExceededException | SourceStream.SourceException passOn) {
            throw passOn;
        } catch (StreamConstraintsException exceeded) {
            return brokenWithEarlierProblems(
                    reportParser, Problem.of(limitCode(exceeded), "", limitMessage(exceeded)), entryName);
        } catch (JsonProcessingException syntax) {
            return brokenWithEarlierProblems(reportParser, syntaxProblem(syntax), entryName);
        } catch (Utf8CheckingInputStream.IllFormedUtf8Exception notUtf8) {
            // in the first bytes, read by the parser's encoding detection
            return notJsonOrUtf8(head, entryName);
        } catch (IOException inflation) {
            return brokenWithEarlierProblems(reportParser, inflationProblem(inflation), entryName);
        }
    }

    /**
     * A failure of the inflating stream below the JSON parser (bad data never fails a raw payload's stream, and
     * limits and the caller's own failures are passed on before this): the gzip data ends early or is corrupt.
     */
    private static Problem inflationProblem(IOException failure) {
        if (failure instanceof EOFException) {
            return Problem.of(ProblemCode.GZIP_TRUNCATED, "", "the gzip data is truncated: the report is cut short");
        }
        return Problem.of(
                ProblemCode.GZIP_CORRUPT,
                "",
                "the gzip data is corrupt: " + Pointers.abbreviate(String.valueOf(failure.getMessage())));
    }

    /**
     * Ill-formed UTF-8 before the first JSON token was read: binary data that starts with an ASCII byte no JSON text
     * starts with (a gzip inside the gzip, say) is not JSON, as the parser would have said on that first byte.
     */
    private static ReadResult notJsonOrUtf8(byte[] head, String entryName) {
        int first = head[0] & 0xff;
        boolean startsLikeJson = first >= 0x80 || "{[\"-0123456789tfn \t\r\n".indexOf(first) >= 0;
        ProblemCode code = startsLikeJson ? ProblemCode.NOT_UTF8 : ProblemCode.NOT_JSON;
        return notAReport(code, "the payload is not JSON" + describeFirstBytes(head), entryName);
    }

    /** RFC 8259 section 2: one value per text; anything after the report's closing brace is an error. */
    private static void checkNothingFollows(JsonParser parser, JsonReportParser reportParser) throws IOException {
        JsonToken next;
        try {
            next = parser.nextToken();
        } catch (JsonProcessingException garbage) {
            next = JsonToken.NOT_AVAILABLE;
        }
        if (next != null) {
            reportParser.addProblem(
                    ProblemCode.TRAILING_CONTENT, "", "there is more data after the end of the report's JSON object");
        }
    }

    private static ReadResult outcome(TlsReport report, List<Problem> problems, String entryName) {
        for (Problem problem : problems) {
            if (problem.isError()) {
                return new ReadResult.BrokenReport(report, problems, entryName);
            }
        }
        return new ReadResult.UsableReport(report, problems, entryName);
    }

    private static ReadResult brokenWithEarlierProblems(JsonReportParser parser, Problem fatal, String entryName) {
        List<Problem> problems = new ArrayList<>();
        if (parser != null) {
            problems.addAll(parser.problems());
        }
        problems.add(fatal);
        return new ReadResult.BrokenReport(null, problems, entryName);
    }

    private static Problem syntaxProblem(JsonProcessingException syntax) {
        String pointer = pointerOf(syntax);
        String original = syntax.getOriginalMessage() == null ? "" : syntax.getOriginalMessage();
        if (original.startsWith("Duplicate Object property") || original.startsWith("Duplicate field")) {
            return Problem.of(
                    ProblemCode.DUPLICATE_MEMBER,
                    pointer,
                    "a member name appears twice in one object; I-JSON forbids it (RFC 7493 section 2.3)");
        }
        if (isUtf8Error(syntax)) {
            return Problem.of(
                    ProblemCode.NOT_UTF8, pointer, "the report is not valid UTF-8 (RFC 7493 section 2.1)" + at(syntax));
        }
        return Problem.of(
                ProblemCode.JSON_SYNTAX,
                pointer,
                "the report is not valid JSON" + at(syntax) + ": " + firstLine(original));
    }

    private static String pointerOf(JsonProcessingException syntax) {
        if (syntax.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            return parser.getParsingContext().pathAsPointer().toString();
        }
        return "";
    }

    private static String at(JsonProcessingException syntax) {
        JsonLocation location = syntax.getLocation();
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return Pointers.abbreviate(newline < 0 ? message : message.substring(0, newline));
    }

    private static boolean isUtf8Error(JsonProcessingException exception) {
        String message = exception.getOriginalMessage();
        return message != null && message.contains("UTF-8");
    }

    private ProblemCode limitCode(StreamConstraintsException exceeded) {
        String message = String.valueOf(exceeded.getMessage());
        if (message.contains("getMaxNestingDepth")) {
            return ProblemCode.NESTING_DEPTH_LIMIT_EXCEEDED;
        }
        if (message.contains("getMaxNumberLength")) {
            return ProblemCode.NUMBER_LENGTH_LIMIT_EXCEEDED;
        }
        return ProblemCode.STRING_LENGTH_LIMIT_EXCEEDED;
    }

    private String limitMessage(StreamConstraintsException exceeded) {
        return switch (limitCode(exceeded)) {
            case NESTING_DEPTH_LIMIT_EXCEEDED -> "the JSON nests deeper than the nesting-depth limit of "
                    + limits.maxNestingDepth();
            case NUMBER_LENGTH_LIMIT_EXCEEDED -> "a JSON number is longer than the number-length limit of "
                    + limits.maxNumberLength() + " characters";
            default -> "a JSON string is longer than the string-length limit of " + limits.maxStringLength()
                    + " characters";
        };
    }

    private static boolean isUtf16Or32(byte[] head) {
        int b0 = head[0] & 0xff;
        int b1 = head.length > 1 ? head[1] & 0xff : -1;
        return (b0 == 0xfe && b1 == 0xff) || (b0 == 0xff && b1 == 0xfe) || b0 == 0 || b1 == 0;
    }

    private static String describeFirstBytes(byte[] head) {
        int b0 = head[0] & 0xff;
        if (b0 == '<') {
            return " (it starts with \"<\": HTML or XML, such as a DMARC aggregate report or a web error page)";
        }
        return "";
    }

    private static byte[] peek(InputStream in, int count) throws IOException {
        in.mark(count);
        byte[] head = readUpTo(in, count);
        in.reset();
        return head;
    }

    private static byte[] peekAndUnread(PushbackInputStream in, int count) throws IOException {
        byte[] head = readUpTo(in, count);
        in.unread(head);
        return head;
    }

    private static byte[] readUpTo(InputStream in, int count) throws IOException {
        byte[] head = new byte[count];
        int filled = 0;
        while (filled < count) {
            int n = in.read(head, filled, count - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled == count ? head : Arrays.copyOf(head, filled);
    }

    private static ReadResult notAReport(ProblemCode code, String message, String entryName) {
        return new ReadResult.NotAReport(List.of(Problem.of(code, "", message)), entryName);
    }

    private static ReadResult broken(ProblemCode code, String pointer, String message, String entryName) {
        return new ReadResult.BrokenReport(null, List.of(Problem.of(code, pointer, message)), entryName);
    }
}
