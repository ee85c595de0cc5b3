package io.github.jamestlsrpt.core.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An SMTP TLS report (RFC 8460 section 4.4), normalised: canonical member names, mx-host always a list, date-times
 * as UTC instants, unknown members kept verbatim.
 *
 * @param organizationName organization-name, or null
 * @param dateRange date-range
 * @param contactInfo contact-info, or null (Stalwart-based senders send null)
 * @param reportId report-id
 * @param policies the policies array
 * @param extensions unknown members, verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"organization-name", "date-range", "contact-info", "report-id", "policies"})
public record TlsReport(
        @JsonProperty("organization-name") String organizationName,
        @JsonProperty("date-range") DateRange dateRange,
        @JsonProperty("contact-info") String contactInfo,
        @JsonProperty("report-id") String reportId,
        @JsonProperty("policies") List<PolicyResult> policies,
        Map<String, JsonNode> extensions) {

    public TlsReport {
        policies = policies == null ? List.of() : List.copyOf(policies);
        extensions = Extensions.copyOf(extensions);
    }

    /** The domain part of contact-info, lower-cased, or null when contact-info has none. */
    public String contactDomain() {
        if (contactInfo == null) {
            return null;
        }
        int at = contactInfo.lastIndexOf('@');
        if (at < 0 || at == contactInfo.length() - 1) {
            return null;
        }
        return contactInfo.substring(at + 1).trim().toLowerCase(Locale.ROOT);
    }

    @JsonAnyGetter
    @Override
    public Map<String, JsonNode> extensions() {
        return extensions;
    }
}
