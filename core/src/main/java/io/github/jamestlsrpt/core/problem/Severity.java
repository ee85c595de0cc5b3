package io.github.jamestlsrpt.core.problem;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much a {@link Problem} matters. Ordered from the least to the most severe. */
public enum Severity {
    /** Worth knowing, allowed by RFC 8460 or harmless. */
    INFO,
    /** A deviation from RFC 8460 that was accepted and normalised; the report is usable. */
    WARNING,
    /** The report cannot be used: its figures would be wrong or missing. */
    ERROR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
