package io.github.jamestlsrpt.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

/**
 * Sends a mail to James over SMTP in a session of its own, as a remote mail server would, and checks every reply: a
 * refusal throws {@link IllegalStateException} with the step and James's reply.
 */
public final class Smtp {

    /** How long a connection or a reply may take before the session fails: James on the loopback answers at once. */
    private static final int TIMEOUT_MILLIS = 30_000;

    private Smtp() {}

    public static void send(int port, String envelopeSender, List<String> recipients, String message) {
        SMTPClient smtp = new SMTPClient();
        smtp.setConnectTimeout(TIMEOUT_MILLIS);
        smtp.setDefaultTimeout(TIMEOUT_MILLIS);
        try {
            smtp.connect("127.0.0.1", port);
            expect(smtp, SMTPReply.isPositiveCompletion(smtp.getReplyCode()), "greeting");
            expect(smtp, SMTPReply.isPositiveCompletion(smtp.helo("mta.sender.example.net")), "HELO");
            expect(smtp, smtp.setSender(envelopeSender), "MAIL FROM");
            for (String recipient : recipients) {
                expect(smtp, smtp.addRecipient(recipient), "RCPT TO " + recipient);
            }
            expect(smtp, smtp.sendShortMessageData(message), "DATA");
            smtp.logout();
        } catch (IOException e) {
            throw new UncheckedIOException("SMTP to James on port " + port + " failed", e);
        } finally {
            try {
                smtp.disconnect();
            } catch (IOException ignored) {
                // the mail was accepted, or the failure is being reported already
            }
        }
    }

    public static void send(int port, String envelopeSender, String recipient, String message) {
        send(port, envelopeSender, List.of(recipient), message);
    }

    private static void expect(SMTPClient smtp, boolean ok, String step) {
        if (!ok) {
            throw new IllegalStateException(
                    "SMTP " + step + " refused: " + smtp.getReplyString().strip());
        }
    }
}
