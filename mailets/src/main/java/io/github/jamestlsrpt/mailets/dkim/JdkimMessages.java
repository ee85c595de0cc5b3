package io.github.jamestlsrpt.mailets.dkim;

/**
 * Turns jDKIM 0.5's failure messages into causes a person understands. jDKIM tells its failures apart only by
 * message text; a message not known here is shown as it is.
 */
final class JdkimMessages {

    private static final String INVALID_RECORD = "Invalid signature record: ";
    private static final String INVALID_KEY = "invalid key for signature: ";
    private static final String EXPIRED = "Signature is expired since ";

    private JdkimMessages() {}

    static String explain(String message) {
        if (message == null || message.isBlank()) {
            return "it does not verify";
        }
        if (message.startsWith("Computed bodyhash is different")) {
            return "the body was changed after signing (its hash does not match bh=)";
        }
        if (message.startsWith("Header signature does not verify")) {
            return "the signature does not match the signed header fields (one was changed after signing, or the"
                    + " published key is not the one that signed)";
        }
        if (message.startsWith("no key for signature")) {
            return "no DKIM key is published for it";
        }
        if (message.startsWith(INVALID_KEY + "Revoked key")) {
            return "its key is revoked (empty p=)";
        }
        if (message.startsWith(INVALID_KEY)) {
            return "its key record cannot be used: " + message.substring(INVALID_KEY.length());
        }
        int expired = message.indexOf(EXPIRED);
        if (expired >= 0) {
            String since = message.substring(expired + EXPIRED.length()).replaceAll("\\.$", "");
            return "the signature has expired (its x= time passed " + since + " ago)";
        }
        if (message.startsWith("Signature date is")) {
            return "its signing time t= lies in the future (" + message.replaceAll("\\.$", "") + ")";
        }
        if (message.endsWith("From field not signed")) {
            return "it does not sign the From field, as DKIM requires";
        }
        if (message.startsWith("Unexpected exception processing signature")) {
            return "a tag of its DKIM-Signature field holds a value that cannot be processed";
        }
        if (message.startsWith(INVALID_RECORD)) {
            return "its DKIM-Signature field cannot be read: " + message.substring(INVALID_RECORD.length());
        }
        if (message.startsWith("no DKIM key is published")
                || message.startsWith("its key ")
                || message.startsWith("its key query method")) {
            // written by KeyLookupRetriever, already for a person
            return message;
        }
        return "it does not verify: " + message;
    }
}
