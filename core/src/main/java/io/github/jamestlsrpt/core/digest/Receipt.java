package io.github.jamestlsrpt.core.digest;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of the reports of one received report mail, as the store recorded it: the stored folder holds only the
 * reports that were stored, so the reports that were not (invalid, unauthenticated, out of scope, duplicates) are
 * counted from these receipts. The store writes one only for a mail that had such a report: a mail whose reports were
 * all stored as new is counted from the stored folder alone.
 *
 * @param received when the mail was processed
 * @param stored how many of its reports were stored
 * @param duplicates how many of its reports were already stored (duplicates, not stored again)
 * @param reports each report found in the mail, with what extraction decided for it
 */
public record Receipt(Instant received, long stored, long duplicates, List<Entry> reports) {

    public Receipt {
        Objects.requireNonNull(received, "received");
        reports = List.copyOf(reports);
        if (stored < 0 || duplicates < 0) {
            throw new IllegalArgumentException("counts are not negative");
        }
    }

    /** What extraction decided for a report (the same names as the mail attribute's outcomes). */
    public enum Outcome {
        ACCEPTED,
        OUT_OF_SCOPE,
        UNAUTHENTICATED,
        INVALID;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Outcome> fromWireName(String wireName) {
            return Arrays.stream(values())
                    .filter(outcome -> outcome.wireName().equals(wireName))
                    .findFirst();
        }
    }

    /**
     * One report of the mail.
     *
     * @param outcome what extraction decided
     * @param domains its policy domains, lower case (none for an invalid report)
     */
    public record Entry(Outcome outcome, List<String> domains) {
        public Entry {
            Objects.requireNonNull(outcome, "outcome");
            domains = List.copyOf(domains);
        }
    }

    /**
     * Whether every report of the mail that could be stored was a duplicate, so that each one's domains can be told
     * a duplicate arrived: true when nothing was stored and something was a duplicate. When a mail held some new and
     * some duplicate reports, which were which is not recorded, and its duplicates count only in the totals.
     */
    public boolean allDuplicates() {
        return stored == 0 && duplicates > 0;
    }
}
