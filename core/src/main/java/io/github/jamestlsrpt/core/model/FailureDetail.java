package io.github.jamestlsrpt.core.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One kind of failure a sender saw (RFC 8460 section 4.4 "failure-details" entry). Every member may be missing
 * in real reports (policy fetch errors happen before any connection), so all are nullable.
 *
 * @param resultType result-type
 * @param sendingMtaIp sending-mta-ip
 * @param receivingMxHostname receiving-mx-hostname (also read from SocketLabs' receiving-mx-host-name)
 * @param receivingMxHelo receiving-mx-helo
 * @param receivingIp receiving-ip
 * @param failedSessionCount failed-session-count
 * @param additionalInformation additional-information, a URI never to be fetched (RFC 8460 section 7); also read
 *     from additional-info-uri
 * @param failureReasonCode failure-reason-code, free text (also read from pre-RFC drafts' failure-error-code)
 * @param extensions unknown members, verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "result-type",
    "sending-mta-ip",
    "receiving-mx-hostname",
    "receiving-mx-helo",
    "receiving-ip",
    "failed-session-count",
    "additional-information",
    "failure-reason-code"
})
public record FailureDetail(
        @JsonProperty("result-type") ResultType resultType,
        @JsonProperty("sending-mta-ip") String sendingMtaIp,
        @JsonProperty("receiving-mx-hostname") String receivingMxHostname,
        @JsonProperty("receiving-mx-helo") String receivingMxHelo,
        @JsonProperty("receiving-ip") String receivingIp,
        @JsonProperty("failed-session-count") Long failedSessionCount,
        @JsonProperty("additional-information") String additionalInformation,
        @JsonProperty("failure-reason-code") String failureReasonCode,
        Map<String, JsonNode> extensions) {

    public FailureDetail {
        extensions = Extensions.copyOf(extensions);
    }

    @JsonAnyGetter
    @Override
    public Map<String, JsonNode> extensions() {
        return extensions;
    }
}
