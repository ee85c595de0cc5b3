package io.github.jamestlsrpt.demo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.mail.Folder;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Store;
import javax.mail.internet.MimeMessage;
import org.apache.commons.net.imap.IMAPClient;

/**
 * What an operator does in an IMAP client, as plain IMAP commands (commons-net): list the folders, search a folder,
 * create one, append a message. Messages are read through JavaMail's IMAP client, which parses FETCH literals by
 * their byte count (commons-net's reply reader counts a literal by lines, and once lost track of a FETCH reply
 * here). A command James refuses throws {@link IllegalStateException} with James's reply.
 */
public final class Imap implements AutoCloseable {

    private static final Pattern LISTED = Pattern.compile("^\\* LIST \\([^)]*\\) (?:\"[^\"]*\"|NIL) \"?([^\"]*)\"?$");

    /** How long a connection or a reply may take before the command fails: James on the loopback answers at once. */
    private static final int TIMEOUT_MILLIS = 30_000;

    private final IMAPClient imap = new IMAPClient();
    private final int port;
    private final String user;
    private Store store;

    private Imap(int port, String user) throws IOException {
        this.port = port;
        this.user = user;
        imap.setConnectTimeout(TIMEOUT_MILLIS);
        imap.setDefaultTimeout(TIMEOUT_MILLIS);
        imap.connect("127.0.0.1", port);
        ok(imap.login(user, PluginServer.PASSWORD), "LOGIN " + user);
    }

    public static Imap login(int port, String user) {
        try {
            return new Imap(port, user);
        } catch (IOException e) {
            throw new UncheckedIOException("IMAP to James failed", e);
        }
    }

    /** LIST "" "*": every folder's name. */
    public List<String> folders() {
        run(() -> imap.list("\"\"", "\"*\""), "LIST");
        List<String> names = new ArrayList<>();
        for (String line : imap.getReplyStrings()) {
            Matcher listed = LISTED.matcher(line);
            if (listed.matches()) {
                names.add(listed.group(1));
            }
        }
        return names;
    }

    /**
     * EXAMINE folder, then SEARCH criteria: the sequence numbers found, none when the folder does not exist.
     *
     * @param criteria as typed after SEARCH, such as {@code HEADER TLS-Report-Domain example.com}
     */
    public List<Integer> search(String folder, String criteria) {
        if (!examine(folder)) {
            return List.of();
        }
        run(() -> imap.search(criteria), "SEARCH " + criteria);
        List<Integer> found = new ArrayList<>();
        for (String line : imap.getReplyStrings()) {
            if (line.startsWith("* SEARCH")) {
                Arrays.stream(line.substring("* SEARCH".length()).trim().split(" "))
                        .filter(number -> !number.isEmpty())
                        .map(Integer::valueOf)
                        .forEach(found::add);
            }
        }
        return found;
    }

    /** The messages of a folder whose header field has a value containing the given text. */
    public List<MimeMessage> withHeader(String folder, String field, String value) {
        List<MimeMessage> messages = new ArrayList<>();
        for (int number : search(folder, "HEADER " + field + " " + quoted(value))) {
            messages.add(fetch(folder, number));
        }
        return messages;
    }

    /** How many messages a folder holds; 0 when it does not exist. */
    public int count(String folder) {
        if (!examine(folder)) {
            return 0;
        }
        for (String line : imap.getReplyStrings()) {
            if (line.startsWith("* ") && line.endsWith(" EXISTS")) {
                return Integer.parseInt(line.substring(2, line.length() - " EXISTS".length()));
            }
        }
        throw new IllegalStateException("IMAP EXAMINE " + folder + " gave no EXISTS: " + imap.getReplyString());
    }

    /** FETCH number BODY.PEEK[], parsed. */
    public MimeMessage fetch(String folder, int number) {
        try {
            return new MimeMessage(
                    Session.getInstance(new Properties()), new ByteArrayInputStream(fetchRaw(folder, number)));
        } catch (MessagingException e) {
            throw new IllegalStateException("message " + number + " of " + folder + " does not parse", e);
        }
    }

    /**
     * FETCH number BODY.PEEK[]: the message's bytes as stored. A fetch that fails is tried once more over a new
     * connection (one CI run of the end-to-end tests saw one fail, its cause not recorded); a second failure
     * throws, with the first kept as suppressed and both causes in the message; the first is printed to standard error
     * either way, so that a run that recovered still shows it.
     */
    public byte[] fetchRaw(String folder, int number) {
        MessagingException first;
        try {
            return fetchOnce(folder, number);
        } catch (MessagingException | IOException e) {
            first = e instanceof MessagingException messaging ? messaging : new MessagingException(e.toString(), e);
            System.err.println("IMAP: message " + number + " of " + folder
                    + " could not be fetched, trying again over a new connection: " + causes(first));
            closeStore();
        }
        try {
            return fetchOnce(folder, number);
        } catch (MessagingException | IOException e) {
            IllegalStateException failure = new IllegalStateException(
                    "message " + number + " of " + folder + " cannot be fetched: " + causes(e) + " (the first try: "
                            + causes(first) + ")",
                    e);
            failure.addSuppressed(first);
            throw failure;
        }
    }

    private byte[] fetchOnce(String folder, int number) throws MessagingException, IOException {
        if (store == null) {
            Properties timeouts = new Properties();
            timeouts.setProperty("mail.imap.connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
            timeouts.setProperty("mail.imap.timeout", String.valueOf(TIMEOUT_MILLIS));
            store = Session.getInstance(timeouts).getStore("imap");
            store.connect("127.0.0.1", port, user, PluginServer.PASSWORD);
        }
        Folder opened = store.getFolder(folder);
        opened.open(Folder.READ_ONLY);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            opened.getMessage(number).writeTo(bytes);
            return bytes.toByteArray();
        } finally {
            if (opened.isOpen()) {
                opened.close(false);
            }
        }
    }

    /** An exception and its causes, as "type: message" joined by " <- ". */
    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(cause);
            if (cause.getCause() == cause) {
                break;
            }
        }
        return text.toString();
    }

    /** CREATE folder. */
    public void create(String folder) {
        run(() -> imap.create(quoted(folder)), "CREATE " + folder);
    }

    /** APPEND folder: files a message, as a person restoring a folder from a backup would. */
    public void append(String folder, byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        run(() -> imap.append(quoted(folder), null, null, text), "APPEND " + folder);
    }

    private boolean examine(String folder) {
        try {
            return imap.examine(quoted(folder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(IoCommand command, String what) {
        try {
            ok(command.run(), what);
        } catch (IOException e) {
            throw new UncheckedIOException(what, e);
        }
    }

    private void ok(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(
                    "IMAP " + what + " refused: " + imap.getReplyString().strip());
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void closeStore() {
        try {
            if (store != null) {
                store.close();
            }
        } catch (MessagingException ignored) {
            // the connection is going away anyway
        }
        store = null;
    }

    @Override
    public void close() {
        closeStore();
        try {
            imap.logout();
            imap.disconnect();
        } catch (IOException ignored) {
            // the connection is going away anyway
        }
    }

    @FunctionalInterface
    private interface IoCommand {
        boolean run() throws IOException;
    }
}
