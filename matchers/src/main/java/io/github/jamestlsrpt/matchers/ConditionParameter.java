package io.github.jamestlsrpt.matchers;

import java.util.Objects;

/**
 * One parameter of a matcher's condition, as the documentation lists it. A matcher's condition is what follows the
 * first "=" in {@code match="..."}: parameters written {@code name=value} and separated by ";", for example
 * {@code match="io.github.jamestlsrpt.matchers.HasTlsReportFailures=minFailedSessions=10; minFailureRate=5"}.
 *
 * @param name the name, as written in the condition (case matters)
 * @param defaultValue the value used when the parameter is not given, or "(none)"
 * @param meaning one sentence for an operator, with the allowed values
 */
public record ConditionParameter(String name, String defaultValue, String meaning) {

    public ConditionParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(meaning, "meaning");
    }
}
