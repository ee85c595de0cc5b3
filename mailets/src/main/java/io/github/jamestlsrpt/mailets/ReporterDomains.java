package io.github.jamestlsrpt.mailets;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The domains a report mail speaks for, for the DKIM alignment check (RFC 8460 section 3 leaves "reporting domain"
 * undefined; the usual reading takes the From, TLS-Report-Submitter and contact-info domains). Everything here reads
 * untrusted header and report text and never throws.
 */
final class ReporterDomains {

    private static final int MAX_DOMAIN_LENGTH = 253;

    private ReporterDomains() {}

    /** The addresses of a From header ("Name &lt;a@b&gt;, c@d"), in order; empty when there are none. */
    static List<String> addresses(String fromHeader) {
        List<String> addresses = new ArrayList<>();
        if (fromHeader == null || fromHeader.isBlank()) {
            return addresses;
        }
        try {
            for (InternetAddress address : InternetAddress.parseHeader(fromHeader, false)) {
                if (address.getAddress() != null && address.getAddress().indexOf('@') > 0) {
                    addresses.add(address.getAddress().trim());
                }
            }
        } catch (AddressException | RuntimeException unparseable) {
            // a From that jakarta.mail cannot parse: take what is between the last angle brackets, if anything
            int open = fromHeader.lastIndexOf('<');
            int close = fromHeader.lastIndexOf('>');
            String candidate = open >= 0 && close > open ? fromHeader.substring(open + 1, close) : fromHeader;
            if (candidate.indexOf('@') > 0) {
                addresses.add(candidate.trim());
            }
        }
        return addresses;
    }

    /** The domain of an address, lower-cased; empty when there is none. */
    static Optional<String> ofAddress(String address) {
        if (address == null) {
            return Optional.empty();
        }
        int at = address.lastIndexOf('@');
        return at < 0 ? Optional.empty() : domain(address.substring(at + 1));
    }

    /** The TLS-Report-Submitter header is a domain (RFC 8460 section 5.3); some senders put an address there. */
    static Optional<String> ofSubmitter(String submitter) {
        if (submitter == null) {
            return Optional.empty();
        }
        return submitter.indexOf('@') >= 0 ? ofAddress(submitter) : domain(submitter);
    }

    /**
     * The domain of a report's contact-info: a mailto: URI, an address, a URL's host or a bare domain (RFC 8460
     * section 4.4 says "e-mail address", real reports also send URLs and domains).
     */
    static Optional<String> ofContactInfo(String contactInfo) {
        if (contactInfo == null || contactInfo.isBlank()) {
            return Optional.empty();
        }
        String value = contactInfo.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mailto:")) {
            String address = value.substring("mailto:".length());
            int query = address.indexOf('?');
            return ofAddress(query < 0 ? address : address.substring(0, query));
        }
        if (lower.contains("://")) {
            try {
                return domain(new URI(value).getHost());
            } catch (URISyntaxException notAUri) {
                return Optional.empty();
            }
        }
        if (value.indexOf('@') >= 0) {
            return ofAddress(value);
        }
        return domain(value);
    }

    /** A domain name as given, lower-cased, without a trailing dot; empty when it does not look like one. */
    static Optional<String> domain(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String domain = ExtractConfiguration.normalise(value);
        if (domain.endsWith(">")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.isEmpty()
                || domain.length() > MAX_DOMAIN_LENGTH
                || domain.indexOf('.') < 0
                || domain.startsWith(".")
                || domain.contains("..")
                || domain.chars().anyMatch(c -> c <= ' ' || "@/\\<>()[]\",;:".indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(domain);
    }
}
