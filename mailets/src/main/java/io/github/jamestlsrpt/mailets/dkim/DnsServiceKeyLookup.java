package io.github.jamestlsrpt.mailets.dkim;

import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;

/**
 * DKIM keys from James's own {@link DNSService}, so that lookups go through the operator's resolver and, in tests,
 * through James's in-memory DNS.
 *
 * <p>{@link DNSService#findTXTRecords} reports no failure: James's dnsjava-backed service answers an empty list both
 * when the name does not exist and when the DNS could not be reached (its lookup swallows dnsjava's TRY_AGAIN), and
 * James's in-memory service throws a {@link RuntimeException} caused by {@link UnknownHostException} for a name it
 * does not hold. So an empty answer is checked once more with {@link DNSService#findMXRecords} for the signing domain,
 * the one method of the API that does report a temporary failure ({@link TemporaryResolutionException}): when that
 * fails too, the DNS is down and the lookup is temporary, not a missing key. This probe cannot see a failure that
 * hits only the key's name (for example a TXT answer too large for UDP where TCP is blocked): then the key counts as
 * missing.
 */
public final class DnsServiceKeyLookup implements DkimKeyLookup {

    private final DNSService dnsService;

    public DnsServiceKeyLookup(DNSService dnsService) {
        this.dnsService = Objects.requireNonNull(dnsService, "dnsService");
    }

    @Override
    public List<String> keyRecords(String selector, String domain) throws DkimKeyLookupException {
        String name = selector + "._domainkey." + domain;
        Collection<String> records;
        try {
            records = dnsService.findTXTRecords(name);
        } catch (RuntimeException e) {
            if (saysNoSuchName(e)) {
                return List.of();
            }
            throw new DkimKeyLookupException("the DNS lookup of TXT " + name + " failed: " + e, e);
        }
        if (records == null || records.isEmpty()) {
            confirmThatDnsAnswers(name, domain);
            return List.of();
        }
        return records.stream().map(TxtRecordText::join).toList();
    }

    private void confirmThatDnsAnswers(String name, String domain) throws DkimKeyLookupException {
        try {
            dnsService.findMXRecords(domain);
        } catch (TemporaryResolutionException e) {
            throw new DkimKeyLookupException(
                    "the DNS gave no TXT record for " + name + " and could not be reached for " + domain, e);
        } catch (RuntimeException e) {
            if (!saysNoSuchName(e)) {
                throw new DkimKeyLookupException(
                        "the DNS gave no TXT record for " + name + " and failed for " + domain + ": " + e, e);
            }
        }
    }

    /** James's in-memory DNS service signals a name it does not hold this way. */
    private static boolean saysNoSuchName(RuntimeException e) {
        return e.getCause() instanceof UnknownHostException;
    }
}
