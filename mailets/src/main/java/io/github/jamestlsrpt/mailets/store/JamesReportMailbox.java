package io.github.jamestlsrpt.mailets.store;

import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageManager.MailboxMetaData;
import org.apache.james.mailbox.MessageManager.MailboxMetaData.Item;
import org.apache.james.mailbox.MessageManager.MailboxMetaData.RecentMode;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.mailbox.model.SearchQuery;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ReportMailbox} over James's mailbox API, so that it works on every mailbox backend and puts nothing through
 * the spool. Kept thin on purpose: it is proven in a real James by the end-to-end tests, not by mocking
 * MailboxManager. Uses only what the James 3.8 and 3.9 mailbox APIs share (a system session per call, bracketed by
 * start/endProcessingRequest, as James's own MailboxAppenderImpl does; there is no logout for system sessions).
 * Folder names use '/' or the session's path delimiter between levels. Every mailbox failure, checked or not,
 * becomes a {@link ReportMailboxException} that keeps its cause.
 *
 * <p>{@link #read} finds the messages of a window with the mailbox's search (internal date, which every James search
 * index supports), with a day of margin, then fetches only those and keeps the ones whose internal date is exactly
 * in the window.
 */
public final class JamesReportMailbox implements ReportMailbox {

    private static final Logger LOGGER = LoggerFactory.getLogger(JamesReportMailbox.class);
    /** How long a search may take before the read fails. */
    private static final Duration SEARCH_TIMEOUT = Duration.ofMinutes(5);

    private final MailboxManager mailboxManager;

    public JamesReportMailbox(MailboxManager mailboxManager) {
        this.mailboxManager = Objects.requireNonNull(mailboxManager, "mailboxManager");
    }

    @Override
    public void ensureFolder(MailboxFolder folder) throws ReportMailboxException {
        inSession(folder, "create or open", (session, path) -> {
            try {
                mailboxManager.getMailbox(path, session);
            } catch (MailboxNotFoundException missing) {
                try {
                    mailboxManager.createMailbox(path, MailboxManager.CreateOption.CREATE_SUBSCRIPTION, session);
                    LOGGER.info("created folder {}", folder);
                } catch (MailboxExistsException createdMeanwhile) {
                    LOGGER.info("folder {} was created concurrently", folder);
                }
            }
            return null;
        });
    }

    @Override
    public boolean exists(MailboxFolder folder) throws ReportMailboxException {
        return inSession(folder, "look for", (session, path) -> {
            try {
                mailboxManager.getMailbox(path, session);
                return true;
            } catch (MailboxNotFoundException missing) {
                return false;
            }
        });
    }

    @Override
    public long append(MailboxFolder folder, byte[] message) throws ReportMailboxException {
        return inSession(folder, "append to", (session, path) -> mailboxManager
                .getMailbox(path, session)
                .appendMessage(MessageManager.AppendCommand.builder().recent().build(message), session)
                .getId()
                .getUid()
                .asLong());
    }

    @Override
    public FolderScan scan(MailboxFolder folder, String header, long fromUid) throws ReportMailboxException {
        return inSession(folder, "read", (session, path) -> {
            MessageManager mailbox = mailboxManager.getMailbox(path, session);
            MailboxMetaData metaData = mailbox.getMetaData(RecentMode.IGNORE, session, EnumSet.of(Item.NextUid));
            long uidValidity = metaData.getUidValidity().asLong();
            if (metaData.getUidNext().asLong() <= fromUid) {
                // nothing added since: the memory backend would walk the whole folder to answer the range with nothing
                return new FolderScan(List.of(), fromUid, uidValidity);
            }
            MessageRange range = MessageRange.from(MessageUid.of(Math.max(1, fromUid)));
            MessageResultIterator messages = mailbox.getMessages(range, FetchGroup.HEADERS, session);
            List<String> values = new ArrayList<>();
            long nextUid = fromUid;
            while (messages.hasNext()) {
                MessageResult message = messages.next();
                nextUid = Math.max(nextUid, message.getUid().asLong() + 1);
                Iterator<Header> headers = message.getHeaders().headers();
                while (headers.hasNext()) {
                    Header field = headers.next();
                    if (field.getName().equalsIgnoreCase(header)) {
                        values.add(MimeUtility.unfold(field.getValue()).strip());
                    }
                }
            }
            if (messages.getException() != null) {
                throw messages.getException();
            }
            return new FolderScan(values, nextUid, uidValidity);
        });
    }

    @Override
    public void read(MailboxFolder folder, Instant from, Instant to, MessageReader reader)
            throws ReportMailboxException {
        inSession(folder, "read messages of", (session, path) -> {
            MessageManager mailbox;
            try {
                mailbox = mailboxManager.getMailbox(path, session);
            } catch (MailboxNotFoundException missing) {
                return null;
            }
            // a day of margin: how each index resolves "after" is its own business; the exact window is applied below
            SearchQuery query = SearchQuery.of(SearchQuery.internalDateAfter(
                    Date.from(from.minus(Duration.ofDays(1))), SearchQuery.DateResolution.Second));
            List<MessageUid> uids = collect(mailbox.search(query, session));
            uids.sort(null);
            for (MessageRange range : MessageRange.toRanges(uids)) {
                MessageResultIterator messages = mailbox.getMessages(range, FetchGroup.FULL_CONTENT, session);
                while (messages.hasNext()) {
                    MessageResult message = messages.next();
                    Instant appended = message.getInternalDate().toInstant();
                    if (appended.isBefore(from) || !appended.isBefore(to)) {
                        continue;
                    }
                    try (InputStream content = message.getFullContent().getInputStream()) {
                        reader.read(message.getUid().asLong(), appended, content);
                    }
                }
                if (messages.getException() != null) {
                    throw messages.getException();
                }
            }
            return null;
        });
    }

    /** The UIDs a search gives, waited for (the search API is reactive in James 3.8 and 3.9 alike). */
    private static List<MessageUid> collect(Publisher<MessageUid> found) throws IOException {
        List<MessageUid> uids = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        CountDownLatch done = new CountDownLatch(1);
        found.subscribe(new Subscriber<MessageUid>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(MessageUid uid) {
                synchronized (uids) {
                    uids.add(uid);
                }
            }

            @Override
            public void onError(Throwable error) {
                failure[0] = error;
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        try {
            if (!done.await(SEARCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("the mailbox search did not finish within " + SEARCH_TIMEOUT);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the mailbox search", interrupted);
        }
        if (failure[0] != null) {
            throw new IOException("the mailbox search failed: " + failure[0].getMessage(), failure[0]);
        }
        synchronized (uids) {
            return new ArrayList<>(uids);
        }
    }

    private <T> T inSession(MailboxFolder folder, String action, MailboxAction<T> work) throws ReportMailboxException {
        try {
            MailboxSession session = mailboxManager.createSystemSession(Username.of(folder.user()));
            mailboxManager.startProcessingRequest(session);
            try {
                MailboxPath path =
                        MailboxPath.forUser(session.getUser(), folder.name().replace('/', session.getPathDelimiter()));
                return work.run(session, path);
            } finally {
                mailboxManager.endProcessingRequest(session);
            }
        } catch (MailboxException | IOException | RuntimeException failure) {
            throw new ReportMailboxException(
                    "could not " + action + " folder " + folder + ": " + failure.getMessage(), failure);
        }
    }

    @FunctionalInterface
    private interface MailboxAction<T> {
        T run(MailboxSession session, MailboxPath path) throws MailboxException, IOException;
    }
}
