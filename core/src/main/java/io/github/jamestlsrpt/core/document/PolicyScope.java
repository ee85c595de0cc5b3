package io.github.jamestlsrpt.core.document;

import com.fasterxml.jackson.annotation.JsonValue;
import io.github.jamestlsrpt.core.model.PolicyResult;
import io.github.jamestlsrpt.core.model.PolicyType;
import io.github.jamestlsrpt.core.model.TlsReport;
import java.util.Locale;

/**
 * Whether a policy's figures are about a mail domain or about one MX host. For DANE (policy-type tlsa) the
 * policy-domain is the TLSA base domain, usually an MX host name (RFC 8460 section 4.4, RFC 7672 section 2.2.3),
 * so these "host reports" are told apart from "domain reports".
 */
public enum PolicyScope {
    DOMAIN,
    HOST;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * tlsa policies are HOST scoped, except where the same report also files an sts or no-policy-found policy under
     * the same policy-domain: Microsoft files its TLSA results under the recipient domain, so those are DOMAIN.
     */
    public static PolicyScope of(TlsReport report, PolicyResult result) {
        if (result.policy() == null
                || result.policy().policyType() == null
                || result.policy().policyType().kind() != PolicyType.Kind.TLSA) {
            return DOMAIN;
        }
        String domain = result.policy().policyDomain();
        if (domain == null) {
            return HOST;
        }
        for (PolicyResult other : report.policies()) {
            if (other != result
                    && other.policy() != null
                    && other.policy().policyType() != null
                    && other.policy().policyType().kind() != PolicyType.Kind.TLSA
                    && domain.equalsIgnoreCase(other.policy().policyDomain())) {
                return DOMAIN;
            }
        }
        return HOST;
    }
}
