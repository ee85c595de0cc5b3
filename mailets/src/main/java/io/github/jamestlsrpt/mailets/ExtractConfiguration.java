package io.github.jamestlsrpt.mailets;

import io.github.jamestlsrpt.core.read.ReaderLimits;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.apache.james.core.Domain;
import org.apache.mailet.MailetConfig;

/**
 * The configuration of {@link ExtractTlsReports}, read and checked once in init().
 *
 * @param limits the core's limits for each report payload
 * @param dkim what an unauthenticated report becomes
 * @param outOfScope what a report for a domain not served here becomes
 * @param domains the served domains, lower-cased; empty means "ask the mailet context" (James's domain list)
 * @param mxHosts this server's MX host names, lower-cased, for DANE host reports
 */
record ExtractConfiguration(
        ReaderLimits limits, DkimPolicy dkim, OutOfScope outOfScope, Set<String> domains, Set<String> mxHosts) {

    static final String MAX_COMPRESSED_BYTES = "maxCompressedBytes";
    static final String MAX_DECOMPRESSED_BYTES = "maxDecompressedBytes";
    static final String MAX_NESTING_DEPTH = "maxNestingDepth";
    static final String MAX_STRING_LENGTH = "maxStringLength";
    static final String MAX_NUMBER_LENGTH = "maxNumberLength";
    static final String MAX_ZIP_ENTRIES = "maxZipEntries";
    static final String DKIM = "dkim";
    static final String OUT_OF_SCOPE = "outOfScope";
    static final String DOMAINS = "domains";
    static final String MX_HOSTS = "mxHosts";

    static final List<String> PARAMETERS = List.of(
            DKIM,
            OUT_OF_SCOPE,
            DOMAINS,
            MX_HOSTS,
            MAX_COMPRESSED_BYTES,
            MAX_DECOMPRESSED_BYTES,
            MAX_NESTING_DEPTH,
            MAX_STRING_LENGTH,
            MAX_NUMBER_LENGTH,
            MAX_ZIP_ENTRIES);

    static final ExtractConfiguration DEFAULTS =
            new ExtractConfiguration(ReaderLimits.DEFAULTS, DkimPolicy.REQUIRE, OutOfScope.FLAG, Set.of(), Set.of());

    ExtractConfiguration {
        domains = Set.copyOf(domains);
        mxHosts = Set.copyOf(mxHosts);
    }

    /** What a report that no DKIM signature authenticates becomes (RFC 8460 section 3). */
    enum DkimPolicy {
        /** not stored as a report: outcome unauthenticated, the mail is kept with the reason (the RFC's MUST) */
        REQUIRE("require"),
        /** stored, its document carrying the verdict */
        FLAG("flag"),
        /** not checked: the verdict is not-checked */
        OFF("off");

        private final String wireName;

        DkimPolicy(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }
    }

    /** What a report none of whose policy domains is served here becomes. */
    enum OutOfScope {
        /**
         * outcome out-of-scope: StoreTlsReports keeps it in its outOfScopeFolder when it has one, else does not store
         * it as a report (the mail is kept, with the reason)
         */
        FLAG("flag"),
        /** outcome accepted, stored with the others; its reason says it is out of scope */
        ACCEPT("accept");

        private final String wireName;

        OutOfScope(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }
    }

    static ExtractConfiguration of(MailetConfig config) throws MessagingException {
        rejectUnknownParameters(config);
        ReaderLimits limits = new ReaderLimits(
                longParameter(config, MAX_COMPRESSED_BYTES, ReaderLimits.DEFAULTS.maxCompressedBytes()),
                longParameter(config, MAX_DECOMPRESSED_BYTES, ReaderLimits.DEFAULTS.maxDecompressedBytes()),
                intParameter(config, MAX_NESTING_DEPTH, ReaderLimits.DEFAULTS.maxNestingDepth()),
                intParameter(config, MAX_STRING_LENGTH, ReaderLimits.DEFAULTS.maxStringLength()),
                intParameter(config, MAX_NUMBER_LENGTH, ReaderLimits.DEFAULTS.maxNumberLength()),
                intParameter(config, MAX_ZIP_ENTRIES, ReaderLimits.DEFAULTS.maxZipEntries()));
        DkimPolicy dkim = choice(config, DKIM, DkimPolicy.values(), DkimPolicy::wireName, DEFAULTS.dkim());
        OutOfScope outOfScope =
                choice(config, OUT_OF_SCOPE, OutOfScope.values(), OutOfScope::wireName, DEFAULTS.outOfScope());
        String domains = config.getInitParameter(DOMAINS);
        if (domains != null && domains.isBlank()) {
            throw error(
                    DOMAINS,
                    "must list at least one domain (comma separated); leave it out to use the"
                            + " server's domain list");
        }
        return new ExtractConfiguration(
                limits,
                dkim,
                outOfScope,
                domainList(DOMAINS, domains),
                domainList(MX_HOSTS, config.getInitParameter(MX_HOSTS)));
    }

    private static void rejectUnknownParameters(MailetConfig config) throws MessagingException {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = config.getInitParameterNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PARAMETERS.contains(name) && !JamesParameters.isJames(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new MessagingException("ExtractTlsReports: unknown parameter" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + "; the parameters are " + String.join(", ", PARAMETERS));
        }
    }

    private static long longParameter(MailetConfig config, String name, long defaultValue) throws MessagingException {
        return number(config, name, defaultValue, Long.MAX_VALUE, value -> value);
    }

    private static int intParameter(MailetConfig config, String name, int defaultValue) throws MessagingException {
        return number(config, name, defaultValue, Integer.MAX_VALUE, value -> (int) value);
    }

    private static <T> T number(MailetConfig config, String name, T defaultValue, long max, LongFunction<T> convert)
            throws MessagingException {
        String value = config.getInitParameter(name);
        if (value == null) {
            return defaultValue;
        }
        String expected =
                "must be a whole number from 1 to " + max + " (default " + defaultValue + "), was \"" + value + "\"";
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException notANumber) {
            throw error(name, expected);
        }
        if (parsed < 1 || parsed > max) {
            throw error(name, expected);
        }
        return convert.apply(parsed);
    }

    private static <E extends Enum<E>> E choice(
            MailetConfig config,
            String name,
            E[] values,
            java.util.function.Function<E, String> wireName,
            E defaultValue)
            throws MessagingException {
        String value = config.getInitParameter(name);
        if (value == null) {
            return defaultValue;
        }
        for (E candidate : values) {
            if (wireName.apply(candidate).equals(value.trim())) {
                return candidate;
            }
        }
        throw error(
                name,
                "must be one of "
                        + Arrays.stream(values).map(wireName).collect(Collectors.joining(", "))
                        + " (default " + wireName.apply(defaultValue) + "), was \"" + value + "\"");
    }

    /** A comma-separated list of domain names, lower-cased, a trailing dot removed; empty when absent or blank. */
    private static Set<String> domainList(String name, String value) throws MessagingException {
        Set<String> domains = new LinkedHashSet<>();
        if (value == null || value.isBlank()) {
            return domains;
        }
        for (String item : value.split(",", -1)) {
            String domain = normalise(item);
            if (domain.isEmpty() || !isDomainName(domain)) {
                throw error(
                        name,
                        "must be a comma-separated list of domain names, \"" + item.trim() + "\" is not one (in \""
                                + value + "\")");
            }
            domains.add(domain);
        }
        return domains;
    }

    static String normalise(String domain) {
        String trimmed = domain.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static boolean isDomainName(String domain) {
        if (domain.contains("@") || domain.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
            return false;
        }
        try {
            Domain.of(domain);
            return true;
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }

    private static MessagingException error(String name, String message) {
        return new MessagingException("ExtractTlsReports: parameter " + name + " " + message);
    }
}
