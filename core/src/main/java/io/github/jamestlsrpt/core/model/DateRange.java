package io.github.jamestlsrpt.core.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The report's date-range (RFC 8460 section 4.4), as UTC instants.
 *
 * @param start start-datetime
 * @param end end-datetime
 * @param extensions unknown members, verbatim
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"start-datetime", "end-datetime"})
public record DateRange(
        @JsonProperty("start-datetime") @JsonSerialize(using = ToStringSerializer.class) Instant start,
        @JsonProperty("end-datetime") @JsonSerialize(using = ToStringSerializer.class) Instant end,
        Map<String, JsonNode> extensions) {

    public DateRange {
        extensions = Extensions.copyOf(extensions);
    }

    public DateRange(Instant start, Instant end) {
        this(start, end, Map.of());
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    @JsonAnyGetter
    @Override
    public Map<String, JsonNode> extensions() {
        return extensions;
    }
}
