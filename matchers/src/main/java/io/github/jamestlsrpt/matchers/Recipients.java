package io.github.jamestlsrpt.matchers;

import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

/** What a matcher returns on a match: every recipient of the mail, never null. */
final class Recipients {

    private Recipients() {}

    static Collection<MailAddress> of(Mail mail) {
        Collection<MailAddress> recipients = mail.getRecipients();
        return recipients == null ? List.of() : recipients;
    }
}
