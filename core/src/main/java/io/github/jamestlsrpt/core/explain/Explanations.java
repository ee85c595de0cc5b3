package io.github.jamestlsrpt.core.explain;

import io.github.jamestlsrpt.core.document.PolicyScope;
import io.github.jamestlsrpt.core.model.PolicyType;
import io.github.jamestlsrpt.core.model.ResultType;
import java.util.EnumMap;
import java.util.Map;

/**
 * Plain-language explanations of every RFC 8460 result type and policy type (sources: RFC 8460 section 4.3,
 * RFC 8461, RFC 7672).
 */
public final class Explanations {

    private static final Map<ResultType.Kind, Explanation> RESULT_TYPES = new EnumMap<>(ResultType.Kind.class);
    private static final Map<PolicyType.Kind, Explanation> POLICY_TYPES = new EnumMap<>(PolicyType.Kind.class);

    static {
        RESULT_TYPES.put(
                ResultType.Kind.STARTTLS_NOT_SUPPORTED,
                new Explanation(
                        "STARTTLS not offered",
                        "Your mail server did not offer STARTTLS to this sender, or something on the way removed it,"
                                + " so the connection could not be encrypted.",
                        "Enable STARTTLS on port 25 on every MX host, backup MX hosts included, and look for"
                                + " firewalls or proxies that strip it."));
        RESULT_TYPES.put(
                ResultType.Kind.CERTIFICATE_HOST_MISMATCH,
                new Explanation(
                        "certificate does not match the host name",
                        "The certificate your mail server presented does not cover the MX host name the sender"
                                + " connected to.",
                        "Make the certificate's names (SANs) cover every MX host name, and check that the mx:"
                                + " lines of your MTA-STS policy match your real MX records."));
        RESULT_TYPES.put(
                ResultType.Kind.CERTIFICATE_EXPIRED,
                new Explanation(
                        "certificate expired",
                        "The certificate your mail server presented had expired.",
                        "Renew the certificate, install it on every MX host, reload the mail server, and automate"
                                + " renewal."));
        RESULT_TYPES.put(
                ResultType.Kind.CERTIFICATE_NOT_TRUSTED,
                new Explanation(
                        "certificate not trusted",
                        "The sender could not trust your mail server's certificate: it is self-signed, from a"
                                + " private authority, or the intermediate certificates are missing.",
                        "Use a certificate from a publicly trusted authority and serve the full chain; for DANE-TA(2)"
                                + " records the trust anchor must be in the chain the server sends."));
        RESULT_TYPES.put(
                ResultType.Kind.VALIDATION_FAILURE,
                new Explanation(
                        "TLS failure",
                        "The encrypted connection failed for another reason; the failure-reason-code may say which.",
                        "Read the failure-reason-code, and offer TLS 1.2 or newer with common cipher suites."));
        RESULT_TYPES.put(
                ResultType.Kind.TLSA_INVALID,
                new Explanation(
                        "DANE record does not match",
                        "None of your TLSA (DANE) records matches the key your mail server presented, usually after"
                                + " a certificate or key change without a TLSA update.",
                        "Publish the TLSA record for the new key before switching keys, keeping both records during"
                                + " the rollover."));
        RESULT_TYPES.put(
                ResultType.Kind.DNSSEC_INVALID,
                new Explanation(
                        "DNSSEC failure",
                        "The sender could not get DNSSEC-valid answers for your MX or TLSA records (for example"
                                + " expired signatures or a DS record that does not match).",
                        "Check your zone's DNSSEC signatures and the DS record at the parent zone."));
        RESULT_TYPES.put(
                ResultType.Kind.DANE_REQUIRED,
                new Explanation(
                        "DANE required but missing",
                        "The sender requires DANE for your domain, but found no validated TLSA records for your MX"
                                + " host.",
                        "Publish DNSSEC-signed TLSA records for every MX host, or ask why the sender requires DANE."));
        RESULT_TYPES.put(
                ResultType.Kind.STS_POLICY_FETCH_ERROR,
                new Explanation(
                        "MTA-STS policy could not be fetched",
                        "The sender could not fetch https://mta-sts.<your domain>/.well-known/mta-sts.txt; without"
                                + " a cached policy, MTA-STS protection is silently lost.",
                        "Make that URL answer 200 with the policy, without redirects, on a publicly trusted HTTPS"
                                + " certificate."));
        RESULT_TYPES.put(
                ResultType.Kind.STS_POLICY_INVALID,
                new Explanation(
                        "MTA-STS policy invalid",
                        "Your MTA-STS policy file does not follow RFC 8461 section 3.2.",
                        "Check the version, mode, max_age and mx lines of mta-sts.txt, one per line."));
        RESULT_TYPES.put(
                ResultType.Kind.STS_WEBPKI_INVALID,
                new Explanation(
                        "MTA-STS web certificate invalid",
                        "The HTTPS certificate of mta-sts.<your domain> failed validation when the sender fetched"
                                + " the policy.",
                        "Install a valid, publicly trusted certificate for mta-sts.<your domain> and keep it"
                                + " renewed."));

        POLICY_TYPES.put(
                PolicyType.Kind.STS,
                new Explanation(
                        "MTA-STS policy",
                        "The sender applied your MTA-STS policy (RFC 8461). In enforce mode failed sessions mean mail"
                                + " was held back; in testing mode it probably went out unencrypted.",
                        ""));
        POLICY_TYPES.put(
                PolicyType.Kind.TLSA,
                new Explanation(
                        "DANE (TLSA records)",
                        "The sender validated your MX host with DANE TLSA records (RFC 7672); failed sessions mean"
                                + " mail was held back.",
                        ""));
        POLICY_TYPES.put(
                PolicyType.Kind.NO_POLICY_FOUND,
                new Explanation(
                        "no policy",
                        "The sender found neither an MTA-STS policy nor DANE records, so encryption was"
                                + " opportunistic: failed sessions probably went out unencrypted.",
                        "Publish an MTA-STS policy or DANE records to make senders insist on encryption."));
    }

    private Explanations() {}

    public static Explanation of(ResultType resultType) {
        Explanation known = RESULT_TYPES.get(resultType.kind());
        if (known != null) {
            return known;
        }
        return new Explanation(
                resultType.value(),
                "A result type this version does not know (the IANA registry of result types is open).",
                "Read the failure-reason-code and the sender's documentation.");
    }

    public static Explanation of(PolicyType policyType) {
        Explanation known = POLICY_TYPES.get(policyType.kind());
        if (known != null) {
            return known;
        }
        return new Explanation(policyType.value(), "A policy type RFC 8460 does not define.", "");
    }

    public static Explanation of(PolicyScope scope) {
        return switch (scope) {
            case DOMAIN -> new Explanation(
                    "domain report", "These figures are about mail sent to the policy domain.", "");
            case HOST -> new Explanation(
                    "host report",
                    "These figures are about one MX host: for DANE the policy-domain is the MX host name whose TLSA"
                            + " records were used, not your mail domain.",
                    "");
        };
    }
}
