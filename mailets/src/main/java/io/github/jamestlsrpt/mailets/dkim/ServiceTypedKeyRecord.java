package io.github.jamestlsrpt.mailets.dkim;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.james.jdkim.tagvalue.PublicKeyRecordImpl;

/**
 * A DKIM key record that also tells its service types (s=, RFC 6376 section 3.6.1), which jDKIM parses but never
 * checks: a key restricted to {@code s=email} verifies in jDKIM like any other.
 */
final class ServiceTypedKeyRecord extends PublicKeyRecordImpl {

    static final String TLSRPT = "tlsrpt";

    /** Keys decoded so far (by k= and p=), up to this many: reporters sign with a handful of keys. */
    static final int REMEMBERED_KEYS = 1024;

    private static final Remembered<String, PublicKey> DECODED = new Remembered<>(REMEMBERED_KEYS);

    private PublicKey key;

    ServiceTypedKeyRecord(String record) {
        super(record);
    }

    /**
     * The key, decoded once per key text: jDKIM decodes p= (base64, X.509, a key factory) each time it is asked, two
     * or three times per verification, which cost more than checking the signature. A key that does not decode
     * throws jDKIM's {@link IllegalStateException} every time and is not remembered.
     */
    @Override
    public PublicKey getPublicKey() {
        if (key == null) {
            key = DECODED.get(getValue("k") + ":" + getValue("p"), text -> super.getPublicKey());
        }
        return key;
    }

    /** The s= list as written, lower case; {@code *} when s= is absent. */
    List<String> serviceTypes() {
        return Arrays.stream(getValue("s").toString().split(":"))
                .map(type -> type.strip().toLowerCase(Locale.ROOT))
                .filter(type -> !type.isEmpty())
                .toList();
    }

    /**
     * Whether the key may sign reports: RFC 8460 section 3 asks for {@code s=tlsrpt}, RFC 6376 section 3.6.1 has
     * verifiers ignore a key whose s= does not list their service, and an absent s= means {@code *}, every service.
     */
    boolean allowsTlsrpt() {
        List<String> types = serviceTypes();
        return types.contains("*") || types.contains(TLSRPT);
    }
}
