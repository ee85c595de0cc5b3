package io.github.jamestlsrpt.mail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.mailet.AttributeValue;

/**
 * One report found in a mail, as the extraction mailet leaves it on the mail for the matchers and mailets after it.
 * It travels as a map attribute value (see {@link #toAttributeValue()}) of plain strings, longs and bytes, so that it
 * survives every James spool.
 *
 * @param part the MIME part path the report came from ("1", "2.1"...; "" for a whole-body report)
 * @param entry the zip entry name, or null when the part is not a zip
 * @param filename the part's filename as the sender gave it (a hint only, never a path), or null
 * @param contentType the part's media type, lower-cased (parameters dropped)
 * @param outcome what extraction decided for this report
 * @param reason one sentence for a person on why the outcome is what it is; null for a plain accepted report
 * @param reportId the report-id, or null when unknown
 * @param organization the organization-name, or null when unknown
 * @param policyDomains the policy domains of the report, in report order
 * @param deduplicationKey the key under which the report is stored once, or null when invalid
 * @param successfulSessions total successful sessions (0 when invalid)
 * @param failedSessions total failed sessions (0 when invalid)
 * @param document the stored document (JSON), or null when invalid
 * @param problems the problems as a JSON array (every severity), never null
 * @param original the bytes of the part as received (transfer encoding removed), never null
 * @param summary the report told in plain language (core's {@code PlainSummary}), or null when invalid or not
 *     written: taken from here, it need not be read again from the original for the stored message
 */
public record ExtractedReport(
        String part,
        String entry,
        String filename,
        String contentType,
        ReportOutcome outcome,
        String reason,
        String reportId,
        String organization,
        List<String> policyDomains,
        String deduplicationKey,
        long successfulSessions,
        long failedSessions,
        String document,
        String problems,
        byte[] original,
        String summary) {

    private static final String PART = "part";
    private static final String ENTRY = "entry";
    private static final String FILENAME = "filename";
    private static final String CONTENT_TYPE = "content-type";
    private static final String OUTCOME = "outcome";
    private static final String REASON = "reason";
    private static final String REPORT_ID = "report-id";
    private static final String ORGANIZATION = "organization";
    private static final String POLICY_DOMAINS = "policy-domains";
    private static final String DEDUPLICATION_KEY = "deduplication-key";
    private static final String SUCCESSFUL_SESSIONS = "successful-sessions";
    private static final String FAILED_SESSIONS = "failed-sessions";
    private static final String DOCUMENT = "document";
    private static final String PROBLEMS = "problems";
    private static final String ORIGINAL = "original";
    private static final String SUMMARY = "summary";

    public ExtractedReport {
        Objects.requireNonNull(part, PART);
        Objects.requireNonNull(contentType, CONTENT_TYPE);
        Objects.requireNonNull(outcome, OUTCOME);
        Objects.requireNonNull(problems, PROBLEMS);
        Objects.requireNonNull(original, ORIGINAL);
        policyDomains = List.copyOf(policyDomains);
        if ((outcome == ReportOutcome.INVALID) != (document == null)) {
            throw new IllegalArgumentException("an invalid report has no document, and only an invalid one");
        }
        if ((document == null) != (deduplicationKey == null)) {
            throw new IllegalArgumentException("a document goes with a deduplication key");
        }
        if (document == null && summary != null) {
            throw new IllegalArgumentException("an invalid report has no summary");
        }
    }

    /** The same report as found in another part, under another filename and content type. */
    public ExtractedReport withPart(String part, String filename, String contentType) {
        return new ExtractedReport(
                part,
                entry,
                filename,
                contentType,
                outcome,
                reason,
                reportId,
                organization,
                policyDomains,
                deduplicationKey,
                successfulSessions,
                failedSessions,
                document,
                problems,
                original,
                summary);
    }

    /** The same report with another outcome and reason. */
    public ExtractedReport withOutcome(ReportOutcome outcome, String reason) {
        return new ExtractedReport(
                part,
                entry,
                filename,
                contentType,
                outcome,
                reason,
                reportId,
                organization,
                policyDomains,
                deduplicationKey,
                successfulSessions,
                failedSessions,
                document,
                problems,
                original,
                summary);
    }

    /** The same report under another report-id. */
    public ExtractedReport withReportId(String reportId) {
        return new ExtractedReport(
                part,
                entry,
                filename,
                contentType,
                outcome,
                reason,
                reportId,
                organization,
                policyDomains,
                deduplicationKey,
                successfulSessions,
                failedSessions,
                document,
                problems,
                original,
                summary);
    }

    /** The same report for other policy domains. */
    public ExtractedReport withPolicyDomains(List<String> policyDomains) {
        return new ExtractedReport(
                part,
                entry,
                filename,
                contentType,
                outcome,
                reason,
                reportId,
                organization,
                policyDomains,
                deduplicationKey,
                successfulSessions,
                failedSessions,
                document,
                problems,
                original,
                summary);
    }

    /** The same report under another deduplication key. */
    public ExtractedReport withDeduplicationKey(String deduplicationKey) {
        return new ExtractedReport(
                part,
                entry,
                filename,
                contentType,
                outcome,
                reason,
                reportId,
                organization,
                policyDomains,
                deduplicationKey,
                successfulSessions,
                failedSessions,
                document,
                problems,
                original,
                summary);
    }

    /** The same report with other session totals. */
    public ExtractedReport withSessions(long successfulSessions, long failedSessions) {
        return new ExtractedReport(
                part,
                entry,
                filename,
                contentType,
                outcome,
                reason,
                reportId,
                organization,
                policyDomains,
                deduplicationKey,
                successfulSessions,
                failedSessions,
                document,
                problems,
                original,
                summary);
    }

    /** The same report with another stored document. */
    public ExtractedReport withDocument(String document) {
        return new ExtractedReport(
                part,
                entry,
                filename,
                contentType,
                outcome,
                reason,
                reportId,
                organization,
                policyDomains,
                deduplicationKey,
                successfulSessions,
                failedSessions,
                document,
                problems,
                original,
                summary);
    }

    /** The same report with other original bytes. */
    public ExtractedReport withOriginal(byte[] original) {
        return new ExtractedReport(
                part,
                entry,
                filename,
                contentType,
                outcome,
                reason,
                reportId,
                organization,
                policyDomains,
                deduplicationKey,
                successfulSessions,
                failedSessions,
                document,
                problems,
                original,
                summary);
    }

    /** The same report with another plain summary (or none). */
    public ExtractedReport withSummary(String summary) {
        return new ExtractedReport(
                part,
                entry,
                filename,
                contentType,
                outcome,
                reason,
                reportId,
                organization,
                policyDomains,
                deduplicationKey,
                successfulSessions,
                failedSessions,
                document,
                problems,
                original,
                summary);
    }

    public long totalSessions() {
        return successfulSessions + failedSessions;
    }

    /** Failed sessions over all sessions, 0 when there were none. */
    public double failureRate() {
        long total = totalSessions();
        return total == 0 ? 0.0 : (double) failedSessions / total;
    }

    public AttributeValue<?> toAttributeValue() {
        Map<String, AttributeValue<?>> map = new LinkedHashMap<>();
        map.put(PART, AttributeValue.of(part));
        putIfPresent(map, ENTRY, entry);
        putIfPresent(map, FILENAME, filename);
        map.put(CONTENT_TYPE, AttributeValue.of(contentType));
        map.put(OUTCOME, AttributeValue.of(outcome.wireName()));
        putIfPresent(map, REASON, reason);
        putIfPresent(map, REPORT_ID, reportId);
        putIfPresent(map, ORGANIZATION, organization);
        List<AttributeValue<?>> domains = new ArrayList<>();
        policyDomains.forEach(domain -> domains.add(AttributeValue.of(domain)));
        map.put(POLICY_DOMAINS, AttributeValue.of(domains));
        putIfPresent(map, DEDUPLICATION_KEY, deduplicationKey);
        map.put(SUCCESSFUL_SESSIONS, AttributeValue.of(successfulSessions));
        map.put(FAILED_SESSIONS, AttributeValue.of(failedSessions));
        putIfPresent(map, DOCUMENT, document);
        map.put(PROBLEMS, AttributeValue.of(problems));
        map.put(ORIGINAL, AttributeValue.of(original));
        putIfPresent(map, SUMMARY, summary);
        return AttributeValue.of(map);
    }

    /** Reads back what {@link #toAttributeValue()} wrote; empty for anything else. */
    public static Optional<ExtractedReport> fromAttributeValue(AttributeValue<?> value) {
        if (!(value.value() instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        try {
            Optional<ReportOutcome> outcome = ReportOutcome.fromWireName(string(map, OUTCOME));
            if (outcome.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ExtractedReport(
                    string(map, PART),
                    string(map, ENTRY),
                    string(map, FILENAME),
                    string(map, CONTENT_TYPE),
                    outcome.get(),
                    string(map, REASON),
                    string(map, REPORT_ID),
                    string(map, ORGANIZATION),
                    strings(map, POLICY_DOMAINS),
                    string(map, DEDUPLICATION_KEY),
                    number(map, SUCCESSFUL_SESSIONS),
                    number(map, FAILED_SESSIONS),
                    string(map, DOCUMENT),
                    string(map, PROBLEMS),
                    bytes(map, ORIGINAL),
                    string(map, SUMMARY)));
        } catch (RuntimeException notOurs) {
            return Optional.empty();
        }
    }

    private static void putIfPresent(Map<String, AttributeValue<?>> map, String name, String value) {
        if (value != null) {
            map.put(name, AttributeValue.of(value));
        }
    }

    private static Object raw(Map<?, ?> map, String name) {
        return map.get(name) instanceof AttributeValue<?> value ? value.value() : null;
    }

    private static String string(Map<?, ?> map, String name) {
        return raw(map, name) instanceof String string ? string : null;
    }

    private static long number(Map<?, ?> map, String name) {
        return raw(map, name) instanceof Number number ? number.longValue() : 0L;
    }

    private static byte[] bytes(Map<?, ?> map, String name) {
        return raw(map, name) instanceof byte[] bytes ? bytes : null;
    }

    private static List<String> strings(Map<?, ?> map, String name) {
        List<String> strings = new ArrayList<>();
        if (raw(map, name) instanceof Collection<?> values) {
            for (Object value : values) {
                if (value instanceof AttributeValue<?> attribute && attribute.value() instanceof String string) {
                    strings.add(string);
                }
            }
        }
        return strings;
    }
}
