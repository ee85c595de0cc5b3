package io.github.jamestlsrpt.mailets.digest;

import io.github.jamestlsrpt.core.digest.DigestReport;
import io.github.jamestlsrpt.core.digest.StoredDocumentReader;
import io.github.jamestlsrpt.mailets.store.MailboxFolder;
import io.github.jamestlsrpt.mailets.store.ReportMailbox;
import io.github.jamestlsrpt.mailets.store.ReportMailboxException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Reads back the reports stored in a folder in a window of time, each as the little a digest needs of it: the stored
 * message's application/json part (the stored document, see {@code ReportMessageWriter}) read by core's {@link
 * StoredDocumentReader}; the message's internal date is when the report was received. One message at a time, so
 * memory follows the number of reports, not their size.
 *
 * <p>The messages are read with mime4j's streaming parser, in one pass that stops at the stored document. Jakarta
 * Mail 2.1 (James 3.9's) looks its stream provider up through a {@code ServiceLoader} for every header block and
 * every decoded part, which made reading a stored message several times slower than reading its document.
 */
public final class StoredReportsReader {

    /** Multiparts nested deeper than this are not looked into. */
    private static final int MAX_DEPTH = 4;

    private StoredReportsReader() {}

    /**
     * @param reports the reports read
     * @param unreadable when each message that is not a readable stored report was appended
     */
    public record Found(List<DigestReport> reports, List<Instant> unreadable) {
        public Found {
            reports = List.copyOf(reports);
            unreadable = List.copyOf(unreadable);
        }
    }

    public static Found read(ReportMailbox mailbox, MailboxFolder folder, Instant from, Instant to)
            throws ReportMailboxException {
        List<DigestReport> reports = new ArrayList<>();
        List<Instant> unreadable = new ArrayList<>();
        mailbox.read(folder, from, to, (uid, appended, content) -> {
            Optional<DigestReport> report = report(content, appended);
            if (report.isPresent()) {
                reports.add(report.get());
            } else {
                unreadable.add(appended);
            }
        });
        return new Found(reports, unreadable);
    }

    /**
     * The report of a stored message: its first application/json part, in MIME order, that is a readable stored
     * document; empty when it has none.
     */
    static Optional<DigestReport> report(InputStream content, Instant appended) throws IOException {
        MimeStreamParser parser = new MimeStreamParser(MimeConfig.PERMISSIVE, DecodeMonitor.SILENT, null);
        parser.setContentDecoding(true); // base64 and quoted-printable parts arrive decoded
        parser.setNoRecurse(); // an attached message is a part, not looked into
        DocumentFinder finder = new DocumentFinder(parser, appended);
        parser.setContentHandler(finder);
        try {
            parser.parse(content);
        } catch (MimeException notAMessage) {
            return Optional.empty();
        }
        return finder.found;
    }

    /** Stops the parser at the first application/json part that reads as a stored document. */
    private static final class DocumentFinder extends AbstractContentHandler {
        private final MimeStreamParser parser;
        private final Instant appended;
        private int multiparts;
        private Optional<DigestReport> found = Optional.empty();

        DocumentFinder(MimeStreamParser parser, Instant appended) {
            this.parser = parser;
            this.appended = appended;
        }

        @Override
        public void startMultipart(BodyDescriptor descriptor) {
            multiparts++;
        }

        @Override
        public void endMultipart() {
            multiparts--;
        }

        @Override
        public void body(BodyDescriptor descriptor, InputStream body) throws IOException {
            if (multiparts > MAX_DEPTH || !"application/json".equals(descriptor.getMimeType())) {
                return;
            }
            found = StoredDocumentReader.read(body, appended);
            if (found.isPresent()) {
                parser.stop();
            }
        }
    }
}
