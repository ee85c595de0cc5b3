package io.github.jamestlsrpt.mailets;

/** Report JSON for the extraction tests: small RFC 8460 reports whose figures the tests assert. */
final class ExtractionTestReports {

    static final String REPORT_ID = "2023-11-14T00:00:00Z_example.com";

    private ExtractionTestReports() {}

    /** A Google-shaped sts report for example.com with one failure detail: 120 successful, 3 failed sessions. */
    static String googleReport() {
        return report(REPORT_ID, "sts", "example.com", 120, 3);
    }

    /** One policy of the given type and domain (RFC 8460 section 4.4), contact-info at google.com. */
    static String report(String reportId, String policyType, String policyDomain, long successful, long failed) {
        return report(reportId, "smtp-tls-reporting@google.com", policyType, policyDomain, successful, failed);
    }

    static String report(
            String reportId, String contactInfo, String policyType, String policyDomain, long successful, long failed) {
        String policyString = "tlsa".equals(policyType)
                ? "\"3 1 1 0c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6\""
                : "\"version: STSv1\", \"mode: enforce\", \"mx: mx1.example.com\", \"max_age: 86400\"";
        return """
                {
                  "organization-name": "Google Inc.",
                  "date-range": {
                    "start-datetime": "2023-11-14T00:00:00Z",
                    "end-datetime": "2023-11-14T23:59:59Z"
                  },
                  "contact-info": "%s",
                  "report-id": "%s",
                  "policies": [
                    {
                      "policy": {
                        "policy-type": "%s",
                        "policy-string": [%s],
                        "policy-domain": "%s",
                        "mx-host": ["mx1.example.com"]
                      },
                      "summary": {
                        "total-successful-session-count": %d,
                        "total-failure-session-count": %d
                      },
                      "failure-details": [
                        {
                          "result-type": "certificate-expired",
                          "sending-mta-ip": "209.85.220.41",
                          "receiving-mx-hostname": "mx1.example.com",
                          "receiving-ip": "192.0.2.25",
                          "failed-session-count": %d
                        }
                      ]
                    }
                  ]
                }
                """
                .formatted(contactInfo, reportId, policyType, policyString, policyDomain, successful, failed, failed);
    }

    /** A web server's error page, as a sender whose report backend failed might attach it. */
    static final String HTML_ERROR_PAGE =
            """
            <!DOCTYPE html>
            <html><head><title>502 Bad Gateway</title></head>
            <body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>
            """;
}
