package io.github.jamestlsrpt.mailets.dkim;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecord;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;

/**
 * jDKIM's verifier, remembering which key record each signature was checked with, so that the key's service type
 * can be judged after the cryptography passed (jDKIM's results name the signature, not the key), and preferring,
 * among several records at one name, those that allow tlsrpt (jDKIM takes the first valid one). Holds state: one
 * instance serves one verification.
 */
final class KeyTrackingVerifier extends DKIMVerifier {

    private final Map<SignatureRecord, PublicKeyRecord> keys = new IdentityHashMap<>();

    KeyTrackingVerifier(KeyLookupRetriever retriever) {
        super(retriever);
    }

    @Override
    protected PublicKeyRecord newPublicKeyRecord(String record) {
        return new ServiceTypedKeyRecord(record);
    }

    /** RFC 6376 section 3.6.1: a verifier ignores a key record whose s= does not list its service. */
    @Override
    public PublicKeyRecord publicKeySelector(List<String> records) throws PermFailException {
        if (records == null || records.size() < 2) {
            return super.publicKeySelector(records);
        }
        List<String> preferred = new ArrayList<>(records.size());
        List<String> others = new ArrayList<>(records.size());
        for (String record : records) {
            (allowsTlsrpt(record) ? preferred : others).add(record);
        }
        preferred.addAll(others);
        return super.publicKeySelector(preferred);
    }

    private static boolean allowsTlsrpt(String record) {
        try {
            return new ServiceTypedKeyRecord(record).allowsTlsrpt();
        } catch (RuntimeException e) {
            // not a key record jDKIM can read: jDKIM will say so
            return false;
        }
    }

    @Override
    public PublicKeyRecord publicRecordLookup(SignatureRecord signature) throws TempFailException, PermFailException {
        PublicKeyRecord key = super.publicRecordLookup(signature);
        keys.put(signature, key);
        return key;
    }

    Optional<ServiceTypedKeyRecord> keyOf(SignatureRecord signature) {
        return Optional.ofNullable(keys.get(signature))
                .filter(ServiceTypedKeyRecord.class::isInstance)
                .map(ServiceTypedKeyRecord.class::cast);
    }
}
