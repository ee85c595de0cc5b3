package io.github.jamestlsrpt.mailets.store;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
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

    /** Whether the folder exists. */
    boolean exists(MailboxFolder folder) throws ReportMailboxException;

    /**
     * Appends one message (RFC 5322 bytes, CRLF line ends) to an existing folder.
     *
     * @return the UID the message got
     */
    long append(MailboxFolder folder, byte[] message) throws ReportMailboxException;

    /**
     * The values of one header over the folder's messages whose UID is at least {@code fromUid}, so that a caller can
     * read a folder once and later only what was added since.
     *
     * <p>A mailbox that can tell cheaply that no message got a UID from {@code fromUid} on answers without reading
     * any: on some backends (James's in-memory one) reading a range of UIDs walks the whole folder.
     *
     * @param fromUid the first UID to look at; 1 for the whole folder
     * @return the values found (trimmed, unfolded, one per header occurrence), the UID to start from next time and
     *     the folder's UID validity
     */
    FolderScan scan(MailboxFolder folder, String header, long fromUid) throws ReportMailboxException;

    /**
     * Reads back the messages of a folder whose internal date (when they were appended) is from {@code from}
     * (inclusive) to {@code to} (exclusive), in UID order, handing each to the reader while it is open. Only those
     * messages are fetched, so the cost follows the messages of the window, not the whole folder. A missing folder has
     * no messages.
     *
     * @throws ReportMailboxException when the mailbox fails, or reading a message's content does
     */
    void read(MailboxFolder folder, Instant from, Instant to, MessageReader reader) throws ReportMailboxException;

    /** Takes the messages {@link #read} hands over, one at a time. */
    @FunctionalInterface
    interface MessageReader {

        /**
         * @param uid the message's UID in its folder
         * @param internalDate when it was appended
         * @param content the whole message (RFC 5322 bytes), open only during this call
         * @throws IOException when reading the content fails (a mailbox failure, passed on as such)
         */
        void read(long uid, Instant internalDate, InputStream content) throws IOException;
    }

    /**
     * What {@link #scan} found.
     *
     * @param values the header values, in UID order
     * @param nextUid one more than the highest UID looked at (or the {@code fromUid} asked for, when no message was)
     * @param uidValidity the folder's UIDVALIDITY (RFC 3501 section 2.3.1.1): when it changes, the folder was created
     *     again and its UIDs started again
     */
    record FolderScan(List<String> values, long nextUid, long uidValidity) {
        public FolderScan {
            values = List.copyOf(Objects.requireNonNull(values, "values"));
        }
    }
}
