package io.github.jamestlsrpt.core.document;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Date-times as reports and stored documents carry them: {@link Instant#toString} with a fast path for the whole
 * seconds of years 1000 to 9999, and the reading of the one shape nearly every text has.
 */
public final class InstantText {

    /** 1000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: four-digit years, printed without a sign. */
    private static final long FIRST_SECOND = -30_610_224_000L;

    private static final long END_SECOND = 253_402_300_800L;

    private InstantText() {}

    static String of(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (instant.getNano() != 0 || seconds < FIRST_SECOND || seconds >= END_SECOND) {
            return instant.toString();
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        byte[] text = new byte[20];
        digits(text, 0, time.getYear(), 4);
        text[4] = '-';
        digits(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, time.getHour(), 2);
        text[13] = ':';
        digits(text, 14, time.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, time.getSecond(), 2);
        text[19] = 'Z';
        return new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] text, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * The shape nearly every sender uses, "2026-11-01T00:00:00Z", read without java.time's general parser (which
     * costs more than the rest of the date-range); null for any other shape or an impossible date, which the
     * general parser then reads or rejects.
     */
    public static Instant utcSeconds(String text) {
        if (text.length() != 20
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(19) != 'Z') {
            return null;
        }
        int year = digitValue(text, 0, 4);
        int month = digitValue(text, 5, 2);
        int day = digitValue(text, 8, 2);
        int hour = digitValue(text, 11, 2);
        int minute = digitValue(text, 14, 2);
        int second = digitValue(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException impossible) {
            return null;
        }
    }

    /** The value of {@code count} ASCII digits, or -1. */
    private static int digitValue(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
