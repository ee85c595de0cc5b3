package io.github.jamestlsrpt.core.digest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.github.jamestlsrpt.core.document.PolicyScope;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.explain.SafeText;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@link DigestReport} of a stored document ({@link StoredReport}, version 1) with a streaming parser: the
 * deduplication key, the reporter, the receiving MX hosts of the failure details and the per-policy figures, nothing
 * else kept. Memory stays small whatever the size of the document: at most {@value #PLACES_KEPT} receiving MX hosts
 * and {@value #RESULT_TYPES_KEPT} result types are kept per policy, the rest summed under {@value #OTHER_HOSTS} and
 * {@value #OTHER_TYPES}.
 *
 * <p>A document that is not a stored document of version 1, or lacks its key or figures, gives empty: the stored
 * folder may hold messages filed by hand. Nothing here throws for bad data; an I/O failure of the stream is thrown.
 */
public final class StoredDocumentReader {

    /** At most this many receiving MX hosts are kept per policy. */
    public static final int PLACES_KEPT = 100;
    /** At most this many result types are kept per policy. */
    public static final int RESULT_TYPES_KEPT = 50;
    /** Where failed sessions at hosts beyond {@link #PLACES_KEPT} are counted. */
    public static final String OTHER_HOSTS = "(other hosts)";
    /** Where failed sessions of result types beyond {@link #RESULT_TYPES_KEPT} are counted. */
    public static final String OTHER_TYPES = "(other result types)";
    /** The domain of a policy that names none. */
    public static final String NO_DOMAIN = "(no policy domain)";

    private static final int NAME_LENGTH = 253;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1 << 20)
                    .build())
            .build();

    private StoredDocumentReader() {}

    /**
     * @param document the stored document, UTF-8 JSON
     * @param received when the report was received (stored)
     * @return the digest's view of the report, or empty when the document is not a usable stored document
     * @throws IOException when reading the stream fails (not for bad JSON, which gives empty)
     */
    public static Optional<DigestReport> read(InputStream document, Instant received) throws IOException {
        Reading reading = new Reading();
        try (JsonParser parser = JSON.createParser(document)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            reading.readDocument(parser);
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
        return reading.result(received);
    }

    private static final class Reading {
        private String documentType;
        private Integer version;
        private String reporter;
        private String reportId;
        private Instant start;
        private Instant end;
        private String organization;
        private String contactInfo;
        private final List<Map<String, Long>> receivingMx = new ArrayList<>();
        private List<PolicyFigures> figures;

        Optional<DigestReport> result(Instant received) {
            if (!StoredReport.DOCUMENT_TYPE.equals(documentType)
                    || version == null
                    || version != StoredReport.VERSION
                    || reporter == null
                    || reportId == null
                    || figures == null) {
                return Optional.empty();
            }
            List<DigestReport.Policy> policies = new ArrayList<>(figures.size());
            for (int i = 0; i < figures.size(); i++) {
                PolicyFigures policy = figures.get(i);
                policies.add(new DigestReport.Policy(
                        policy.domain,
                        policy.policyType,
                        policy.scope,
                        policy.stsMode,
                        policy.successful,
                        policy.failed,
                        policy.failedByResultType,
                        i < receivingMx.size() ? receivingMx.get(i) : Map.of()));
            }
            return Optional.of(new DigestReport(
                    received,
                    SafeText.of(reporter, NAME_LENGTH),
                    reporterName(),
                    SafeText.of(reportId, NAME_LENGTH),
                    start,
                    end,
                    policies));
        }

        private String reporterName() {
            if (organization != null && !organization.isBlank()) {
                return SafeText.of(organization.strip(), 100);
            }
            if (contactInfo != null) {
                int at = contactInfo.lastIndexOf('@');
                String domain = contactInfo.substring(at + 1).strip();
                if (!domain.isEmpty()) {
                    return SafeText.of(domain.toLowerCase(Locale.ROOT), 100);
                }
            }
            return SafeText.of(reporter, 100);
        }

        void readDocument(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "document" -> documentType = text(parser, value);
                    case "version" -> version = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : null;
                    case "deduplication-key" -> readKey(parser, value);
                    case "report" -> readReport(parser, value);
                    case "figures" -> readFigures(parser, value);
                    default -> parser.skipChildren();
                }
                if (documentType != null
                        && version != null
                        && figures != null
                        && reporter != null
                        && organization != null) {
                    return; // all that is needed: problems and provenance are not read
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
                    case "report-id" -> reportId = text(parser, member);
                    case "start-datetime" -> start = instant(text(parser, member));
                    case "end-datetime" -> end = instant(text(parser, member));
                    default -> parser.skipChildren();
                }
            }
        }

        private void readReport(JsonParser parser, JsonToken value) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            organization = "";
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken member = parser.nextToken();
                switch (name) {
                    case "organization-name" -> {
                        String text = text(parser, member);
                        organization = text == null ? "" : text;
                    }
                    case "contact-info" -> contactInfo = text(parser, member);
                    case "policies" -> readPolicies(parser, member);
                    default -> parser.skipChildren();
                }
            }
        }

        private void readPolicies(JsonParser parser, JsonToken value) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                parser.skipChildren();
                return;
            }
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                Map<String, Long> places = new LinkedHashMap<>();
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    receivingMx.add(places);
                    continue;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken member = parser.nextToken();
                    if (name.equals("failure-details") && member == JsonToken.START_ARRAY) {
                        readFailureDetails(parser, places);
                    } else {
                        parser.skipChildren();
                    }
                }
                receivingMx.add(places);
            }
        }

        private static void readFailureDetails(JsonParser parser, Map<String, Long> places) throws IOException {
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                String host = null;
                String ip = null;
                long failed = 0;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken member = parser.nextToken();
                    switch (name) {
                        case "receiving-mx-hostname" -> host = text(parser, member);
                        case "receiving-ip" -> ip = text(parser, member);
                        case "failed-session-count" -> failed = count(parser, member);
                        default -> parser.skipChildren();
                    }
                }
                String place = place(host, ip);
                if (place != null) {
                    addCapped(places, place, failed, PLACES_KEPT, OTHER_HOSTS);
                }
            }
        }

        private void readFigures(JsonParser parser, JsonToken value) throws IOException {
            if (value != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken member = parser.nextToken();
                if (name.equals("policies") && member == JsonToken.START_ARRAY) {
                    figures = new ArrayList<>();
                    JsonToken token;
                    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                        if (token == JsonToken.START_OBJECT) {
                            figures.add(readPolicyFigures(parser));
                        } else {
                            parser.skipChildren();
                            figures.add(new PolicyFigures());
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }

        private static PolicyFigures readPolicyFigures(JsonParser parser) throws IOException {
            PolicyFigures policy = new PolicyFigures();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken member = parser.nextToken();
                switch (name) {
                    case "policy-type" -> policy.policyType = safe(text(parser, member), 40);
                    case "policy-domain" -> policy.domain = domain(text(parser, member));
                    case "scope" -> policy.scope =
                            "host".equals(text(parser, member)) ? PolicyScope.HOST : PolicyScope.DOMAIN;
                    case "sts-mode" -> policy.stsMode = safe(text(parser, member), 40);
                    case "successful-sessions" -> policy.successful = count(parser, member);
                    case "failed-sessions" -> policy.failed = count(parser, member);
                    case "failed-sessions-by-result-type" -> readCounts(parser, member, policy.failedByResultType);
                    default -> parser.skipChildren();
                }
            }
            return policy;
        }

        private static void readCounts(JsonParser parser, JsonToken value, Map<String, Long> counts)
                throws IOException {
            if (value != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String type = SafeText.of(parser.currentName(), 100);
                addCapped(counts, type, count(parser, parser.nextToken()), RESULT_TYPES_KEPT, OTHER_TYPES);
            }
        }

        private static void addCapped(Map<String, Long> counts, String key, long value, int kept, String other) {
            if (counts.containsKey(key) || counts.size() < kept) {
                counts.merge(key, value, Long::sum);
            } else {
                counts.merge(other, value, Long::sum);
            }
        }

        private static String place(String host, String ip) {
            if (host != null && !host.isBlank()) {
                String name = host.strip().toLowerCase(Locale.ROOT);
                return SafeText.of(name.endsWith(".") ? name.substring(0, name.length() - 1) : name, NAME_LENGTH);
            }
            if (ip != null && !ip.isBlank()) {
                return SafeText.of(ip.strip(), 64);
            }
            return null;
        }

        private static String domain(String domain) {
            if (domain == null || domain.isBlank()) {
                return NO_DOMAIN;
            }
            String name = domain.strip().toLowerCase(Locale.ROOT);
            return SafeText.of(name.endsWith(".") ? name.substring(0, name.length() - 1) : name, NAME_LENGTH);
        }

        private static String safe(String text, int maxLength) {
            return text == null ? null : SafeText.of(text, maxLength);
        }

        private static long count(JsonParser parser, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_NUMBER_INT) {
                long count = parser.getValueAsLong();
                return Math.max(0, count);
            }
            parser.skipChildren();
            return 0;
        }

        private static String text(JsonParser parser, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            parser.skipChildren();
            return null;
        }

        private static Instant instant(String text) {
            if (text == null) {
                return null;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeException notAnInstant) {
                return null;
            }
        }
    }

    /** The figures of one policy as read. */
    private static final class PolicyFigures {
        private String policyType;
        private String domain = NO_DOMAIN;
        private PolicyScope scope = PolicyScope.DOMAIN;
        private String stsMode;
        private long successful;
        private long failed;
        private final Map<String, Long> failedByResultType = new LinkedHashMap<>();
    }
}
