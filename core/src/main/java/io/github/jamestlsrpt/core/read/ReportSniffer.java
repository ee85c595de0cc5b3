package io.github.jamestlsrpt.core.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Decides cheaply whether a payload is likely an RFC 8460 report, from its head alone: for a mail filter that must
 * not read or inflate whole attachments. It reads at most {@code budget} bytes of the given stream and inflates at
 * most {@code budget} bytes (all levels of a zip holding gzip together), then judges what it saw:
 *
 * <ul>
 *   <li>gzip, by its magic bytes (0x1f 0x8b) whatever the label says: the inflated head is judged as JSON;
 *   <li>zip, by its magic bytes ("PK\3\4"): the first entries whose names end in .json or .json.gz are judged as
 *       JSON (inflated as needed); other entries are skipped, their inflated bytes counted against the budget;
 *   <li>anything else as JSON: an optional UTF-8 byte order mark and white space, then "{", and one of the RFC 8460
 *       section 4.4 top-level members (organization-name, date-range, contact-info, report-id, policies) as a
 *       member of that outermost object within the head. XML and HTML ({@code <?xml}, {@code <feedback>}: a DMARC
 *       aggregate report, a web error page) start with "&lt;" and are not a report.
 * </ul>
 *
 * <p>A head is a hint, not a verdict on the report: {@link Verdict#LIKELY_REPORT} bytes may still give a broken
 * report when read whole by {@link ReportReader}, and a report whose first top-level member lies beyond the budget
 * is {@link Verdict#NOT_A_REPORT}. Never throws for bad data; thread-safe (no state).
 */
public final class ReportSniffer {

    /** 64 KiB: the head of every real report holds a top-level member long before that. */
    public static final int DEFAULT_BUDGET = 64 * 1024;

    /** What the head says. */
    public enum Verdict {
        /** the head is (or inflates to) a JSON object with an RFC 8460 top-level member */
        LIKELY_REPORT,
        /** the head shows no report: other JSON, XML, HTML, text, a zip without a report entry, or nothing yet */
        NOT_A_REPORT,
        /** gzip or zip by its magic bytes, but its head cannot be decoded: truncated or corrupt */
        UNREADABLE
    }

    /**
     * The verdict and why, in one sentence for a log line (never shown in a mail).
     *
     * @param verdict what the head says
     * @param reason why, for a person reading a log
     */
    public record Sniff(Verdict verdict, String reason) {

        public Sniff {
            Objects.requireNonNull(verdict, "verdict");
            // one log line: a decoder's message may quote a zip entry name, which may hold a line break
            reason = Pointers.oneLine(Objects.requireNonNull(reason, "reason"));
        }

        public boolean likelyReport() {
            return verdict == Verdict.LIKELY_REPORT;
        }
    }

    /** RFC 8460 section 4.4, as {@code JsonReportParser} recognises a report. */
    private static final Set<String> REPORT_MEMBERS =
            Set.of("organization-name", "date-range", "contact-info", "report-id", "policies");

    /** A zip archive's first entries only: a report archive holds its report up front. */
    private static final int MAX_ZIP_ENTRIES = 16;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(64).build())
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private ReportSniffer() {}

    /** {@link #sniff(InputStream, int)} with the {@link #DEFAULT_BUDGET}. */
    public static Sniff sniff(InputStream payload) {
        return sniff(payload, DEFAULT_BUDGET);
    }

    /**
     * Sniffs the head of a payload. The stream is read at most {@code budget} bytes far and is not closed.
     *
     * @param payload the payload, transfer encoding already removed
     * @param budget how many bytes may be read from the stream, and how many may be inflated; at least 1
     * @throws IllegalArgumentException when the budget is not positive
     * @throws UncheckedIOException only when the given stream itself fails; bad data never throws
     */
    public static Sniff sniff(InputStream payload, int budget) {
        Objects.requireNonNull(payload, "payload");
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be positive, was " + budget);
        }
        Source source = new Source(payload);
        Budgeted input = new Budgeted(source, new Budget(budget));
        Budget inflation = new Budget(budget);
        try {
            PushbackInputStream head = new PushbackInputStream(input, 4);
            byte[] magic = head.readNBytes(4);
            head.unread(magic);
            if (magic.length == 0) {
                return notAReport("the payload is empty");
            }
            if (isGzip(magic)) {
                return sniffGzip(head, input, inflation);
            }
            if (isZip(magic)) {
                return sniffZip(head, input, inflation);
            }
            byte[] buffer = new byte[budget];
            int filled = fill(head, buffer, budget);
            return judgeJson(buffer, filled, input.budget.exhausted(), budget);
        } catch (IOException failure) {
            // only the caller's stream can fail here: every decoder's failure is caught where it is used
            throw new UncheckedIOException(source.failure != null ? source.failure : failure);
        }
    }

    // ------------------------------------------------------------------------------------------ gzip

    private static Sniff sniffGzip(InputStream compressed, Budgeted input, Budget inflation) throws IOException {
        byte[] buffer = new byte[(int) inflation.remaining];
        int[] filled = new int[1];
        IOException failure = inflateHead(compressed, inflation, buffer, filled);
        if (failure != null) {
            rethrowIfSource(input);
            if (!input.budget.exhausted()) {
                return unreadable(
                        failure instanceof EOFException
                                ? "the gzip data is truncated"
                                : "the gzip data is corrupt: " + failure.getMessage());
            }
            // the input budget ended inside the gzip data: judge what it inflated to so far
        }
        boolean headOnly = failure != null || inflation.exhausted();
        Sniff judged = judgeJson(buffer, filled[0], headOnly, buffer.length);
        return judged.likelyReport() ? judged : notAReport("gzip: " + judged.reason());
    }

    /**
     * Inflates the head of gzip data into the buffer, at most the inflation budget.
     *
     * @return the failure that stopped the inflation, or null when the buffer is full or the data ended
     */
    private static IOException inflateHead(InputStream compressed, Budget inflation, byte[] buffer, int[] filled) {
        try (InputStream inflating = new Budgeted(
                GzipCompressorInputStream.builder()
                        .setInputStream(new Unclosable(compressed))
                        .setDecompressConcatenated(true)
                        .get(),
                inflation)) {
            fillCounting(inflating, buffer, buffer.length, filled);
            return null;
        } catch (IOException failure) {
            return failure;
        } catch (RuntimeException decoderFailure) {
            // a decoder's own failure on hostile data is still bad data, never an exception for the caller
            return new IOException(decoderFailure.getMessage(), decoderFailure);
        }
    }

    private static boolean isGzip(byte[] magic) {
        return magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
    }

    // ------------------------------------------------------------------------------------------ zip

    private static Sniff sniffZip(InputStream compressed, Budgeted input, Budget inflation) throws IOException {
        int entries = 0;
        String lastJudgement = "the zip archive holds no .json or .json.gz entry";
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new Unclosable(compressed), "UTF-8", true, true)) {
            ZipArchiveEntry entry;
            while (entries < MAX_ZIP_ENTRIES && (entry = zip.getNextEntry()) != null) {
                entries++;
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName().toLowerCase(Locale.ROOT);
                Budgeted data = new Budgeted(new Unclosable(zip), inflation);
                if (name.endsWith(".json")) {
                    byte[] buffer = new byte[(int) inflation.remaining];
                    int filled = fill(data, buffer, buffer.length);
                    Sniff judged = judgeJson(buffer, filled, inflation.exhausted(), buffer.length);
                    if (judged.likelyReport()) {
                        return judged;
                    }
                    lastJudgement = "entry " + quote(entry.getName()) + ": " + judged.reason();
                } else if (name.endsWith(".json.gz")) {
                    byte[] buffer = new byte[(int) inflation.remaining];
                    int[] filled = new int[1];
                    IOException failure = inflateHead(data, inflation, buffer, filled);
                    rethrowIfSource(input);
                    if (failure != null && !inflation.exhausted() && !input.budget.exhausted()) {
                        return unreadable("zip entry " + quote(entry.getName()) + ": the gzip data is "
                                + (failure instanceof EOFException ? "truncated" : "corrupt: " + failure.getMessage()));
                    }
                    Sniff judged = judgeJson(buffer, filled[0], true, buffer.length);
                    if (judged.likelyReport()) {
                        return judged;
                    }
                    lastJudgement = "entry " + quote(entry.getName()) + ": " + judged.reason();
                }
                // the rest of the entry is inflated through the budget: a bomb can hide in any entry
                drain(data);
                if (inflation.exhausted()) {
                    return notAReport("no report in the first " + inflation.initial
                            + " inflated bytes of the zip archive (" + lastJudgement + ")");
                }
            }
        } catch (IOException | RuntimeException | LinkageError failure) {
            // LinkageError: zstd and xz entries need optional libraries of commons-compress, absent here
            rethrowIfSource(input);
            if (input.budget.exhausted() || inflation.exhausted()) {
                return notAReport("no report in the first " + input.budget.initial + " bytes of the zip archive ("
                        + lastJudgement + ")");
            }
            return unreadable("the zip archive is corrupt: " + failure.getMessage());
        }
        return notAReport(lastJudgement);
    }

    private static boolean isZip(byte[] magic) {
        return magic.length >= 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    }

    private static String quote(String name) {
        String shown = name.length() > 80 ? name.substring(0, 77) + "..." : name;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }

    // ------------------------------------------------------------------------------------------ JSON

    /**
     * @param headOnly whether more may follow the bytes given (a budget ended them)
     * @param budget the budget, for the reason
     */
    private static Sniff judgeJson(byte[] bytes, int length, boolean headOnly, int budget) {
        int start = 0;
        if (length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            start = 3;
        }
        while (start < length && isJsonWhiteSpace(bytes[start])) {
            start++;
        }
        if (start == length) {
            return notAReport(headOnly ? "only white space in the first " + budget + " bytes" : "the payload is empty");
        }
        if (bytes[start] == '<') {
            return notAReport("it starts with \"<\": XML or HTML, such as a DMARC aggregate report");
        }
        if (bytes[start] != '{') {
            return notAReport("it is not a JSON object");
        }
        try (JsonParser parser = JSON.createParser(bytes, start, length - start)) {
            parser.nextToken();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (REPORT_MEMBERS.contains(name)) {
                    return new Sniff(Verdict.LIKELY_REPORT, "a JSON object with the RFC 8460 member \"" + name + "\"");
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return notAReport(
                    token == JsonToken.END_OBJECT
                            ? "a JSON object without any RFC 8460 report member"
                            : "it is not a JSON object");
        } catch (JsonEOFException ended) {
            return notAReport(
                    headOnly
                            ? "no RFC 8460 report member in the first " + budget + " bytes of its JSON"
                            : "a JSON object that ends early, without any RFC 8460 report member");
        } catch (IOException | RuntimeException notJson) {
            return notAReport("it is not JSON");
        }
    }

    private static boolean isJsonWhiteSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    // ------------------------------------------------------------------------------------------ streams

    private static int fill(InputStream in, byte[] buffer, int length) throws IOException {
        int filled = 0;
        while (filled < length) {
            int n = in.read(buffer, filled, length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    /** Like {@link #fill} but keeps the count in {@code filled[0]} when the stream fails half-way. */
    private static void fillCounting(InputStream in, byte[] buffer, int length, int[] filled) throws IOException {
        while (filled[0] < length) {
            int n = in.read(buffer, filled[0], length - filled[0]);
            if (n < 0) {
                break;
            }
            filled[0] += n;
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[8192];
        while (in.read(sink, 0, sink.length) >= 0) {
            // counted by the budget below
        }
    }

    private static void rethrowIfSource(Budgeted input) throws IOException {
        Source source = (Source) input.source();
        if (source.failure != null) {
            throw source.failure;
        }
    }

    private static Sniff notAReport(String reason) {
        return new Sniff(Verdict.NOT_A_REPORT, reason);
    }

    private static Sniff unreadable(String reason) {
        return new Sniff(Verdict.UNREADABLE, reason);
    }

    /** Bytes that may still be read (or inflated); shared by the streams of one level. */
    private static final class Budget {
        private final long initial;
        private long remaining;

        Budget(long initial) {
            this.initial = initial;
            this.remaining = initial;
        }

        boolean exhausted() {
            return remaining <= 0;
        }
    }

    /** Reads through a budget and ends (end of stream, never an error) once it is spent. */
    private static final class Budgeted extends FilterInputStream {
        private final Budget budget;

        Budgeted(InputStream in, Budget budget) {
            super(in);
            this.budget = budget;
        }

        InputStream source() {
            return in;
        }

        @Override
        public int read() throws IOException {
            if (budget.exhausted()) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                budget.remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (budget.exhausted()) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, budget.remaining));
            if (n > 0) {
                budget.remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] sink = new byte[(int) Math.min(8192, Math.max(1, n))];
            long skipped = 0;
            while (skipped < n) {
                int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), Math.max(0, budget.remaining));
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void mark(int limit) {
            // not supported
        }

        @Override
        public void reset() throws IOException {
            throw new IOException("mark/reset not supported");
        }
    }

    /** The caller's stream: remembers its failure, so that it is told apart from bad data; never closed here. */
    private static final class Source extends FilterInputStream {
        private IOException failure;

        Source(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return in.read(buffer, offset, length);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }

    /** Keeps a decoder from closing the stream below it. */
    private static final class Unclosable extends FilterInputStream {
        Unclosable(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the stream below stays open
        }
    }
}
