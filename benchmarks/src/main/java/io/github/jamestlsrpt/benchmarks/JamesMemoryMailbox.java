package io.github.jamestlsrpt.benchmarks;

import io.github.jamestlsrpt.mailets.store.MailboxFolder;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.inmemory.manager.InMemoryIntegrationResources;
import org.apache.james.mailbox.model.MailboxPath;
import reactor.core.publisher.Mono;

/**
 * James's in-memory mailbox ({@code InMemoryMailboxManager}), built by James's own fixture
 * ({@code InMemoryIntegrationResources.defaultResources()}: in-VM event bus, scanning search index, quotas), which
 * is what James's memory server runs. The plugin reaches it only through its {@code JamesReportMailbox}; the methods
 * here are for setting up and checking fixtures.
 */
final class JamesMemoryMailbox {

    private final MailboxManager manager;

    JamesMemoryMailbox() {
        this.manager = InMemoryIntegrationResources.defaultResources().getMailboxManager();
    }

    MailboxManager manager() {
        return manager;
    }

    /** Appends a message as if received at {@code internalDate}, creating the folder when missing. */
    MessageUid append(MailboxFolder folder, byte[] message, Instant internalDate) throws MailboxException {
        MailboxSession session = manager.createSystemSession(Username.of(folder.user()));
        MailboxPath path = path(folder, session);
        if (!Mono.from(manager.mailboxExists(path, session)).block()) {
            manager.createMailbox(path, session);
        }
        return manager.getMailbox(path, session)
                .appendMessage(
                        MessageManager.AppendCommand.builder()
                                .withInternalDate(Date.from(internalDate))
                                .build(message),
                        session)
                .getId()
                .getUid();
    }

    /** How many messages the folder holds (0 when it is missing). */
    long count(MailboxFolder folder) throws MailboxException {
        MailboxSession session = manager.createSystemSession(Username.of(folder.user()));
        MailboxPath path = path(folder, session);
        if (!Mono.from(manager.mailboxExists(path, session)).block()) {
            return 0;
        }
        return manager.getMailbox(path, session).getMessageCount(session);
    }

    /** Deletes one message, so that a benchmark can keep its folder at the same size. */
    void delete(MailboxFolder folder, MessageUid uid) throws MailboxException {
        MailboxSession session = manager.createSystemSession(Username.of(folder.user()));
        manager.getMailbox(path(folder, session), session).delete(java.util.List.of(uid), session);
    }

    private static MailboxPath path(MailboxFolder folder, MailboxSession session) {
        Objects.requireNonNull(folder, "folder");
        return MailboxPath.forUser(session.getUser(), folder.name().replace('/', session.getPathDelimiter()));
    }
}
