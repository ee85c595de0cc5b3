package io.github.jamestlsrpt.mailets.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jamestlsrpt.core.document.Provenance;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.document.StoredReportJson;
import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReportReader;
import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.ReportOutcome;
import io.github.jamestlsrpt.mail.TlsReportAttributes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;

/**
 * Reports as extraction leaves them on a mail, built through the real core (reader, stored document, deduplication
 * key) from report JSON written here, so that what the store sees is real data.
 */
public final class StoreFixtures {

    public static final String GOOGLE_REPORT_ID = "2026-11-28T00:00:00Z_example.com";
    public static final String GOOGLE_FILENAME = "google.com!example.com!1795824000!1795910399.json.gz";

    private static final ReportReader READER = new ReportReader();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger MAIL_NAMES = new AtomicInteger();

    private StoreFixtures() {}

    /** A Google-shaped sts report for one day, 2026-11-28 (RFC 8460 section 4.4), with one failure detail. */
    public static String reportJson(String organization, String reportId, String domain, long successful, long failed) {
        return """
                {
                  "organization-name": %s,
                  "date-range": {
                    "start-datetime": "2026-11-28T00:00:00Z",
                    "end-datetime": "2026-11-28T23:59:59Z"
                  },
                  "contact-info": "smtp-tls-reporting@google.com",
                  "report-id": %s,
                  "policies": [
                    {
                      "policy": {
                        "policy-type": "sts",
                        "policy-string": ["version: STSv1", "mode: enforce", "mx: mx.%s", "max_age: 86400"],
                        "policy-domain": "%s",
                        "mx-host": ["mx.%s"]
                      },
                      "summary": {
                        "total-successful-session-count": %d,
                        "total-failure-session-count": %d
                      },
                      "failure-details": [
                        {
                          "result-type": "certificate-expired",
                          "sending-mta-ip": "209.85.220.41",
                          "receiving-mx-hostname": "mx.%s",
                          "receiving-ip": "192.0.2.25",
                          "failed-session-count": %d
                        }
                      ]
                    }
                  ]
                }
                """
                .formatted(
                        quote(organization),
                        quote(reportId),
                        domain,
                        domain,
                        domain,
                        successful,
                        failed,
                        domain,
                        failed);
    }

    /** Google LLC's report for example.com: 3,988 successful and 12 failed sessions. */
    public static String googleJson() {
        return reportJson("Google LLC", GOOGLE_REPORT_ID, "example.com", 3988, 12);
    }

    /** The Google report, gzipped as application/tlsrpt+gzip in part 2, accepted. */
    public static ExtractedReport google() {
        return accepted(googleJson());
    }

    /** A report from JSON, gzipped as application/tlsrpt+gzip in part 2, accepted. */
    public static ExtractedReport accepted(String json) {
        return extracted(json, ReportOutcome.ACCEPTED, null);
    }

    /** A report read by the real core from gzipped JSON, with the given outcome (not INVALID). */
    public static ExtractedReport extracted(String json, ReportOutcome outcome, String reason) {
        return extracted(gzip(json.getBytes(StandardCharsets.UTF_8)), null, outcome, reason);
    }

    /** A report read by the real core from original bytes (gzip, JSON or zip, then the named zip entry). */
    public static ExtractedReport extracted(byte[] original, String entry, ReportOutcome outcome, String reason) {
        ReadResult.UsableReport usable = READER.read(original).stream()
                .filter(ReadResult.UsableReport.class::isInstance)
                .map(ReadResult.UsableReport.class::cast)
                .filter(result -> java.util.Objects.equals(result.entryName(), entry))
                .findFirst()
                .orElseThrow();
        Provenance provenance = new Provenance(
                "<report-1@google.com>",
                "noreply-smtp-tls-reporting@google.com",
                "noreply-smtp-tls-reporting@google.com",
                "google.com",
                "example.com",
                "pass",
                "google.com",
                Instant.parse("2026-11-29T08:00:00Z"),
                "part 2");
        StoredReport document = StoredReport.of(usable, provenance);
        List<String> domains = usable.report().policies().stream()
                .map(result -> result.policy().policyDomain())
                .toList();
        return new ExtractedReport(
                "2",
                entry,
                GOOGLE_FILENAME,
                "application/tlsrpt+gzip",
                outcome,
                reason,
                usable.report().reportId(),
                usable.report().organizationName(),
                domains,
                document.deduplicationKey().value(),
                document.figures().successfulSessions(),
                document.figures().failedSessions(),
                StoredReportJson.toJson(document),
                problems(usable),
                original,
                null);
    }

    /** An HTML error page where a report should be: invalid, no document. */
    public static ExtractedReport invalid(String reason) {
        return new ExtractedReport(
                "3",
                null,
                "report.json",
                "application/json",
                ReportOutcome.INVALID,
                reason,
                null,
                null,
                List.of(),
                null,
                0,
                0,
                null,
                "[{\"severity\":\"error\",\"pointer\":\"\",\"code\":\"not-json\",\"message\":\"the payload is not"
                        + " JSON\"}]",
                "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.US_ASCII),
                null);
    }

    /** A report mail that has been through extraction, with these reports on it. */
    public static FakeMail mail(DkimVerdict dkim, ExtractedReport... reports) throws Exception {
        FakeMail mail = unreadMail();
        TlsReportAttributes.writeExtraction(mail, dkim, List.of(reports));
        return mail;
    }

    /** A report mail that has been through extraction, DKIM passed for google.com. */
    public static FakeMail mail(ExtractedReport... reports) throws Exception {
        return mail(DkimVerdict.pass("google.com", "a signature of google.com passes"), reports);
    }

    /** A report mail that has not been through extraction. */
    public static FakeMail unreadMail() throws Exception {
        return FakeMail.builder()
                .name("mail-" + MAIL_NAMES.incrementAndGet())
                .sender("noreply-smtp-tls-reporting@google.com")
                .recipient("tlsrpt@example.com")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                        .addFrom("noreply-smtp-tls-reporting@google.com")
                        .addToRecipient("tlsrpt@example.com")
                        .setSubject("Report Domain: example.com Submitter: google.com Report-ID: <" + GOOGLE_REPORT_ID
                                + "@google.com>")
                        .setText("This is an aggregate TLS report from google.com"))
                .build();
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    private static String problems(ReadResult.UsableReport usable) {
        try {
            String json = JSON.writeValueAsString(usable.problems());
            assertThat(json).startsWith("[");
            return json;
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
