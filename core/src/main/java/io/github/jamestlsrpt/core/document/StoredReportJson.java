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
            writeDocument(generator, document);
        }
    }

    public static String toJson(StoredReport document) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            writeDocument(generator, document);
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

    private static void writeDocument(JsonGenerator out, StoredReport document) throws IOException {
        out.writeStartObject();
        out.writeStringField("document", document.document());
        out.writeNumberField("version", document.version());
        out.writeStringField("status", document.status());
        out.writeFieldName("deduplication-key");
        writeKey(out, document.deduplicationKey());
        out.writeFieldName("report");
        writeReport(out, document.report());
        out.writeFieldName("figures");
        writeFigures(out, document.figures());
        out.writeArrayFieldStart("problems");
        for (Problem problem : document.problems()) {
            writeProblem(out, problem);
        }
        out.writeEndArray();
        out.writeFieldName("provenance");
        writeProvenance(out, document.provenance());
        out.writeEndObject();
    }

    private static void writeKey(JsonGenerator out, DeduplicationKey key) throws IOException {
        out.writeStartObject();
        out.writeStringField("value", key.value());
        out.writeStringField("reporter", key.reporter());
        out.writeStringField("report-id", key.reportId());
        out.writeStringField("start-datetime", key.start().toString());
        out.writeStringField("end-datetime", key.end().toString());
        out.writeEndObject();
    }

    // ------------------------------------------------------------------------------------------ report

    private static void writeReport(JsonGenerator out, TlsReport report) throws IOException {
        out.writeStartObject();
        writeOptional(out, "organization-name", report.organizationName());
        if (report.dateRange() != null) {
            out.writeFieldName("date-range");
            writeDateRange(out, report.dateRange());
        }
        writeOptional(out, "contact-info", report.contactInfo());
        writeOptional(out, "report-id", report.reportId());
        out.writeArrayFieldStart("policies");
        for (PolicyResult result : report.policies()) {
            writePolicyResult(out, result);
        }
        out.writeEndArray();
        writeExtensions(out, report.extensions());
        out.writeEndObject();
    }

    private static void writeDateRange(JsonGenerator out, DateRange range) throws IOException {
        out.writeStartObject();
        writeOptional(out, "start-datetime", range.start());
        writeOptional(out, "end-datetime", range.end());
        writeExtensions(out, range.extensions());
        out.writeEndObject();
    }

    private static void writePolicyResult(JsonGenerator out, PolicyResult result) throws IOException {
        out.writeStartObject();
        if (result.policy() != null) {
            out.writeFieldName("policy");
            writePolicy(out, result.policy());
        }
        if (result.summary() != null) {
            out.writeFieldName("summary");
            writeSummary(out, result.summary());
        }
        out.writeArrayFieldStart("failure-details");
        for (FailureDetail detail : result.failureDetails()) {
            writeFailureDetail(out, detail);
        }
        out.writeEndArray();
        writeExtensions(out, result.extensions());
        out.writeEndObject();
    }

    private static void writePolicy(JsonGenerator out, Policy policy) throws IOException {
        out.writeStartObject();
        if (policy.policyType() != null) {
            out.writeStringField("policy-type", policy.policyType().value());
        }
        writeStrings(out, "policy-string", policy.policyStrings());
        writeOptional(out, "policy-domain", policy.policyDomain());
        writeStrings(out, "mx-host", policy.mxHosts());
        writeExtensions(out, policy.extensions());
        out.writeEndObject();
    }

    private static void writeSummary(JsonGenerator out, Summary summary) throws IOException {
        out.writeStartObject();
        writeOptional(out, "total-successful-session-count", summary.totalSuccessfulSessionCount());
        writeOptional(out, "total-failure-session-count", summary.totalFailureSessionCount());
        writeExtensions(out, summary.extensions());
        out.writeEndObject();
    }

    private static void writeFailureDetail(JsonGenerator out, FailureDetail detail) throws IOException {
        out.writeStartObject();
        if (detail.resultType() != null) {
            out.writeFieldName(RESULT_TYPE);
            out.writeString(detail.resultType().value());
        }
        writeOptional(out, SENDING_MTA_IP, detail.sendingMtaIp());
        writeOptional(out, RECEIVING_MX_HOSTNAME, detail.receivingMxHostname());
        writeOptional(out, RECEIVING_MX_HELO, detail.receivingMxHelo());
        writeOptional(out, RECEIVING_IP, detail.receivingIp());
        if (detail.failedSessionCount() != null) {
            out.writeFieldName(FAILED_SESSION_COUNT);
            out.writeNumber(detail.failedSessionCount().longValue());
        }
        writeOptional(out, ADDITIONAL_INFORMATION, detail.additionalInformation());
        writeOptional(out, FAILURE_REASON_CODE, detail.failureReasonCode());
        writeExtensions(out, detail.extensions());
        out.writeEndObject();
    }

    // ------------------------------------------------------------------------------------------ figures

    private static void writeFigures(JsonGenerator out, Figures figures) throws IOException {
        out.writeStartObject();
        out.writeNumberField("successful-sessions", figures.successfulSessions());
        out.writeNumberField("failed-sessions", figures.failedSessions());
        out.writeNumberField("total-sessions", figures.totalSessions());
        writeOptional(out, "failure-rate", figures.failureRate());
        writeCounts(out, figures.failedSessionsByResultType());
        out.writeArrayFieldStart("policies");
        for (Figures.PolicyFigures policy : figures.policies()) {
            writePolicyFigures(out, policy);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void writePolicyFigures(JsonGenerator out, Figures.PolicyFigures figures) throws IOException {
        out.writeStartObject();
        writeOptional(out, "policy-type", figures.policyType());
        writeOptional(out, "policy-domain", figures.policyDomain());
        if (figures.scope() != null) {
            out.writeStringField("scope", figures.scope().wireName());
        }
        writeOptional(out, "sts-mode", figures.stsMode());
        out.writeNumberField("successful-sessions", figures.successfulSessions());
        out.writeNumberField("failed-sessions", figures.failedSessions());
        writeOptional(out, "failure-rate", figures.failureRate());
        writeCounts(out, figures.failedSessionsByResultType());
        out.writeEndObject();
    }

    private static void writeCounts(JsonGenerator out, Map<String, Long> byResultType) throws IOException {
        out.writeObjectFieldStart("failed-sessions-by-result-type");
        for (Map.Entry<String, Long> count : byResultType.entrySet()) {
            out.writeNumberField(count.getKey(), count.getValue());
        }
        out.writeEndObject();
    }

    // ------------------------------------------------------------------------------------------ problems, provenance

    private static void writeProblem(JsonGenerator out, Problem problem) throws IOException {
        out.writeStartObject();
        out.writeStringField("severity", problem.severity().wireName());
        out.writeStringField("pointer", problem.pointer());
        out.writeStringField("code", problem.code().code());
        out.writeStringField("message", problem.message());
        out.writeEndObject();
    }

    private static void writeProvenance(JsonGenerator out, Provenance provenance) throws IOException {
        out.writeStartObject();
        writeOptional(out, "message-id", provenance.messageId());
        writeOptional(out, "envelope-sender", provenance.envelopeSender());
        writeOptional(out, "from", provenance.from());
        writeOptional(out, "submitter", provenance.submitter());
        writeOptional(out, "report-domain", provenance.reportDomain());
        writeOptional(out, "dkim", provenance.dkim());
        writeOptional(out, "dkim-domain", provenance.dkimDomain());
        writeOptional(out, "received-at", provenance.receivedAt());
        writeOptional(out, "source", provenance.source());
        out.writeEndObject();
    }

    // ------------------------------------------------------------------------------------------ values

    private static void writeOptional(JsonGenerator out, SerializableString name, String value) throws IOException {
        if (value != null) {
            out.writeFieldName(name);
            out.writeString(value);
        }
    }

    private static void writeOptional(JsonGenerator out, String name, String value) throws IOException {
        if (value != null) {
            out.writeStringField(name, value);
        }
    }

    /** Instants as their ISO-8601 text ({@link Instant#toString}), as the records' ToStringSerializer does. */
    private static void writeOptional(JsonGenerator out, String name, Instant value) throws IOException {
        if (value != null) {
            out.writeStringField(name, value.toString());
        }
    }

    private static void writeOptional(JsonGenerator out, String name, Long value) throws IOException {
        if (value != null) {
            out.writeNumberField(name, value.longValue());
        }
    }

    private static void writeOptional(JsonGenerator out, String name, Double value) throws IOException {
        if (value != null) {
            out.writeNumberField(name, value.doubleValue());
        }
    }

    private static void writeStrings(JsonGenerator out, String name, List<String> values) throws IOException {
        out.writeArrayFieldStart(name);
        for (String value : values) {
            out.writeString(value);
        }
        out.writeEndArray();
    }

    private static void writeExtensions(JsonGenerator out, Map<String, JsonNode> extensions) throws IOException {
        for (Map.Entry<String, JsonNode> member : extensions.entrySet()) {
            out.writeFieldName(member.getKey());
            EXTENSION_WRITER.writeValue(out, member.getValue());
        }
    }
}
