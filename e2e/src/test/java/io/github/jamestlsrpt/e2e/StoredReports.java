package io.github.jamestlsrpt.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

/** Reads what the plugin stored, as anyone with an IMAP client and a JSON parser could. */
final class StoredReports {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredReports() {}

    /** The application/json part of a stored report message, parsed. */
    static JsonNode document(MimeMessage stored) {
        try {
            Multipart parts = (Multipart) stored.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.isMimeType("application/json")) {
                    try (InputStream in = part.getInputStream()) {
                        return JSON.readTree(in);
                    }
                }
            }
        } catch (MessagingException | IOException e) {
            throw new AssertionError("the stored message cannot be read", e);
        }
        throw new AssertionError("the stored message has no application/json part");
    }

    /** A header field's value, unfolded; null when the message has none. */
    static String header(MimeMessage message, String name) {
        try {
            String value = message.getHeader(name, ", ");
            return value == null ? null : MimeUtility.unfold(value);
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
