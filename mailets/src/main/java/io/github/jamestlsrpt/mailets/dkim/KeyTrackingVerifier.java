package io.github.jamestlsrpt.mailets.dkim;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecord;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;

/**
 * jDKIM's verifier, remembering which key record each signature was checked with, so that the key's service type
 * can be judged after the cryptography passed (jDKIM's results name the signature, not the key). Holds state: one
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
