package io.github.jamestlsrpt.core.digest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How often a digest is sent, and so how long its period is. */
public enum Cadence {
    /** one digest a day, of the day before (midnight to midnight in the digest's time zone) */
    DAILY,
    /** one digest a week on Monday, of the week before (ISO week: Monday to Sunday in the digest's time zone) */
    WEEKLY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Cadence> fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(cadence -> cadence.wireName().equals(wireName))
                .findFirst();
    }
}
