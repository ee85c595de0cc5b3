package io.github.jamestlsrpt.mailets.store;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stores each report once per folder (RFC 8460 section 5.3: Report-ID exists so that duplicates can be ignored).
 * Every stored message carries its deduplication key in the {@value #KEY_HEADER} header; the folder itself is the
 * record of what is stored, so this works across restarts and across days.
 *
 * <p>How: the keys of a folder are read from its messages' headers on first use and kept in memory. A key not in
 * memory is checked again against the messages added to the folder since the last look (by UID, so only the new
 * ones are read, and none when its next UID says nothing was added; the message this store appended itself is not
 * read back) before the message is appended: another mailet instance, or a copy filed by hand, is seen too. All
 * of this happens under one lock per folder, shared by the whole JVM, so two copies arriving at the same moment on
 * two threads give one stored message and one duplicate. A failed append leaves the key unmarked: the next attempt
 * stores it.
 *
 * <p>Known limits: several James servers writing into one shared mailbox are not coordinated by the in-JVM lock;
 * the check against the folder just before appending narrows the window to copies stored at the same instant on two
 * servers, but does not close it. Deleting a stored message does not make its report storable again until the next
 * restart. A folder deleted and created again while James runs is noticed by its UID validity: its keys are read
 * again from what it holds then. The keys of every folder used are kept in memory (about 100 bytes per stored
 * report).
 */
public final class ExactlyOnceReportStore {

    /** The header of a stored message that holds its deduplication key. */
    public static final String KEY_HEADER = "X-TLSRPT-Deduplication-Key";

    /** What {@link #store} did. */
    public enum Result {
        /** the message was appended */
        STORED,
        /** a message with the same key was already in the folder; nothing was appended */
        DUPLICATE
    }

    private static final long UNKNOWN = -1;

    /** One lock per folder for the whole JVM: two stores (two mailet instances) over one folder do not race. */
    private static final ConcurrentMap<MailboxFolder, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final ReportMailbox mailbox;
    private final ConcurrentMap<MailboxFolder, FolderState> folders = new ConcurrentHashMap<>();

    public ExactlyOnceReportStore(ReportMailbox mailbox) {
        this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
    }

    /**
     * Appends the message unless a message with the same key is already in the folder, creating the folder when it
     * is missing.
     *
     * @param key the report's deduplication key: a header-safe token (see {@link ReportMessageWriter#keyOf})
     * @throws ReportMailboxException when the mailbox fails; the key is then not marked as stored
     */
    public Result store(MailboxFolder folder, String key, byte[] message) throws ReportMailboxException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        ReentrantLock lock = LOCKS.computeIfAbsent(folder, any -> new ReentrantLock());
        lock.lock();
        try {
            FolderState state = folders.computeIfAbsent(folder, any -> new FolderState());
            if (state.keys.contains(key)) {
                return Result.DUPLICATE;
            }
            try {
                if (!state.exists) {
                    mailbox.ensureFolder(folder);
                    state.exists = true;
                }
                ReportMailbox.FolderScan scan = mailbox.scan(folder, KEY_HEADER, state.nextUid);
                if (scan.uidValidity() != state.uidValidity) {
                    if (state.uidValidity != UNKNOWN) {
                        // created again: what it held is gone, and its UIDs started again
                        state.keys.clear();
                        state.nextUid = 1;
                        scan = mailbox.scan(folder, KEY_HEADER, 1);
                    }
                    state.uidValidity = scan.uidValidity();
                }
                state.keys.addAll(scan.values());
                state.nextUid = Math.max(state.nextUid, scan.nextUid());
                if (state.keys.contains(key)) {
                    return Result.DUPLICATE;
                }
                long uid = mailbox.append(folder, message);
                if (uid == state.nextUid) {
                    state.nextUid = uid + 1; // nothing else was added meanwhile: no need to read this one back
                }
            } catch (ReportMailboxException failure) {
                state.exists = false; // perhaps deleted meanwhile: make sure of it again next time
                throw failure;
            }
            state.keys.add(key);
            return Result.STORED;
        } finally {
            lock.unlock();
        }
    }

    /** What is known of one folder; guarded by the folder's lock. */
    private static final class FolderState {
        private final Set<String> keys = new HashSet<>();
        /** Every message below this UID has been read, or was appended here. */
        private long nextUid = 1;

        private long uidValidity = UNKNOWN;
        private boolean exists;
    }
}
