package io.github.jamestlsrpt.mailets.store;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A mailbox in memory for tests: thread-safe, reads keys back from the stored messages' headers as James would, and
 * fails on demand. An append can be slowed down, so that a missing lock in the code under test shows as a duplicate.
 */
public final class InMemoryReportMailbox implements ReportMailbox {

    private static final Session SESSION = Session.getInstance(new Properties());

    private final Map<MailboxFolder, List<byte[]>> folders = new HashMap<>();
    private String appendFailure;
    private int appendsBeforeFailure;
    private final Deque<String> scanFailures = new ArrayDeque<>();
    private volatile Duration appendDelay = Duration.ZERO;
    private int folderCreations;
    private int scannedMessages;

    @Override
    public synchronized void ensureFolder(MailboxFolder folder) {
        if (!folders.containsKey(folder)) {
            folders.put(folder, new ArrayList<>());
            folderCreations++;
        }
    }

    @Override
    public void append(MailboxFolder folder, byte[] message) throws ReportMailboxException {
        pause(appendDelay);
        synchronized (this) {
            if (appendFailure != null && appendsBeforeFailure-- == 0) {
                String failure = appendFailure;
                appendFailure = null;
                throw new ReportMailboxException(failure, new IOException(failure));
            }
            List<byte[]> messages = folders.get(folder);
            if (messages == null) {
                throw new ReportMailboxException("no folder " + folder, new IllegalStateException("no folder"));
            }
            messages.add(message.clone());
        }
    }

    @Override
    public synchronized FolderScan scan(MailboxFolder folder, String header, long fromUid)
            throws ReportMailboxException {
        String failure = scanFailures.poll();
        if (failure != null) {
            throw new ReportMailboxException(failure, new IOException(failure));
        }
        List<byte[]> messages = folders.getOrDefault(folder, List.of());
        List<String> values = new ArrayList<>();
        long uid = Math.max(1, fromUid);
        for (; uid <= messages.size(); uid++) {
            scannedMessages++;
            try {
                String[] found = parse(messages.get((int) uid - 1)).getHeader(header);
                if (found != null) {
                    for (String value : found) {
                        values.add(MimeUtility.unfold(value).strip());
                    }
                }
            } catch (MessagingException notAMessage) {
                // a message that does not parse has no key
            }
        }
        return new FolderScan(values, Math.max(fromUid, uid));
    }

    /** Slows every append down by this much, outside any lock. */
    public void slowAppendsBy(Duration delay) {
        appendDelay = delay;
    }

    public synchronized void failNextAppend(String why) {
        failAppendAfter(0, why);
    }

    /** Lets that many appends succeed, then fails one. */
    public synchronized void failAppendAfter(int successfulAppends, String why) {
        appendFailure = why;
        appendsBeforeFailure = successfulAppends;
    }

    public synchronized void failNextScan(String why) {
        scanFailures.add(why);
    }

    /** Puts a message into a folder directly, as a message filed earlier (before a restart, by another server). */
    public synchronized void file(MailboxFolder folder, byte[] message) {
        ensureFolder(folder);
        folders.get(folder).add(message.clone());
    }

    public synchronized void deleteFolder(MailboxFolder folder) {
        folders.remove(folder);
    }

    public synchronized boolean exists(MailboxFolder folder) {
        return folders.containsKey(folder);
    }

    public synchronized List<byte[]> messages(MailboxFolder folder) {
        return List.copyOf(folders.getOrDefault(folder, List.of()));
    }

    public synchronized List<MimeMessage> parsedMessages(MailboxFolder folder) throws MessagingException {
        List<MimeMessage> parsed = new ArrayList<>();
        for (byte[] message : folders.getOrDefault(folder, List.of())) {
            parsed.add(parse(message));
        }
        return parsed;
    }

    public synchronized int folderCreations() {
        return folderCreations;
    }

    /** How many messages scans have read, all scans together. */
    public synchronized int scannedMessages() {
        return scannedMessages;
    }

    public static MimeMessage parse(byte[] message) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(message));
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
