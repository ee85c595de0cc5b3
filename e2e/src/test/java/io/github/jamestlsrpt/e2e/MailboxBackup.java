package io.github.jamestlsrpt.e2e;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Store;
import javax.mail.internet.MimeMessage;
import org.apache.james.GuiceJamesServer;

/**
 * A backup of a user's folders taken over IMAP, and its restore, as an operator moving mail between servers does it
 * (imapsync, say): every message of every folder whose name starts with a prefix (the folder and its subfolders),
 * with its bytes and its internal date, appended again with that internal date. The plugin counts a stored report
 * in the period of its internal date, so a restore that gave the messages the time of the restore would move them.
 */
final class MailboxBackup {

    /** One message: its bytes as stored and its internal date. */
    record Copy(byte[] bytes, Date internalDate) {}

    private static final int TIMEOUT_MILLIS = 30_000;
    private static final Session SESSION = Session.getInstance(new Properties());

    /** By folder name, parents first (a subfolder's name is its parent's, a delimiter and more). */
    private final Map<String, List<Copy>> folders;

    private MailboxBackup(Map<String, List<Copy>> folders) {
        this.folders = folders;
    }

    /** Takes the backup of the user's folder named prefix and of its subfolders, from a running server. */
    static MailboxBackup of(GuiceJamesServer server, String user, String prefix) {
        Map<String, List<Copy>> folders = new TreeMap<>();
        try (Store store = connect(server, user)) {
            for (Folder folder : store.getDefaultFolder().list(prefix + "*")) {
                String name = folder.getFullName();
                if (!name.equals(prefix) && !name.startsWith(prefix + folder.getSeparator())) {
                    continue;
                }
                List<Copy> copies = new ArrayList<>();
                folder.open(Folder.READ_ONLY);
                try {
                    for (Message message : folder.getMessages()) {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        message.writeTo(bytes);
                        copies.add(new Copy(bytes.toByteArray(), message.getReceivedDate()));
                    }
                } finally {
                    folder.close(false);
                }
                folders.put(name, List.copyOf(copies));
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("the backup of " + prefix + " of " + user + " failed", e);
        }
        return new MailboxBackup(folders);
    }

    /** The folders of the backup, parents first. */
    List<String> folders() {
        return List.copyOf(folders.keySet());
    }

    /** The messages of one folder of the backup, parsed. */
    List<MimeMessage> messages(String folder) {
        List<MimeMessage> messages = new ArrayList<>();
        for (Copy copy : folders.getOrDefault(folder, List.of())) {
            try {
                messages.add(new MimeMessage(SESSION, new ByteArrayInputStream(copy.bytes())));
            } catch (MessagingException e) {
                throw new IllegalStateException("a message of " + folder + " does not parse", e);
            }
        }
        return messages;
    }

    /** Creates the folders of the backup for the user on a running server, and appends their messages. */
    void restore(GuiceJamesServer server, String user) {
        try (Store store = connect(server, user)) {
            for (Map.Entry<String, List<Copy>> backedUp : folders.entrySet()) {
                Folder folder = store.getFolder(backedUp.getKey());
                if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
                    throw new IllegalStateException("IMAP CREATE " + backedUp.getKey() + " failed");
                }
                List<Message> messages = new ArrayList<>();
                for (Copy copy : backedUp.getValue()) {
                    messages.add(withInternalDate(copy));
                }
                folder.appendMessages(messages.toArray(Message[]::new));
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("the restore for " + user + " failed", e);
        }
    }

    /** The message, which IMAP APPEND files with its received date as internal date (JavaMail's IMAPFolder). */
    private static MimeMessage withInternalDate(Copy copy) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(copy.bytes())) {
            @Override
            public Date getReceivedDate() {
                return copy.internalDate();
            }
        };
    }

    private static Store connect(GuiceJamesServer server, String user) throws MessagingException {
        Properties timeouts = new Properties();
        timeouts.setProperty("mail.imap.connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
        timeouts.setProperty("mail.imap.timeout", String.valueOf(TIMEOUT_MILLIS));
        Store store = Session.getInstance(timeouts).getStore("imap");
        store.connect("127.0.0.1", JamesWithPlugin.imapPort(server), user, JamesWithPlugin.PASSWORD);
        return store;
    }
}
