package io.github.jamestlsrpt.mailets.dkim;

import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mailets.dkim.SignatureCheck.Standing;
import java.io.IOException;
import java.security.interfaces.RSAPublicKey;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.jdkim.api.Result;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.tagvalue.TagValue;

/**
 * Authenticates a report mail as RFC 8460 section 3 asks, with Apache jDKIM: the report is authenticated when one
 * DKIM signature
 *
 * <ul>
 *   <li>verifies (body hash and header signature, not expired, key found),
 *   <li>has a d= that equals, or is a parent of, one of the reporter domains (From, TLS-Report-Submitter,
 *       contact-info) at a label boundary, and that is not a public suffix (Guava's public suffix list),
 *   <li>has no {@code l=} tag ("MUST NOT use the l= attribute"),
 *   <li>was made with a key whose service type allows {@code tlsrpt} (s= absent, {@code *}, or listing
 *       {@code tlsrpt}): jDKIM does not check s= itself, so this class does,
 *   <li>and uses neither {@code rsa-sha1} nor an RSA key under 1024 bits (RFC 8301 section 3.1/3.2).
 * </ul>
 *
 * <p>Any one such signature is enough. A mail without DKIM-Signature gets {@link DkimVerdict#none()}; otherwise the
 * verdict is a fail whose reason names each signature and its most telling problem, the closest miss first. A key
 * that the DNS could not look up now throws {@link TemporaryDkimFailure}, but only when no other signature
 * authenticates the report and the one whose key is missing could (its d= speaks for the reporter, no l=); a missing
 * key (no such record) is a fail of that signature.
 *
 * <p>The bytes given are read as jDKIM itself reads them ({@link DkimMessage}: mime4j, lone LF read as CRLF).
 * Thread-safe: every call uses a verifier of its own.
 */
public final class DkimReportAuthenticator implements ReportAuthenticator {

    /** RFC 8301 section 3.2: verifiers must not accept RSA keys shorter than this. */
    static final int MIN_RSA_BITS = 1024;

    private static final int MAX_LISTED_SIGNATURES = 3;

    private final DkimKeyLookup keyLookup;

    public DkimReportAuthenticator(DkimKeyLookup keyLookup) {
        this.keyLookup = Objects.requireNonNull(keyLookup, "keyLookup");
    }

    /** Looks keys up through James's DNS service ({@link DnsServiceKeyLookup}). */
    public static DkimReportAuthenticator overDns(DNSService dnsService) {
        return new DkimReportAuthenticator(new DnsServiceKeyLookup(dnsService));
    }

    @Override
    public DkimVerdict authenticate(byte[] message, Set<String> reporterDomains) throws TemporaryDkimFailure {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(reporterDomains, "reporterDomains");
        KeyLookupRetriever retriever = new KeyLookupRetriever(keyLookup);
        KeyTrackingVerifier verifier = new KeyTrackingVerifier(retriever);
        try (DkimMessage signed = DkimMessage.read(message)) {
            if (verifier.verify(signed, signed.body()) == null) {
                return DkimVerdict.none();
            }
        } catch (FailException e) {
            // no signature verifies; the results below say why, signature by signature
            if (verifier.getResults().isEmpty()) {
                return unreadable(e);
            }
        } catch (IOException | RuntimeException e) {
            return unreadable(e);
        }

        ReporterAlignment alignment = new ReporterAlignment(reporterDomains);
        List<SignatureCheck> checks = verifier.getResults().stream()
                .map(result -> check(result, verifier, alignment))
                .sorted(Comparator.comparing(SignatureCheck::standing))
                .toList();

        SignatureCheck best = checks.get(0);
        if (best.standing() == Standing.AUTHENTICATES) {
            return DkimVerdict.pass(
                    ReporterAlignment.normalise(best.domain()), Text.reason(best.subject() + " " + best.explanation()));
        }
        Optional<SignatureCheck> retryable =
                checks.stream().filter(SignatureCheck::retryable).findFirst();
        if (retryable.isPresent()) {
            SignatureCheck check = retryable.get();
            throw new TemporaryDkimFailure(
                    Text.reason(check.subject() + " cannot be checked now: " + check.explanation() + "; retry later"),
                    retriever.failureFor(check.selector(), check.domain()).orElse(null));
        }
        return DkimVerdict.fail(Text.reason(failureReason(checks)));
    }

    private static DkimVerdict unreadable(Exception e) {
        return DkimVerdict.fail(Text.reason("the message could not be read for DKIM: " + e.getMessage()));
    }

    private static String failureReason(List<SignatureCheck> checks) {
        if (checks.size() == 1) {
            SignatureCheck check = checks.get(0);
            return check.subject() + " does not authenticate the report: " + check.explanation();
        }
        String listed = checks.stream()
                .limit(MAX_LISTED_SIGNATURES)
                .map(SignatureCheck::described)
                .collect(Collectors.joining("; "));
        int more = checks.size() - MAX_LISTED_SIGNATURES;
        return "none of the " + checks.size() + " DKIM signatures authenticates the report: " + listed
                + (more > 0 ? "; and " + more + " more" : "");
    }

    private static SignatureCheck check(Result result, KeyTrackingVerifier verifier, ReporterAlignment alignment) {
        SignatureRecord record = result.getRecord();
        if (result.isSuccess()) {
            return verified(record, verifier, alignment);
        }
        // a failure jDKIM could not tie to a parsed record comes with a placeholder record (d=invalid)
        boolean parsed = result.getResultType() != Result.Type.PERMERROR && record != null;
        Map<String, String> raw = RawSignatureTags.of(result.getDkimRawField());
        String domain = parsed ? record.getDToken().toString() : raw.get("d");
        String selector = parsed ? record.getSelector().toString() : raw.get("s");
        boolean bodyLimit = parsed ? hasTag(record, "l") : raw.containsKey("l");
        String cause = JdkimMessages.explain(result.getErrorMessage());
        if (domain == null) {
            return new SignatureCheck(null, selector, Standing.UNREADABLE, cause, null, false);
        }
        Optional<String> unaligned = alignment.problemWith(domain);
        if (unaligned.isPresent()) {
            return new SignatureCheck(
                    domain,
                    selector,
                    Standing.UNALIGNED_FAILED,
                    unaligned.get() + "; nor does it verify: " + cause,
                    null,
                    false);
        }
        boolean retryable = result.getResultType() == Result.Type.TEMPERROR && !bodyLimit;
        return new SignatureCheck(domain, selector, Standing.ALIGNED_FAILED, cause, null, retryable);
    }

    private static SignatureCheck verified(
            SignatureRecord record, KeyTrackingVerifier verifier, ReporterAlignment alignment) {
        String domain = record.getDToken().toString();
        String selector = record.getSelector().toString();
        Optional<String> unaligned = alignment.problemWith(domain);
        if (unaligned.isPresent()) {
            return new SignatureCheck(
                    domain, selector, Standing.UNALIGNED_VALID, "verifies, but " + unaligned.get(), null, false);
        }
        Optional<ServiceTypedKeyRecord> key = verifier.keyOf(record);
        Optional<String> refusal = refusal(record, key);
        if (refusal.isPresent()) {
            return new SignatureCheck(
                    domain, selector, Standing.ALIGNED_REFUSED, "verifies, but " + refusal.get(), null, false);
        }
        String reporterDomain = alignment.reporterDomainCoveredBy(domain).orElseThrow();
        String keyTypes = String.join(":", key.orElseThrow().serviceTypes());
        return new SignatureCheck(
                domain,
                selector,
                Standing.AUTHENTICATES,
                "verifies and speaks for the reporter domain " + reporterDomain + " (key service type s="
                        + Text.value(keyTypes) + ")",
                reporterDomain,
                false);
    }

    /** Why RFC 8460 or RFC 8301 refuses a signature that verifies and is aligned, if they do. */
    private static Optional<String> refusal(SignatureRecord record, Optional<ServiceTypedKeyRecord> key) {
        if (hasTag(record, "l")) {
            return Optional.of("it signs only the first " + record.getBodyHashLimit()
                    + " bytes of the body (l=), which RFC 8460 section 3 forbids for reports");
        }
        if ("sha1".equalsIgnoreCase(record.getHashMethod().toString())) {
            return Optional.of("it uses rsa-sha1, which RFC 8301 section 3.1 no longer accepts");
        }
        if (key.isEmpty()) {
            return Optional.of("its key could not be inspected");
        }
        if (key.get().getPublicKey() instanceof RSAPublicKey rsa
                && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            return Optional.of("its key has " + rsa.getModulus().bitLength() + " bits, under the " + MIN_RSA_BITS
                    + " RFC 8301 section 3.2 requires");
        }
        if (!key.get().allowsTlsrpt()) {
            return Optional.of(
                    "its key at " + Text.value(KeyLookupRetriever.keyName(record.getSelector(), record.getDToken()))
                            + " is for service type s="
                            + Text.value(String.join(":", key.get().serviceTypes()))
                            + ", which does not include tlsrpt (RFC 6376 section 3.6.1, RFC 8460 section 3)");
        }
        return Optional.empty();
    }

    private static boolean hasTag(SignatureRecord record, String tag) {
        return record instanceof TagValue tags && tags.getTags().contains(tag);
    }
}
