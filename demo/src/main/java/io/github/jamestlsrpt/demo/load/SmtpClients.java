package io.github.jamestlsrpt.demo.load;

import io.github.jamestlsrpt.demo.load.LoadMails.Mail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

/**
 * Several SMTP clients at once, as several remote mail servers: each holds one connection to James and sends mail
 * after mail over it (MAIL, RCPT, DATA), taking the next unsent mail of the list, so that the mails go out in about
 * the list's order. Each acceptance (James's 250 reply to the end of DATA) is timed with the wall clock, the clock of
 * the mailbox's internal dates.
 */
final class SmtpClients {

    private static final int TIMEOUT_MILLIS = 60_000;

    /**
     * What a sending gave.
     *
     * @param startedAtMillis when the first client began to connect
     * @param acceptedAtMillis by mail, when James accepted it; -1 when it did not
     * @param refusals what James refused, or why a client stopped
     */
    record Sending(long startedAtMillis, long[] acceptedAtMillis, List<String> refusals) {}

    private SmtpClients() {}

    /**
     * Sends the mails.
     *
     * @param perSecond the pace of all clients together, in mails per second; 0 for as fast as James takes them
     */
    static Sending send(int port, List<Mail> mails, int clients, double perSecond) throws InterruptedException {
        long[] accepted = new long[mails.size()];
        Arrays.fill(accepted, -1);
        List<String> refusals = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long started = System.currentTimeMillis();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(
                    () -> client(port, mails, next, accepted, refusals, started, perSecond), "load-smtp-client-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new Sending(started, accepted, List.copyOf(refusals));
    }

    private static void client(
            int port,
            List<Mail> mails,
            AtomicInteger next,
            long[] accepted,
            List<String> refusals,
            long started,
            double perSecond) {
        SMTPClient smtp = new SMTPClient();
        smtp.setConnectTimeout(TIMEOUT_MILLIS);
        smtp.setDefaultTimeout(TIMEOUT_MILLIS);
        try {
            smtp.connect("127.0.0.1", port);
            smtp.setSoTimeout(TIMEOUT_MILLIS);
            if (!SMTPReply.isPositiveCompletion(smtp.getReplyCode())
                    || !SMTPReply.isPositiveCompletion(smtp.helo("mta.sender.example.net"))) {
                refusals.add("greeting or HELO: " + smtp.getReplyString().strip());
                return;
            }
            for (int i = next.getAndIncrement(); i < mails.size(); i = next.getAndIncrement()) {
                if (perSecond > 0) {
                    long due = started + (long) (i * 1000 / perSecond);
                    long wait = due - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                }
                Mail mail = mails.get(i);
                String message = new String(mail.bytes(), StandardCharsets.ISO_8859_1);
                if (smtp.setSender(mail.envelopeSender())
                        && smtp.addRecipient(mail.recipient())
                        && smtp.sendShortMessageData(message)) {
                    accepted[i] = System.currentTimeMillis();
                } else {
                    refusals.add(mail.messageId() + ": " + smtp.getReplyString().strip());
                    smtp.reset();
                }
            }
            smtp.logout();
        } catch (IOException e) {
            refusals.add("a client stopped: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refusals.add("a client was interrupted");
        } finally {
            try {
                smtp.disconnect();
            } catch (IOException ignored) {
                // the session is over either way
            }
        }
    }
}
