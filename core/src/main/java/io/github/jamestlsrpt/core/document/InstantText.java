package io.github.jamestlsrpt.core.document;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** {@link Instant#toString}, with a fast path for the whole seconds of years 1000 to 9999 that reports carry. */
final class InstantText {

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
}
