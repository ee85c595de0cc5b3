package io.github.jamestlsrpt.core.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;

/**
 * Where a stored report came from. The core fills in nothing; the mailets (or the command-line tool) do. Every
 * member may be null.
 *
 * @param messageId Message-ID of the mail that carried the report
 * @param envelopeSender SMTP MAIL FROM
 * @param from the From header's address
 * @param submitter the TLS-Report-Submitter header (RFC 8460 section 5.3)
 * @param reportDomain the TLS-Report-Domain header (RFC 8460 section 5.3)
 * @param dkim the DKIM verdict for the report mail ("pass", "fail", "none", "temperror"...)
 * @param dkimDomain the d= of the signature that decided the verdict
 * @param receivedAt when the mail was received
 * @param source the part or file the report was read from (a filename is a hint only, never a path)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "message-id",
    "envelope-sender",
    "from",
    "submitter",
    "report-domain",
    "dkim",
    "dkim-domain",
    "received-at",
    "source"
})
public record Provenance(
        @JsonProperty("message-id") String messageId,
        @JsonProperty("envelope-sender") String envelopeSender,
        @JsonProperty("from") String from,
        @JsonProperty("submitter") String submitter,
        @JsonProperty("report-domain") String reportDomain,
        @JsonProperty("dkim") String dkim,
        @JsonProperty("dkim-domain") String dkimDomain,
        @JsonProperty("received-at") @JsonSerialize(using = ToStringSerializer.class) Instant receivedAt,
        @JsonProperty("source") String source) {

    public static final Provenance UNKNOWN = new Provenance(null, null, null, null, null, null, null, null, null);

    public static Provenance ofSource(String source) {
        return new Provenance(null, null, null, null, null, null, null, null, source);
    }
}
