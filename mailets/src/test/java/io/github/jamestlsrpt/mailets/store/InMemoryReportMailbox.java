package io.github.jamestlsrpt.mailets.store;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * A mailbox in memory for tests: thread-safe, reads keys back from the stored messages' headers as James would, and
 * fails on demand. An append can be slowed down, so that a missing lock in the code under test shows as a duplicate.
 * Each message has an internal date, when it was appended: the time {@link #setTime} gave, else the system's.
 */
public final class InMemoryReportMailbox implements ReportMailbox {

    private static final Session SESSION = Session.getInstance(new Properties());

    private final Map<MailboxFolder, List<Stored>> folders = new HashMap<>();
    private String appendFailure;
    private int appendsBeforeFailure;
    private final Deque<String> scanFailures = new ArrayDeque<>();
    private volatile Duration appendDelay = Duration.ZERO;
    private final Map<MailboxFolder, Long> uidValidities = new HashMap<>();
    private int folderCreations;
    private int scannedMessages;
    private int rangeReads;
    private int readMessages;
    private final Deque<String> readFailures = new ArrayDeque<>();
    private Supplier<Instant> time = Instant::now;

    /** A message and its internal date. */
    private record Stored(byte[] bytes, Instant internalDate) {}

    @Override
    public synchronized void ensureFolder(MailboxFolder folder) {
        if (!folders.containsKey(folder)) {
            folders.put(folder, new ArrayList<>());
            folderCreations++;
            uidValidities.put(folder, (long) folderCreations);
        }
    }

    @Override
    public synchronized boolean exists(MailboxFolder folder) {
        return folders.containsKey(folder);
    }

    @Override
    public long append(MailboxFolder folder, byte[] message) throws ReportMailboxException {
        pause(appendDelay);
        synchronized (this) {
            if (appendFailure != null && appendsBeforeFailure-- == 0) {
                String failure = appendFailure;
                appendFailure = null;
                throw new ReportMailboxException(failure, new IOException(failure));
            }
            List<Stored> messages = folders.get(folder);
            if (messages == null) {
                throw new ReportMailboxException("no folder " + folder, new IllegalStateException("no folder"));
            }
            messages.add(new Stored(message.clone(), time.get()));
            return messages.size();
        }
    }

    @Override
    public synchronized FolderScan scan(MailboxFolder folder, String header, long fromUid)
            throws ReportMailboxException {
        String failure = scanFailures.poll();
        if (failure != null) {
            throw new ReportMailboxException(failure, new IOException(failure));
        }
        List<Stored> messages = folders.getOrDefault(folder, List.of());
        long uidValidity = uidValidities.getOrDefault(folder, 0L);
        if (messages.size() < fromUid) {
            return new FolderScan(List.of(), fromUid, uidValidity);
        }
        rangeReads++;
        List<String> values = new ArrayList<>();
        long uid = Math.max(1, fromUid);
        for (; uid <= messages.size(); uid++) {
            scannedMessages++;
            try {
                String[] found = parse(messages.get((int) uid - 1).bytes()).getHeader(header);
                if (found != null) {
                    for (String value : found) {
                        values.add(MimeUtility.unfold(value).strip());
                    }
                }
            } catch (MessagingException notAMessage) {
                // a message that does not parse has no key
            }
        }
        return new FolderScan(values, Math.max(fromUid, uid), uidValidity);
    }

    @Override
    public synchronized void read(MailboxFolder folder, Instant from, Instant to, MessageReader reader)
            throws ReportMailboxException {
        String failure = readFailures.poll();
        if (failure != null) {
            throw new ReportMailboxException(failure, new IOException(failure));
        }
        List<Stored> messages = folders.getOrDefault(folder, List.of());
        for (int i = 0; i < messages.size(); i++) {
            Stored message = messages.get(i);
            if (message.internalDate().isBefore(from) || !message.internalDate().isBefore(to)) {
                continue;
            }
            readMessages++;
            try (InputStream content = new ByteArrayInputStream(message.bytes())) {
                reader.read(i + 1, message.internalDate(), content);
            } catch (IOException cannotRead) {
                throw new ReportMailboxException(
                        "could not read " + folder + ": " + cannotRead.getMessage(), cannotRead);
            }
        }
    }

    /** The internal date of the messages appended from now on. */
    public synchronized void setTime(Instant now) {
        time = () -> now;
    }

    /** The internal date of the messages appended from now on, asked for at each append. */
    public synchronized void setTime(Supplier<Instant> now) {
        time = now;
    }

    public synchronized void failNextRead(String why) {
        readFailures.add(why);
    }

    /** How many messages reads have handed over, all reads together. */
    public synchronized int readMessages() {
        return readMessages;
    }

    /** Puts a message with this internal date into a folder directly. */
    public synchronized void file(MailboxFolder folder, byte[] message, Instant internalDate) {
        ensureFolder(folder);
        folders.get(folder).add(new Stored(message.clone(), internalDate));
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
        file(folder, message, time.get());
    }

    public synchronized void deleteFolder(MailboxFolder folder) {
        folders.remove(folder);
        uidValidities.remove(folder);
    }

    public synchronized List<byte[]> messages(MailboxFolder folder) {
        return folders.getOrDefault(folder, List.of()).stream()
                .map(Stored::bytes)
                .toList();
    }

    public synchronized List<MimeMessage> parsedMessages(MailboxFolder folder) throws MessagingException {
        List<MimeMessage> parsed = new ArrayList<>();
        for (Stored message : folders.getOrDefault(folder, List.of())) {
            parsed.add(parse(message.bytes()));
        }
        return parsed;
    }

    public synchronized int folderCreations() {
        return folderCreations;
    }

    /** How many scans read a range of UIDs (a scan that finds nothing added reads none). */
    public synchronized int rangeReads() {
        return rangeReads;
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
