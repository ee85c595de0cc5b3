package io.github.jamestlsrpt.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mailets.store.StoreFixtures;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReportMetricsTest {

    @Nested
    class Names {

        @Test
        void shouldNameEveryMetricUnderThePrefixInLowerCaseWithoutRepeats() {
            List<String> names = ReportMetrics.names();

            assertThat(names).allSatisfy(name -> assertThat(name).matches("tlsrpt\\.[a-z0-9.-]+"));
            assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        }

        @Test
        void shouldHaveOneFailedSessionsCounterPerRfcResultTypeAndOneForTheRest() {
            assertThat(ReportMetrics.names())
                    .filteredOn(name -> name.startsWith("tlsrpt.sessions.failed."))
                    .containsExactly(
                            "tlsrpt.sessions.failed.starttls-not-supported",
                            "tlsrpt.sessions.failed.certificate-host-mismatch",
                            "tlsrpt.sessions.failed.certificate-expired",
                            "tlsrpt.sessions.failed.certificate-not-trusted",
                            "tlsrpt.sessions.failed.validation-failure",
                            "tlsrpt.sessions.failed.tlsa-invalid",
                            "tlsrpt.sessions.failed.dnssec-invalid",
                            "tlsrpt.sessions.failed.dane-required",
                            "tlsrpt.sessions.failed.sts-policy-fetch-error",
                            "tlsrpt.sessions.failed.sts-policy-invalid",
                            "tlsrpt.sessions.failed.sts-webpki-invalid",
                            "tlsrpt.sessions.failed.other");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "certificate-expired",
                    "sts-webpki-invalid",
                    "dane-required",
                    "validation-failure",
                    "starttls-not-supported"
                })
        void shouldNameAnRfcResultTypeByItself(String type) {
            assertThat(ReportMetrics.resultTypeName(type)).isEqualTo(type);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(
                strings = {
                    "Certificate-Expired",
                    "certificate-expired ",
                    "certificate-expired\r\nX: y",
                    "other",
                    "(no result-type)",
                    "tlsrpt.reports.stored",
                    "../../etc/passwd",
                    "mta-sts-policy-not-found",
                    "\u0000"
                })
        void shouldNameAnyOtherValueOther(String type) {
            assertThat(ReportMetrics.resultTypeName(type)).isEqualTo("other");
        }
    }

    @Nested
    class FiguresOfTheDocument {

        @Test
        void shouldReadTheFailedSessionsPerResultTypeOfAStoredDocument() {
            String document = StoreFixtures.google().document();

            assertThat(ReportMetrics.failedSessionsByResultType(document))
                    .containsExactly(entry("certificate-expired", 12L));
        }

        @Test
        void shouldReadTheFiguresOfTheDocumentNotThoseOfAnExtensionInTheReport() {
            String document = "{\"report\":{\"figures\":{\"failed-sessions-by-result-type\":{\"fake\":99}}},"
                    + "\"figures\":{\"failed-sessions\":3,\"failed-sessions-by-result-type\":"
                    + "{\"tlsa-invalid\":2,\"other-kind\":{\"nested\":1},\"dnssec-invalid\":1}},"
                    + "\"provenance\":{}}";

            assertThat(ReportMetrics.failedSessionsByResultType(document))
                    .containsExactly(entry("dnssec-invalid", 1L), entry("tlsa-invalid", 2L));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"not json", "[1, 2]", "{\"figures\": 3}", "{\"report\": {\"policies\": [", "{]"})
        void shouldReadNothingFromADocumentWithoutFiguresWithoutThrowing(String document) {
            assertThat(ReportMetrics.failedSessionsByResultType(document)).isEmpty();
        }

        @Test
        void shouldKeepWhatWasReadBeforeTheDocumentBreaks() {
            String truncated = "{\"figures\":{\"failed-sessions-by-result-type\":{\"certificate-expired\":4,\"tls";

            assertThat(ReportMetrics.failedSessionsByResultType(truncated))
                    .containsExactly(entry("certificate-expired", 4L));
        }

        @Test
        void shouldAddUpARepeatedResultTypeWithoutOverflowing() {
            String document = "{\"figures\":{\"failed-sessions-by-result-type\":"
                    + "{\"x\":9223372036854775807,\"x\":9223372036854775807,\"y\":1,\"y\":2}}}";

            Map<String, Long> read = ReportMetrics.failedSessionsByResultType(document);

            assertThat(read).containsExactly(entry("x", Long.MAX_VALUE), entry("y", 3L));
        }
    }

    @Test
    void shouldCountSessionsOnlyForPositiveCountsOfAStoredAcceptedReport() {
        RecordingMetricFactory factory = new RecordingMetricFactory();
        ReportMetrics metrics = new ReportMetrics(factory);
        String document = "{\"figures\":{\"failed-sessions-by-result-type\":"
                + "{\"certificate-expired\":-5,\"tlsa-invalid\":0,\"dane-required\":2,\"bogus\":3,\"junk\":4}}}";
        ExtractedReport withDocument =
                StoreFixtures.google().withSessions(0, -1).withDocument(document);

        metrics.stored(withDocument);

        Set<String> names = factory.counts().keySet();
        assertThat(names).isSubsetOf(ReportMetrics.names());
        assertThat(factory.counts())
                .containsExactly(
                        entry("tlsrpt.reports.stored", 1L),
                        entry("tlsrpt.sessions.failed.dane-required", 2L),
                        entry("tlsrpt.sessions.failed.other", 7L));
    }
}
