package io.github.jamestlsrpt.mailets.dkim;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;

/**
 * A {@link DNSService} that answers TXT and MX lookups from maps, and fails the way James's services do: names it
 * does not hold throw as James's InMemoryDNSService does (a RuntimeException caused by UnknownHostException), and
 * when "down" it answers TXT with nothing and MX with a TemporaryResolutionException, as DNSJavaService does when
 * the resolver cannot be reached.
 */
final class FakeDnsService implements DNSService {

    private final Map<String, List<String>> txt = new HashMap<>();
    private final Map<String, List<String>> mx = new HashMap<>();
    private final Map<String, RuntimeException> txtFailures = new HashMap<>();
    private final Map<String, RuntimeException> mxFailures = new HashMap<>();
    private final List<String> queries = new ArrayList<>();
    private boolean down;

    FakeDnsService txt(String name, String... records) {
        txt.put(name, List.of(records));
        return this;
    }

    FakeDnsService mx(String name, String... hosts) {
        mx.put(name, List.of(hosts));
        return this;
    }

    FakeDnsService txtThrows(String name, RuntimeException failure) {
        txtFailures.put(name, failure);
        return this;
    }

    FakeDnsService mxThrows(String name, RuntimeException failure) {
        mxFailures.put(name, failure);
        return this;
    }

    /** As DNSJavaService when its resolver cannot be reached: TXT answers empty, MX throws. */
    FakeDnsService down() {
        this.down = true;
        return this;
    }

    List<String> queries() {
        return queries;
    }

    @Override
    public Collection<String> findTXTRecords(String hostname) {
        queries.add("TXT " + hostname);
        if (down) {
            return List.of();
        }
        if (txtFailures.containsKey(hostname)) {
            throw txtFailures.get(hostname);
        }
        return lookup(txt, hostname);
    }

    @Override
    public Collection<String> findMXRecords(String hostname) throws TemporaryResolutionException {
        queries.add("MX " + hostname);
        if (down) {
            throw new TemporaryResolutionException("DNSService is temporary not reachable");
        }
        if (mxFailures.containsKey(hostname)) {
            throw mxFailures.get(hostname);
        }
        return lookup(mx, hostname);
    }

    private static List<String> lookup(Map<String, List<String>> records, String hostname) {
        List<String> found = records.get(hostname);
        if (found == null) {
            throw new RuntimeException(new UnknownHostException(hostname));
        }
        return found;
    }

    @Override
    public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
        throw new UnknownHostException(host);
    }

    @Override
    public InetAddress getByName(String host) throws UnknownHostException {
        throw new UnknownHostException(host);
    }

    @Override
    public InetAddress getLocalHost() throws UnknownHostException {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public String getHostName(InetAddress addr) {
        return addr.getHostAddress();
    }
}
