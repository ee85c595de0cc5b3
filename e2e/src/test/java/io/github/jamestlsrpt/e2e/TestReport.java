package io.github.jamestlsrpt.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * One SMTP TLS report (RFC 8460 section 4) with one policy, written as its sender would. Our own fixture: the field
 * values imitate the shapes real senders use, none is copied from a real report.
 *
 * @param organization organization-name
 * @param contactInfo contact-info
 * @param reportId report-id
 * @param start start-datetime as sent (Microsoft sends it without a time zone)
 * @param end end-datetime as sent
 * @param policyDomain policy-domain of the one policy
 * @param withMxHost whether the policy names its mx-host (Microsoft's leave it out)
 * @param successful total-successful-session-count
 * @param failed total-failure-session-count; when positive, one failure-details entry counts them
 */
record TestReport(
        String organization,
        String contactInfo,
        String reportId,
        String start,
        String end,
        String policyDomain,
        boolean withMxHost,
        long successful,
        long failed) {

    static TestReport of(String organization, String contactInfo, String reportId, long successful, long failed) {
        return new TestReport(
                organization,
                contactInfo,
                reportId,
                "2026-11-27T00:00:00Z",
                "2026-11-27T23:59:59Z",
                JamesWithPlugin.DOMAIN,
                true,
                successful,
                failed);
    }

    TestReport forDomain(String domain) {
        return new TestReport(organization, contactInfo, reportId, start, end, domain, withMxHost, successful, failed);
    }

    TestReport withoutTimeZoneNorMxHost() {
        return new TestReport(
                organization,
                contactInfo,
                reportId,
                start.replace("Z", ""),
                end.replace("Z", ""),
                policyDomain,
                false,
                successful,
                failed);
    }

    String json() {
        String mxHost = withMxHost ? ",\"mx-host\":[\"mx1." + policyDomain + "\"]" : "";
        String failureDetails = failed == 0
                ? ""
                : ",\"failure-details\":[{\"result-type\":\"certificate-expired\",\"sending-mta-ip\":\"198.51.100.7\","
                        + "\"receiving-mx-hostname\":\"mx1." + policyDomain + "\",\"receiving-ip\":\"192.0.2.25\","
                        + "\"failed-session-count\":" + failed + "}]";
        return "{\"organization-name\":\"" + organization + "\","
                + "\"date-range\":{\"start-datetime\":\"" + start + "\",\"end-datetime\":\"" + end + "\"},"
                + "\"contact-info\":\"" + contactInfo + "\","
                + "\"report-id\":\"" + reportId + "\","
                + "\"policies\":[{\"policy\":{\"policy-type\":\"sts\","
                + "\"policy-string\":[\"version: STSv1\",\"mode: enforce\",\"mx: mx1." + policyDomain + "\","
                + "\"max_age: 604800\"],\"policy-domain\":\"" + policyDomain + "\"" + mxHost + "},"
                + "\"summary\":{\"total-successful-session-count\":" + successful + ","
                + "\"total-failure-session-count\":" + failed + "}" + failureDetails + "}]}";
    }

    byte[] gzipped() {
        return gzip(json().getBytes(StandardCharsets.UTF_8));
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
}
