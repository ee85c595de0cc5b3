package io.github.jamestlsrpt.core.document;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.jamestlsrpt.core.model.DateRange;
import io.github.jamestlsrpt.core.model.FailureDetail;
import io.github.jamestlsrpt.core.model.Policy;
import io.github.jamestlsrpt.core.model.PolicyResult;
import io.github.jamestlsrpt.core.model.Summary;
import io.github.jamestlsrpt.core.model.TlsReport;
import io.github.jamestlsrpt.core.problem.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link StoredReport} documents as compact JSON, streaming (a 20 MiB report is never held twice).
 *
 * <p>Written member by member over a {@link JsonGenerator}, in the order and with the omissions the records'
 * Jackson annotations declare (null members left out, extensions after the named members): the same bytes as
 * Jackson's reflective serialisation of the records, without its per-value reflection.
 */
public final class StoredReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    /** Extensions (unknown members kept verbatim) are written as Jackson writes any tree. */
    private static final ObjectWriter EXTENSION_WRITER =
            MAPPER.writerFor(JsonNode.class).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    // the failure-detail member names, encoded once: a report may have 100,000 failure details
    private static final SerializableString RESULT_TYPE = new SerializedString("result-type");
    private static final SerializableString SENDING_MTA_IP = new SerializedString("sending-mta-ip");
    private static final SerializableString RECEIVING_MX_HOSTNAME = new SerializedString("receiving-mx-hostname");
    private static final SerializableString RECEIVING_MX_HELO = new SerializedString("receiving-mx-helo");
    private static final SerializableString RECEIVING_IP = new SerializedString("receiving-ip");
    private static final SerializableString FAILED_SESSION_COUNT = new SerializedString("failed-session-count");
    private static final SerializableString ADDITIONAL_INFORMATION = new SerializedString("additional-information");
    private static final SerializableString FAILURE_REASON_CODE = new SerializedString("failure-reason-code");

    private StoredReportJson() {}

    public static void write(StoredReport document, OutputStream out) throws IOException {
        try (JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            new DocumentWriter(generator, true).writeDocument(document);
        }
    }

    public static String toJson(StoredReport document) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            new DocumentWriter(generator, false).writeDocument(document);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return text.toString();
    }

    /**
     * A list of problems as a JSON array, as the document writes its "problems" member: the same text as Jackson's
     * reflective serialisation of the records.
     */
    public static String toJson(List<Problem> problems) {
        if (problems.isEmpty()) {
            return "[]";
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            DocumentWriter writer = new DocumentWriter(generator, false);
            generator.writeStartArray();
            for (Problem problem : problems) {
                writer.writeProblem(problem);
            }
            generator.writeEndArray();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return text.toString();
    }

    public static byte[] toBytes(StoredReport document) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(document, bytes);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /** Writes one document; holds the generator and a buffer for the strings it writes. */
    private static final class DocumentWriter {

        /** Strings up to this long are written from {@link #chars}; longer ones as they are. */
        private static final int BUFFERED_LENGTH = 1024;

        private final JsonGenerator out;
        private final char[] chars = new char[BUFFERED_LENGTH];

        /** How many repeating texts are kept encoded ({@link #writeRepeatedString}). */
        private static final int REPEATED_TEXTS = 16;

        private final String[] repeatedTexts = new String[REPEATED_TEXTS];
        private final byte[][] repeatedEncoded = new byte[REPEATED_TEXTS][];
        private int repeatedCount;

        /** Whether the generator writes UTF-8 bytes, and so can be given UTF-8 text to write as it is. */
        private final boolean utf8;

        DocumentWriter(JsonGenerator out, boolean utf8) {
            this.out = out;
            this.utf8 = utf8;
        }

        private void writeDocument(StoredReport document) throws IOException {
            out.writeStartObject();
            writeStringField("document", document.document());
            out.writeNumberField("version", document.version());
            writeStringField("status", document.status());
            out.writeFieldName("deduplication-key");
            writeKey(document.deduplicationKey());
            out.writeFieldName("report");
            writeReport(document.report());
            out.writeFieldName("figures");
            writeFigures(document.figures());
            out.writeArrayFieldStart("problems");
            for (Problem problem : document.problems()) {
                writeProblem(problem);
            }
            out.writeEndArray();
            out.writeFieldName("provenance");
            writeProvenance(document.provenance());
            out.writeEndObject();
        }

        private void writeKey(DeduplicationKey key) throws IOException {
            out.writeStartObject();
            writeStringField("value", key.value());
            writeStringField("reporter", key.reporter());
            writeStringField("report-id", key.reportId());
            writeStringField("start-datetime", InstantText.of(key.start()));
            writeStringField("end-datetime", InstantText.of(key.end()));
            out.writeEndObject();
        }

        // ------------------------------------------------------------------------------------------ report

        private void writeReport(TlsReport report) throws IOException {
            out.writeStartObject();
            writeOptional("organization-name", report.organizationName());
            if (report.dateRange() != null) {
                out.writeFieldName("date-range");
                writeDateRange(report.dateRange());
            }
            writeOptional("contact-info", report.contactInfo());
            writeOptional("report-id", report.reportId());
            out.writeArrayFieldStart("policies");
            for (PolicyResult result : report.policies()) {
                writePolicyResult(result);
            }
            out.writeEndArray();
            writeExtensions(report.extensions());
            out.writeEndObject();
        }

        private void writeDateRange(DateRange range) throws IOException {
            out.writeStartObject();
            writeOptional("start-datetime", range.start());
            writeOptional("end-datetime", range.end());
            writeExtensions(range.extensions());
            out.writeEndObject();
        }

        private void writePolicyResult(PolicyResult result) throws IOException {
            out.writeStartObject();
            if (result.policy() != null) {
                out.writeFieldName("policy");
                writePolicy(result.policy());
            }
            if (result.summary() != null) {
                out.writeFieldName("summary");
                writeSummary(result.summary());
            }
            out.writeArrayFieldStart("failure-details");
            for (FailureDetail detail : result.failureDetails()) {
                writeFailureDetail(detail);
            }
            out.writeEndArray();
            writeExtensions(result.extensions());
            out.writeEndObject();
        }

        private void writePolicy(Policy policy) throws IOException {
            out.writeStartObject();
            if (policy.policyType() != null) {
                writeStringField("policy-type", policy.policyType().value());
            }
            writeStrings("policy-string", policy.policyStrings());
            writeOptional("policy-domain", policy.policyDomain());
            writeStrings("mx-host", policy.mxHosts());
            writeExtensions(policy.extensions());
            out.writeEndObject();
        }

        private void writeSummary(Summary summary) throws IOException {
            out.writeStartObject();
            writeOptional("total-successful-session-count", summary.totalSuccessfulSessionCount());
            writeOptional("total-failure-session-count", summary.totalFailureSessionCount());
            writeExtensions(summary.extensions());
            out.writeEndObject();
        }

        private void writeFailureDetail(FailureDetail detail) throws IOException {
            out.writeStartObject();
            if (detail.resultType() != null) {
                out.writeFieldName(RESULT_TYPE);
                writeRepeatedString(detail.resultType().value());
            }
            writeOptional(SENDING_MTA_IP, detail.sendingMtaIp());
            writeOptionalRepeated(RECEIVING_MX_HOSTNAME, detail.receivingMxHostname());
            writeOptionalRepeated(RECEIVING_MX_HELO, detail.receivingMxHelo());
            writeOptionalRepeated(RECEIVING_IP, detail.receivingIp());
            if (detail.failedSessionCount() != null) {
                out.writeFieldName(FAILED_SESSION_COUNT);
                out.writeNumber(detail.failedSessionCount().longValue());
            }
            writeOptional(ADDITIONAL_INFORMATION, detail.additionalInformation());
            writeOptional(FAILURE_REASON_CODE, detail.failureReasonCode());
            writeExtensions(detail.extensions());
            out.writeEndObject();
        }

        // ------------------------------------------------------------------------------------------ figures

        private void writeFigures(Figures figures) throws IOException {
            out.writeStartObject();
            out.writeNumberField("successful-sessions", figures.successfulSessions());
            out.writeNumberField("failed-sessions", figures.failedSessions());
            out.writeNumberField("total-sessions", figures.totalSessions());
            writeOptional("failure-rate", figures.failureRate());
            writeCounts(figures.failedSessionsByResultType());
            out.writeArrayFieldStart("policies");
            for (Figures.PolicyFigures policy : figures.policies()) {
                writePolicyFigures(policy);
            }
            out.writeEndArray();
            out.writeEndObject();
        }

        private void writePolicyFigures(Figures.PolicyFigures figures) throws IOException {
            out.writeStartObject();
            writeOptional("policy-type", figures.policyType());
            writeOptional("policy-domain", figures.policyDomain());
            if (figures.scope() != null) {
                writeStringField("scope", figures.scope().wireName());
            }
            writeOptional("sts-mode", figures.stsMode());
            out.writeNumberField("successful-sessions", figures.successfulSessions());
            out.writeNumberField("failed-sessions", figures.failedSessions());
            writeOptional("failure-rate", figures.failureRate());
            writeCounts(figures.failedSessionsByResultType());
            out.writeEndObject();
        }

        private void writeCounts(Map<String, Long> byResultType) throws IOException {
            out.writeObjectFieldStart("failed-sessions-by-result-type");
            for (Map.Entry<String, Long> count : byResultType.entrySet()) {
                out.writeNumberField(count.getKey(), count.getValue());
            }
            out.writeEndObject();
        }

        // ------------------------------------------------------------------------------------------ problems,
        // provenance

        private void writeProblem(Problem problem) throws IOException {
            out.writeStartObject();
            writeStringField("severity", problem.severity().wireName());
            writeStringField("pointer", problem.pointer());
            writeStringField("code", problem.code().code());
            writeStringField("message", problem.message());
            out.writeEndObject();
        }

        private void writeProvenance(Provenance provenance) throws IOException {
            out.writeStartObject();
            writeOptional("message-id", provenance.messageId());
            writeOptional("envelope-sender", provenance.envelopeSender());
            writeOptional("from", provenance.from());
            writeOptional("submitter", provenance.submitter());
            writeOptional("report-domain", provenance.reportDomain());
            writeOptional("dkim", provenance.dkim());
            writeOptional("dkim-domain", provenance.dkimDomain());
            writeOptional("received-at", provenance.receivedAt());
            writeOptional("source", provenance.source());
            out.writeEndObject();
        }

        // ------------------------------------------------------------------------------------------ values

        private void writeOptional(SerializableString name, String value) throws IOException {
            if (value != null) {
                out.writeFieldName(name);
                writeString(value);
            }
        }

        private void writeOptional(String name, String value) throws IOException {
            if (value != null) {
                writeStringField(name, value);
            }
        }

        /** Instants as their ISO-8601 text ({@link Instant#toString}), as the records' ToStringSerializer does. */
        private void writeOptional(String name, Instant value) throws IOException {
            if (value != null) {
                writeStringField(name, InstantText.of(value));
            }
        }

        private void writeOptional(String name, Long value) throws IOException {
            if (value != null) {
                out.writeNumberField(name, value.longValue());
            }
        }

        private void writeOptional(String name, Double value) throws IOException {
            if (value != null) {
                out.writeNumberField(name, value.doubleValue());
            }
        }

        private void writeStrings(String name, List<String> values) throws IOException {
            out.writeArrayFieldStart(name);
            for (String value : values) {
                writeString(value);
            }
            out.writeEndArray();
        }

        private void writeExtensions(Map<String, JsonNode> extensions) throws IOException {
            for (Map.Entry<String, JsonNode> member : extensions.entrySet()) {
                out.writeFieldName(member.getKey());
                EXTENSION_WRITER.writeValue(out, member.getValue());
            }
        }

        /**
         * A string value, written from a char array: Jackson's generator encodes a char array faster than a String
         * (which it reads with charAt), and escapes both the same way.
         */
        private void writeString(String value) throws IOException {
            int length = value.length();
            if (length > BUFFERED_LENGTH) {
                out.writeString(value);
                return;
            }
            value.getChars(0, length, chars, 0);
            out.writeString(chars, 0, length);
        }

        private void writeOptionalRepeated(SerializableString name, String value) throws IOException {
            if (value != null) {
                out.writeFieldName(name);
                writeRepeatedString(value);
            }
        }

        /**
         * A failure-detail value that repeats from detail to detail (result-type, MX names, receiving-ip), of which
         * the reader keeps one String each: encoded once, then found by identity and written quoted as they are. Only
         * texts that Jackson writes as their own bytes are kept so (printable ASCII without quote or backslash), so
         * the output is the same.
         */
        private void writeRepeatedString(String value) throws IOException {
            for (int i = 0; i < repeatedCount; i++) {
                if (repeatedTexts[i] == value) {
                    byte[] encoded = repeatedEncoded[i];
                    out.writeRawUTF8String(encoded, 0, encoded.length);
                    return;
                }
            }
            if (!utf8 || repeatedCount == REPEATED_TEXTS || !isWrittenAsItIs(value)) {
                writeString(value);
                return;
            }
            byte[] encoded = value.getBytes(StandardCharsets.US_ASCII);
            repeatedTexts[repeatedCount] = value;
            repeatedEncoded[repeatedCount++] = encoded;
            out.writeRawUTF8String(encoded, 0, encoded.length);
        }

        private static boolean isWrittenAsItIs(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                    return false;
                }
            }
            return true;
        }

        private void writeStringField(String name, String value) throws IOException {
            out.writeFieldName(name);
            writeString(value);
        }
    }
}
