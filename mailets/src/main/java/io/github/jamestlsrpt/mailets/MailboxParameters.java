package io.github.jamestlsrpt.mailets;

import io.github.jamestlsrpt.core.explain.SafeText;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import org.apache.james.core.Username;

/**
 * The {@code user} and folder parameters of the mailets that work in a mailbox (storing reports, building digests
 * from them): read and checked in the same words by both.
 */
final class MailboxParameters {

    static final String USER = "user";

    /** Longer folder names are refused: mailbox backends limit them, and a digest names its folder. */
    static final int MAX_FOLDER_LENGTH = 200;

    private MailboxParameters() {}

    /**
     * @param mailet the mailet's name, for the error
     * @param whose what the user's mailbox is for, such as "the user whose mailbox receives the reports"
     */
    static String user(String mailet, String whose, String user) throws MessagingException {
        if (user == null || user.isBlank()) {
            throw error(mailet, USER, "is required: " + whose + ", such as tlsrpt@example.com");
        }
        if (!user.equals(user.strip()) || user.chars().anyMatch(c -> Character.isWhitespace(c) || c < 0x20)) {
            throw error(mailet, USER, "must not contain white space: \"" + SafeText.of(user) + "\"");
        }
        try {
            Username username = Username.of(user);
            if (username.hasDomainPart()) {
                username.asMailAddress();
            }
        } catch (IllegalArgumentException | AddressException notAUser) {
            throw error(
                    mailet,
                    USER,
                    "is not a user name or mail address: \"" + SafeText.of(user) + "\": " + notAUser.getMessage());
        }
        return user;
    }

    /**
     * A folder name: not empty, at most {@value #MAX_FOLDER_LENGTH} characters, no control characters and none of
     * IMAP's wildcards, no empty level.
     *
     * @param ifEmpty said after "must not be empty", such as "; the default is TLS-RPT"
     * @param example a folder with levels, for the error about an empty level
     */
    static String folder(String mailet, String parameter, String folder, String ifEmpty, String example)
            throws MessagingException {
        if (folder.isBlank()) {
            throw error(mailet, parameter, "must not be empty" + ifEmpty);
        }
        if (folder.length() > MAX_FOLDER_LENGTH) {
            throw error(mailet, parameter, "is longer than " + MAX_FOLDER_LENGTH + " characters");
        }
        for (int i = 0; i < folder.length(); i++) {
            char c = folder.charAt(i);
            if (Character.isISOControl(c) || c == '%' || c == '*') {
                throw error(
                        mailet,
                        parameter,
                        "must not contain control characters, % or *: \"" + SafeText.of(folder) + "\"");
            }
        }
        for (String level : folder.split("[./]", -1)) {
            if (level.isBlank()) {
                throw error(
                        mailet,
                        parameter,
                        "has an empty level: \"" + folder + "\" (levels are separated by '.' or '/', such as " + example
                                + ")");
            }
        }
        return folder;
    }

    private static MessagingException error(String mailet, String parameter, String problem) {
        return new MessagingException(mailet + ": parameter " + parameter + " " + problem);
    }
}
