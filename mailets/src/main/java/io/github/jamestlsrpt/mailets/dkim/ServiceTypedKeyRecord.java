package io.github.jamestlsrpt.mailets.dkim;

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

    ServiceTypedKeyRecord(String record) {
        super(record);
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
