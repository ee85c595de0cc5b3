package io.github.jamestlsrpt.mailets.dkim;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.util.Collection;
import java.util.List;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;

/**
 * This package's DKIM test fixtures ({@link TestDkim}, {@link FakeDnsService}) for tests in other packages: a
 * reporter's key, its signatures made with jDKIM's own signer, and a James DNS service that publishes the key.
 */
public final class DkimFixtures {

    private DkimFixtures() {}

    /** A 2048-bit RSA key pair, the same for the whole run. */
    public static KeyPair keys() {
        return TestDkim.rsa(2048);
    }

    /** A DKIM key record for the key, with any further tags (for example "s=tlsrpt; ") before p=. */
    public static String keyRecord(KeyPair keys, String moreTags) {
        return TestDkim.keyRecord(keys, moreTags);
    }

    /**
     * The message with a DKIM-Signature field added at the top, made by jDKIM's {@code DKIMSigner} over exactly these
     * bytes: relaxed/relaxed, rsa-sha256, signing {@value TestDkim#SIGNED_HEADERS}.
     *
     * @param moreTags further tags such as "l=40"
     */
    public static byte[] sign(byte[] message, String domain, String selector, KeyPair keys, String... moreTags) {
        TestDkim.Signature signature = TestDkim.signature(domain, selector, keys);
        for (String tag : moreTags) {
            signature.tag(tag);
        }
        return signature.applyTo(message);
    }

    /**
     * James's DNS service as {@link FakeDnsService} plays it: TXT and MX records from maps, a name it does not hold
     * answered as James's InMemoryDNSService does, and a resolver that can be taken down.
     */
    public static final class Dns implements DNSService {

        private final FakeDnsService fake = new FakeDnsService();

        /** Publishes TXT records at {@code selector._domainkey.domain}. */
        public Dns publishKey(String selector, String domain, String... keyRecords) {
            fake.txt(selector + "._domainkey." + domain, keyRecords);
            return this;
        }

        /** As DNSJavaService when its resolver cannot be reached: TXT answers empty, MX throws. */
        public Dns down() {
            fake.down();
            return this;
        }

        /** The lookups made, in order: "TXT name" or "MX name". */
        public List<String> queries() {
            return List.copyOf(fake.queries());
        }

        @Override
        public Collection<String> findMXRecords(String hostname) throws TemporaryResolutionException {
            return fake.findMXRecords(hostname);
        }

        @Override
        public Collection<String> findTXTRecords(String hostname) {
            return fake.findTXTRecords(hostname);
        }

        @Override
        public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
            return fake.getAllByName(host);
        }

        @Override
        public InetAddress getByName(String host) throws UnknownHostException {
            return fake.getByName(host);
        }

        @Override
        public InetAddress getLocalHost() throws UnknownHostException {
            return fake.getLocalHost();
        }

        @Override
        public String getHostName(InetAddress addr) {
            return fake.getHostName(addr);
        }
    }
}
