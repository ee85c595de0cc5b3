package io.github.jamestlsrpt.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * An RFC 8460 section 4.4 policy-type. Unknown values are kept verbatim as {@link Kind#OTHER}.
 *
 * @param kind the known type, or OTHER
 * @param value the wire value exactly as sent
 */
public record PolicyType(Kind kind, String value) {

    public enum Kind {
        /** DANE TLSA records (RFC 7672). */
        TLSA("tlsa"),
        /** MTA-STS policy (RFC 8461). */
        STS("sts"),
        /** No policy was found: the sender used opportunistic TLS. */
        NO_POLICY_FOUND("no-policy-found"),
        /** A value this version does not know. */
        OTHER(null);

        private final String wireValue;

        Kind(String wireValue) {
            this.wireValue = wireValue;
        }

        public String wireValue() {
            return wireValue;
        }
    }

    public static final PolicyType TLSA = new PolicyType(Kind.TLSA, "tlsa");
    public static final PolicyType STS = new PolicyType(Kind.STS, "sts");
    public static final PolicyType NO_POLICY_FOUND = new PolicyType(Kind.NO_POLICY_FOUND, "no-policy-found");

    public PolicyType {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** Every known type, one shared instance each, by wire value. */
    private static final java.util.Map<String, PolicyType> KNOWN = known();

    private static java.util.Map<String, PolicyType> known() {
        java.util.Map<String, PolicyType> known = new java.util.HashMap<>();
        for (Kind kind : Kind.values()) {
            if (kind != Kind.OTHER) {
                known.put(kind.wireValue, new PolicyType(kind, kind.wireValue));
            }
        }
        return java.util.Map.copyOf(known);
    }

    /** Reads a wire value; exact match, as RFC 8460 and the registry spell the values in lower case. */
    public static PolicyType of(String value) {
        PolicyType known = KNOWN.get(value);
        return known != null ? known : new PolicyType(Kind.OTHER, value);
    }

    public boolean isKnown() {
        return kind != Kind.OTHER;
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
