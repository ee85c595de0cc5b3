package io.github.jamestlsrpt.core.read;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.jamestlsrpt.core.document.InstantText;
import io.github.jamestlsrpt.core.model.DateRange;
import io.github.jamestlsrpt.core.model.FailureDetail;
import io.github.jamestlsrpt.core.model.Policy;
import io.github.jamestlsrpt.core.model.PolicyResult;
import io.github.jamestlsrpt.core.model.PolicyType;
import io.github.jamestlsrpt.core.model.ResultType;
import io.github.jamestlsrpt.core.model.Summary;
import io.github.jamestlsrpt.core.model.TlsReport;
import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.problem.ProblemCode;
import io.github.jamestlsrpt.core.problem.Severity;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one RFC 8460 report from a streaming JSON parser positioned on the top-level START_OBJECT, member by
 * member, so that a report with 100,000 failure details is never held as a tree. Lenient about what real senders
 * do (each deviation becomes a problem with a stable code), lossless (unknown members kept verbatim), and never
 * throws for bad data except the parser's own I/O and syntax errors, which {@link ReportReader} turns into
 * problems.
 */
final class JsonReportParser {

    /** I-JSON (RFC 7493 section 2.2): integers beyond 2^53-1 are not interoperable. */
    static final long MAX_SESSION_COUNT = (1L << 53) - 1;

    private static final String[] REPORT_MEMBERS = {
        "organization-name", "date-range", "contact-info", "report-id", "policies"
    };

    /** Non-standard failure-detail member names, in the order of {@link #dropResolvedAliases}'s pairs. */
    private static final String[] ALIAS_NAMES = {"receiving-mx-host-name", "failure-error-code", "additional-info-uri"};

    /**
     * The failure-detail member names, encoded once for {@link JsonParser#nextFieldName(SerializableString)}, which
     * matches an expected name against the input bytes without looking the name up.
     */
    private static final SerializedString[] DETAIL_NAMES = {
        new SerializedString("result-type"),
        new SerializedString("sending-mta-ip"),
        new SerializedString("receiving-mx-hostname"),
        new SerializedString("receiving-mx-helo"),
        new SerializedString("receiving-ip"),
        new SerializedString("failed-session-count"),
        new SerializedString("additional-information"),
        new SerializedString("failure-reason-code"),
        new SerializedString(ALIAS_NAMES[0]),
        new SerializedString(ALIAS_NAMES[1]),
        new SerializedString(ALIAS_NAMES[2])
    };

    /** The parser itself: names are checked unique in the member loops here, and through {@link #checked} below. */
    private final JsonParser parser;

    private final ObjectMapper mapper;
    /**
     * For each failure-detail member (by its index in {@link #DETAIL_NAMES}; the last slot for the start of an
     * entry), the name that followed it in the entry before: a sender writes its entries alike, so that name is
     * expected next. Only a guess: any other name is read as usual.
     */
    private final SerializableString[] detailNameAfter = new SerializableString[DETAIL_NAMES.length + 1];

    private final UniqueNamesParser.ObjectNames[] namesByDepth = {
        new UniqueNamesParser.ObjectNames(), new UniqueNamesParser.ObjectNames(), new UniqueNamesParser.ObjectNames()
    };
    private final List<Problem> problems = new ArrayList<>();
    /** Result types and receiving MX names seen so far (see {@link #readPooledDetailString}). */
    private final TextPool pooledTexts = new TextPool();
    /** The valid receiving IPs seen so far: each distinct one is checked once. */
    private final TextPool validReceivingIps = new TextPool();
    /** Strings up to this length are pooled; longer ones are read with getText, which enforces the length limit. */
    private final int maxPooledLength;

    private boolean sawReportMember;

    JsonReportParser(JsonParser parser, ObjectMapper mapper) {
        this.parser = parser;
        this.mapper = mapper;
        this.maxPooledLength =
                Math.min(TextPool.MAX_LENGTH, parser.streamReadConstraints().getMaxStringLength());
    }

    List<Problem> problems() {
        return problems;
    }

    boolean sawReportMember() {
        return sawReportMember;
    }

    void addProblem(ProblemCode code, String pointer, String message) {
        problems.add(Problem.of(code, pointer, message));
    }

    private void addProblem(ProblemCode code, Severity severity, String pointer, String message) {
        problems.add(new Problem(severity, pointer, code, message));
    }

    // ------------------------------------------------------------------------------------------ report

    /** Reads the report object; the parser is on its START_OBJECT and ends on its END_OBJECT. */
    TlsReport readReport() throws IOException {
        String organizationName = null;
        DateRange dateRange = null;
        boolean dateRangeSeen = false;
        String contactInfo = null;
        boolean contactInfoSeen = false;
        String reportId = null;
        List<PolicyResult> policies = null;
        Unknowns unknowns = new Unknowns(names(0));

        String name;
        while ((name = nextName(unknowns, null)) != null) {
            parser.nextToken();
            String pointer = "/" + Pointers.escape(name);
            switch (name) {
                case "organization-name" -> {
                    sawReportMember = true;
                    organizationName = readString(pointer, name, Severity.WARNING);
                }
                case "date-range" -> {
                    sawReportMember = true;
                    dateRangeSeen = true;
                    dateRange = readDateRange(pointer);
                }
                case "contact-info" -> {
                    sawReportMember = true;
                    contactInfoSeen = true;
                    if (parser.currentToken() == JsonToken.VALUE_NULL) {
                        addProblem(
                                ProblemCode.CONTACT_INFO_MISSING,
                                pointer,
                                "contact-info is null; the reporter is identified by organization-name");
                    } else {
                        contactInfo = readString(pointer, name, Severity.WARNING);
                    }
                }
                case "report-id" -> {
                    sawReportMember = true;
                    reportId = readString(pointer, name, Severity.ERROR);
                }
                case "policies" -> {
                    sawReportMember = true;
                    policies = readPolicies(pointer);
                }
                default -> keepUnknown(unknowns, name, pointer);
            }
        }

        if (!sawReportMember) {
            return null;
        }
        if (organizationName == null || organizationName.isBlank()) {
            addProblem(
                    ProblemCode.ORGANIZATION_NAME_MISSING,
                    "/organization-name",
                    "no organization-name; the contact-info domain identifies the reporter");
        }
        if (!contactInfoSeen) {
            addProblem(ProblemCode.CONTACT_INFO_MISSING, "/contact-info", "no contact-info");
        } else if (contactInfo != null && !looksLikeAddress(contactInfo)) {
            addProblem(
                    ProblemCode.CONTACT_INFO_NOT_AN_ADDRESS,
                    "/contact-info",
                    "contact-info is not an address with a domain (RFC 8460 section 4.4: an RFC 5322 addr-spec)");
        }
        TlsReport report =
                new TlsReport(organizationName, dateRange, contactInfo, reportId, policies, unknowns.members());
        if ((organizationName == null || organizationName.isBlank()) && report.contactDomain() == null) {
            addProblem(
                    ProblemCode.REPORTER_UNIDENTIFIED,
                    "",
                    "neither organization-name nor a contact-info domain: the reporter cannot be identified");
        }
        if (reportId == null || reportId.isBlank()) {
            addProblem(
                    ProblemCode.REPORT_ID_MISSING,
                    "/report-id",
                    "no report-id: duplicate reports could not be told apart (RFC 8460 section 5.3)");
        }
        if (!dateRangeSeen) {
            addProblem(ProblemCode.DATE_RANGE_MISSING, "/date-range", "no date-range");
        }
        if (policies == null) {
            addProblem(
                    ProblemCode.POLICIES_MISSING,
                    "/policies",
                    "no policies array (RFC 8460 section 4: policies MUST be an array)");
        } else if (policies.isEmpty()) {
            addProblem(
                    ProblemCode.POLICIES_EMPTY, "/policies", "the policies array is empty: the report tells nothing");
        }
        return report;
    }

    private static boolean looksLikeAddress(String contactInfo) {
        int at = contactInfo.lastIndexOf('@');
        return at > 0 && at < contactInfo.length() - 1;
    }

    // ------------------------------------------------------------------------------------------ date-range

    private DateRange readDateRange(String pointer) throws IOException {
        if (!expectObject(pointer, "date-range", Severity.ERROR)) {
            addProblem(ProblemCode.DATE_RANGE_MISSING, pointer, "date-range is not an object");
            return null;
        }
        Instant start = null;
        Instant end = null;
        boolean startSeen = false;
        boolean endSeen = false;
        Unknowns unknowns = new Unknowns(names(1));
        String name;
        while ((name = nextName(unknowns, null)) != null) {
            parser.nextToken();
            String memberPointer = pointer + "/" + Pointers.escape(name);
            switch (name) {
                case "start-datetime" -> {
                    startSeen = true;
                    start = readDateTime(memberPointer, name);
                }
                case "end-datetime" -> {
                    endSeen = true;
                    end = readDateTime(memberPointer, name);
                }
                default -> keepUnknown(unknowns, name, memberPointer);
            }
        }
        if (!startSeen) {
            addProblem(ProblemCode.DATE_RANGE_MISSING, pointer + "/start-datetime", "no start-datetime");
        }
        if (!endSeen) {
            addProblem(ProblemCode.DATE_RANGE_MISSING, pointer + "/end-datetime", "no end-datetime");
        }
        if (start == null || end == null) {
            return null;
        }
        if (start.isAfter(end)) {
            addProblem(
                    ProblemCode.DATE_RANGE_INVERTED,
                    pointer,
                    "start-datetime " + start + " is after end-datetime " + end);
        } else {
            noteUnusualRange(pointer, start, end);
        }
        return new DateRange(start, end, unknowns.members());
    }

    /** RFC 8460 sections 4.1 and 4.4: a report SHOULD cover one full UTC day, "00:00-24:00". */
    private void noteUnusualRange(String pointer, Instant start, Instant end) {
        boolean endsAtMidnight = end.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT);
        if (endsAtMidnight && end.isAfter(start)) {
            addProblem(
                    ProblemCode.END_DATETIME_NEXT_MIDNIGHT,
                    pointer + "/end-datetime",
                    "the range ends at 00:00:00 of the next day (read as the end of the previous day)");
        }
        long seconds = end.getEpochSecond() - start.getEpochSecond();
        if (seconds > 24 * 3600) {
            addProblem(
                    ProblemCode.DATE_RANGE_NOT_ONE_DAY,
                    pointer,
                    "the range covers " + String.format(Locale.ROOT, "%.1f", seconds / 86400.0) + " days");
        }
    }

    private Instant readDateTime(String pointer, String name) throws IOException {
        String text = readString(pointer, name, Severity.ERROR);
        if (text == null) {
            addProblem(ProblemCode.DATETIME_INVALID, pointer, name + " is missing or not a string");
            return null;
        }
        Instant usual = InstantText.utcSeconds(text);
        if (usual != null) {
            return usual;
        }
        String upper = text.trim().toUpperCase(Locale.ROOT);
        if (hasTimeZone(upper)) {
            try {
                // RFC 3339 section 5.6; its NOTE allows lower-case "t" and "z"
                return OffsetDateTime.parse(upper).toInstant();
            } catch (DateTimeParseException notRfc3339) {
                return invalidDateTime(pointer, name, text);
            }
        }
        try {
            // Microsoft, 2023 to March 2024: no time zone at all; read as UTC (as mox does)
            Instant instant = LocalDateTime.parse(upper).toInstant(ZoneOffset.UTC);
            addProblem(
                    ProblemCode.DATETIME_WITHOUT_ZONE,
                    pointer,
                    name + " \"" + Pointers.abbreviate(text) + "\" has no time zone; read as UTC");
            return instant;
        } catch (DateTimeParseException notEvenLocal) {
            return invalidDateTime(pointer, name, text);
        }
    }

    private Instant invalidDateTime(String pointer, String name, String text) {
        addProblem(
                ProblemCode.DATETIME_INVALID,
                pointer,
                name + " \"" + Pointers.abbreviate(text) + "\" is not an RFC 3339 date-time (RFC 8460 section 4.4)");
        return null;
    }

    /**
     * Whether an upper-cased date-time ends in a time zone ("Z", or an offset whose sign follows the "T"): only such a
     * text can be an RFC 3339 date-time, and no such text is a zone-less one. Deciding by shape which of the two
     * parsers to ask gives what asking both in turn gives, without an exception per zone-less date-time.
     */
    static boolean hasTimeZone(String upper) {
        if (upper.endsWith("Z")) {
            return true;
        }
        int time = upper.indexOf('T');
        return time >= 0 && (upper.indexOf('+', time) >= 0 || upper.indexOf('-', time) >= 0);
    }

    // ------------------------------------------------------------------------------------------ policies

    private List<PolicyResult> readPolicies(String pointer) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            addProblem(
                    ProblemCode.WRONG_TYPE,
                    pointer,
                    "policies is " + describeCurrent() + ", not an array (RFC 8460 section 4: it MUST be an array)");
            checked().skipChildren();
            return null;
        }
        List<PolicyResult> policies = new ArrayList<>();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            PolicyResult result = readPolicyResult(pointer + "/" + index);
            if (result != null) {
                policies.add(result);
            }
            index++;
        }
        return policies;
    }

    private PolicyResult readPolicyResult(String pointer) throws IOException {
        if (!expectObject(pointer, "policies entry", Severity.ERROR)) {
            return null;
        }
        Policy policy = null;
        Summary summary = null;
        List<FailureDetail> failureDetails = null;
        String failureDetailsPointer = pointer + "/failure-details";
        Unknowns unknowns = new Unknowns(names(1));
        String name;
        while ((name = nextName(unknowns, null)) != null) {
            parser.nextToken();
            String memberPointer = pointer + "/" + Pointers.escape(name);
            switch (name) {
                case "policy" -> policy = readPolicy(memberPointer);
                case "summary" -> summary = readSummary(memberPointer);
                case "failure-details" -> failureDetails = readFailureDetails(memberPointer);
                default -> keepUnknown(unknowns, name, memberPointer);
            }
        }
        if (policy == null) {
            addProblem(ProblemCode.POLICY_MISSING, pointer + "/policy", "this policies entry has no policy object");
        }
        if (summary == null) {
            addProblem(ProblemCode.SUMMARY_MISSING, pointer + "/summary", "this policies entry has no summary object");
        }
        checkFailureDetailsAgainstSummary(failureDetailsPointer, summary, failureDetails);
        return new PolicyResult(policy, summary, failureDetails, unknowns.members());
    }

    private void checkFailureDetailsAgainstSummary(
            String pointer, Summary summary, List<FailureDetail> failureDetails) {
        if (summary == null || summary.totalFailureSessionCount() == null) {
            return;
        }
        long failed = summary.totalFailureSessionCount();
        if (failureDetails == null || failureDetails.isEmpty()) {
            if (failed > 0) {
                addProblem(
                        ProblemCode.FAILURE_DETAILS_MISSING,
                        pointer,
                        failed + " failed sessions are counted, but no failure-details say why");
            }
            return;
        }
        long sum = 0;
        for (FailureDetail detail : failureDetails) {
            if (detail.failedSessionCount() != null) {
                sum += detail.failedSessionCount();
            }
        }
        if (sum != failed) {
            addProblem(
                    ProblemCode.FAILURE_COUNT_MISMATCH,
                    pointer,
                    "the failure-details count " + sum + " failed sessions, the summary " + failed
                            + " (allowed: failure types are non-exclusive, RFC 8460 section 4)");
        }
    }

    private Policy readPolicy(String pointer) throws IOException {
        if (!expectObject(pointer, "policy", Severity.ERROR)) {
            return null;
        }
        PolicyType policyType = null;
        List<String> policyStrings = null;
        String policyStringPointer = pointer + "/policy-string";
        String policyDomain = null;
        List<String> mxHosts = null;
        Unknowns unknowns = new Unknowns(names(2));
        String name;
        while ((name = nextName(unknowns, null)) != null) {
            parser.nextToken();
            String memberPointer = pointer + "/" + Pointers.escape(name);
            switch (name) {
                case "policy-type" -> {
                    String value = readString(memberPointer, name, Severity.WARNING);
                    if (value != null) {
                        policyType = PolicyType.of(value);
                        if (!policyType.isKnown()) {
                            addProblem(
                                    ProblemCode.POLICY_TYPE_UNKNOWN,
                                    memberPointer,
                                    "policy-type \"" + Pointers.abbreviate(value)
                                            + "\" is not tlsa, sts or no-policy-found; kept as sent");
                        }
                    }
                }
                case "policy-string" -> policyStrings = readPolicyStrings(memberPointer);
                case "policy-domain" -> policyDomain = readString(memberPointer, name, Severity.WARNING);
                case "mx-host" -> mxHosts = readMxHosts(memberPointer);
                default -> keepUnknown(unknowns, name, memberPointer);
            }
        }
        if (policyType == null) {
            addProblem(ProblemCode.POLICY_TYPE_MISSING, pointer + "/policy-type", "no policy-type");
        }
        boolean appliedPolicy = policyType != null
                && (policyType.kind() == PolicyType.Kind.STS || policyType.kind() == PolicyType.Kind.TLSA);
        if (appliedPolicy && (policyStrings == null || policyStrings.isEmpty())) {
            addProblem(
                    ProblemCode.POLICY_STRING_MISSING,
                    policyStringPointer,
                    "no policy-string for this " + policyType + " policy");
        }
        if (policyDomain == null || policyDomain.isBlank()) {
            addProblem(ProblemCode.POLICY_DOMAIN_MISSING, pointer + "/policy-domain", "no policy-domain");
            policyDomain = null;
        }
        if (policyType != null && policyType.kind() == PolicyType.Kind.STS && (mxHosts == null || mxHosts.isEmpty())) {
            addProblem(
                    ProblemCode.MX_HOST_MISSING,
                    pointer + "/mx-host",
                    "no mx-host patterns for this sts policy (RFC 8460 section 4.4)");
        }
        return new Policy(policyType, policyStrings, policyDomain, mxHosts, unknowns.members());
    }

    private List<String> readPolicyStrings(String pointer) throws IOException {
        List<String> lines;
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            String single = parser.getText();
            List<String> expanded = jsonArrayInString(single);
            if (expanded != null) {
                addProblem(
                        ProblemCode.POLICY_STRING_JSON_IN_STRING,
                        pointer,
                        "policy-string is one string holding a JSON array; read as that array");
                return expanded;
            }
            addProblem(ProblemCode.POLICY_STRING_NOT_ARRAY, pointer, "policy-string is a string, not an array");
            lines = new ArrayList<>(List.of(single));
        } else if (parser.currentToken() == JsonToken.VALUE_NULL) {
            addProblem(ProblemCode.NULL_MEMBER, pointer, "policy-string is null");
            return null;
        } else {
            lines = readStringArray(pointer, "policy-string");
            if (lines == null) {
                return null;
            }
            if (lines.size() == 1) {
                // Microsoft: TLSA records as one string holding a JSON array
                List<String> expanded = jsonArrayInString(lines.get(0));
                if (expanded != null) {
                    addProblem(
                            ProblemCode.POLICY_STRING_JSON_IN_STRING,
                            pointer + "/0",
                            "policy-string holds one string that is a JSON array (Microsoft's TLSA records);"
                                    + " read as that array");
                    return expanded;
                }
            }
        }
        boolean carriageReturns = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.endsWith("\r")) {
                if (!carriageReturns) {
                    addProblem(
                            ProblemCode.POLICY_STRING_TRAILING_CR,
                            pointer + "/" + i,
                            "policy-string lines end in a carriage return (the policy file used CRLF); removed");
                    carriageReturns = true;
                }
                lines.set(i, stripTrailingCarriageReturns(line));
            }
        }
        return lines;
    }

    private static String stripTrailingCarriageReturns(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }

    /** The strings of a JSON array held in a string, or null when the string is not such an array. */
    private List<String> jsonArrayInString(String text) {
        String trimmed = text.trim();
        if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
            return null;
        }
        try (JsonParser inner = mapper.getFactory().createParser(trimmed)) {
            if (inner.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            List<String> values = new ArrayList<>();
            JsonToken token;
            while ((token = inner.nextToken()) == JsonToken.VALUE_STRING) {
                values.add(inner.getText());
            }
            if (token != JsonToken.END_ARRAY || inner.nextToken() != null) {
                return null;
            }
            return values;
        } catch (IOException notAnArray) {
            return null;
        }
    }

    private List<String> readMxHosts(String pointer) throws IOException {
        List<String> hosts;
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            // RFC 8460 appendix B before erratum 6241 shows a single string
            addProblem(
                    ProblemCode.MX_HOST_NOT_ARRAY,
                    pointer,
                    "mx-host is a string, not an array (erratum 6241); read as a one-element array");
            hosts = new ArrayList<>(List.of(parser.getText()));
        } else if (parser.currentToken() == JsonToken.VALUE_NULL) {
            addProblem(ProblemCode.NULL_MEMBER, pointer, "mx-host is null");
            return null;
        } else {
            hosts = readStringArray(pointer, "mx-host");
            if (hosts == null) {
                return null;
            }
        }
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            String withoutPrefix = withoutMxPrefix(host);
            if (withoutPrefix != null) {
                addProblem(
                        ProblemCode.MX_HOST_PREFIXED,
                        pointer + "/" + i,
                        "mx-host \"" + Pointers.abbreviate(host) + "\" carries the \"mx:\" prefix of the policy line;"
                                + " removed");
                hosts.set(i, withoutPrefix);
            }
        }
        return hosts;
    }

    /** "mx: mail.example.com" to "mail.example.com" (Stalwart-based senders), or null when there is no prefix. */
    private static String withoutMxPrefix(String host) {
        String trimmed = host.trim();
        if (trimmed.length() > 3 && trimmed.regionMatches(true, 0, "mx:", 0, 3)) {
            return trimmed.substring(3).trim();
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ summary

    private Summary readSummary(String pointer) throws IOException {
        if (!expectObject(pointer, "summary", Severity.ERROR)) {
            return null;
        }
        Long successful = null;
        Long failed = null;
        Unknowns unknowns = new Unknowns(names(2));
        String name;
        while ((name = nextName(unknowns, null)) != null) {
            parser.nextToken();
            String memberPointer = pointer + "/" + Pointers.escape(name);
            switch (name) {
                case "total-successful-session-count" -> successful = readCount(pointer, -1, name, unknowns);
                case "total-failure-session-count" -> failed = readCount(pointer, -1, name, unknowns);
                default -> keepUnknown(unknowns, name, memberPointer);
            }
        }
        if (successful == null) {
            requireCount(pointer + "/total-successful-session-count", "total-successful-session-count");
        }
        if (failed == null) {
            requireCount(pointer + "/total-failure-session-count", "total-failure-session-count");
        }
        return new Summary(successful, failed, unknowns.members());
    }

    private void requireCount(String pointer, String name) {
        boolean alreadyReported = !problems.isEmpty()
                && problems.get(problems.size() - 1).pointer().equals(pointer);
        if (!alreadyReported) {
            addProblem(ProblemCode.SESSION_COUNT_MISSING, pointer, "no " + name);
        }
    }

    /**
     * A session count: an integer in 0..2^53-1 (RFC 8460 section 4.4, I-JSON section 2.2), or null.
     *
     * @param base the pointer of the object holding the count, or of its array when {@code index} is not -1 (the
     *     count's own pointer is built only for a problem: 100,000 failure details need none)
     */
    private Long readCount(String base, int index, String name, Unknowns unknowns) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                addProblem(
                        ProblemCode.SESSION_COUNT_INVALID,
                        memberPointer(base, index, name),
                        name + " " + Pointers.abbreviate(parser.getText()) + " is beyond 2^53-1");
                return null;
            }
            long value = parser.getLongValue();
            if (value < 0 || value > MAX_SESSION_COUNT) {
                addProblem(
                        ProblemCode.SESSION_COUNT_INVALID,
                        memberPointer(base, index, name),
                        name + " " + value + " is not an integer in 0..2^53-1");
                return null;
            }
            return value;
        }
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        String shown = token.isStructStart() ? describeCurrent() : Pointers.abbreviate(parser.getText());
        addProblem(
                ProblemCode.SESSION_COUNT_INVALID,
                memberPointer(base, index, name),
                name + " " + shown + " is not an integer in 0..2^53-1");
        unknowns.keep(name, mapper.readTree(checked()));
        return null;
    }

    private static String memberPointer(String base, int index, String name) {
        return index < 0 ? base + "/" + Pointers.escape(name) : detailPointer(base, index, name);
    }

    // ------------------------------------------------------------------------------------------ failure details

    private List<FailureDetail> readFailureDetails(String pointer) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            addProblem(ProblemCode.NULL_MEMBER, pointer, "failure-details is null");
            return null;
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            addProblem(ProblemCode.WRONG_TYPE, pointer, "failure-details is " + describeCurrent() + ", not an array");
            checked().skipChildren();
            return null;
        }
        List<FailureDetail> details = new ArrayList<>();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            FailureDetail detail = readFailureDetail(pointer, index);
            if (detail != null) {
                details.add(detail);
            }
            index++;
        }
        return details;
    }

    private FailureDetail readFailureDetail(String arrayPointer, int index) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            expectObject(arrayPointer + "/" + index, "failure-details entry", Severity.WARNING);
            return null;
        }
        ResultType resultType = null;
        String sendingMtaIp = null;
        String receivingMxHostname = null;
        String receivingMxHelo = null;
        String receivingIp = null;
        Long failedSessionCount = null;
        boolean failedSessionCountSeen = false;
        String additionalInformation = null;
        String failureReasonCode = null;
        Unknowns unknowns = new Unknowns(names(2));
        // non-standard names seen in the wild, read as their RFC 8460 equivalents
        String aliasHostname = null;
        String aliasReasonCode = null;
        String aliasInformation = null;
        int previous = DETAIL_NAMES.length;
        String name;
        while ((name = nextName(unknowns, detailNameAfter[previous])) != null) {
            parser.nextToken();
            previous = learnDetailName(previous, name);
            switch (name) {
                case "result-type" -> {
                    String value = readPooledDetailString(arrayPointer, index, name);
                    if (value != null) {
                        resultType = ResultType.of(value);
                        if (!resultType.isKnown()) {
                            addProblem(
                                    ProblemCode.RESULT_TYPE_UNKNOWN,
                                    detailPointer(arrayPointer, index, name),
                                    "result-type \"" + Pointers.abbreviate(value)
                                            + "\" is not in the IANA registry as this version knows it; kept as sent");
                        }
                    }
                }
                case "sending-mta-ip" -> sendingMtaIp = readIp(arrayPointer, index, name);
                case "receiving-mx-hostname" -> receivingMxHostname = readPooledDetailString(arrayPointer, index, name);
                case "receiving-mx-helo" -> receivingMxHelo = readPooledDetailString(arrayPointer, index, name);
                case "receiving-ip" -> receivingIp = readReceivingIp(arrayPointer, index, name);
                case "failed-session-count" -> {
                    failedSessionCountSeen = true;
                    failedSessionCount = readCount(arrayPointer, index, name, unknowns);
                }
                case "additional-information" -> additionalInformation = readDetailString(arrayPointer, index, name);
                case "failure-reason-code" -> failureReasonCode = readDetailString(arrayPointer, index, name);
                case "receiving-mx-host-name" -> {
                    // SocketLabs
                    aliasHostname = readDetailString(arrayPointer, index, name);
                    unknowns.keepText(name, aliasHostname);
                }
                case "failure-error-code" -> {
                    // pre-RFC drafts
                    aliasReasonCode = readDetailString(arrayPointer, index, name);
                    unknowns.keepText(name, aliasReasonCode);
                }
                case "additional-info-uri" -> {
                    // the RFC 8460 section 4.4 template's placeholder name
                    aliasInformation = readDetailString(arrayPointer, index, name);
                    unknowns.keepText(name, aliasInformation);
                }
                default -> keepUnknown(unknowns, name, detailPointer(arrayPointer, index, name));
            }
        }
        receivingMxHostname = resolveAlias(
                arrayPointer,
                index,
                "receiving-mx-hostname",
                receivingMxHostname,
                "receiving-mx-host-name",
                aliasHostname);
        failureReasonCode = resolveAlias(
                arrayPointer, index, "failure-reason-code", failureReasonCode, "failure-error-code", aliasReasonCode);
        additionalInformation = resolveAlias(
                arrayPointer,
                index,
                "additional-information",
                additionalInformation,
                "additional-info-uri",
                aliasInformation);
        if (unknowns.members() != null) {
            dropResolvedAliases(
                    unknowns,
                    receivingMxHostname,
                    aliasHostname,
                    failureReasonCode,
                    aliasReasonCode,
                    additionalInformation,
                    aliasInformation);
        }

        if (resultType == null) {
            addProblem(
                    ProblemCode.RESULT_TYPE_MISSING,
                    detailPointer(arrayPointer, index, "result-type"),
                    "no result-type");
        }
        if (!failedSessionCountSeen) {
            addProblem(
                    ProblemCode.SESSION_COUNT_MISSING,
                    Severity.WARNING,
                    detailPointer(arrayPointer, index, "failed-session-count"),
                    "no failed-session-count");
        }
        noteMissingConnectionData(arrayPointer, index, resultType, sendingMtaIp, receivingIp, receivingMxHostname);
        return new FailureDetail(
                resultType,
                sendingMtaIp,
                receivingMxHostname,
                receivingMxHelo,
                receivingIp,
                failedSessionCount,
                additionalInformation,
                failureReasonCode,
                unknowns.members());
    }

    private void noteMissingConnectionData(
            String arrayPointer,
            int index,
            ResultType resultType,
            String sendingMtaIp,
            String receivingIp,
            String receivingMxHostname) {
        if (sendingMtaIp != null && receivingIp != null && receivingMxHostname != null) {
            return;
        }
        List<String> missing = new ArrayList<>(3);
        if (sendingMtaIp == null) {
            missing.add("sending-mta-ip");
        }
        if (receivingIp == null) {
            missing.add("receiving-ip");
        }
        if (receivingMxHostname == null) {
            missing.add("receiving-mx-hostname");
        }
        // receiving-ip is absent from RFC 8460's own appendix B example: its absence alone is only noted
        boolean connectionDataExpected =
                resultType == null || !resultType.kind().happensBeforeConnecting();
        boolean warn = connectionDataExpected && (sendingMtaIp == null || receivingMxHostname == null);
        addProblem(
                ProblemCode.FAILURE_DETAIL_INCOMPLETE,
                warn ? Severity.WARNING : Severity.INFO,
                arrayPointer + "/" + index,
                "no " + String.join(", ", missing)
                        + (connectionDataExpected
                                ? ""
                                : " (expected: " + resultType + " happens before any connection)"));
    }

    /**
     * A member and its non-standard alias: the standard member wins. The alias value is kept in the extensions
     * when it disagrees, so nothing is lost; otherwise it is dropped by {@link #dropResolvedAliases}.
     */
    private String resolveAlias(
            String arrayPointer, int index, String canonical, String canonicalValue, String alias, String aliasValue) {
        if (aliasValue == null) {
            return canonicalValue;
        }
        if (canonicalValue == null) {
            addProblem(
                    ProblemCode.MEMBER_ALIAS,
                    detailPointer(arrayPointer, index, alias),
                    alias + " is not an RFC 8460 member name; read as " + canonical);
            return aliasValue;
        }
        if (!canonicalValue.equals(aliasValue)) {
            addProblem(
                    ProblemCode.MEMBER_ALIAS_CONFLICT,
                    detailPointer(arrayPointer, index, alias),
                    "both " + canonical + " and its non-standard alias " + alias + " are present and differ; "
                            + canonical + " is used and " + alias + " kept as sent");
        }
        return canonicalValue;
    }

    /** Removes alias members whose value now lives under the canonical name (when both agree or only one exists). */
    private static void dropResolvedAliases(Unknowns unknowns, String... pairs) {
        for (int i = 0; i < ALIAS_NAMES.length; i++) {
            String canonicalValue = pairs[2 * i];
            String aliasValue = pairs[2 * i + 1];
            if (aliasValue != null && aliasValue.equals(canonicalValue)) {
                unknowns.remove(ALIAS_NAMES[i]);
            }
        }
    }

    private String readIp(String arrayPointer, int index, String name) throws IOException {
        String value = readDetailString(arrayPointer, index, name);
        if (value != null && !IpAddresses.isValid(value)) {
            reportInvalidIp(arrayPointer, index, name, value);
        }
        return value;
    }

    /** receiving-ip: a report names a few receiving IPs thousands of times; each distinct one is checked once. */
    private String readReceivingIp(String arrayPointer, int index, String name) throws IOException {
        boolean poolable = parser.currentToken() == JsonToken.VALUE_STRING && parser.getTextLength() <= maxPooledLength;
        if (poolable) {
            String known =
                    validReceivingIps.find(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            if (known != null) {
                return known;
            }
        }
        String value = readDetailString(arrayPointer, index, name);
        if (value == null) {
            return null;
        }
        if (!IpAddresses.isValid(value)) {
            reportInvalidIp(arrayPointer, index, name, value);
        } else if (poolable) {
            validReceivingIps.add(value);
        }
        return value;
    }

    private void reportInvalidIp(String arrayPointer, int index, String name, String value) {
        addProblem(
                ProblemCode.IP_ADDRESS_INVALID,
                detailPointer(arrayPointer, index, name),
                name + " \"" + Pointers.abbreviate(value) + "\" is not an IPv4 or IPv6 address; kept as sent");
    }

    private String readDetailString(String arrayPointer, int index, String name) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        return readString(detailPointer(arrayPointer, index, name), name, Severity.WARNING);
    }

    private static String detailPointer(String arrayPointer, int index, String name) {
        return arrayPointer + "/" + index + "/" + Pointers.escape(name);
    }

    /**
     * A failure-detail string that repeats across details (result-type, receiving MX names): one copy of each,
     * found without building a string each time. Sending IPs and reason codes are mostly distinct, so they are not
     * pooled (a large pool costs more than it saves).
     */
    private String readPooledDetailString(String arrayPointer, int index, String name) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING && parser.getTextLength() <= maxPooledLength) {
            return pooledTexts.intern(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        }
        return readDetailString(arrayPointer, index, name);
    }

    /** Records which name followed {@code previous}; the index of {@code name} in DETAIL_NAMES, or the start slot. */
    private int learnDetailName(int previous, String name) {
        for (int i = 0; i < DETAIL_NAMES.length; i++) {
            // the same String when the guess matched or the parser interned the name; an unequal copy only misses
            if (DETAIL_NAMES[i].getValue() == name) {
                detailNameAfter[previous] = DETAIL_NAMES[i];
                return i;
            }
        }
        return DETAIL_NAMES.length;
    }

    // ------------------------------------------------------------------------------------------ helpers

    /**
     * The next member name of the object being read (the parser then on it), or null at the object's end. I-JSON
     * (RFC 7493 section 2.3): member names MUST be unique; a name the object already has fails the read with a
     * {@link JsonParseException} "Duplicate Object property" on that name, before its value is looked at, as
     * Jackson's own check does.
     *
     * @param expected the name likely to come next, matched without a look-up, or null
     */
    private String nextName(Unknowns members, SerializableString expected) throws IOException {
        JsonToken token;
        try {
            if (expected == null) {
                token = parser.nextToken();
            } else {
                token = parser.nextFieldName(expected) ? JsonToken.FIELD_NAME : parser.currentToken();
            }
        } catch (JsonProcessingException failure) {
            // Jackson reads the first token of a member's value with its name (a literal or a number whole), so a
            // bad value can fail the read of a repeated name; the repeated name is what is reported
            if (parser.currentToken() == JsonToken.FIELD_NAME && members.hasName(parser.currentName())) {
                throw UniqueNamesParser.duplicate(parser, parser.currentName());
            }
            throw failure;
        }
        if (token != JsonToken.FIELD_NAME) {
            return null;
        }
        String name = parser.currentName();
        if (!members.addName(name)) {
            throw UniqueNamesParser.duplicate(parser, name);
        }
        return name;
    }

    /**
     * The parser, checking the names of every object from its current token to the end of the current value: for
     * values that are kept verbatim or skipped rather than read member by member here.
     */
    private JsonParser checked() {
        return UniqueNamesParser.from(parser);
    }

    /**
     * The names of an object read member by member, emptied: one for each depth (report; date-range and policies
     * entries; policy, summary and failure-details entries), as the objects of one depth are read one after another.
     */
    private UniqueNamesParser.ObjectNames names(int depth) {
        UniqueNamesParser.ObjectNames names = namesByDepth[depth];
        names.clear();
        return names;
    }

    /**
     * A string member. null gives null (noted); any other type is reported with the given severity and the value
     * kept verbatim among the unknown members is the caller's concern: here it is returned as null.
     */
    private String readString(String pointer, String name, Severity wrongTypeSeverity) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (token == JsonToken.VALUE_NULL) {
            addProblem(ProblemCode.NULL_MEMBER, pointer, name + " is null");
            return null;
        }
        addProblem(
                ProblemCode.WRONG_TYPE,
                wrongTypeSeverity,
                pointer,
                name + " is " + describeCurrent() + ", not a string; kept as its JSON text");
        return mapper.writeValueAsString(mapper.readTree(checked()));
    }

    /** Strings of an array; non-string entries are kept as their JSON text, with a warning. */
    private List<String> readStringArray(String pointer, String name) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            addProblem(
                    ProblemCode.WRONG_TYPE,
                    Severity.WARNING,
                    pointer,
                    name + " is " + describeCurrent() + ", not an array of strings; kept as its JSON text");
            List<String> kept = new ArrayList<>(1);
            kept.add(mapper.writeValueAsString(mapper.readTree(checked())));
            return kept;
        }
        List<String> values = new ArrayList<>();
        int index = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.VALUE_STRING) {
                values.add(parser.getText());
            } else {
                addProblem(
                        ProblemCode.WRONG_TYPE,
                        Severity.WARNING,
                        pointer + "/" + index,
                        name + " entry is " + describeCurrent() + ", not a string; kept as its JSON text");
                values.add(mapper.writeValueAsString(mapper.readTree(checked())));
            }
            index++;
        }
        return values;
    }

    private boolean expectObject(String pointer, String what, Severity severity) throws IOException {
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            return true;
        }
        addProblem(ProblemCode.WRONG_TYPE, severity, pointer, what + " is " + describeCurrent() + ", not an object");
        checked().skipChildren();
        return false;
    }

    private void keepUnknown(Unknowns unknowns, String name, String pointer) throws IOException {
        addProblem(
                ProblemCode.UNKNOWN_MEMBER,
                pointer,
                "\"" + Pointers.abbreviate(name) + "\" is not an RFC 8460" + " member here; kept as sent");
        unknowns.keep(name, mapper.readTree(checked()));
    }

    /**
     * The member names of one object, and the members RFC 8460 does not define there or that had the wrong type:
     * kept verbatim.
     */
    private static final class Unknowns {
        /** Every member name of the object so far, known or not. */
        private final UniqueNamesParser.ObjectNames names;

        private Map<String, JsonNode> members;

        Unknowns(UniqueNamesParser.ObjectNames names) {
            this.names = names;
        }

        boolean addName(String name) {
            return names.add(name);
        }

        boolean hasName(String name) {
            return names.contains(name);
        }

        void keep(String name, JsonNode value) {
            if (members == null) {
                members = new LinkedHashMap<>();
            }
            members.put(name, value);
        }

        void keepText(String name, String value) {
            if (value != null) {
                keep(name, JsonNodeFactory.instance.textNode(value));
            }
        }

        void remove(String name) {
            if (members != null) {
                members.remove(name);
            }
        }

        Map<String, JsonNode> members() {
            return members;
        }
    }

    private String describeCurrent() {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "missing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    static boolean isReportMember(String name) {
        for (String member : REPORT_MEMBERS) {
            if (member.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
