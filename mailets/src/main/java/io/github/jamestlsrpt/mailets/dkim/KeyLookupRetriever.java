package io.github.jamestlsrpt.mailets.dkim;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;

/**
 * Gives jDKIM the key records from a {@link DkimKeyLookup}. jDKIM's {@link TempFailException} carries no cause, so
 * the lookup failure behind each one is kept here, to be the cause of the {@link TemporaryDkimFailure}. One instance
 * serves one verification.
 */
final class KeyLookupRetriever implements PublicKeyRecordRetriever {

    private static final String DNS_TXT = "dns/txt";

    private final DkimKeyLookup lookup;
    private final Map<String, DkimKeyLookupException> failures = new HashMap<>();

    KeyLookupRetriever(DkimKeyLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public List<String> getRecords(CharSequence methodAndOptions, CharSequence selector, CharSequence domain)
            throws TempFailException, PermFailException {
        if (!DNS_TXT.equalsIgnoreCase(methodAndOptions.toString())) {
            throw new PermFailException("its key query method q=" + methodAndOptions + " is unknown (only dns/txt)");
        }
        String name = keyName(selector, domain);
        List<String> records;
        try {
            records = lookup.keyRecords(selector.toString(), domain.toString());
        } catch (DkimKeyLookupException e) {
            failures.put(name, e);
            throw new TempFailException("its key at " + name + " could not be looked up: " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw new PermFailException("no DKIM key is published at " + name);
        }
        return records;
    }

    Optional<DkimKeyLookupException> failureFor(CharSequence selector, CharSequence domain) {
        return Optional.ofNullable(failures.get(keyName(selector, domain)));
    }

    static String keyName(CharSequence selector, CharSequence domain) {
        return (selector + "._domainkey." + domain).toLowerCase(Locale.ROOT);
    }
}
