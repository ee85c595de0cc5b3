package io.github.jamestlsrpt.cli;

import com.fasterxml.jackson.annotation.JsonValue;

/** A file's or a report's verdict, from best to worst. */
enum Status {
    VALID("valid"),
    VALID_WITH_WARNINGS("valid-with-warnings"),
    NOT_A_REPORT("not-a-report"),
    INVALID("invalid");

    private final String wireName;

    Status(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    String wireName() {
        return wireName;
    }

    Status worse(Status other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
