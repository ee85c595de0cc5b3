package io.github.jamestlsrpt.mailets.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
    private static final int[] DIGITS = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};

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
     * ("2026-11-28T00:00:00Z", as core writes them) are read without the general ISO parser, which a report paid for
     * twice in the store's profile; every other form goes to it.
     */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            if (isWholeSecondInUtc(text)) {
                return LocalDateTime.of(
                                number(text, 0, 4),
                                number(text, 5, 2),
                                number(text, 8, 2),
                                number(text, 11, 2),
                                number(text, 14, 2),
                                number(text, 17, 2))
                        .toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(text);
        } catch (DateTimeException notAnInstant) {
            return null;
        }
    }

    /** "yyyy-MM-ddTHH:mm:ssZ" with an hour below 24 and a second below 60 (24:00 and leap seconds go to the parser). */
    private static boolean isWholeSecondInUtc(String text) {
        if (text.length() != 20
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(19) != 'Z') {
            return false;
        }
        for (int i : DIGITS) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return number(text, 11, 2) < 24 && number(text, 17, 2) < 60;
    }

    private static int number(String text, int start, int length) {
        int value = 0;
        for (int i = start; i < start + length; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
