package io.github.jamestlsrpt.message;

/** Report JSON for the message fixtures: small, valid RFC 8460 reports whose figures the tests assert. */
public final class TestReports {

    private TestReports() {}

    /** A Google-shaped sts report for example.com (RFC 8460 section 4.4) with one failure detail. */
    public static String report(String reportId, long successful, long failed) {
        return """
                {
                  "organization-name": "Google Inc.",
                  "date-range": {
                    "start-datetime": "2023-11-14T00:00:00Z",
                    "end-datetime": "2023-11-14T23:59:59Z"
                  },
                  "contact-info": "smtp-tls-reporting@google.com",
                  "report-id": "%s",
                  "policies": [
                    {
                      "policy": {
                        "policy-type": "sts",
                        "policy-string": ["version: STSv1", "mode: enforce", "mx: mx.example.com", "max_age: 86400"],
                        "policy-domain": "example.com",
                        "mx-host": ["mx.example.com"]
                      },
                      "summary": {
                        "total-successful-session-count": %d,
                        "total-failure-session-count": %d
                      },
                      "failure-details": [
                        {
                          "result-type": "certificate-expired",
                          "sending-mta-ip": "209.85.220.41",
                          "receiving-mx-hostname": "mx.example.com",
                          "receiving-ip": "192.0.2.25",
                          "failed-session-count": %d
                        }
                      ]
                    }
                  ]
                }
                """
                .formatted(reportId, successful, failed, failed);
    }

    /** The report most tests use: id "2023-11-14T00:00:00Z_example.com", 120 successful and 3 failed sessions. */
    public static String googleReport() {
        return report("2023-11-14T00:00:00Z_example.com", 120, 3);
    }

    /** A web server's error page, as a sender that fetched its report from a broken backend might attach it. */
    public static final String HTML_ERROR_PAGE =
            """
            <!DOCTYPE html>
            <html><head><title>502 Bad Gateway</title></head>
            <body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>
            """;

    /** JSON that is not a report: an npm manifest, as a developer might attach one. */
    public static final String ORDINARY_JSON =
            """
            {"name": "left-pad", "version": "1.3.0", "main": "index.js", "license": "WTFPL"}
            """;
}
