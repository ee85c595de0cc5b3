package io.github.jamestlsrpt.core.digest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jamestlsrpt.core.document.Provenance;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.document.StoredReportJson;
import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReportReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stored documents made by the real core (reader, stored document, JSON writer) from report JSON built here, read
 * back by {@link StoredDocumentReader}: what a digest computes from is what the store writes.
 */
final class DigestFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReportReader READER = new ReportReader();
    private static final AtomicInteger IDS = new AtomicInteger();

    private DigestFixtures() {}

    /** A report of one UTC day from the organization, with the policies given. */
    static ObjectNode report(String organization, LocalDate day, ObjectNode... policies) {
        ObjectNode report = JSON.createObjectNode();
        report.put("organization-name", organization);
        ObjectNode range = report.putObject("date-range");
        range.put("start-datetime", day + "T00:00:00Z");
        range.put("end-datetime", day + "T23:59:59Z");
        report.put("contact-info", "tlsrpt@" + organization.toLowerCase().replace(' ', '-') + ".example");
        report.put("report-id", day + "_" + IDS.incrementAndGet());
        ArrayNode array = report.putArray("policies");
        for (ObjectNode policy : policies) {
            array.add(policy);
        }
        return report;
    }

    static ObjectNode sts(String domain, String mode, long successful, long failed, ObjectNode... details) {
        ObjectNode result = policy("sts", domain, successful, failed, details);
        ObjectNode policy = (ObjectNode) result.get("policy");
        policy.putArray("policy-string")
                .add("version: STSv1")
                .add("mode: " + mode)
                .add("mx: mx." + domain)
                .add("max_age: 86400");
        policy.putArray("mx-host").add("mx." + domain);
        return result;
    }

    static ObjectNode tlsa(String host, long successful, long failed, ObjectNode... details) {
        ObjectNode result = policy("tlsa", host, successful, failed, details);
        ((ObjectNode) result.get("policy")).putArray("policy-string").add("3 1 1 0c72ac70b745ac19998811b131d662c9");
        return result;
    }

    static ObjectNode noPolicyFound(String domain, long successful, long failed, ObjectNode... details) {
        return policy("no-policy-found", domain, successful, failed, details);
    }

    static ObjectNode policy(String type, String domain, long successful, long failed, ObjectNode... details) {
        ObjectNode result = JSON.createObjectNode();
        ObjectNode policy = result.putObject("policy");
        policy.put("policy-type", type);
        policy.put("policy-domain", domain);
        ObjectNode summary = result.putObject("summary");
        summary.put("total-successful-session-count", successful);
        summary.put("total-failure-session-count", failed);
        if (details.length > 0) {
            ArrayNode array = result.putArray("failure-details");
            for (ObjectNode detail : details) {
                array.add(detail);
            }
        }
        return result;
    }

    static ObjectNode detail(String resultType, String mxHost, long sessions) {
        ObjectNode detail = JSON.createObjectNode();
        detail.put("result-type", resultType);
        detail.put("sending-mta-ip", "198.51.100.7");
        if (mxHost != null) {
            detail.put("receiving-mx-hostname", mxHost);
        }
        detail.put("receiving-ip", "192.0.2.25");
        detail.put("failed-session-count", sessions);
        return detail;
    }

    /** The stored document of the report, as the store writes it. */
    static byte[] document(ObjectNode report) {
        try {
            ReadResult.UsableReport usable = (ReadResult.UsableReport)
                    READER.read(JSON.writeValueAsBytes(report)).get(0);
            return StoredReportJson.toBytes(StoredReport.of(usable, Provenance.UNKNOWN));
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** The report as a digest reads it back from its stored document, received at that instant. */
    static DigestReport stored(ObjectNode report, Instant received) {
        try {
            return StoredDocumentReader.read(new ByteArrayInputStream(document(report)), received)
                    .orElseThrow();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** The report of that UTC day, received the next morning at 04:00 UTC. */
    static DigestReport receivedNextMorning(String organization, LocalDate day, ObjectNode... policies) {
        return stored(
                report(organization, day, policies),
                day.plusDays(1).atTime(4, 0).toInstant(ZoneOffset.UTC));
    }

    /** A report covering the day before, received on the day at 04:00 UTC. */
    static DigestReport receivedOn(LocalDate received, String organization, ObjectNode... policies) {
        return stored(
                report(organization, received.minusDays(1), policies),
                received.atTime(4, 0).toInstant(ZoneOffset.UTC));
    }
}
