package io.github.jamestlsrpt.mail;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the extraction decided for one report found in a mail, from best to worst. Only {@link #ACCEPTED} reports
 * (and, when so configured, {@link #OUT_OF_SCOPE} ones, kept apart) are stored as reports; the others leave the mail
 * where it is, with the reason.
 */
public enum ReportOutcome {
    /** usable, authenticated as configured, for a domain this server serves */
    ACCEPTED("accepted"),
    /** usable and authenticated (or not required to be), but none of its policy domains is served here */
    OUT_OF_SCOPE("out-of-scope"),
    /** usable, but no DKIM signature authenticates it (RFC 8460 section 3) and the policy requires one */
    UNAUTHENTICATED("unauthenticated"),
    /** a report part that cannot be used: not JSON, corrupt gzip, a limit exceeded... */
    INVALID("invalid");

    private final String wireName;

    ReportOutcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ReportOutcome> fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(outcome -> outcome.wireName.equals(wireName))
                .findFirst();
    }

    public ReportOutcome worse(ReportOutcome other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
