package io.github.jamestlsrpt.core.problem;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One thing found wrong or odd in a report, as a value: never an exception.
 *
 * @param severity how much it matters
 * @param pointer RFC 6901 JSON pointer into the report as the sender sent it ("" is the whole document)
 * @param code stable machine-readable code; tests and routing use it, never the message
 * @param message plain-language explanation for a person
 */
@JsonPropertyOrder({"severity", "pointer", "code", "message"})
public record Problem(
        @JsonProperty("severity") Severity severity,
        @JsonProperty("pointer") String pointer,
        @JsonProperty("code") ProblemCode code,
        @JsonProperty("message") String message) {

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static Problem of(ProblemCode code, String pointer, String message) {
        return new Problem(code.defaultSeverity(), pointer, code, message);
    }

    @JsonIgnore
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity.wireName() + " " + (pointer.isEmpty() ? "(document)" : pointer) + " " + code.code() + ": "
                + message;
    }
}
