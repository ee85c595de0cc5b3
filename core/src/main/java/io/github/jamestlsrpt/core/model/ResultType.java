package io.github.jamestlsrpt.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * An RFC 8460 section 4.3 result-type. The IANA registry is open (Expert Review), so unknown values are kept
 * verbatim as {@link Kind#OTHER} and shown, never rejected.
 *
 * @param kind the known type, or OTHER
 * @param value the wire value exactly as sent
 */
public record ResultType(Kind kind, String value) {

    public enum Kind {
        // RFC 8460 section 4.3.1: negotiation failures
        STARTTLS_NOT_SUPPORTED("starttls-not-supported"),
        CERTIFICATE_HOST_MISMATCH("certificate-host-mismatch"),
        CERTIFICATE_EXPIRED("certificate-expired"),
        CERTIFICATE_NOT_TRUSTED("certificate-not-trusted"),
        VALIDATION_FAILURE("validation-failure"),
        // RFC 8460 section 4.3.2: policy failures, DANE
        TLSA_INVALID("tlsa-invalid"),
        DNSSEC_INVALID("dnssec-invalid"),
        DANE_REQUIRED("dane-required"),
        // RFC 8460 section 4.3.2: policy failures, MTA-STS
        STS_POLICY_FETCH_ERROR("sts-policy-fetch-error"),
        STS_POLICY_INVALID("sts-policy-invalid"),
        STS_WEBPKI_INVALID("sts-webpki-invalid"),
        /** A value this version does not know. */
        OTHER(null);

        private final String wireValue;

        Kind(String wireValue) {
            this.wireValue = wireValue;
        }

        public String wireValue() {
            return wireValue;
        }

        /**
         * Whether failures of this kind happen before any SMTP connection (fetching or validating a policy), so
         * that a failure detail without sending-mta-ip or receiving-ip is expected.
         */
        public boolean happensBeforeConnecting() {
            return switch (this) {
                case STS_POLICY_FETCH_ERROR,
                        STS_POLICY_INVALID,
                        STS_WEBPKI_INVALID,
                        DNSSEC_INVALID,
                        DANE_REQUIRED -> true;
                default -> false;
            };
        }
    }

    public ResultType {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** Every known type, one shared instance each, by wire value. */
    private static final java.util.Map<String, ResultType> KNOWN = known();

    private static java.util.Map<String, ResultType> known() {
        java.util.Map<String, ResultType> known = new java.util.HashMap<>();
        for (Kind kind : Kind.values()) {
            if (kind != Kind.OTHER) {
                known.put(kind.wireValue, new ResultType(kind, kind.wireValue));
            }
        }
        return java.util.Map.copyOf(known);
    }

    /** Reads a wire value; exact match, as RFC 8460 and the registry spell the values in lower case. */
    public static ResultType of(String value) {
        ResultType known = KNOWN.get(value);
        return known != null ? known : new ResultType(Kind.OTHER, value);
    }

    public static ResultType of(Kind kind) {
        if (kind == Kind.OTHER) {
            throw new IllegalArgumentException("OTHER has no wire value of its own; use of(String)");
        }
        return new ResultType(kind, kind.wireValue);
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
