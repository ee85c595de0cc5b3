package io.github.jamestlsrpt.core.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When digests are sent: every day (daily) or every Monday (weekly) at a time of day in a time zone, each about the
 * period that ended before it (the day before; the week before). Across a daylight-saving change the time of day is
 * kept as a local time: a time that does not exist that day (skipped by the clocks going forward) runs at the same
 * offset later, as {@link ZonedDateTime#of} resolves it; a time that happens twice runs the first time.
 *
 * @param cadence daily or weekly
 * @param at the local time of day
 * @param zone the time zone of the days and of {@code at}
 */
public record DigestSchedule(Cadence cadence, LocalTime at, ZoneId zone) {

    public DigestSchedule {
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
    }

    /** The first run strictly after the instant. */
    public Instant nextRunAfter(Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate().minusDays(1);
        while (true) {
            if (runsOn(day)) {
                Instant run = runOn(day);
                if (run.isAfter(instant)) {
                    return run;
                }
            }
            day = day.plusDays(1);
        }
    }

    /** The last run at or before the instant. */
    public Instant lastRunAtOrBefore(Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate().plusDays(1);
        while (true) {
            if (runsOn(day)) {
                Instant run = runOn(day);
                if (!run.isAfter(instant)) {
                    return run;
                }
            }
            day = day.minusDays(1);
        }
    }

    /** The period a run at this instant is about: the one that ended before the run's day. */
    public DigestPeriod periodOf(Instant run) {
        LocalDate day = run.atZone(zone).toLocalDate();
        return DigestPeriod.containing(cadence, zone, day).previous();
    }

    /** When the digest of this period is due: the first run after the period ended. */
    public Instant dueTime(DigestPeriod period) {
        return nextRunAfter(period.end().minusNanos(1));
    }

    private boolean runsOn(LocalDate day) {
        return cadence == Cadence.DAILY || day.getDayOfWeek() == DayOfWeek.MONDAY;
    }

    private Instant runOn(LocalDate day) {
        return ZonedDateTime.of(day, at, zone).toInstant();
    }
}
