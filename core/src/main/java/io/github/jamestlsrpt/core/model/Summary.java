package io.github.jamestlsrpt.core.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A policy's session totals (RFC 8460 section 4.4 "summary"). Boxed so that "missing" is never read as 0; in a
 * usable report both are present.
 *
 * @param totalSuccessfulSessionCount total-successful-session-count
 * @param totalFailureSessionCount total-failure-session-count
 * @param extensions unknown members, verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"total-successful-session-count", "total-failure-session-count"})
public record Summary(
        @JsonProperty("total-successful-session-count") Long totalSuccessfulSessionCount,
        @JsonProperty("total-failure-session-count") Long totalFailureSessionCount,
        Map<String, JsonNode> extensions) {

    public Summary {
        extensions = Extensions.copyOf(extensions);
    }

    public Summary(long successful, long failed) {
        this(successful, failed, Map.of());
    }

    @JsonAnyGetter
    @Override
    public Map<String, JsonNode> extensions() {
        return extensions;
    }
}
