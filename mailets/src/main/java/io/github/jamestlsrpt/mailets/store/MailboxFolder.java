package io.github.jamestlsrpt.mailets.store;

import java.util.Objects;

/**
 * One folder of one user's mailbox.
 *
 * @param user the mailbox owner, as James names users ("tlsrpt@example.com", or "tlsrpt" without virtual hosting)
 * @param name the folder name; '/' or James's path delimiter ('.' by default) separates levels, as in
 *     "TLS-RPT.Out-of-scope"
 */
public record MailboxFolder(String user, String name) {

    public MailboxFolder {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return name + " of " + user;
    }
}
