package io.github.jamestlsrpt.core.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;

/**
 * The days one digest is about: a calendar day, or an ISO week (Monday to Sunday), in a time zone. It starts at the
 * first day's midnight and ends at the midnight after the last day, whatever the length of those days (23 or 25
 * hours across a daylight-saving change).
 *
 * @param cadence daily or weekly
 * @param zone the time zone its days are days of
 * @param first the first day
 * @param last the last day (the same as first for a daily period)
 */
public record DigestPeriod(Cadence cadence, ZoneId zone, LocalDate first, LocalDate last) {

    public DigestPeriod {
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("a period ends after it starts: " + first + " to " + last);
        }
    }

    /** The period of this cadence that holds the day. */
    public static DigestPeriod containing(Cadence cadence, ZoneId zone, LocalDate day) {
        return switch (cadence) {
            case DAILY -> new DigestPeriod(cadence, zone, day, day);
            case WEEKLY -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new DigestPeriod(cadence, zone, monday, monday.plusDays(6));
            }
        };
    }

    /** The first instant of the period. */
    public Instant start() {
        return first.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return last.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }

    /** The period just before this one. */
    public DigestPeriod previous() {
        return containing(cadence, zone, first.minusDays(1));
    }

    /** The period just after this one. */
    public DigestPeriod next() {
        return containing(cadence, zone, last.plusDays(1));
    }

    /** "2026-11-28" for a day, "2026-W48" for a week: the same on every node, so it names the period's marker. */
    public String id() {
        return switch (cadence) {
            case DAILY -> first.toString();
            case WEEKLY -> String.format(
                    Locale.ROOT,
                    "%d-W%02d",
                    first.get(IsoFields.WEEK_BASED_YEAR),
                    first.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        };
    }

    /** "2026-11-28 (UTC)", "week 2026-W48, 2026-11-23 to 2026-11-29 (Europe/Paris)". */
    public String label() {
        return switch (cadence) {
            case DAILY -> first + " (" + zoneName() + ")";
            case WEEKLY -> "week " + id() + ", " + first + " to " + last + " (" + zoneName() + ")";
        };
    }

    /** The time zone's name, "UTC" for UTC however it was named. */
    public String zoneName() {
        return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }
}
