package io.github.jamestlsrpt.mailets.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.jamestlsrpt.core.document.InstantText;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;

/**
 * The few members of a stored document (core's {@code StoredReport} JSON) that the stored message's headers need,
 * read with a streaming parser that stops at the report's policies: a 20 MiB document costs no more than a small
 * one. Members that are missing or of the wrong type are null; this never throws.
 *
 * @param status "valid" or "valid-with-warnings"
 * @param reporter the deduplication key's reporter (organization-name, or the contact-info domain)
 * @param contactInfo the report's contact-info
 * @param start the start of the period
 * @param end the end of the period
 */
record DocumentHead(String status, String reporter, String contactInfo, Instant start, Instant end) {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    /** Where "yyyy-MM-ddTHH:mm:ssZ" has its digits. */

    /** The domain of contact-info (lower case), or null when it has none. */
    String contactDomain() {
        if (contactInfo == null) {
            return null;
        }
        int at = contactInfo.lastIndexOf('@');
        String domain = at < 0 ? "" : contactInfo.substring(at + 1).strip();
        return domain.isEmpty() ? null : domain.toLowerCase(Locale.ROOT);
    }

    static DocumentHead of(String document) {
        Reading reading = new Reading();
        if (document == null) {
            return reading.head();
        }
        try (JsonParser parser = JSON.createParser(document)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                reading.readDocument(parser);
            }
        } catch (IOException notJson) {
            // what was read so far stands; the rest stays unknown
        }
        return reading.head();
    }

    private static final class Reading {
        private String status;
        private String reporter;
        private String contactInfo;
        private Instant start;
        private Instant end;

        DocumentHead head() {
            return new DocumentHead(status, reporter, contactInfo, start, end);
        }

        void readDocument(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "status" -> status = text(parser, value);
                    case "deduplication-key" -> readKey(parser, value);
                    case "report" -> {
                        if (value == JsonToken.START_OBJECT && readReportUntilPolicies(parser)) {
                            return;
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        }

        private void readKey(JsonParser parser, JsonToken value) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken member = parser.nextToken();
                switch (name) {
                    case "reporter" -> reporter = text(parser, member);
                    case "start-datetime" -> start = instant(text(parser, member));
                    case "end-datetime" -> end = instant(text(parser, member));
                    default -> parser.skipChildren();
                }
            }
        }

        /** @return true when it stopped at "policies": everything needed comes before it in a stored document */
        private boolean readReportUntilPolicies(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken member = parser.nextToken();
                if (name.equals("policies")) {
                    return true;
                }
                if (name.equals("contact-info")) {
                    contactInfo = text(parser, member);
                } else {
                    parser.skipChildren();
                }
            }
            return false;
        }

        private static String text(JsonParser parser, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            parser.skipChildren();
            return null;
        }
    }

    /**
     * {@link Instant#parse}, or null where it throws. The whole seconds in UTC that stored documents hold
     * ("2026-11-28T00:00:00Z", as core writes them) are read without the general ISO parser ({@link
     * InstantText#utcSeconds}), which a report paid for twice in the store's profile; every other form goes to it.
     */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        Instant usual = InstantText.utcSeconds(text);
        if (usual != null) {
            return usual;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException notAnInstant) {
            return null;
        }
    }
}
