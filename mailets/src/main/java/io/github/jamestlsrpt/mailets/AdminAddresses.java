package io.github.jamestlsrpt.mailets;

import io.github.jamestlsrpt.core.explain.SafeText;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;

/**
 * The {@code to} and {@code from} parameters of the mailets that mail the admins (summaries and digests): read and
 * checked in the same words by both, and the server's postmaster as the default sender.
 */
final class AdminAddresses {

    static final String TO = "to";
    static final String FROM = "from";

    private AdminAddresses() {}

    /**
     * @param mailet the mailet's name, for the error
     * @param mails what the recipients receive ("summaries", "digests")
     */
    static List<MailAddress> recipients(String mailet, String mails, String value) throws MessagingException {
        if (value == null || value.isBlank()) {
            throw error(
                    mailet,
                    TO,
                    "is required: who receives the " + mails + ", comma separated, such as postmaster@example.com");
        }
        Set<MailAddress> addresses = new LinkedHashSet<>();
        for (String item : value.split(",", -1)) {
            String address = item.strip();
            if (address.isEmpty()) {
                throw error(
                        mailet,
                        TO,
                        "has an empty entry: \"" + SafeText.of(value) + "\" (addresses are separated by commas,"
                                + " such as a@example.com, b@example.com)");
            }
            addresses.add(address(mailet, TO, address));
        }
        return List.copyOf(addresses);
    }

    /** The configured sender; empty when the parameter is not given (the postmaster then, see {@link #sender}). */
    static Optional<MailAddress> configuredSender(String mailet, String value) throws MessagingException {
        return value == null ? Optional.empty() : Optional.of(address(mailet, FROM, value.strip()));
    }

    /**
     * The configured sender, else the server's postmaster, looked up only now: James gives mailets its postmaster
     * only once every mailet is loaded.
     *
     * @param mail what cannot be sent without a sender ("summary", "digest"), for the error
     * @throws MessagingException when there is neither
     */
    static MailAddress sender(String mailet, String mail, Optional<MailAddress> configured, MailetContext context)
            throws MessagingException {
        if (configured.isPresent()) {
            return configured.get();
        }
        MailAddress postmaster = context.getPostmaster();
        if (postmaster == null
                || postmaster.isNullSender()
                || postmaster.toInternetAddress().isEmpty()) {
            throw new MessagingException(mailet + ": no " + mail
                    + " can be sent: the server has no postmaster address; set the parameter " + FROM);
        }
        return postmaster;
    }

    private static MailAddress address(String mailet, String parameter, String value) throws MessagingException {
        try {
            MailAddress address = new MailAddress(value);
            if (address.isNullSender() || address.toInternetAddress().isEmpty()) {
                throw new AddressException("not a mailbox");
            }
            return address;
        } catch (AddressException notAnAddress) {
            throw error(
                    mailet,
                    parameter,
                    "must be a mail address such as postmaster@example.com, not \"" + SafeText.of(value) + "\" ("
                            + SafeText.of(notAnAddress.getMessage()) + ")");
        }
    }

    private static MessagingException error(String mailet, String parameter, String problem) {
        return new MessagingException(mailet + ": parameter " + parameter + " " + problem);
    }
}
