package io.github.jamestlsrpt.mailets.digest;

import io.github.jamestlsrpt.mailets.store.HeaderText;
import io.github.jamestlsrpt.mailets.store.MailboxFolder;
import io.github.jamestlsrpt.mailets.store.ReportMailbox;
import io.github.jamestlsrpt.mailets.store.ReportMailboxException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Makes sure that one digest is sent per period, also when several James servers (or several mailet instances) run
 * the same digest: before sending, a server appends a marker message for the period to the subfolder {@value
 * #SUBFOLDER} of the stored reports' folder, then reads the folder again; it sends only when the first marker of the
 * period (the lowest UID: the mailbox gives UIDs in the order messages were appended, one at a time) is its own.
 * Every other server sees that marker, before or after appending its own, and sends nothing; a later run for the
 * same period (after a restart, say) finds the marker and sends nothing either. The folder is the record, so this
 * holds across restarts and needs no other shared state.
 *
 * <p>Residual risks, said plainly: the marker is stored <em>before</em> the digest is sent, so a server that stops
 * between the two (or whose sending fails) leaves the period without a digest: at most once, not exactly once, in
 * that case. The comparison needs the mailbox to show a message appended by one server to a read by another that
 * starts after the append finished; a backend whose reads can lag behind appends (an eventually consistent
 * replica) could let two servers that claim within that lag both believe they were first. Deleting the folder makes
 * every period claimable again.
 */
public final class DigestMarkers {

    /** The subfolder of the stored reports' folder that holds the markers. */
    public static final String SUBFOLDER = "Digests";
    /** The header of a marker: the digest's key, then "; claim=" and the claimant's random token. */
    public static final String MARKER_HEADER = "X-TLSRPT-Digest-Period";

    private static final String CLAIM = "; claim=";
    private static final Session SESSION = Session.getInstance(new Properties());

    private final ReportMailbox mailbox;

    public DigestMarkers(ReportMailbox mailbox) {
        this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
    }

    /** The folder of the markers of digests of the reports stored in {@code reports}. */
    public static MailboxFolder folderOf(MailboxFolder reports) {
        return new MailboxFolder(reports.user(), reports.name() + "/" + SUBFOLDER);
    }

    /** Whether a marker for the key is already there. */
    public boolean isClaimed(MailboxFolder reports, String key) throws ReportMailboxException {
        MailboxFolder folder = folderOf(reports);
        mailbox.ensureFolder(folder);
        return firstClaim(folder, key).isPresent();
    }

    /**
     * Claims the digest of the key: true when this call's marker is the first for the key, and the caller is to send
     * the digest; false when another claim came first (or this one cannot be seen: then nobody sends, rather than two).
     *
     * @param key what the digest is: the same on every server for the same digest, and header-safe
     * @param description one line for a person reading the folder, such as the period and the recipients
     * @param now the Date of the marker
     */
    public boolean claim(MailboxFolder reports, String key, String description, Instant now)
            throws ReportMailboxException {
        MailboxFolder folder = folderOf(reports);
        mailbox.ensureFolder(folder);
        if (firstClaim(folder, key).isPresent()) {
            return false;
        }
        String token = UUID.randomUUID().toString();
        mailbox.append(folder, marker(reports.user(), key, token, description, now));
        return firstClaim(folder, key).map(token::equals).orElse(false);
    }

    /** The token of the first marker of the key, in UID order. */
    private Optional<String> firstClaim(MailboxFolder folder, String key) throws ReportMailboxException {
        List<String> markers = mailbox.scan(folder, MARKER_HEADER, 1).values();
        for (String marker : markers) {
            int claim = marker.lastIndexOf(CLAIM);
            if (claim > 0 && marker.substring(0, claim).equals(key)) {
                return Optional.of(marker.substring(claim + CLAIM.length()));
            }
        }
        return Optional.empty();
    }

    private static byte[] marker(String user, String key, String token, String description, Instant now)
            throws ReportMailboxException {
        try {
            MimeMessage message = new MimeMessage(SESSION);
            InternetAddress owner = new InternetAddress();
            owner.setAddress(user.contains("@") ? user : user + "@localhost");
            message.setFrom(owner);
            message.setRecipient(MimeMessage.RecipientType.TO, owner);
            message.setSentDate(Date.from(now));
            message.setHeader("Subject", HeaderText.value("Subject", "TLS-RPT digest claimed: " + description, 250));
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader(MARKER_HEADER, key + CLAIM + token);
            message.setText(
                    "The TLS-RPT digest " + key + " (" + description + ") is sent by the server that appended the"
                            + " first message of this folder with this key; this is claim " + token + ".\r\n",
                    "UTF-8");
            message.saveChanges();
            message.setHeader("Message-ID", "<digest." + token + "@tlsrpt.invalid>");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
            message.writeTo(bytes);
            return bytes.toByteArray();
        } catch (MessagingException | IOException impossible) {
            throw new ReportMailboxException("the marker message could not be written", impossible);
        }
    }
}
