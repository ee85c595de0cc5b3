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
 * ones are read) before the message is appended: another mailet instance, or a copy filed by hand, is seen too. All
 * of this happens under one lock per folder, shared by the whole JVM, so two copies arriving at the same moment on
 * two threads give one stored message and one duplicate. A failed append leaves the key unmarked: the next attempt
 * stores it.
 *
 * <p>Known limits: several James servers writing into one shared mailbox are not coordinated by the in-JVM lock;
 * the check against the folder just before appending narrows the window to copies stored at the same instant on two
 * servers, but does not close it. Deleting a stored message does not make its report storable again until the next
 * restart; deleting and re-creating the folder while James runs is not noticed (the UIDs start again). The keys of
 * every folder used are kept in memory (about 100 bytes per stored report).
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
                state.keys.addAll(scan.values());
                state.nextUid = Math.max(state.nextUid, scan.nextUid());
                if (state.keys.contains(key)) {
                    return Result.DUPLICATE;
                }
                mailbox.append(folder, message);
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
        private long nextUid = 1;
        private boolean exists;
    }
}
