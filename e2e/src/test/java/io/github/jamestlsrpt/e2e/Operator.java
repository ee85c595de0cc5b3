package io.github.jamestlsrpt.e2e;

import static org.awaitility.Awaitility.await;

import io.github.jamestlsrpt.demo.DemoMails;
import io.github.jamestlsrpt.demo.Imap;
import java.time.Duration;
import java.util.List;
import javax.mail.internet.MimeMessage;
import org.apache.james.GuiceJamesServer;
import org.awaitility.core.ConditionFactory;

/**
 * What the operator of the server looks at, over IMAP, once mail has gone through James (delivery is asynchronous:
 * the report mail reaches the INBOX only after the tlsrpt processor is done with it, so once it is there its
 * reports are stored or not, for good).
 */
final class Operator {

    static final String INBOX = DemoMails.INBOX;
    static final String REPORTS = DemoMails.REPORTS;
    static final String OUT_OF_SCOPE = DemoMails.OUT_OF_SCOPE;

    private static final ConditionFactory DELIVERY = await().atMost(Duration.ofSeconds(30))
            .pollDelay(Duration.ofMillis(50))
            .pollInterval(Duration.ofMillis(100));

    private final int imapPort;

    Operator(GuiceJamesServer server) {
        this.imapPort = JamesWithPlugin.imapPort(server);
    }

    /** Waits until the user's INBOX holds the given number of messages with this Message-ID, and gives them. */
    List<MimeMessage> awaitInInbox(String user, String messageId, int copies) {
        DELIVERY.until(
                () -> messagesWithHeader(user, INBOX, "Message-ID", messageId).size() >= copies);
        return messagesWithHeader(user, INBOX, "Message-ID", messageId);
    }

    /** Waits for the one message with this Message-ID in the user's INBOX. */
    MimeMessage awaitInInbox(String user, String messageId) {
        return awaitInInbox(user, messageId, 1).get(0);
    }

    /** Waits until a folder of the user holds a message whose header field contains the value, and gives them. */
    List<MimeMessage> awaitInFolder(String user, String folder, String field, String value) {
        DELIVERY.until(() -> !messagesWithHeader(user, folder, field, value).isEmpty());
        return messagesWithHeader(user, folder, field, value);
    }

    /** The stored report messages for one report-id in tlsrpt@example.com's folder. */
    List<MimeMessage> stored(String folder, String reportId) {
        return messagesWithHeader(JamesWithPlugin.TLSRPT, folder, "X-TLSRPT-Report-Id", reportId);
    }

    List<MimeMessage> messagesWithHeader(String user, String folder, String field, String value) {
        try (Imap imap = Imap.login(imapPort, user)) {
            return imap.withHeader(folder, field, value);
        }
    }

    /** SEARCH in a folder of tlsrpt@example.com, criteria as typed after SEARCH. */
    List<Integer> search(String folder, String criteria) {
        try (Imap imap = Imap.login(imapPort, JamesWithPlugin.TLSRPT)) {
            return imap.search(folder, criteria);
        }
    }

    List<String> folders(String user) {
        try (Imap imap = Imap.login(imapPort, user)) {
            return imap.folders();
        }
    }

    int count(String user, String folder) {
        try (Imap imap = Imap.login(imapPort, user)) {
            return imap.count(folder);
        }
    }

    Imap imap(String user) {
        return Imap.login(imapPort, user);
    }
}
