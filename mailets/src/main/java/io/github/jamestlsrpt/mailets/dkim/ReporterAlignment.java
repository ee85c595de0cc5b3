package io.github.jamestlsrpt.mailets.dkim;

import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Whether a signing domain (d=) may speak for the reporter. RFC 8460 section 3 asks for a signature "by the reporting
 * domain" without defining it; read here as: d= equals one of the reporter domains (From, TLS-Report-Submitter,
 * contact-info) or is a parent of it at a label boundary, and d= is an organisation's domain, not a public suffix
 * (Guava's copy of the public suffix list, private suffixes such as github.io included). A d= below the reporter
 * domain does not count. Domains under a suffix the list does not know (example.test) count as organisations.
 */
final class ReporterAlignment {

    /** Signing domains are few (each reporter signs with one or two): the verdict on each is kept, up to this many. */
    static final int REMEMBERED_VERDICTS = 4096;

    private static final Remembered<String, Optional<String>> VERDICTS = new Remembered<>(REMEMBERED_VERDICTS);

    private final SortedSet<String> reporterDomains = new TreeSet<>();

    ReporterAlignment(Collection<String> reporterDomains) {
        reporterDomains.stream()
                .map(ReporterAlignment::normalise)
                .filter(domain -> !domain.isEmpty())
                .forEach(this.reporterDomains::add);
    }

    /** @return empty when d= speaks for a reporter domain; otherwise why it does not, for a person */
    Optional<String> problemWith(String signingDomain) {
        String domain = normalise(signingDomain);
        if (reporterDomains.isEmpty()) {
            return Optional.of("no reporter domain is known (From, TLS-Report-Submitter, contact-info)" + " for d="
                    + domain + " to speak for");
        }
        Optional<String> covered = reporterDomainCoveredBy(domain);
        if (covered.isEmpty()) {
            return Optional.of("d=" + domain + " is neither the reporter's domain nor a parent of it (reporter: "
                    + String.join(", ", reporterDomains) + ")");
        }
        return notAnOrganisation(domain)
                .map(what -> "d=" + domain + " is " + what + ", so it cannot speak for " + covered.get());
    }

    /** The reporter domain that d= equals or is a parent of, if any (the first in alphabetical order). */
    Optional<String> reporterDomainCoveredBy(String signingDomain) {
        String domain = normalise(signingDomain);
        return reporterDomains.stream()
                .filter(reporter -> reporter.equals(domain) || reporter.endsWith("." + domain))
                .findFirst();
    }

    /** @return empty for an organisation's domain; otherwise what the domain is instead */
    static Optional<String> notAnOrganisation(String domain) {
        return VERDICTS.get(domain, ReporterAlignment::judge);
    }

    private static Optional<String> judge(String domain) {
        if (domain.indexOf('.') < 0) {
            return Optional.of("a top-level domain, which no one organisation owns");
        }
        try {
            return InternetDomainName.from(domain).isPublicSuffix()
                    ? Optional.of("a public suffix, which no one organisation owns")
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("not a valid domain name");
        }
    }

    /** Lower case, without a trailing dot, internationalised names as A-labels. */
    static String normalise(String domain) {
        String name = domain.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (!name.chars().allMatch(c -> c < 0x80)) {
            try {
                name = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                // not a valid internationalised name: compared as written, it matches no signature's d=
            }
        }
        return name;
    }
}
