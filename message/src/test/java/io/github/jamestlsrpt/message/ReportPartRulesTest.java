package io.github.jamestlsrpt.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.message.ReportPartRules.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReportPartRulesTest {

    private static Verdict classify(String contentType, String filename, boolean tlsReportContext, boolean wholeBody) {
        return ReportPartRules.classify(HeaderValue.parse(contentType), filename, tlsReportContext, wholeBody);
    }

    @Nested
    class Classify {

        @ParameterizedTest(name = "{0} named {1}, tls context {2}, whole body {3} -> {4}")
        @CsvSource(
                delimiter = '|',
                nullValues = "-",
                textBlock =
                        """
                # RFC 8460 section 5.3 media types: labelled whatever the name and the context
                application/tlsrpt+gzip                 | -                                              | true  | false | LABELLED_REPORT
                application/tlsrpt+gzip                 | -                                              | false | false | LABELLED_REPORT
                Application/TLSRPT+GZIP; name="x"       | x                                              | false | false | LABELLED_REPORT
                application/tlsrpt+json                 | picture.png                                    | false | false | LABELLED_REPORT
                application/tlsrpt+json; charset=utf-8  | -                                              | false | true  | LABELLED_REPORT
                # generic types with a report filename: labelled inside a TLS report, a candidate elsewhere
                application/tlsrpt                      | mail.example.net!example.com!1!2.json          | true  | false | LABELLED_REPORT
                application/tlsrpt                      | mail.example.net!example.com!1!2.json          | false | false | CANDIDATE
                application/octet-stream                | google.com!example.com!1700000000!1700086399.json.gz | false | false | CANDIDATE
                application/octet-stream                | google.com!example.com!1700000000!1700086399.json.gz | true  | false | LABELLED_REPORT
                application/gzip                        | report.json.gz                                 | false | false | CANDIDATE
                application/x-gzip                      | REPORT.JSON.GZ                                 | false | false | CANDIDATE
                application/zip                         | report.zip                                     | false | false | CANDIDATE
                application/x-zip-compressed            | report.json.zip                                | false | false | CANDIDATE
                application/json                        | report.json                                    | false | false | CANDIDATE
                text/json                               | ' report.json '                                | false | false | CANDIDATE
                # application/tlsrpt without a name still may be one
                application/tlsrpt                      | -                                              | false | false | CANDIDATE
                # a whole body without a name: generic types and text/plain are candidates
                application/json                        | -                                              | false | true  | CANDIDATE
                text/plain; charset=utf-8               | -                                              | false | true  | CANDIDATE
                application/gzip                        | -                                              | false | true  | CANDIDATE
                # not reports
                application/json                        | -                                              | false | false | NOT_A_REPORT
                application/json                        | -                                              | true  | false | NOT_A_REPORT
                text/plain                              | -                                              | true  | false | NOT_A_REPORT
                text/plain                              | report.json                                    | false | false | NOT_A_REPORT
                text/html                               | -                                              | false | true  | NOT_A_REPORT
                text/html                               | -                                              | true  | false | NOT_A_REPORT
                application/gzip                        | google.com!example.com!1700000000!1700086399.xml.gz | false | false | NOT_A_REPORT
                application/gzip                        | google.com!example.com!1700000000!1700086399.xml.gz | true  | false | NOT_A_REPORT
                application/octet-stream                | report.json.gz.exe                             | false | false | NOT_A_REPORT
                application/pdf                         | report.json                                    | false | false | NOT_A_REPORT
                message/delivery-status                 | -                                              | false | true  | NOT_A_REPORT
                ''                                      | -                                              | false | false | NOT_A_REPORT
                """)
        void shouldClassifyAPartByItsLabels(
                String contentType, String filename, boolean tlsReportContext, boolean wholeBody, Verdict expected) {
            Verdict verdict = classify(contentType, filename, tlsReportContext, wholeBody);

            assertThat(verdict).isEqualTo(expected);
        }
    }

    @Nested
    class TlsReportContainer {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "multipart/report; report-type=tlsrpt",
                    "multipart/report; report-type=\"tlsrpt\"",
                    "Multipart/Report; Report-Type=TLSRPT; boundary=x",
                    "multipart/report; boundary=\"000000000000ff6e2506223ab640\"; report-type=tlsrpt",
                    "multipart/report;\r\n\treport-type=\" tlsrpt \""
                })
        void shouldRecogniseAMultipartReportOfTypeTlsrpt(String contentType) {
            boolean container = ReportPartRules.isTlsReportContainer(HeaderValue.parse(contentType));

            assertThat(container).isTrue();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "multipart/report; report-type=delivery-status",
                    "multipart/report; report-type=feedback-report",
                    "multipart/report",
                    "multipart/mixed; report-type=tlsrpt",
                    "application/tlsrpt+gzip",
                    ""
                })
        void shouldNotTakeOtherContainersForATlsReport(String contentType) {
            boolean container = ReportPartRules.isTlsReportContainer(HeaderValue.parse(contentType));

            assertThat(container).isFalse();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "multipart/report; report-type=delivery-status",
                    "multipart/report; report-type=disposition-notification",
                    "multipart/report;\r\n\treport-type=\"feedback-report\"; boundary=b"
                })
        void shouldTakeAReportOfAnotherTypeForANoticeAboutAnotherMail(String contentType) {
            boolean notice = ReportPartRules.isNoticeAboutAnotherMail(HeaderValue.parse(contentType));

            assertThat(notice).isTrue();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "multipart/report; report-type=tlsrpt",
                    "multipart/report; report-type=\" TLSRPT \"",
                    "multipart/report",
                    "multipart/report; report-type=\"\"",
                    "multipart/mixed; report-type=delivery-status",
                    "message/delivery-status"
                })
        void shouldNotTakeATlsReportOrAnUnlabelledReportForANotice(String contentType) {
            boolean notice = ReportPartRules.isNoticeAboutAnotherMail(HeaderValue.parse(contentType));

            assertThat(notice).isFalse();
        }
    }
}
