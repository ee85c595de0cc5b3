package io.github.jamestlsrpt.core.problem;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The stable codes of every problem the reader reports. Codes never change meaning once released; new ones
 * may be added. Each has a default severity; the reader uses another only where a code's javadoc says so.
 */
public enum ProblemCode {
    // --- the payload: bytes, compression, limits ---------------------------------------------------------
    /** Nothing to read. */
    EMPTY_PAYLOAD("empty-payload", Severity.ERROR),
    /** The bytes are not JSON at all (for example an HTML error page or a DMARC XML report). */
    NOT_JSON("not-json", Severity.ERROR),
    /** UTF-16/32 or invalid UTF-8 byte sequences; I-JSON (RFC 7493 section 2.1) requires UTF-8. */
    NOT_UTF8("not-utf8", Severity.ERROR),
    /** A UTF-8 byte order mark before the JSON; RFC 8259 section 8.1 forbids sending one. */
    UTF8_BYTE_ORDER_MARK("utf8-byte-order-mark", Severity.WARNING),
    /** Valid JSON, but the top level is not an object. */
    NOT_AN_OBJECT("not-an-object", Severity.ERROR),
    /** A JSON object that has none of the members of an RFC 8460 report. */
    NO_REPORT_MEMBERS("no-report-members", Severity.ERROR),
    /** JSON syntax error. */
    JSON_SYNTAX("json-syntax", Severity.ERROR),
    /** Something after the end of the top-level JSON value. */
    TRAILING_CONTENT("trailing-content", Severity.ERROR),
    /** The same member name twice in one object; I-JSON (RFC 7493 section 2.3) forbids it. */
    DUPLICATE_MEMBER("duplicate-member", Severity.ERROR),
    /** gzip data that cannot be inflated. */
    GZIP_CORRUPT("gzip-corrupt", Severity.ERROR),
    /** gzip data that ends before its trailer. */
    GZIP_TRUNCATED("gzip-truncated", Severity.ERROR),
    /** A zip archive that cannot be read. */
    ZIP_CORRUPT("zip-corrupt", Severity.ERROR),
    /** A zip archive without any .json entry. */
    ZIP_WITHOUT_REPORT("zip-without-report", Severity.ERROR),
    /** A zip entry that is not a .json (or .json.gz) file; skipped. */
    ZIP_ENTRY_SKIPPED("zip-entry-skipped", Severity.INFO),
    /** A gzip or zip payload larger than the compressed-size limit. */
    COMPRESSED_SIZE_LIMIT_EXCEEDED("compressed-size-limit-exceeded", Severity.ERROR),
    /** More JSON than the decompressed-size limit (a decompression bomb is stopped there). */
    DECOMPRESSED_SIZE_LIMIT_EXCEEDED("decompressed-size-limit-exceeded", Severity.ERROR),
    /** JSON nested deeper than the nesting-depth limit. */
    NESTING_DEPTH_LIMIT_EXCEEDED("nesting-depth-limit-exceeded", Severity.ERROR),
    /** A JSON string longer than the string-length limit. */
    STRING_LENGTH_LIMIT_EXCEEDED("string-length-limit-exceeded", Severity.ERROR),
    /** A JSON number longer than the number-length limit. */
    NUMBER_LENGTH_LIMIT_EXCEEDED("number-length-limit-exceeded", Severity.ERROR),
    /** A zip archive with more entries than the zip-entry-count limit. */
    ZIP_ENTRY_COUNT_LIMIT_EXCEEDED("zip-entry-count-limit-exceeded", Severity.ERROR),

    // --- structure --------------------------------------------------------------------------------------
    /** A member has the wrong JSON type. ERROR for members the figures need; WARNING for others, kept as their JSON text. */
    WRONG_TYPE("wrong-type", Severity.ERROR),
    /** No "policies" array (RFC 8460 section 4: it MUST be an array). */
    POLICIES_MISSING("policies-missing", Severity.ERROR),
    /** "policies" is an empty array: the report tells nothing. */
    POLICIES_EMPTY("policies-empty", Severity.WARNING),
    /** A policies entry without its "policy" object. */
    POLICY_MISSING("policy-missing", Severity.ERROR),
    /** A policies entry without its "summary" object. */
    SUMMARY_MISSING("summary-missing", Severity.ERROR),
    /** A total-*-session-count or failed-session-count is missing. ERROR in a summary, WARNING in a failure detail. */
    SESSION_COUNT_MISSING("session-count-missing", Severity.ERROR),
    /** A session count that is not an integer in 0..2^53-1 (RFC 8460 section 4.4; I-JSON section 2.2). */
    SESSION_COUNT_INVALID("session-count-invalid", Severity.ERROR),
    /** No report-id: duplicates could not be told apart (RFC 8460 section 5.3). */
    REPORT_ID_MISSING("report-id-missing", Severity.ERROR),
    /** No organization-name; the contact-info domain identifies the reporter instead. */
    ORGANIZATION_NAME_MISSING("organization-name-missing", Severity.WARNING),
    /** Neither organization-name nor a contact-info domain: the reporter cannot be identified. */
    REPORTER_UNIDENTIFIED("reporter-unidentified", Severity.ERROR),
    /** No usable date-range. */
    DATE_RANGE_MISSING("date-range-missing", Severity.ERROR),
    /** A date-time that cannot be read even leniently. */
    DATETIME_INVALID("datetime-invalid", Severity.ERROR),
    /** start-datetime after end-datetime. */
    DATE_RANGE_INVERTED("date-range-inverted", Severity.ERROR),

    // --- accepted deviations (RFC8460-RECEIVER.md "Real-world deviations") ------------------------------
    /** mx-host as one string instead of an array (the RFC's own example; erratum 6241). */
    MX_HOST_NOT_ARRAY("mx-host-not-array", Severity.WARNING),
    /** An mx-host entry still carrying the "mx: " prefix of the MTA-STS policy line. */
    MX_HOST_PREFIXED("mx-host-prefixed", Severity.WARNING),
    /** An sts policy without mx-host patterns. */
    MX_HOST_MISSING("mx-host-missing", Severity.WARNING),
    /** A date-time without a time zone (Microsoft, 2023 to March 2024); read as UTC. */
    DATETIME_WITHOUT_ZONE("datetime-without-zone", Severity.WARNING),
    /** end-datetime at 00:00:00 of the next day rather than 23:59:59; RFC 8460 section 4.4 allows "00:00-24:00". */
    END_DATETIME_NEXT_MIDNIGHT("end-datetime-next-midnight", Severity.INFO),
    /** A date range longer than one day (RFC 8460 section 4.1: the report SHOULD cover a full day). */
    DATE_RANGE_NOT_ONE_DAY("date-range-not-one-day", Severity.INFO),
    /** contact-info null or missing (Stalwart-based senders). */
    CONTACT_INFO_MISSING("contact-info-missing", Severity.WARNING),
    /** contact-info that is not an addr-spec with a domain. */
    CONTACT_INFO_NOT_AN_ADDRESS("contact-info-not-an-address", Severity.WARNING),
    /** policy-string missing or empty for an sts or tlsa policy (Mail.ru, Microsoft). */
    POLICY_STRING_MISSING("policy-string-missing", Severity.WARNING),
    /** policy-string is one string rather than an array of strings. */
    POLICY_STRING_NOT_ARRAY("policy-string-not-array", Severity.WARNING),
    /** Microsoft's TLSA policy-string: one string holding a JSON array of TLSA records; expanded. */
    POLICY_STRING_JSON_IN_STRING("policy-string-json-in-string", Severity.WARNING),
    /** policy-string lines ending in a carriage return (the receiver's mta-sts.txt used CRLF); removed. */
    POLICY_STRING_TRAILING_CR("policy-string-trailing-cr", Severity.WARNING),
    /** No policy-domain (some Postfix reporter setups), or an empty one. */
    POLICY_DOMAIN_MISSING("policy-domain-missing", Severity.WARNING),
    /** A policy without policy-type. */
    POLICY_TYPE_MISSING("policy-type-missing", Severity.WARNING),
    /** A policy-type outside tlsa, sts, no-policy-found; kept verbatim. */
    POLICY_TYPE_UNKNOWN("policy-type-unknown", Severity.WARNING),
    /** A result-type outside the IANA registry as this version knows it; kept verbatim (the registry is open). */
    RESULT_TYPE_UNKNOWN("result-type-unknown", Severity.WARNING),
    /** A failure detail without result-type. */
    RESULT_TYPE_MISSING("result-type-missing", Severity.WARNING),
    /** failure-details absent or empty although the summary counts failed sessions. */
    FAILURE_DETAILS_MISSING("failure-details-missing", Severity.WARNING),
    /**
     * A failure detail without sending-mta-ip, receiving-ip or receiving-mx-hostname. WARNING when sending-mta-ip or
     * receiving-mx-hostname is missing for a result type that needs a connection; INFO otherwise (policy fetch and
     * DNSSEC failures happen before any connection, and RFC 8460's own example has no receiving-ip).
     */
    FAILURE_DETAIL_INCOMPLETE("failure-detail-incomplete", Severity.WARNING),
    /** An IP address member that is not an IPv4 or IPv6 address. */
    IP_ADDRESS_INVALID("ip-address-invalid", Severity.WARNING),
    /** A non-standard member name read as its RFC 8460 equivalent. */
    MEMBER_ALIAS("member-alias", Severity.WARNING),
    /** Both a member and its non-standard alias; the standard one wins, the alias is kept verbatim. */
    MEMBER_ALIAS_CONFLICT("member-alias-conflict", Severity.WARNING),
    /** A member RFC 8460 does not define; kept verbatim. */
    UNKNOWN_MEMBER("unknown-member", Severity.INFO),
    /** A member whose value is null; treated as absent. */
    NULL_MEMBER("null-member", Severity.INFO),
    /**
     * The failed-session-count of the details do not add up to total-failure-session-count. RFC 8460 section 4:
     * failure types are non-exclusive, so this is allowed.
     */
    FAILURE_COUNT_MISMATCH("failure-count-mismatch", Severity.INFO);

    private final String code;
    private final Severity defaultSeverity;

    ProblemCode(String code, Severity defaultSeverity) {
        this.code = code;
        this.defaultSeverity = defaultSeverity;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public static java.util.Optional<ProblemCode> fromCode(String code) {
        for (ProblemCode candidate : values()) {
            if (candidate.code.equals(code)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }
}
