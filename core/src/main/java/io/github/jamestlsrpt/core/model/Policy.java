package io.github.jamestlsrpt.core.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The policy a sender applied (RFC 8460 section 4.4 "policy").
 *
 * @param policyType policy-type
 * @param policyStrings policy-string lines; empty when the sender sent none
 * @param policyDomain policy-domain, or null when the sender sent none
 * @param mxHosts mx-host patterns, always a list (erratum 6241); empty when the sender sent none
 * @param extensions unknown members, verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"policy-type", "policy-string", "policy-domain", "mx-host"})
public record Policy(
        @JsonProperty("policy-type") PolicyType policyType,
        @JsonProperty("policy-string") List<String> policyStrings,
        @JsonProperty("policy-domain") String policyDomain,
        @JsonProperty("mx-host") List<String> mxHosts,
        Map<String, JsonNode> extensions) {

    public Policy {
        policyStrings = policyStrings == null ? List.of() : List.copyOf(policyStrings);
        mxHosts = mxHosts == null ? List.of() : List.copyOf(mxHosts);
        extensions = Extensions.copyOf(extensions);
    }

    /**
     * The MTA-STS mode ("enforce", "testing", "none") read from the policy-string, or null when there is none or
     * this is not an sts policy (RFC 8461 section 3.2).
     */
    public String stsMode() {
        if (policyType == null || policyType.kind() != PolicyType.Kind.STS) {
            return null;
        }
        for (String line : policyStrings) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("mode")) {
                return line.substring(colon + 1).trim().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    @JsonAnyGetter
    @Override
    public Map<String, JsonNode> extensions() {
        return extensions;
    }
}
