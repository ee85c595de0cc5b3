package io.github.jamestlsrpt.mailets.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.core.digest.Cadence;
import io.github.jamestlsrpt.core.digest.Digest;
import io.github.jamestlsrpt.core.digest.Digest.DomainDigest;
import io.github.jamestlsrpt.core.digest.Digest.Sessions;
import io.github.jamestlsrpt.core.digest.DigestCalculator;
import io.github.jamestlsrpt.core.digest.DigestPeriod;
import io.github.jamestlsrpt.core.digest.DigestReport;
import io.github.jamestlsrpt.core.digest.DigestSeverity;
import io.github.jamestlsrpt.core.document.PolicyScope;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The renderers' pieces on digests computed by core from reports made here. */
class DigestPartsTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final DigestPeriod DAILY = DigestPeriod.containing(Cadence.DAILY, ZoneOffset.UTC, DAY);
    private static final DigestPeriod WEEKLY = DigestPeriod.containing(Cadence.WEEKLY, ZoneOffset.UTC, DAY);

    private static DigestReport report(String domain, PolicyScope scope, long successful, long failed, Instant at) {
        return new DigestReport(
                at,
                "google llc",
                "Google LLC",
                "id-" + domain + at,
                at,
                at,
                List.of(new DigestReport.Policy(
                        domain, "sts", scope, "enforce", successful, failed, Map.of(), Map.of())));
    }

    private static Digest digest(DigestPeriod period, DigestReport... reports) {
        return DigestCalculator.compute(period, List.of(reports), Optional.empty(), 0);
    }

    @ParameterizedTest(name = "{0} successful, {1} failed: {2}")
    @CsvSource({
        "0, 0, none",
        "100, 0, 100.0%",
        "9999, 1, over 99.9%",
        "999, 1, 99.9%",
        "1, 9999, under 0.1%",
        "0, 10, 0.0%",
        "375, 625, 37.5%"
    })
    void shouldNeverRoundASuccessRateToAWholeOrNothingItIsNot(long successful, long failed, String words) {
        assertThat(DigestWords.successRate(new Sessions(successful, failed))).isEqualTo(words);
    }

    @Test
    void shouldSayTheTrendInPointsOrWhyThereIsNone() {
        Instant today = Instant.parse("2026-11-28T05:00:00Z");
        Instant yesterday = Instant.parse("2026-11-27T05:00:00Z");
        Digest digest = digest(
                DAILY,
                report("up.example", PolicyScope.DOMAIN, 100, 0, today),
                report("up.example", PolicyScope.DOMAIN, 90, 10, yesterday),
                report("new.example", PolicyScope.DOMAIN, 5, 5, today),
                report("gone.example", PolicyScope.DOMAIN, 7, 0, yesterday),
                report("gone.example", PolicyScope.DOMAIN, 7, 0, yesterday.minusSeconds(86400)));

        assertThat(DigestWords.trend(digest, find(digest, "up.example")))
                .isEqualTo("100.0%, up 10.0 points from 90.0% the day before");
        assertThat(DigestWords.trend(digest, find(digest, "new.example")))
                .isEqualTo("50.0%; no sessions the day before to compare with");
        assertThat(DigestWords.trend(digest, find(digest, "gone.example")))
                .isEqualTo("no sessions, against 100.0% the day before");
        assertThat(DigestWords.verdict(find(digest, "gone.example"))).isEqualTo("no sessions reported");
        assertThat(DigestWords.reporters(find(digest, "gone.example"))).isEqualTo("none");
    }

    @Test
    void shouldSpeakOfWeeksInAWeeklyDigest() {
        Digest digest = digest(
                WEEKLY,
                report("a.example", PolicyScope.DOMAIN, 1, 0, Instant.parse("2026-11-25T05:00:00Z")),
                report("a.example", PolicyScope.DOMAIN, 1, 0, Instant.parse("2026-11-18T05:00:00Z")));

        assertThat(DigestWords.title(digest))
                .isEqualTo("TLS-RPT digest for week 2026-W48, 2026-11-23 to 2026-11-29 (UTC)");
        assertThat(DigestWords.scope(digest))
                .isEqualTo("Reports received in week 2026-W48, 2026-11-23 to 2026-11-29 (UTC), compared with the week"
                        + " before and with the 30 days before that.");
        assertThat(DigestWords.trend(digest, find(digest, "a.example")))
                .isEqualTo("100.0%, as the week before (100.0%)");
        assertThat(DigestWords.subject(digest)).isEqualTo("TLS-RPT digest 2026-W48: ok, a.example no failures");
        assertThat(DigestText.render(digest, false)).contains("each report counts in the week it was received in");
    }

    @Test
    void shouldNameTheWorstOfDomainsAndHostsInTheSubject() {
        Instant today = Instant.parse("2026-11-28T05:00:00Z");
        Digest hostWorse = digest(
                DAILY,
                report("a.example", PolicyScope.DOMAIN, 99, 1, today),
                report("mx.b.example", PolicyScope.HOST, 1, 1, today));
        Digest onlyHosts = digest(DAILY, report("mx.b.example", PolicyScope.HOST, 1, 0, today));

        assertThat(DigestWords.subject(hostWorse))
                .isEqualTo("TLS-RPT digest 2026-11-28: critical, mx.b.example 50.0% of sessions failed (and 1 more"
                        + " domain)");
        assertThat(DigestWords.subject(onlyHosts)).isEqualTo("TLS-RPT digest 2026-11-28: ok, mx.b.example no failures");
        assertThat(DigestWords.overview(onlyHosts)).isEqualTo("1 MX host of DANE host reports: 1 ok.");
    }

    @Test
    void shouldListDomainsBeyondTheDetailedOnesInShort() {
        Instant today = Instant.parse("2026-11-28T05:00:00Z");
        List<DigestReport> reports = new ArrayList<>();
        int count = DigestWords.DETAILED + DigestWords.LISTED + 3;
        for (int i = 0; i < count; i++) {
            reports.add(report(String.format("d%03d.example", i), PolicyScope.DOMAIN, 10, i == 0 ? 1 : 0, today));
        }
        Digest digest = DigestCalculator.compute(DAILY, reports, Optional.empty(), 0);

        String text = DigestText.render(digest, false);
        String html = DigestHtml.render(digest, Optional.empty());

        assertThat(text)
                .contains("[NOTICE] d000.example: 9.1% of sessions failed\n")
                .contains("\nAnd these, in short:\n  [OK] d050.example: no failures (10 sessions)\n")
                .contains("  and 3 more\n")
                .doesNotContain("d252.example");
        assertThat(html).contains("And " + (count - DigestWords.DETAILED) + " more: see the table above.");
    }

    @Test
    void shouldDrawTheChartWithoutTextWhenFontsAreMissing() throws Exception {
        Instant today = Instant.parse("2026-11-28T05:00:00Z");
        Digest digest = digest(
                DAILY,
                report("a.example", PolicyScope.DOMAIN, 50, 50, today),
                report("mx.b.example", PolicyScope.HOST, 1, 0, today));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(DigestChart.png(digest, false)));

        assertThat(image.getWidth()).isEqualTo(DigestChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(DigestChart.height(2));
        assertThat(image.getRGB(DigestChart.WIDTH - 70, DigestChart.height(2) - 60) & 0xffffff)
                .as("the last day's bar of the first row, below its top")
                .isNotEqualTo(0xffffff);
        assertThat(DigestChart.png(digest(DAILY))).isEmpty();
        for (DigestSeverity severity : DigestSeverity.values()) {
            assertThat(DigestHtml.colour(severity))
                    .as("the HTML and the chart use the same colour for %s", severity)
                    .isEqualTo(
                            String.format("#%06x", DigestChart.colour(severity).getRGB() & 0xffffff));
        }
    }

    @Test
    void shouldKeepAtMostTwentyRowsInTheChart() {
        Instant today = Instant.parse("2026-11-28T05:00:00Z");
        List<DigestReport> reports = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            reports.add(report("d" + i + ".example", PolicyScope.DOMAIN, 1, 0, today));
            reports.add(report("mx" + i + ".example", PolicyScope.HOST, 1, 0, today));
        }
        Digest digest = DigestCalculator.compute(DAILY, reports, Optional.empty(), 0);

        List<DomainDigest> rows = DigestChart.rows(digest);

        assertThat(rows).hasSize(DigestChart.ROWS);
        assertThat(rows.subList(0, 15)).allMatch(row -> row.scope() == PolicyScope.DOMAIN);
    }

    @Test
    void shouldReadBackAStoredReportNestedInAMultipart() throws Exception {
        String message = "Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n"
                + "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nx\r\n"
                + "--b\r\nContent-Type: application/json\r\n\r\n{\"not\": \"a stored document\"}\r\n--b--\r\n"
                + "--a\r\nContent-Type: application/json\r\n\r\n{\"document\": \"james-tlsrpt/stored-report\","
                + " \"version\": 1, \"deduplication-key\": {\"reporter\": \"r\", \"report-id\": \"i\"}, \"report\":"
                + " {}, \"figures\": {\"policies\": []}}\r\n--a--\r\n";
        Instant at = Instant.parse("2026-11-28T05:00:00Z");

        Optional<DigestReport> read =
                StoredReportsReader.report(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)), at);

        assertThat(read).hasValueSatisfying(report -> {
            assertThat(report.reporter()).isEqualTo("r");
            assertThat(report.received()).isEqualTo(at);
        });
        assertThat(StoredReportsReader.report(
                        new ByteArrayInputStream(
                                "Content-Type: text/plain\r\n\r\nx".getBytes(StandardCharsets.US_ASCII)),
                        at))
                .isEmpty();
    }

    private static final String STORED_DOCUMENT = "{\"document\": \"james-tlsrpt/stored-report\", \"version\": 1,"
            + " \"deduplication-key\": {\"reporter\": \"r\", \"report-id\": \"i\"}, \"report\": {}, \"figures\":"
            + " {\"policies\": []}}";

    @Test
    void shouldReadBackAStoredDocumentSentInBase64() throws Exception {
        String message = "Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\nx\r\n"
                + "--a\r\nContent-Type: application/json; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(STORED_DOCUMENT.getBytes(StandardCharsets.UTF_8))
                + "\r\n--a--\r\n";
        Instant at = Instant.parse("2026-11-28T05:00:00Z");

        Optional<DigestReport> read =
                StoredReportsReader.report(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)), at);

        assertThat(read)
                .hasValueSatisfying(report -> assertThat(report.reportId()).isEqualTo("i"));
    }

    @Test
    void shouldNotLookIntoAttachedMessagesNorMultipartsNestedDeeperThanFourLevels() throws Exception {
        String attached = "Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\nContent-Type: message/rfc822\r\n\r\n"
                + "Content-Type: application/json\r\n\r\n" + STORED_DOCUMENT + "\r\n--a--\r\n";
        StringBuilder deep = new StringBuilder();
        for (int level = 1; level <= 5; level++) {
            deep.append("Content-Type: multipart/mixed; boundary=b")
                    .append(level)
                    .append("\r\n\r\n--b")
                    .append(level)
                    .append("\r\n");
        }
        deep.append("Content-Type: application/json\r\n\r\n")
                .append(STORED_DOCUMENT)
                .append("\r\n");
        for (int level = 5; level >= 1; level--) {
            deep.append("--b").append(level).append("--\r\n");
        }
        String fourLevels = deep.toString()
                .replaceFirst("Content-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\n", "")
                .replace("--b1--\r\n", "");
        Instant at = Instant.parse("2026-11-28T05:00:00Z");

        assertThat(StoredReportsReader.report(
                        new ByteArrayInputStream(attached.getBytes(StandardCharsets.US_ASCII)), at))
                .isEmpty();
        assertThat(StoredReportsReader.report(
                        new ByteArrayInputStream(deep.toString().getBytes(StandardCharsets.US_ASCII)), at))
                .isEmpty();
        assertThat(StoredReportsReader.report(
                        new ByteArrayInputStream(fourLevels.getBytes(StandardCharsets.US_ASCII)), at))
                .isPresent();
    }

    private static DomainDigest find(Digest digest, String name) {
        return digest.domains().stream()
                .filter(domain -> domain.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
