package io.github.jamestlsrpt.core.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One entry of the report's "policies" array: a policy, its session totals and its failures.
 *
 * @param policy the applied policy
 * @param summary session totals
 * @param failureDetails failures; empty when the sender sent none
 * @param extensions unknown members, verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"policy", "summary", "failure-details"})
public record PolicyResult(
        @JsonProperty("policy") Policy policy,
        @JsonProperty("summary") Summary summary,
        @JsonProperty("failure-details") List<FailureDetail> failureDetails,
        Map<String, JsonNode> extensions) {

    public PolicyResult {
        failureDetails = failureDetails == null ? List.of() : List.copyOf(failureDetails);
        extensions = Extensions.copyOf(extensions);
    }

    @JsonAnyGetter
    @Override
    public Map<String, JsonNode> extensions() {
        return extensions;
    }
}
