package io.github.jamestlsrpt.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.zip.GZIPOutputStream;

/**
 * One SMTP TLS report (RFC 8460 section 4) with one policy, written as its sender would. Our own sample: the field
 * values imitate the shapes real senders use, none is copied from a real report.
 *
 * @param organization organization-name
 * @param contactInfo contact-info
 * @param reportId report-id
 * @param start start-datetime as sent (Microsoft sends it without a time zone)
 * @param end end-datetime as sent
 * @param policyType policy-type: {@code sts} (an MTA-STS policy of policyDomain) or {@code tlsa} (DANE; a host report
 *     when policyDomain is an MX host)
 * @param policyDomain policy-domain of the one policy
 * @param withMxHost whether an sts policy names its mx-host (Microsoft's leave it out)
 * @param successful total-successful-session-count
 * @param failed total-failure-session-count; when positive, one failure-details entry counts them
 * @param resultType the result-type of that failure-details entry
 */
public record SampleReport(
        String organization,
        String contactInfo,
        String reportId,
        String start,
        String end,
        String policyType,
        String policyDomain,
        boolean withMxHost,
        long successful,
        long failed,
        String resultType) {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 27);

    /** A report on example.com's MTA-STS policy for 2026-11-27; failures, if any, are expired certificates. */
    public static SampleReport of(
            String organization, String contactInfo, String reportId, long successful, long failed) {
        return new SampleReport(
                        organization,
                        contactInfo,
                        reportId,
                        "",
                        "",
                        "sts",
                        PluginServer.DOMAIN,
                        true,
                        successful,
                        failed,
                        "certificate-expired")
                .on(DAY);
    }

    /** The same report for the UTC day given, from 00:00:00Z to 23:59:59Z. */
    public SampleReport on(LocalDate day) {
        return new SampleReport(
                organization,
                contactInfo,
                reportId,
                day + "T00:00:00Z",
                day + "T23:59:59Z",
                policyType,
                policyDomain,
                withMxHost,
                successful,
                failed,
                resultType);
    }

    public SampleReport forDomain(String domain) {
        return new SampleReport(
                organization,
                contactInfo,
                reportId,
                start,
                end,
                policyType,
                domain,
                withMxHost,
                successful,
                failed,
                resultType);
    }

    /** Microsoft's way: date-times without a time zone, and no mx-host. */
    public SampleReport withoutTimeZoneNorMxHost() {
        return new SampleReport(
                organization,
                contactInfo,
                reportId,
                start.replace("Z", ""),
                end.replace("Z", ""),
                policyType,
                policyDomain,
                false,
                successful,
                failed,
                resultType);
    }

    /**
     * A DANE host report (RFC 8460 section 4.3, RFC 7672): a tlsa policy whose policy-domain is the MX host and whose
     * policy-string its TLSA record; failures of the given result type.
     */
    public SampleReport daneForHost(String mxHost, String failureType) {
        return new SampleReport(
                organization,
                contactInfo,
                reportId,
                start,
                end,
                "tlsa",
                mxHost,
                false,
                successful,
                failed,
                failureType);
    }

    /** The start of the range as an instant (a zone-less date-time read as UTC, as the plugin reads it). */
    public Instant startInstant() {
        return instant(start);
    }

    public Instant endInstant() {
        return instant(end);
    }

    private static Instant instant(String dateTime) {
        return dateTime.endsWith("Z")
                ? Instant.parse(dateTime)
                : LocalDateTime.parse(dateTime).toInstant(ZoneOffset.UTC);
    }

    public String json() {
        String policyStrings = policyType.equals("tlsa")
                ? "\"3 1 1 8a3c7e1bd4b0f1d2e6c9a7b5d3f1e0c2b4a6987d5e3f1c0b2a4d6e8f0a1b3c5d\""
                : "\"version: STSv1\",\"mode: enforce\",\"mx: mx1." + policyDomain + "\",\"max_age: 604800\"";
        String mxHost = withMxHost && policyType.equals("sts") ? ",\"mx-host\":[\"mx1." + policyDomain + "\"]" : "";
        String receivingMx = policyType.equals("tlsa") ? policyDomain : "mx1." + policyDomain;
        String failureDetails = failed == 0
                ? ""
                : ",\"failure-details\":[{\"result-type\":\"" + resultType + "\",\"sending-mta-ip\":\"198.51.100.7\","
                        + "\"receiving-mx-hostname\":\"" + receivingMx + "\",\"receiving-ip\":\"192.0.2.25\","
                        + "\"failed-session-count\":" + failed + "}]";
        return "{\"organization-name\":\"" + organization + "\","
                + "\"date-range\":{\"start-datetime\":\"" + start + "\",\"end-datetime\":\"" + end + "\"},"
                + "\"contact-info\":\"" + contactInfo + "\","
                + "\"report-id\":\"" + reportId + "\","
                + "\"policies\":[{\"policy\":{\"policy-type\":\"" + policyType + "\","
                + "\"policy-string\":[" + policyStrings + "],\"policy-domain\":\"" + policyDomain + "\"" + mxHost
                + "},"
                + "\"summary\":{\"total-successful-session-count\":" + successful + ","
                + "\"total-failure-session-count\":" + failed + "}" + failureDetails + "}]}";
    }

    public byte[] gzipped() {
        return gzip(json().getBytes(StandardCharsets.UTF_8));
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
}
