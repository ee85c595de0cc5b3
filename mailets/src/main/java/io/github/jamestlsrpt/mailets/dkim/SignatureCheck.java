package io.github.jamestlsrpt.mailets.dkim;

/**
 * What one DKIM-Signature says about the report.
 *
 * @param domain the signature's d= as written (null when it could not be read)
 * @param selector the signature's s= as written (null when it could not be read)
 * @param standing how close it comes to authenticating the report; the order of the constants ranks failures from
 *     the most to the least informative
 * @param explanation for a person: why it does or does not authenticate the report
 * @param reporterDomain the reporter domain it speaks for, only when it authenticates
 * @param retryable its key could not be looked up now, and it could authenticate the report once it can
 */
record SignatureCheck(
        String domain,
        String selector,
        Standing standing,
        String explanation,
        String reporterDomain,
        boolean retryable) {

    enum Standing {
        /** verifies, d= speaks for the reporter, the key allows tlsrpt, no l= */
        AUTHENTICATES,
        /** verifies and d= speaks for the reporter, but RFC 8460 or RFC 8301 refuses it (l=, key type, rsa-sha1) */
        ALIGNED_REFUSED,
        /** d= speaks for the reporter, but the signature does not verify (changed body, missing key, expired) */
        ALIGNED_FAILED,
        /** verifies, but d= cannot speak for the reporter */
        UNALIGNED_VALID,
        /** d= cannot speak for the reporter, and the signature does not verify either */
        UNALIGNED_FAILED,
        /** not even d= could be read */
        UNREADABLE
    }

    /** {@code d=example.com (s=selector)}, safe to show. */
    String signature() {
        if (domain == null) {
            return "without d=";
        }
        return "d=" + Text.value(domain) + " (s=" + Text.value(selector) + ")";
    }

    /** The subject of a sentence: {@code the DKIM signature d=example.com (s=selector)}. */
    String subject() {
        return domain == null ? "a DKIM signature without a readable d=" : "the DKIM signature " + signature();
    }

    /** {@code d=example.com (s=selector): why}, for a list of signatures. */
    String described() {
        return signature() + ": " + explanation;
    }
}
