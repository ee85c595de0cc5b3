package io.github.jamestlsrpt.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TlsReportAttributesTest {

    private static final ExtractedReport ACCEPTED_REPORT = new ExtractedReport(
            "2.1",
            "google.com!example.com!1699920000!1700006399.json",
            "report.zip",
            "application/zip; name=\"report.zip\"",
            ReportOutcome.ACCEPTED,
            null,
            "2023-11-14T00:00:00Z_example.com",
            "Google Inc.",
            List.of("example.com", "mx.example.com"),
            "google inc.|2023-11-14T00:00:00Z_example.com|2023-11-14",
            120,
            3,
            "{\"report-id\": \"2023-11-14T00:00:00Z_example.com\"}",
            "[{\"code\": \"mx-host-as-string\"}]",
            new byte[] {'P', 'K', 3, 4},
            "TLS report from Google Inc.\nIn total: 123 sessions: 120 succeeded, 3 failed\n");

    private static final ExtractedReport INVALID_REPORT = new ExtractedReport(
            "0",
            null,
            null,
            "application/tlsrpt+gzip",
            ReportOutcome.INVALID,
            "the gzip data is truncated",
            null,
            null,
            List.of(),
            null,
            0,
            0,
            null,
            "[{\"code\": \"gzip-truncated\"}]",
            new byte[] {0x1f, (byte) 0x8b},
            null);

    private static FakeMail mail() throws Exception {
        return FakeMail.builder().name("mail-1").build();
    }

    @Nested
    class ExtractedReports {

        @Test
        void shouldReadBackEveryFieldOfAnAcceptedReport() {
            AttributeValue<?> value = ACCEPTED_REPORT.toAttributeValue();

            assertThat(ExtractedReport.fromAttributeValue(value))
                    .get()
                    .usingRecursiveComparison()
                    .isEqualTo(ACCEPTED_REPORT);
        }

        @Test
        void shouldReadBackAReportWithoutASummaryAsOneWithoutIt() {
            ExtractedReport withoutSummary = ACCEPTED_REPORT.withSummary(null);

            ExtractedReport read = ExtractedReport.fromAttributeValue(withoutSummary.toAttributeValue())
                    .orElseThrow();

            assertThat(read.summary()).isNull();
            assertThat(read.document()).isEqualTo(ACCEPTED_REPORT.document());
            assertThat(ACCEPTED_REPORT.summary()).isNotNull();
        }

        @Test
        void shouldReadBackAnInvalidReportWithItsAbsentFields() {
            AttributeValue<?> value = INVALID_REPORT.toAttributeValue();

            ExtractedReport read = ExtractedReport.fromAttributeValue(value).orElseThrow();

            assertThat(read).usingRecursiveComparison().isEqualTo(INVALID_REPORT);
            assertThat(read.entry()).isNull();
            assertThat(read.document()).isNull();
        }

        @Test
        void shouldGiveEmptyForAValueThatIsNotAMap() {
            assertThat(ExtractedReport.fromAttributeValue(AttributeValue.of("a report")))
                    .isEmpty();
            assertThat(ExtractedReport.fromAttributeValue(AttributeValue.of(42L)))
                    .isEmpty();
        }

        @Test
        void shouldGiveEmptyForAMapOfAnotherShape() {
            Map<String, AttributeValue<?>> foreign = new LinkedHashMap<>();
            foreign.put("name", AttributeValue.of("left-pad"));

            assertThat(ExtractedReport.fromAttributeValue(AttributeValue.of(foreign)))
                    .isEmpty();
        }

        @Test
        void shouldGiveEmptyForAnOutcomeItDoesNotKnow() {
            Map<String, AttributeValue<?>> map = asMap(ACCEPTED_REPORT.toAttributeValue());
            map.put("outcome", AttributeValue.of("stored"));

            assertThat(ExtractedReport.fromAttributeValue(AttributeValue.of(map)))
                    .isEmpty();
        }

        @Test
        void shouldGiveEmptyWhenARequiredFieldIsMissingOrOfAnotherType() {
            Map<String, AttributeValue<?>> withoutOriginal = asMap(ACCEPTED_REPORT.toAttributeValue());
            withoutOriginal.remove("original");
            Map<String, AttributeValue<?>> numberAsPart = asMap(ACCEPTED_REPORT.toAttributeValue());
            numberAsPart.put("part", AttributeValue.of(2L));
            Map<String, AttributeValue<?>> documentWithoutKey = asMap(ACCEPTED_REPORT.toAttributeValue());
            documentWithoutKey.remove("deduplication-key");

            assertThat(ExtractedReport.fromAttributeValue(AttributeValue.of(withoutOriginal)))
                    .isEmpty();
            assertThat(ExtractedReport.fromAttributeValue(AttributeValue.of(numberAsPart)))
                    .isEmpty();
            assertThat(ExtractedReport.fromAttributeValue(AttributeValue.of(documentWithoutKey)))
                    .isEmpty();
        }

        @Test
        void shouldKeepOnlyTheStringsOfAForeignDomainList() {
            Map<String, AttributeValue<?>> map = asMap(ACCEPTED_REPORT.toAttributeValue());
            map.put(
                    "policy-domains",
                    AttributeValue.of(List.of(AttributeValue.of("example.com"), AttributeValue.of(1L))));

            assertThat(ExtractedReport.fromAttributeValue(AttributeValue.of(map)))
                    .get()
                    .extracting(ExtractedReport::policyDomains)
                    .isEqualTo(List.of("example.com"));
        }

        @Test
        void shouldComputeTheFailureRateOverAllSessions() {
            assertThat(ACCEPTED_REPORT.totalSessions()).isEqualTo(123);
            assertThat(ACCEPTED_REPORT.failureRate()).isEqualTo(3.0 / 123);
            assertThat(INVALID_REPORT.failureRate()).isZero();
        }

        @Test
        void shouldRefuseAnInvalidReportWithADocument() {
            assertThatThrownBy(() -> new ExtractedReport(
                            "1",
                            null,
                            null,
                            "application/json",
                            ReportOutcome.INVALID,
                            "bad",
                            null,
                            null,
                            List.of(),
                            "key",
                            0,
                            0,
                            "{}",
                            "[]",
                            new byte[0],
                            null))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void shouldRefuseAnInvalidReportWithASummary() {
            assertThatThrownBy(() -> new ExtractedReport(
                            "1",
                            null,
                            null,
                            "application/json",
                            ReportOutcome.INVALID,
                            "bad",
                            null,
                            null,
                            List.of(),
                            null,
                            0,
                            0,
                            null,
                            "[]",
                            new byte[0],
                            "a summary of nothing"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("an invalid report has no summary");
        }

        @SuppressWarnings("unchecked")
        private static Map<String, AttributeValue<?>> asMap(AttributeValue<?> value) {
            return new LinkedHashMap<>((Map<String, AttributeValue<?>>) value.value());
        }
    }

    @Nested
    class OnAMail {

        @Test
        void shouldReadBackWhatExtractionWrote() throws Exception {
            FakeMail mail = mail();

            TlsReportAttributes.writeExtraction(
                    mail,
                    DkimVerdict.pass("google.com", "d=google.com passes"),
                    List.of(ACCEPTED_REPORT, INVALID_REPORT));

            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.INVALID);
            assertThat(TlsReportAttributes.dkim(mail)).contains(DkimVerdict.pass("google.com", "d=google.com passes"));
            assertThat(TlsReportAttributes.reports(mail))
                    .usingRecursiveFieldByFieldElementComparator()
                    .containsExactly(ACCEPTED_REPORT, INVALID_REPORT);
        }

        @Test
        void shouldReplaceAnEarlierExtractionAndItsDkimDomain() throws Exception {
            FakeMail mail = mail();
            TlsReportAttributes.writeExtraction(
                    mail, DkimVerdict.pass("google.com", "passes"), List.of(ACCEPTED_REPORT));

            TlsReportAttributes.writeExtraction(mail, DkimVerdict.none(), List.of());

            assertThat(TlsReportAttributes.status(mail)).contains(MessageStatus.NO_REPORT);
            assertThat(TlsReportAttributes.dkim(mail)).contains(DkimVerdict.none());
            assertThat(mail.getAttribute(TlsReportAttributes.DKIM_DOMAIN)).isEmpty();
            assertThat(TlsReportAttributes.reports(mail)).isEmpty();
        }

        @Test
        void shouldGiveEmptyForAMailNotExtracted() throws Exception {
            FakeMail mail = mail();

            assertThat(TlsReportAttributes.status(mail)).isEmpty();
            assertThat(TlsReportAttributes.dkim(mail)).isEmpty();
            assertThat(TlsReportAttributes.reports(mail)).isEmpty();
        }

        @Test
        void shouldGiveEmptyForAttributesOfAForeignShape() throws Exception {
            FakeMail mail = mail();
            mail.setAttribute(new Attribute(TlsReportAttributes.STATUS, AttributeValue.of("stored")));
            mail.setAttribute(new Attribute(TlsReportAttributes.DKIM, AttributeValue.of(true)));
            mail.setAttribute(new Attribute(TlsReportAttributes.REPORTS, AttributeValue.of("two reports")));

            assertThat(TlsReportAttributes.status(mail)).isEmpty();
            assertThat(TlsReportAttributes.dkim(mail)).isEmpty();
            assertThat(TlsReportAttributes.reports(mail)).isEmpty();
        }

        @Test
        void shouldSkipForeignElementsOfTheReportList() throws Exception {
            FakeMail mail = mail();
            mail.setAttribute(new Attribute(
                    TlsReportAttributes.REPORTS,
                    AttributeValue.of(List.of(
                            AttributeValue.of("not a report"),
                            ACCEPTED_REPORT.toAttributeValue(),
                            AttributeValue.of(7L)))));

            assertThat(TlsReportAttributes.reports(mail))
                    .usingRecursiveFieldByFieldElementComparator()
                    .containsExactly(ACCEPTED_REPORT);
        }

        @Test
        void shouldNameEveryAttributeInTheProjectNamespace() {
            assertThat(List.of(
                            TlsReportAttributes.STATUS,
                            TlsReportAttributes.DKIM,
                            TlsReportAttributes.DKIM_DOMAIN,
                            TlsReportAttributes.DKIM_REASON,
                            TlsReportAttributes.REPORTS,
                            TlsReportAttributes.STORED,
                            TlsReportAttributes.DUPLICATES))
                    .extracting(AttributeName::asString)
                    .allSatisfy(name -> assertThat(name).startsWith("io.github.jamestlsrpt."));
        }
    }

    @Nested
    class Statuses {

        @Test
        void shouldTakeTheWorstOutcomeOfTheReports() {
            assertThat(MessageStatus.of(List.of())).isEqualTo(MessageStatus.NO_REPORT);
            assertThat(MessageStatus.of(List.of(ACCEPTED_REPORT))).isEqualTo(MessageStatus.ACCEPTED);
            assertThat(MessageStatus.of(List.of(ACCEPTED_REPORT, INVALID_REPORT, ACCEPTED_REPORT)))
                    .isEqualTo(MessageStatus.INVALID);
        }

        @Test
        void shouldReadEveryWireNameBack() {
            for (MessageStatus status : MessageStatus.values()) {
                assertThat(MessageStatus.fromWireName(status.wireName())).contains(status);
            }
            for (ReportOutcome outcome : ReportOutcome.values()) {
                assertThat(ReportOutcome.fromWireName(outcome.wireName())).contains(outcome);
            }
            for (DkimVerdict.Result result : DkimVerdict.Result.values()) {
                assertThat(DkimVerdict.Result.fromWireName(result.wireName())).contains(result);
            }
            assertThat(MessageStatus.fromWireName("ACCEPTED")).isEmpty();
        }

        @Test
        void shouldRefuseADomainWithoutAPass() {
            assertThatThrownBy(() -> new DkimVerdict(DkimVerdict.Result.FAIL, "google.com", "why"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
