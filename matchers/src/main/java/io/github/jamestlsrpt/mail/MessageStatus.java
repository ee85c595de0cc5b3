package io.github.jamestlsrpt.mail;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/** The outcome for a whole mail: the worst outcome of its reports, or {@link #NO_REPORT} when it holds none. */
public enum MessageStatus {
    ACCEPTED("accepted"),
    OUT_OF_SCOPE("out-of-scope"),
    UNAUTHENTICATED("unauthenticated"),
    INVALID("invalid"),
    NO_REPORT("no-report");

    private final String wireName;

    MessageStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<MessageStatus> fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(status -> status.wireName.equals(wireName))
                .findFirst();
    }

    public static MessageStatus of(Collection<ExtractedReport> reports) {
        return reports.stream()
                .map(ExtractedReport::outcome)
                .reduce(ReportOutcome::worse)
                .map(worst -> valueOf(worst.name()))
                .orElse(NO_REPORT);
    }
}
