package io.github.jamestlsrpt.core.explain;

import java.util.Objects;

/**
 * What something in a report means for a domain admin, and what usually fixes it.
 *
 * @param title a few words
 * @param meaning one sentence in plain language
 * @param fix the usual fix, one or two sentences; empty when nothing needs fixing
 */
public record Explanation(String title, String meaning, String fix) {

    public Explanation {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(fix, "fix");
    }
}
