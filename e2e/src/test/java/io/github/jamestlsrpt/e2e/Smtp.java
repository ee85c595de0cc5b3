package io.github.jamestlsrpt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

/** Sends a mail to James over SMTP in a session of its own, as a remote mail server would, and checks every reply. */
final class Smtp {

    private Smtp() {}

    static void send(int port, String envelopeSender, List<String> recipients, String message) {
        SMTPClient smtp = new SMTPClient();
        try {
            smtp.connect("127.0.0.1", port);
            expectPositive(smtp, "greeting");
            expect(smtp, SMTPReply.isPositiveCompletion(smtp.helo("mta.sender.example.net")), "HELO");
            expect(smtp, smtp.setSender(envelopeSender), "MAIL FROM");
            for (String recipient : recipients) {
                expect(smtp, smtp.addRecipient(recipient), "RCPT TO " + recipient);
            }
            expect(smtp, smtp.sendShortMessageData(message), "DATA");
            smtp.logout();
        } catch (IOException e) {
            throw new UncheckedIOException("SMTP to James failed", e);
        } finally {
            try {
                smtp.disconnect();
            } catch (IOException ignored) {
                // the mail was accepted or the test failed already
            }
        }
    }

    static void send(int port, String envelopeSender, String recipient, String message) {
        send(port, envelopeSender, List.of(recipient), message);
    }

    private static void expect(SMTPClient smtp, boolean ok, String step) {
        assertThat(ok).as("%s: %s", step, smtp.getReplyString()).isTrue();
    }

    private static void expectPositive(SMTPClient smtp, String step) {
        assertThat(SMTPReply.isPositiveCompletion(smtp.getReplyCode()))
                .as("%s: %s", step, smtp.getReplyString())
                .isTrue();
    }
}
