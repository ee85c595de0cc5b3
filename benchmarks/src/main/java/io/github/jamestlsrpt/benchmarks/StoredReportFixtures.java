package io.github.jamestlsrpt.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jamestlsrpt.core.document.Provenance;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.document.StoredReportJson;
import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReportReader;
import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.ReportOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Reports as extraction leaves them on a mail (what {@code StoreTlsReports} stores), built through the real core
 * (reader, stored document, deduplication key) from report JSON generated here: one MTA-STS policy for one domain
 * and one UTC day, shaped as Google sends them, with two failure details when sessions failed.
 */
final class StoredReportFixtures {

    static final String USER = "tlsrpt@example.com";
    static final DkimVerdict DKIM = new DkimVerdict(DkimVerdict.Result.PASS, "google.com", "signature verified");

    private static final ReportReader READER = new ReportReader();
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredReportFixtures() {}

    /** The domain of index {@code i}: d0000.example, d0001.example... */
    static String domain(int i) {
        return String.format("d%04d.example", i);
    }

    /**
     * The accepted report of an organization about a domain for a day.
     *
     * @param failed the failed sessions, split over two failure details (certificate-expired and starttls-not-supported)
     */
    static ExtractedReport report(String organization, String domain, LocalDate day, long successful, long failed) {
        String reportId = day + "T00:00:00Z_" + domain + "_" + organization.length();
        String details = failed == 0
                ? ""
                : """
                ,
                      "failure-details": [
                        {"result-type": "certificate-expired", "sending-mta-ip": "209.85.220.41",
                         "receiving-mx-hostname": "mx1.%1$s", "receiving-ip": "192.0.2.25",
                         "failed-session-count": %2$d},
                        {"result-type": "starttls-not-supported", "sending-mta-ip": "209.85.220.42",
                         "receiving-mx-hostname": "mx2.%1$s", "receiving-ip": "192.0.2.26",
                         "failed-session-count": %3$d}
                      ]"""
                        .formatted(domain, failed - failed / 3, failed / 3);
        String json =
                """
                {
                  "organization-name": %s,
                  "date-range": {"start-datetime": "%sT00:00:00Z", "end-datetime": "%sT23:59:59Z"},
                  "contact-info": "smtp-tls-reporting@google.com",
                  "report-id": "%s",
                  "policies": [{
                    "policy": {
                      "policy-type": "sts",
                      "policy-string": ["version: STSv1", "mode: enforce", "mx: mx1.%s", "mx: mx2.%s", "max_age: 86400"],
                      "policy-domain": "%s",
                      "mx-host": ["mx1.%s", "mx2.%s"]
                    },
                    "summary": {"total-successful-session-count": %d, "total-failure-session-count": %d}%s
                  }]
                }
                """
                        .formatted(
                                quote(organization),
                                day,
                                day,
                                reportId,
                                domain,
                                domain,
                                domain,
                                domain,
                                domain,
                                successful,
                                failed,
                                details);
        return extracted(gzip(json.getBytes(StandardCharsets.UTF_8)), domain, day);
    }

    private static ExtractedReport extracted(byte[] original, String domain, LocalDate day) {
        ReadResult.UsableReport usable = READER.read(original).stream()
                .filter(ReadResult.UsableReport.class::isInstance)
                .map(ReadResult.UsableReport.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the generated report is not usable"));
        Instant received = day.plusDays(1).atTime(2, 0).toInstant(java.time.ZoneOffset.UTC);
        Provenance provenance = new Provenance(
                "<" + usable.report().reportId() + "@google.com>",
                "noreply-smtp-tls-reporting@google.com",
                "noreply-smtp-tls-reporting@google.com",
                "google.com",
                domain,
                "pass",
                "google.com",
                received,
                "part 2");
        StoredReport document = StoredReport.of(usable, provenance);
        List<String> domains = usable.report().policies().stream()
                .map(result -> result.policy().policyDomain())
                .toList();
        try {
            return new ExtractedReport(
                    "2",
                    null,
                    "google.com!" + domain + "!" + day + ".json.gz",
                    "application/tlsrpt+gzip",
                    ReportOutcome.ACCEPTED,
                    null,
                    usable.report().reportId(),
                    usable.report().organizationName(),
                    domains,
                    document.deduplicationKey().value(),
                    document.figures().successfulSessions(),
                    document.figures().failedSessions(),
                    StoredReportJson.toJson(document),
                    JSON.writeValueAsString(usable.problems()),
                    original,
                    null);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** The gzip bytes of a report as a sender attaches it (Google's shape, one day, about 2 KiB). */
    static byte[] extractedOriginal() {
        return report("Google LLC", "example.com", LocalDate.parse("2026-11-28"), 3988, 12)
                .original();
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
