package io.github.jamestlsrpt.mailets.store;

import java.util.List;
import java.util.Objects;

/**
 * The little of a mailbox that storing reports needs, so that the exactly-once logic can be tested without a mail
 * server. {@link JamesReportMailbox} implements it over James's mailbox API; implementations must be thread-safe.
 */
public interface ReportMailbox {

    /**
     * Creates the folder when it is missing. Another thread or server creating it at the same moment is not an error.
     */
    void ensureFolder(MailboxFolder folder) throws ReportMailboxException;

    /** Appends one message (RFC 5322 bytes, CRLF line ends) to an existing folder. */
    void append(MailboxFolder folder, byte[] message) throws ReportMailboxException;

    /**
     * The values of one header over the folder's messages whose UID is at least {@code fromUid}, so that a caller can
     * read a folder once and later only what was added since.
     *
     * @param fromUid the first UID to look at; 1 for the whole folder
     * @return the values found (trimmed, unfolded, one per header occurrence) and the UID to start from next time
     */
    FolderScan scan(MailboxFolder folder, String header, long fromUid) throws ReportMailboxException;

    /**
     * What {@link #scan} found.
     *
     * @param values the header values, in UID order
     * @param nextUid one more than the highest UID looked at (or the {@code fromUid} asked for, when no message was)
     */
    record FolderScan(List<String> values, long nextUid) {
        public FolderScan {
            values = List.copyOf(Objects.requireNonNull(values, "values"));
        }
    }
}
