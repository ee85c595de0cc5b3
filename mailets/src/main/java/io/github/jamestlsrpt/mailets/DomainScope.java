package io.github.jamestlsrpt.mailets;

import io.github.jamestlsrpt.core.document.PolicyScope;
import io.github.jamestlsrpt.core.model.PolicyResult;
import io.github.jamestlsrpt.core.model.TlsReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether a report is for this server. Anyone can point a rua at us (RFC8460-RECEIVER.md), so a report counts only
 * when one of its policies is about a domain served here: a domain policy (sts, no-policy-found, or a tlsa policy
 * filed under the mail domain) for a served domain, or a DANE host report (tlsa, policy-domain an MX host name, RFC
 * 7672 section 2.2.3) for one of our MX hosts, which are the configured mxHosts and the names under a served domain.
 */
final class DomainScope {

    private final Predicate<String> served;
    private final Set<String> mxHosts;

    /**
     * @param served whether a lower-cased domain is served here
     * @param mxHosts this server's MX host names, lower-cased
     */
    DomainScope(Predicate<String> served, Set<String> mxHosts) {
        this.served = served;
        this.mxHosts = Set.copyOf(mxHosts);
    }

    /** The policy domains of a report, lower-cased, without duplicates, in report order. */
    static List<String> policyDomains(TlsReport report) {
        Set<String> domains = new LinkedHashSet<>();
        if (report != null) {
            for (PolicyResult result : report.policies()) {
                String domain = policyDomain(result);
                if (domain != null) {
                    domains.add(domain);
                }
            }
        }
        return new ArrayList<>(domains);
    }

    boolean inScope(TlsReport report) {
        for (PolicyResult result : report.policies()) {
            String domain = policyDomain(result);
            if (domain == null) {
                continue;
            }
            boolean ours = PolicyScope.of(report, result) == PolicyScope.HOST ? isOurHost(domain) : isServed(domain);
            if (ours) {
                return true;
            }
        }
        return false;
    }

    private boolean isOurHost(String host) {
        if (mxHosts.contains(host)) {
            return true;
        }
        for (String name = host; name != null; name = parent(name)) {
            if (isServed(name)) {
                return true;
            }
        }
        return false;
    }

    private boolean isServed(String domain) {
        try {
            return served.test(domain);
        } catch (RuntimeException notADomain) {
            // Domain.of rejects what is not a domain name: such a policy-domain is served nowhere
            return false;
        }
    }

    /** The parent of a name with at least two labels above it ("mx.example.com" gives "example.com"), else null. */
    private static String parent(String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String parent = name.substring(dot + 1);
        return parent.indexOf('.') < 0 ? null : parent;
    }

    private static String policyDomain(PolicyResult result) {
        if (result.policy() == null || result.policy().policyDomain() == null) {
            return null;
        }
        String domain = ExtractConfiguration.normalise(result.policy().policyDomain());
        return domain.isEmpty() ? null : domain;
    }
}
