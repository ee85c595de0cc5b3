package io.github.jamestlsrpt.demo.load;

import io.github.jamestlsrpt.demo.load.Ledger.Stored;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.inject.Inject;
import javax.mail.internet.MimeUtility;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.utils.GuiceProbe;

/**
 * Reads James's mailboxes in its own JVM, through its mailbox API: how many messages a folder holds, and each
 * message's internal date (milliseconds, where IMAP's INTERNALDATE has seconds) with one header field. Reads only.
 */
public final class StoreProbe implements GuiceProbe {

    private final MailboxManager mailboxManager;

    @Inject
    StoreProbe(MailboxManager mailboxManager) {
        this.mailboxManager = mailboxManager;
    }

    /** How many messages the user's folder holds; 0 when it does not exist. */
    public long count(String user, String folder) {
        MailboxSession session = mailboxManager.createSystemSession(Username.of(user));
        try {
            return mailbox(session, folder).getMessageCount(session);
        } catch (MailboxNotFoundException missing) {
            return 0;
        } catch (MailboxException e) {
            throw new IllegalStateException("cannot count the messages of " + user + "'s " + folder, e);
        }
    }

    /**
     * Every message of the user's folder as its internal date and the value of a header field (unfolded, trimmed;
     * empty when the message has none); nothing when the folder does not exist.
     */
    public List<Stored> messages(String user, String folder, String header) {
        MailboxSession session = mailboxManager.createSystemSession(Username.of(user));
        List<Stored> stored = new ArrayList<>();
        try {
            MessageResultIterator messages =
                    mailbox(session, folder).getMessages(MessageRange.all(), FetchGroup.HEADERS, session);
            while (messages.hasNext()) {
                MessageResult message = messages.next();
                stored.add(new Stored(
                        value(message, header), message.getInternalDate().getTime()));
            }
            if (messages.getException() != null) {
                throw messages.getException();
            }
        } catch (MailboxNotFoundException missing) {
            return List.of();
        } catch (MailboxException e) {
            throw new IllegalStateException("cannot read the messages of " + user + "'s " + folder, e);
        }
        return stored;
    }

    private MessageManager mailbox(MailboxSession session, String folder) throws MailboxException {
        return mailboxManager.getMailbox(
                MailboxPath.forUser(session.getUser(), folder.replace('/', session.getPathDelimiter())), session);
    }

    private static String value(MessageResult message, String header) throws MailboxException {
        Iterator<Header> headers = message.getHeaders().headers();
        while (headers.hasNext()) {
            Header field = headers.next();
            if (field.getName().equalsIgnoreCase(header)) {
                return MimeUtility.unfold(field.getValue()).strip();
            }
        }
        return "";
    }
}
