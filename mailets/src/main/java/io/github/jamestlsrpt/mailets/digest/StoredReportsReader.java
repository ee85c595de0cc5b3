package io.github.jamestlsrpt.mailets.digest;

import io.github.jamestlsrpt.core.digest.DigestReport;
import io.github.jamestlsrpt.core.digest.StoredDocumentReader;
import io.github.jamestlsrpt.mailets.store.MailboxFolder;
import io.github.jamestlsrpt.mailets.store.ReportMailbox;
import io.github.jamestlsrpt.mailets.store.ReportMailboxException;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads back the reports stored in a folder in a window of time, each as the little a digest needs of it: the stored
 * message's application/json part (the stored document, see {@code ReportMessageWriter}) read by core's {@link
 * StoredDocumentReader}; the message's internal date is when the report was received. One message at a time, so
 * memory follows the number of reports, not their size.
 */
public final class StoredReportsReader {

    private static final Session SESSION = Session.getInstance(new Properties());
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

    /** The report of a stored message, or empty when it holds no readable stored document. */
    static Optional<DigestReport> report(InputStream content, Instant appended) throws IOException {
        try {
            return document(new MimeMessage(SESSION, content), appended, 0);
        } catch (MessagingException notAMessage) {
            return Optional.empty();
        }
    }

    private static Optional<DigestReport> document(Part part, Instant appended, int depth)
            throws MessagingException, IOException {
        if (part.isMimeType("multipart/*") && depth < MAX_DEPTH) {
            if (!(part.getContent() instanceof Multipart parts)) {
                return Optional.empty();
            }
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart child = parts.getBodyPart(i);
                Optional<DigestReport> found = document(child, appended, depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (!part.isMimeType("application/json")) {
            return Optional.empty();
        }
        try (InputStream json = part.getInputStream()) {
            return StoredDocumentReader.read(json, appended);
        }
    }
}
