package io.github.jamestlsrpt.core.digest;

import static io.github.jamestlsrpt.core.digest.DigestFixtures.detail;
import static io.github.jamestlsrpt.core.digest.DigestFixtures.noPolicyFound;
import static io.github.jamestlsrpt.core.digest.DigestFixtures.receivedOn;
import static io.github.jamestlsrpt.core.digest.DigestFixtures.report;
import static io.github.jamestlsrpt.core.digest.DigestFixtures.stored;
import static io.github.jamestlsrpt.core.digest.DigestFixtures.sts;
import static io.github.jamestlsrpt.core.digest.DigestFixtures.tlsa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jamestlsrpt.core.digest.Digest.DomainDigest;
import io.github.jamestlsrpt.core.digest.Digest.FailureType;
import io.github.jamestlsrpt.core.digest.Digest.Place;
import io.github.jamestlsrpt.core.digest.Digest.ReceiptCounts;
import io.github.jamestlsrpt.core.digest.Digest.Sessions;
import io.github.jamestlsrpt.core.digest.Digest.SilentReporter;
import io.github.jamestlsrpt.core.document.PolicyScope;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DigestCalculatorTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final DigestPeriod PERIOD = DigestPeriod.containing(Cadence.DAILY, ZoneOffset.UTC, DAY);

    private static Digest digest(List<DigestReport> reports) {
        return DigestCalculator.compute(PERIOD, reports, Optional.empty(), 0);
    }

    private static Digest digest(DigestReport... reports) {
        return digest(List.of(reports));
    }

    private static DomainDigest domain(Digest digest, String name) {
        return digest.domains().stream()
                .filter(domain -> domain.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no domain " + name + " in " + digest.domains()));
    }

    private static ObjectNode enforce(String domain, long successful, long failed, ObjectNode... details) {
        return sts(domain, "enforce", successful, failed, details);
    }

    @Nested
    class Figures {

        @Test
        void shouldAddUpTheSessionsFailuresAndReportersOfTheReportsReceivedInThePeriod() {
            Digest digest = digest(
                    receivedOn(
                            DAY,
                            "Google LLC",
                            enforce(
                                    "example.com",
                                    3988,
                                    12,
                                    detail("certificate-expired", "mx1.example.com", 10),
                                    detail("starttls-not-supported", "mx2.example.com", 2))),
                    receivedOn(DAY, "Microsoft Corporation", enforce("example.com", 1000, 0)));

            DomainDigest example = domain(digest, "example.com");
            assertThat(example.sessions()).isEqualTo(new Sessions(4988, 12));
            assertThat(example.reports()).isEqualTo(2);
            assertThat(example.reporters()).containsExactly("Google LLC", "Microsoft Corporation");
            assertThat(example.policies()).containsExactly("MTA-STS policy, mode enforce");
            assertThat(example.failures())
                    .extracting(FailureType::resultType, FailureType::sessions)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("certificate-expired", 10L),
                            org.assertj.core.groups.Tuple.tuple("starttls-not-supported", 2L));
            assertThat(example.failures().get(0).explanation().title()).isEqualTo("certificate expired");
            assertThat(example.failures().get(0).explanation().meaning())
                    .isEqualTo("The certificate your mail server presented had expired.");
            assertThat(example.worstMx())
                    .containsExactly(new Place("mx1.example.com", 10), new Place("mx2.example.com", 2));
            assertThat(digest.totals()).isEqualTo(new Digest.Totals(2, 2, new Sessions(4988, 12), Sessions.NONE));
            assertThat(digest.period()).isEqualTo(PERIOD);
            assertThat(digest.previous().first()).isEqualTo(DAY.minusDays(1));
            assertThat(digest.historyFirstDay()).isEqualTo(LocalDate.parse("2026-10-29"));
        }

        @Test
        void shouldCountAReportWithTwoPoliciesForOneDomainOnce() {
            Digest digest = digest(receivedOn(
                    DAY, "Microsoft Corporation", enforce("example.com", 10, 0), noPolicyFound("example.com", 5, 1)));

            DomainDigest example = domain(digest, "example.com");
            assertThat(example.reports()).isEqualTo(1);
            assertThat(example.sessions()).isEqualTo(new Sessions(15, 1));
            assertThat(example.policies()).containsExactly("MTA-STS policy, mode enforce", "no policy");
        }

        @Test
        void shouldCountReportsByTheDayTheyWereReceivedNotTheDayTheyCover() {
            DigestReport coversThePeriodButArrivesLater = stored(
                    report("Google LLC", DAY, enforce("example.com", 100, 0)), Instant.parse("2026-11-29T00:00:00Z"));
            DigestReport arrivesAtTheLastInstant = stored(
                    report("Yahoo", DAY.minusDays(1), enforce("example.com", 7, 0)),
                    Instant.parse("2026-11-28T23:59:59.999Z"));
            DigestReport tooOld = stored(
                    report("Yahoo", DAY.minusDays(40), enforce("example.org", 7, 0)),
                    Instant.parse("2026-10-28T23:59:59Z"));

            Digest digest = digest(coversThePeriodButArrivesLater, arrivesAtTheLastInstant, tooOld);

            assertThat(digest.domains()).extracting(DomainDigest::name).containsExactly("example.com");
            assertThat(domain(digest, "example.com").sessions()).isEqualTo(new Sessions(7, 0));
            assertThat(DigestCalculator.windowStart(PERIOD)).isEqualTo(Instant.parse("2026-10-29T00:00:00Z"));
        }

        @Test
        void shouldCompareWithThePeriodBefore() {
            Digest digest = digest(
                    receivedOn(DAY, "Google LLC", enforce("example.com", 4988, 12)),
                    receivedOn(DAY.minusDays(1), "Google LLC", enforce("example.com", 1000, 0)),
                    receivedOn(DAY.minusDays(2), "Google LLC", enforce("example.com", 0, 1000)),
                    receivedOn(DAY, "Google LLC", enforce("example.org", 50, 50)));

            DomainDigest example = domain(digest, "example.com");
            assertThat(example.previous()).isEqualTo(new Sessions(1000, 0));
            assertThat(example.change())
                    .hasValueSatisfying(change -> assertThat(change).isCloseTo(-0.24, within(1e-9)));
            assertThat(domain(digest, "example.org").change()).isEmpty();
            assertThat(digest.totals().previous()).isEqualTo(new Sessions(1000, 0));
        }

        @Test
        void shouldKeepTheMostFrequentFailureTypesAndMxHostsAndSayHowManyAreLeftOut() {
            List<ObjectNode> details = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                details.add(detail("type-" + (char) ('a' + i), "mx" + i + ".example.com", 100 - i));
            }
            Digest digest = digest(
                    receivedOn(DAY, "Google LLC", enforce("example.com", 0, 2200, details.toArray(ObjectNode[]::new))));

            DomainDigest example = domain(digest, "example.com");
            assertThat(example.failures()).hasSize(DigestCalculator.FAILURE_TYPES_KEPT);
            assertThat(example.failureTypesOmitted()).isEqualTo(5);
            assertThat(example.failures().get(0).resultType()).isEqualTo("type-a");
            assertThat(example.failures().get(0).explanation().meaning())
                    .startsWith("A result type this version does not know");
            assertThat(example.worstMx()).hasSize(DigestCalculator.MX_KEPT);
            assertThat(example.mxOmitted()).isEqualTo(20);
        }

        @Test
        void shouldKeepDailySeriesOfThirtyDaysEndingWithThePeriod() {
            Digest digest = digest(
                    receivedOn(DAY, "Google LLC", enforce("example.com", 90, 10)),
                    receivedOn(DAY.minusDays(29), "Google LLC", enforce("example.com", 50, 0)),
                    receivedOn(DAY.minusDays(30), "Google LLC", enforce("example.com", 1, 0)));

            DomainDigest example = domain(digest, "example.com");
            assertThat(digest.days()).hasSize(30).startsWith(DAY.minusDays(29)).endsWith(DAY);
            assertThat(example.daily()).hasSize(30);
            assertThat(example.daily().get(0)).isEqualTo(new Sessions(50, 0));
            assertThat(example.daily().get(29)).isEqualTo(new Sessions(90, 10));
            assertThat(example.daily().subList(1, 29)).allMatch(day -> day.total() == 0);
        }

        @Test
        void shouldUseTheDaysOfTheDigestTimeZone() {
            DigestPeriod tokyo = DigestPeriod.containing(Cadence.DAILY, ZoneId.of("Asia/Tokyo"), DAY);
            // 2026-11-28T16:00Z is 2026-11-29 01:00 in Tokyo: the next period there
            DigestReport lateUtc = stored(
                    report("Google LLC", DAY, enforce("example.com", 1, 0)), Instant.parse("2026-11-28T16:00:00Z"));
            DigestReport earlyUtc = stored(
                    report("Google LLC", DAY, enforce("example.com", 2, 0)), Instant.parse("2026-11-27T15:00:00Z"));

            Digest digest = DigestCalculator.compute(tokyo, List.of(lateUtc, earlyUtc), Optional.empty(), 3);

            assertThat(domain(digest, "example.com").sessions()).isEqualTo(new Sessions(2, 0));
            assertThat(digest.unreadable()).isEqualTo(3);
        }
    }

    @Nested
    class History {

        @Test
        void shouldMarkFailureTypesNotSeenInTheHistoryAsSeenForTheFirstTime() {
            Digest digest = digest(
                    receivedOn(
                            DAY,
                            "Google LLC",
                            enforce(
                                    "example.com",
                                    900,
                                    100,
                                    detail("certificate-expired", "mx.example.com", 60),
                                    detail("starttls-not-supported", "mx.example.com", 40))),
                    receivedOn(
                            DAY.minusDays(8),
                            "Google LLC",
                            enforce("example.com", 900, 1, detail("certificate-expired", "mx.example.com", 1))),
                    receivedOn(
                            DAY.minusDays(3),
                            "Google LLC",
                            enforce("example.com", 900, 0, detail("starttls-not-supported", "mx.example.com", 0))));

            DomainDigest example = domain(digest, "example.com");
            assertThat(example.hasHistory()).isTrue();
            assertThat(example.firstSeen())
                    .extracting(FailureType::resultType)
                    .containsExactly("starttls-not-supported");
        }

        @Test
        void shouldSeeNothingForTheFirstTimeWithoutHistory() {
            Digest digest = digest(receivedOn(
                    DAY,
                    "Google LLC",
                    enforce("example.com", 900, 100, detail("certificate-expired", "mx.example.com", 100))));

            DomainDigest example = domain(digest, "example.com");
            assertThat(example.hasHistory()).isFalse();
            assertThat(example.firstSeen()).isEmpty();
        }

        @Test
        void shouldCallADailyReporterSilentOnTheFirstDayWithoutItsReport() {
            List<DigestReport> reports = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                reports.add(receivedOn(DAY.minusDays(i), "Yahoo", enforce("example.com", 100, 0)));
            }
            reports.add(receivedOn(DAY, "Google LLC", enforce("example.com", 100, 0)));

            DomainDigest example = domain(digest(reports), "example.com");

            assertThat(example.silentReporters()).containsExactly(new SilentReporter("Yahoo", DAY.minusDays(1), 8, 1));
            assertThat(example.reporters()).containsExactly("Google LLC");
            assertThat(example.severity()).isEqualTo(DigestSeverity.OK);
        }

        @Test
        void shouldNotCallAWeeklyReporterSilentBeforeItsWeekIsOver() {
            List<DigestReport> reports = new ArrayList<>();
            for (LocalDate day : List.of(DAY.minusDays(28), DAY.minusDays(21), DAY.minusDays(14), DAY.minusDays(7))) {
                reports.add(receivedOn(day, "Weekly Mail", enforce("example.com", 100, 0)));
            }
            reports.add(receivedOn(DAY.minusDays(3), "Google LLC", enforce("example.com", 100, 0)));
            reports.add(receivedOn(DAY.minusDays(3), "Weekly Mail", enforce("example.com", 1, 0)));
            reports.add(receivedOn(DAY, "Google LLC", enforce("example.com", 100, 0)));

            assertThat(domain(digest(reports), "example.com").silentReporters()).isEmpty();
            reports.remove(5); // its report of three days ago
            assertThat(domain(digest(reports), "example.com").silentReporters())
                    .containsExactly(new SilentReporter("Weekly Mail", DAY.minusDays(7), 4, 7));
        }

        @Test
        void shouldNotCallAReporterThatSentOnceSilent() {
            Digest digest = digest(
                    receivedOn(DAY.minusDays(5), "Once Only", enforce("example.com", 1, 0)),
                    receivedOn(DAY, "Google LLC", enforce("example.com", 100, 0)));

            assertThat(domain(digest, "example.com").silentReporters()).isEmpty();
        }

        @Test
        void shouldKeepADomainWhoseReportersAllFellSilentAsANotice() {
            Digest digest = digest(
                    receivedOn(DAY.minusDays(2), "Google LLC", enforce("example.org", 100, 0)),
                    receivedOn(DAY.minusDays(1), "Google LLC", enforce("example.org", 100, 0)),
                    receivedOn(DAY.minusDays(1), "Once Only", enforce("example.net", 100, 0)));

            assertThat(digest.domains()).extracting(DomainDigest::name).containsExactly("example.org");
            DomainDigest silent = domain(digest, "example.org");
            assertThat(silent.severity()).isEqualTo(DigestSeverity.NOTICE);
            assertThat(silent.sessions()).isEqualTo(Sessions.NONE);
            assertThat(silent.reports()).isZero();
            assertThat(silent.previous()).isEqualTo(new Sessions(100, 0));
        }
    }

    @Nested
    class Severity {

        @Test
        void shouldBandEachDomainAndPutTheWorstFirst() {
            Digest digest = digest(
                    receivedOn(DAY, "Google LLC", enforce("ok.example", 1000, 0)),
                    receivedOn(DAY, "Google LLC", enforce("notice.example", 999, 1)),
                    receivedOn(DAY, "Google LLC", enforce("notice-worse.example", 91, 9)),
                    receivedOn(DAY, "Google LLC", enforce("warning.example", 90, 10)),
                    receivedOn(DAY, "Google LLC", enforce("critical.example", 50, 50)),
                    receivedOn(DAY, "Google LLC", enforce("critical-all.example", 0, 3)),
                    receivedOn(DAY, "Google LLC", enforce("a-ok.example", 10, 0)));

            assertThat(digest.domains())
                    .extracting(DomainDigest::name, DomainDigest::severity)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("critical-all.example", DigestSeverity.CRITICAL),
                            org.assertj.core.groups.Tuple.tuple("critical.example", DigestSeverity.CRITICAL),
                            org.assertj.core.groups.Tuple.tuple("warning.example", DigestSeverity.WARNING),
                            org.assertj.core.groups.Tuple.tuple("notice-worse.example", DigestSeverity.NOTICE),
                            org.assertj.core.groups.Tuple.tuple("notice.example", DigestSeverity.NOTICE),
                            org.assertj.core.groups.Tuple.tuple("a-ok.example", DigestSeverity.OK),
                            org.assertj.core.groups.Tuple.tuple("ok.example", DigestSeverity.OK));
            assertThat(digest.worst()).isEqualTo(DigestSeverity.CRITICAL);
        }

        @Test
        void shouldBreakTiesOfTheSameRateByTheMoreFailedSessions() {
            Digest digest = digest(
                    receivedOn(DAY, "Google LLC", enforce("few.example", 99, 1)),
                    receivedOn(DAY, "Google LLC", enforce("many.example", 990, 10)));

            assertThat(digest.domains()).extracting(DomainDigest::name).containsExactly("many.example", "few.example");
        }

        @Test
        void shouldKeepDaneHostReportsApartFromDomainReports() {
            Digest digest = digest(receivedOn(
                    DAY,
                    "Microsoft Corporation",
                    tlsa("mx.example.net", 10, 90, detail("tlsa-invalid", "mx.example.net", 90)),
                    enforce("example.com", 100, 0)));

            assertThat(digest.domains()).extracting(DomainDigest::name).containsExactly("example.com");
            assertThat(digest.hosts()).hasSize(1);
            DomainDigest host = digest.hosts().get(0);
            assertThat(host.name()).isEqualTo("mx.example.net");
            assertThat(host.scope()).isEqualTo(PolicyScope.HOST);
            assertThat(host.severity()).isEqualTo(DigestSeverity.CRITICAL);
            assertThat(host.policies()).containsExactly("DANE (TLSA records)");
            assertThat(digest.worst()).isEqualTo(DigestSeverity.CRITICAL);
        }

        @Test
        void shouldBeOkWithoutAnyDomain() {
            Digest digest = digest();

            assertThat(digest.domains()).isEmpty();
            assertThat(digest.worst()).isEqualTo(DigestSeverity.OK);
            assertThat(digest.totals()).isEqualTo(new Digest.Totals(0, 0, Sessions.NONE, Sessions.NONE));
        }
    }

    @Nested
    class Receipts {

        private final Instant inPeriod = Instant.parse("2026-11-28T10:00:00Z");

        private Receipt receipt(Instant received, long stored, long duplicates, Receipt.Entry... entries) {
            return new Receipt(received, stored, duplicates, List.of(entries));
        }

        private Receipt.Entry entry(Receipt.Outcome outcome, String... domains) {
            return new Receipt.Entry(outcome, List.of(domains));
        }

        @Test
        void shouldCountTheReportsNotStoredFromTheReceiptsAndTheStoredOnesFromTheFolder() {
            List<Receipt> receipts = List.of(
                    receipt(inPeriod, 0, 1, entry(Receipt.Outcome.ACCEPTED, "example.com")),
                    receipt(inPeriod, 0, 0, entry(Receipt.Outcome.INVALID), entry(Receipt.Outcome.INVALID)),
                    receipt(inPeriod, 0, 0, entry(Receipt.Outcome.UNAUTHENTICATED, "example.com", "example.com")),
                    receipt(inPeriod, 0, 0, entry(Receipt.Outcome.UNAUTHENTICATED, "unknown.example")),
                    receipt(inPeriod, 0, 0, entry(Receipt.Outcome.OUT_OF_SCOPE, "elsewhere.example")),
                    receipt(
                            Instant.parse("2026-11-27T10:00:00Z"),
                            0,
                            5,
                            entry(Receipt.Outcome.ACCEPTED, "example.com")));

            Digest digest = DigestCalculator.compute(
                    PERIOD,
                    List.of(
                            receivedOn(DAY, "Google LLC", enforce("example.com", 100, 0)),
                            receivedOn(DAY, "Microsoft Corporation", enforce("example.com", 50, 1))),
                    Optional.of(receipts),
                    0);

            assertThat(digest.receipts()).contains(new ReceiptCounts(2, 1, 1, 2, 2));
            assertThat(digest.receipts().orElseThrow().received()).isEqualTo(8);
            DomainDigest example = domain(digest, "example.com");
            assertThat(example.duplicates()).isEqualTo(1);
            assertThat(example.unauthenticated()).isEqualTo(1);
        }

        @Test
        void shouldNotCountTheStoredReportsOfAReceiptAgain() {
            // a mail with one new report and one invalid part: its stored report is in the folder and in its receipt
            List<Receipt> receipts = List.of(receipt(
                    inPeriod, 1, 0, entry(Receipt.Outcome.ACCEPTED, "example.com"), entry(Receipt.Outcome.INVALID)));

            Digest digest = DigestCalculator.compute(
                    PERIOD,
                    List.of(receivedOn(DAY, "Google LLC", enforce("example.com", 100, 0))),
                    Optional.of(receipts),
                    0);

            assertThat(digest.receipts()).contains(new ReceiptCounts(1, 0, 0, 0, 1));
        }

        @Test
        void shouldNotAttributeDuplicatesOfAMailThatAlsoHadNewReports() {
            List<Receipt> receipts = List.of(receipt(
                    inPeriod,
                    1,
                    1,
                    entry(Receipt.Outcome.ACCEPTED, "example.com"),
                    entry(Receipt.Outcome.ACCEPTED, "mx.example.net")));

            Digest digest = DigestCalculator.compute(
                    PERIOD,
                    List.of(receivedOn(
                            DAY, "Google LLC", enforce("example.com", 100, 0), tlsa("mx.example.net", 1, 0))),
                    Optional.of(receipts),
                    0);

            assertThat(digest.receipts().orElseThrow().duplicates()).isEqualTo(1);
            assertThat(domain(digest, "example.com").duplicates()).isZero();
            assertThat(digest.hosts().get(0).duplicates()).isZero();
        }

        @Test
        void shouldAttributeADuplicateDaneHostReportToItsHost() {
            List<Receipt> receipts =
                    List.of(receipt(inPeriod, 0, 1, entry(Receipt.Outcome.ACCEPTED, "mx.example.net")));

            Digest digest = DigestCalculator.compute(
                    PERIOD,
                    List.of(receivedOn(DAY, "Microsoft Corporation", tlsa("mx.example.net", 1, 0))),
                    Optional.of(receipts),
                    0);

            assertThat(digest.hosts().get(0).duplicates()).isEqualTo(1);
        }

        @Test
        void shouldCountTheStoredReportsWhenEveryMailWasStoredWithoutAReceipt() {
            Digest digest = DigestCalculator.compute(
                    PERIOD,
                    List.of(
                            receivedOn(DAY, "Google LLC", enforce("example.com", 100, 0)),
                            receivedOn(DAY, "Microsoft Corporation", enforce("example.com", 50, 1)),
                            receivedOn(DAY.minusDays(1), "Google LLC", enforce("example.com", 90, 0))),
                    Optional.of(List.of()),
                    0);

            assertThat(digest.receipts()).contains(new ReceiptCounts(2, 0, 0, 0, 0));
        }

        @Test
        void shouldTellNoReceiptsFromNoneRecorded() {
            assertThat(digest().receipts()).isEmpty();
            assertThat(DigestCalculator.compute(PERIOD, List.of(), Optional.of(List.of()), 0)
                            .receipts())
                    .contains(new ReceiptCounts(0, 0, 0, 0, 0));
        }

        @Test
        void shouldReadOutcomesByTheirWireNames() {
            assertThat(Receipt.Outcome.fromWireName("out-of-scope")).contains(Receipt.Outcome.OUT_OF_SCOPE);
            assertThat(Receipt.Outcome.fromWireName("accepted")).contains(Receipt.Outcome.ACCEPTED);
            assertThat(Receipt.Outcome.fromWireName("stored")).isEmpty();
            assertThat(receipt(inPeriod, 0, 2).allDuplicates()).isTrue();
            assertThat(receipt(inPeriod, 0, 0).allDuplicates()).isFalse();
        }
    }
}
