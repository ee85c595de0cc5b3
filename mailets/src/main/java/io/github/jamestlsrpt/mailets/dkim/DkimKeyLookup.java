package io.github.jamestlsrpt.mailets.dkim;

import java.util.List;

/**
 * Finds the DKIM key records of a signing domain: the TXT records at {@code <selector>._domainkey.<domain>} (RFC 6376
 * section 3.6.2). Implementations answer from the DNS the operator's James uses ({@link DnsServiceKeyLookup}) or, in
 * tests, from a map.
 */
@FunctionalInterface
public interface DkimKeyLookup {

    /**
     * @param selector the signature's s= (the selector)
     * @param domain the signature's d= (the signing domain)
     * @return the TXT records at {@code <selector>._domainkey.<domain>}, each one record with its character-strings
     *     joined; empty when the DNS says that the name has no TXT record or does not exist
     * @throws DkimKeyLookupException when the DNS could not answer now (timeout, SERVFAIL, resolver unreachable):
     *     the key may exist, so the check must be retried later rather than failed
     */
    List<String> keyRecords(String selector, String domain) throws DkimKeyLookupException;
}
