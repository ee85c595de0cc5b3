package io.github.jamestlsrpt.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jamestlsrpt.core.Fixtures;
import io.github.jamestlsrpt.core.model.TlsReport;
import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReportReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 8460 section 5.3: duplicates are told apart by the JSON (reporter, report-id, date range). */
class DeduplicationKeyTest {

    private static final ReportReader READER = new ReportReader();
    private static final String CLEAN = "rfc/sts-enforce-without-failures.json";

    private static DeduplicationKey keyOf(byte[] payload) {
        List<ReadResult> results = READER.read(payload);
        assertThat(results).singleElement().isInstanceOf(ReadResult.UsableReport.class);
        return DeduplicationKey.of(((ReadResult.UsableReport) results.get(0)).report());
    }

    private static DeduplicationKey keyOf(String fixture) {
        return keyOf(Fixtures.bytes(fixture));
    }

    private static byte[] fixtureWith(String fixture, String target, String replacement) {
        String text = new String(Fixtures.bytes(fixture), StandardCharsets.UTF_8);
        assertThat(text).contains(target);
        return text.replace(target, replacement).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldGiveTheSameKeyWhenTheSameReportIsReadTwice() {
        DeduplicationKey first = keyOf(CLEAN);

        DeduplicationKey second = keyOf(CLEAN);

        assertThat(second).isEqualTo(first);
        assertThat(second.value()).isEqualTo(first.value());
    }

    @Test
    void shouldGiveTheSameKeyForTheGzippedReport() {
        DeduplicationKey raw = keyOf(CLEAN);

        DeduplicationKey gzipped = keyOf(Fixtures.gzip(Fixtures.bytes(CLEAN)));

        assertThat(gzipped.value()).isEqualTo(raw.value());
    }

    @Test
    void shouldGiveTheSameKeyForAZoneLessDateAndItsUtcEquivalent() {
        String fixture = "real-world-shapes/datetime-without-zone.json";
        DeduplicationKey zoneLess = keyOf(fixture);

        String text = new String(Fixtures.bytes(fixture), StandardCharsets.UTF_8);
        DeduplicationKey withZ = keyOf(text.replace("T00:00:00\"", "T00:00:00Z\"")
                .replace("T23:59:59\"", "T23:59:59Z\"")
                .getBytes(StandardCharsets.UTF_8));
        DeduplicationKey withOffset = keyOf(text.replace("T00:00:00\"", "T02:00:00+02:00\"")
                .replace("T23:59:59\"", "T23:59:59+00:00\"")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(withZ.value()).isEqualTo(zoneLess.value());
        assertThat(withOffset.value()).isEqualTo(zoneLess.value());
        assertThat(zoneLess.start()).isEqualTo(Instant.parse("2023-03-14T00:00:00Z"));
    }

    @Test
    void shouldGiveAnotherKeyForAnotherReportId() {
        DeduplicationKey original = keyOf(CLEAN);

        DeduplicationKey other = keyOf(fixtureWith(CLEAN, "_receiver.example.net\"", "_receiver.example.net-2\""));

        assertThat(other.value()).isNotEqualTo(original.value());
        assertThat(other.reporter()).isEqualTo(original.reporter());
    }

    @Test
    void shouldGiveAnotherKeyForAnotherDateRange() {
        DeduplicationKey original = keyOf(CLEAN);

        DeduplicationKey other = keyOf(fixtureWith(CLEAN, "2024-05-01T23:59:59Z", "2024-05-02T00:00:00Z"));

        assertThat(other.value()).isNotEqualTo(original.value());
    }

    @Test
    void shouldIgnoreTheCaseAndSurroundingSpaceOfTheOrganizationName() {
        DeduplicationKey original = keyOf(CLEAN);

        DeduplicationKey shouted = keyOf(fixtureWith(CLEAN, "\"Example Sender Inc.\"", "\" EXAMPLE SENDER INC. \""));

        assertThat(shouted.reporter()).isEqualTo("example sender inc.");
        assertThat(shouted.value()).isEqualTo(original.value());
    }

    @Test
    void shouldFallBackToTheContactInfoDomainWithoutOrganizationName() {
        DeduplicationKey key = keyOf("real-world-shapes/organization-name-missing.json");

        String reporter = key.reporter();

        assertThat(reporter).isEqualTo("sender.example.com");
    }

    @Test
    void shouldKeepTheReportIdExactlyAsSent() {
        DeduplicationKey key = keyOf("real-world-shapes/microsoft-tlsa-policy-string-json-in-string.json");

        assertThat(key.reportId()).isEqualTo("133925885310113267+receiver.example.net");
        assertThat(key.reporter()).isEqualTo("big mail provider");
    }

    @Test
    void shouldGiveASha256HexValue() {
        DeduplicationKey key = keyOf(CLEAN);

        assertThat(key.value()).matches("[0-9a-f]{64}");
    }

    @Test
    void shouldRefuseAReportThatCannotBeIdentified() {
        TlsReport anonymous = new TlsReport(null, null, null, "id", List.of(), Map.of());

        assertThatThrownBy(() -> DeduplicationKey.of(anonymous)).isInstanceOf(IllegalArgumentException.class);
    }
}
