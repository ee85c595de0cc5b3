package io.github.jamestlsrpt.core.document;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.github.jamestlsrpt.core.model.TlsReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * What makes two reports the same report (RFC 8460 section 5.3: Report-ID lets duplicates be ignored). Built from
 * the JSON, never from the Subject: Google's Subject Report-ID differs from its JSON report-id. The reporter is the
 * organization-name (trimmed, lower-cased), else the contact-info domain; the dates are UTC instants, so a
 * Microsoft zone-less date and its corrected resend give the same key.
 *
 * @param reporter organization-name or contact-info domain, normalised
 * @param reportId report-id exactly as sent
 * @param start start-datetime
 * @param end end-datetime
 */
@JsonPropertyOrder({"value", "reporter", "report-id", "start-datetime", "end-datetime"})
public record DeduplicationKey(
        @JsonProperty("reporter") String reporter,
        @JsonProperty("report-id") String reportId,
        @JsonProperty("start-datetime") @JsonSerialize(using = ToStringSerializer.class) Instant start,
        @JsonProperty("end-datetime") @JsonSerialize(using = ToStringSerializer.class) Instant end) {

    private static final MessageDigest SHA_256 = newSha256();

    public DeduplicationKey {
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** The key of a usable report (one with a reporter, a report-id and a date range). */
    public static DeduplicationKey of(TlsReport report) {
        String organization = report.organizationName();
        String reporter = organization != null && !organization.isBlank()
                ? organization.trim().toLowerCase(Locale.ROOT)
                : report.contactDomain();
        if (reporter == null || report.reportId() == null || report.dateRange() == null) {
            throw new IllegalArgumentException("a report without reporter, report-id or date-range has no key");
        }
        return new DeduplicationKey(
                reporter,
                report.reportId(),
                report.dateRange().start(),
                report.dateRange().end());
    }

    /** SHA-256 over the four parts, hex: stable across runs, versions and machines. */
    @JsonProperty("value")
    public String value() {
        String canonical =
                reporter + '\u001f' + reportId + '\u001f' + InstantText.of(start) + '\u001f' + InstantText.of(end);
        byte[] digest = sha256().digest(canonical.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    /** A fresh SHA-256 digest, cloned from one looked up once (a provider look-up costs more than the hashing). */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException notCloneable) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }
}
