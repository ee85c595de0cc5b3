package io.github.jamestlsrpt.core.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DigestScheduleTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalTime SIX = LocalTime.of(6, 0);

    @Nested
    class Daily {

        private final DigestSchedule utc = new DigestSchedule(Cadence.DAILY, SIX, ZoneOffset.UTC);

        @Test
        void shouldRunNextAtSixTheSameDayBeforeSixAndTheNextDayAfter() {
            assertThat(utc.nextRunAfter(Instant.parse("2026-11-29T05:59:59Z")))
                    .isEqualTo(Instant.parse("2026-11-29T06:00:00Z"));
            assertThat(utc.nextRunAfter(Instant.parse("2026-11-29T06:00:00Z")))
                    .isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
        }

        @Test
        void shouldTellTheLastRunAndThePeriodItIsAbout() {
            Instant last = utc.lastRunAtOrBefore(Instant.parse("2026-11-29T05:00:00Z"));

            assertThat(last).isEqualTo(Instant.parse("2026-11-28T06:00:00Z"));
            assertThat(utc.periodOf(last).first()).isEqualTo(LocalDate.parse("2026-11-27"));
            assertThat(utc.lastRunAtOrBefore(Instant.parse("2026-11-29T06:00:00Z")))
                    .isEqualTo(Instant.parse("2026-11-29T06:00:00Z"));
        }

        @Test
        void shouldDigestTheDayBeforeTheRun() {
            DigestPeriod period = utc.periodOf(Instant.parse("2026-11-29T06:00:00Z"));

            assertThat(period)
                    .isEqualTo(new DigestPeriod(
                            Cadence.DAILY,
                            ZoneOffset.UTC,
                            LocalDate.parse("2026-11-28"),
                            LocalDate.parse("2026-11-28")));
            assertThat(utc.dueTime(period)).isEqualTo(Instant.parse("2026-11-29T06:00:00Z"));
        }

        @Test
        void shouldKeepSixInTheMorningLocalTimeAcrossTheSpringChange() {
            DigestSchedule paris = new DigestSchedule(Cadence.DAILY, SIX, PARIS);

            Instant saturday = paris.nextRunAfter(Instant.parse("2026-03-28T00:00:00Z"));
            Instant sunday = paris.nextRunAfter(saturday);
            Instant monday = paris.nextRunAfter(sunday);

            assertThat(saturday).isEqualTo(Instant.parse("2026-03-28T05:00:00Z")); // CET, UTC+1
            assertThat(sunday).isEqualTo(Instant.parse("2026-03-29T04:00:00Z")); // CEST, UTC+2 from 02:00 that night
            assertThat(monday).isEqualTo(Instant.parse("2026-03-30T04:00:00Z"));
            assertThat(Duration.between(saturday, sunday)).isEqualTo(Duration.ofHours(23));
        }

        @Test
        void shouldKeepSixInTheMorningLocalTimeAcrossTheAutumnChange() {
            DigestSchedule paris = new DigestSchedule(Cadence.DAILY, SIX, PARIS);

            Instant saturday = paris.nextRunAfter(Instant.parse("2026-10-24T00:00:00Z"));
            Instant sunday = paris.nextRunAfter(saturday);

            assertThat(saturday).isEqualTo(Instant.parse("2026-10-24T04:00:00Z"));
            assertThat(sunday).isEqualTo(Instant.parse("2026-10-25T05:00:00Z"));
            assertThat(Duration.between(saturday, sunday)).isEqualTo(Duration.ofHours(25));
        }

        @Test
        void shouldRunATimeThatTheSpringChangeSkipsAnHourLaterAndATwiceHappeningTimeOnce() {
            DigestSchedule halfPastTwo = new DigestSchedule(Cadence.DAILY, LocalTime.of(2, 30), PARIS);

            Instant spring = halfPastTwo.nextRunAfter(Instant.parse("2026-03-29T00:00:00Z"));
            Instant autumn = halfPastTwo.nextRunAfter(Instant.parse("2026-10-24T23:00:00Z"));

            assertThat(spring).isEqualTo(Instant.parse("2026-03-29T01:30:00Z")); // 03:30 CEST
            assertThat(autumn).isEqualTo(Instant.parse("2026-10-25T00:30:00Z")); // the first 02:30, still CEST
            assertThat(halfPastTwo.nextRunAfter(autumn)).isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
        }

        @Test
        void shouldDigestADayOf23HoursAcrossTheSpringChange() {
            DigestSchedule paris = new DigestSchedule(Cadence.DAILY, SIX, PARIS);

            DigestPeriod period = paris.periodOf(Instant.parse("2026-03-30T04:00:00Z"));

            assertThat(period.first()).isEqualTo(LocalDate.parse("2026-03-29"));
            assertThat(period.start()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
            assertThat(period.end()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
            assertThat(period.label()).isEqualTo("2026-03-29 (Europe/Paris)");
        }
    }

    @Nested
    class Weekly {

        private final DigestSchedule utc = new DigestSchedule(Cadence.WEEKLY, SIX, ZoneOffset.UTC);

        @Test
        void shouldRunOnMondays() {
            // 2026-11-28 is a Saturday
            assertThat(utc.nextRunAfter(Instant.parse("2026-11-28T12:00:00Z")))
                    .isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
            assertThat(utc.nextRunAfter(Instant.parse("2026-11-30T06:00:00Z")))
                    .isEqualTo(Instant.parse("2026-12-07T06:00:00Z"));
            assertThat(utc.lastRunAtOrBefore(Instant.parse("2026-11-28T12:00:00Z")))
                    .isEqualTo(Instant.parse("2026-11-23T06:00:00Z"));
        }

        @Test
        void shouldDigestTheIsoWeekBeforeTheRun() {
            DigestPeriod period = utc.periodOf(Instant.parse("2026-11-30T06:00:00Z"));

            assertThat(period.first()).isEqualTo(LocalDate.parse("2026-11-23"));
            assertThat(period.last()).isEqualTo(LocalDate.parse("2026-11-29"));
            assertThat(period.id()).isEqualTo("2026-W48");
            assertThat(period.label()).isEqualTo("week 2026-W48, 2026-11-23 to 2026-11-29 (UTC)");
            assertThat(utc.dueTime(period)).isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
            assertThat(period.previous().id()).isEqualTo("2026-W47");
            assertThat(period.next().id()).isEqualTo("2026-W49");
        }

        @Test
        void shouldNameTheWeekOfTheWeekBasedYearAtTheTurnOfTheYear() {
            DigestPeriod period =
                    DigestPeriod.containing(Cadence.WEEKLY, ZoneOffset.UTC, LocalDate.parse("2027-01-01"));

            assertThat(period.first()).isEqualTo(LocalDate.parse("2026-12-28"));
            assertThat(period.id()).isEqualTo("2026-W53");
        }

        @Test
        void shouldSpanAWeekAcrossTheAutumnChangeOf169Hours() {
            DigestPeriod period = DigestPeriod.containing(Cadence.WEEKLY, PARIS, LocalDate.parse("2026-10-25"));

            assertThat(Duration.between(period.start(), period.end())).isEqualTo(Duration.ofHours(169));
            assertThat(period.contains(period.start())).isTrue();
            assertThat(period.contains(period.end())).isFalse();
        }
    }

    @Test
    void shouldRefuseAPeriodThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> new DigestPeriod(
                        Cadence.DAILY, ZoneOffset.UTC, LocalDate.parse("2026-11-28"), LocalDate.parse("2026-11-27")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadCadencesByTheirWireNames() {
        assertThat(Cadence.fromWireName("daily")).contains(Cadence.DAILY);
        assertThat(Cadence.fromWireName("weekly")).contains(Cadence.WEEKLY);
        assertThat(Cadence.fromWireName("Daily")).isEmpty();
    }
}
