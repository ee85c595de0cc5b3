package io.github.jamestlsrpt.mailets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Report JSON for the summary tests, built as a tree so that any text (hostile text included) is a proper JSON
 * string: a report of one day, 2026-11-28, from Google LLC, with the policies given.
 */
final class SummaryReports {

    static final String REPORT_ID = "2026-11-28T00:00:00Z_example.com";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SummaryReports() {}

    static ObjectNode report(ObjectNode... policies) {
        return report("Google LLC", REPORT_ID, policies);
    }

    static ObjectNode report(String organization, String reportId, ObjectNode... policies) {
        ObjectNode report = JSON.createObjectNode();
        report.put("organization-name", organization);
        ObjectNode range = report.putObject("date-range");
        range.put("start-datetime", "2026-11-28T00:00:00Z");
        range.put("end-datetime", "2026-11-28T23:59:59Z");
        report.put("contact-info", "smtp-tls-reporting@google.com");
        report.put("report-id", reportId);
        ArrayNode array = report.putArray("policies");
        for (ObjectNode policy : policies) {
            array.add(policy);
        }
        return report;
    }

    /** An sts policy for the domain, mx.{domain} its MX host, in the given mode. */
    static ObjectNode sts(String domain, String mode, long successful, long failed, ObjectNode... details) {
        ObjectNode result = policy("sts", domain, successful, failed, details);
        ObjectNode policy = (ObjectNode) result.get("policy");
        ArrayNode lines = policy.putArray("policy-string");
        lines.add("version: STSv1").add("mode: " + mode).add("mx: mx." + domain).add("max_age: 86400");
        policy.putArray("mx-host").add("mx." + domain);
        return result;
    }

    /** A tlsa policy whose policy-domain is the MX host: a DANE host report. */
    static ObjectNode tlsa(String host, long successful, long failed, ObjectNode... details) {
        ObjectNode result = policy("tlsa", host, successful, failed, details);
        ((ObjectNode) result.get("policy"))
                .putArray("policy-string")
                .add("3 1 1 0c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6");
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

    static ObjectNode detail(String resultType, String sendingIp, String mxHost, String receivingIp, long sessions) {
        ObjectNode detail = JSON.createObjectNode();
        detail.put("result-type", resultType);
        detail.put("sending-mta-ip", sendingIp);
        detail.put("receiving-mx-hostname", mxHost);
        detail.put("receiving-ip", receivingIp);
        detail.put("failed-session-count", sessions);
        return detail;
    }

    static String json(ObjectNode report) {
        return report.toPrettyString();
    }
}
