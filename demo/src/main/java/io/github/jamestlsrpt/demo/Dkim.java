package io.github.jamestlsrpt.demo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.apache.james.jdkim.DKIMSigner;

/**
 * DKIM for the demo and the tests: a signing key per domain, generated here, whose public half is published in
 * James's in-memory DNS; signatures made with jDKIM's own signer (the jDKIM of James 3.8.1, on the class path),
 * rsa-sha256 with relaxed/relaxed canonicalisation, as the big senders sign.
 */
public final class Dkim {

    /** The header fields the senders' signatures cover, when the mail has them. */
    public static final String SIGNED_HEADERS =
            "from:to:subject:date:message-id:mime-version:content-type:tls-report-domain:tls-report-submitter";

    private final String domain;
    private final String selector;
    private final KeyPair keys;

    private Dkim(String domain, String selector, KeyPair keys) {
        this.domain = domain;
        this.selector = selector;
        this.keys = keys;
    }

    /** A new 2048-bit RSA key for d=domain, s=selector. */
    public static Dkim key(String domain, String selector) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new Dkim(domain, selector, generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is available on every Java platform", e);
        }
    }

    /** Publishes the key record at selector._domainkey.domain, as "v=DKIM1; k=rsa; p=...". */
    public Dkim publishIn(InMemoryDNSService dns) {
        String record = "v=DKIM1; k=rsa; p="
                + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        dns.registerRecord(recordName(), List.of(), List.of(), List.of(record));
        return this;
    }

    /** Where the key is published: selector._domainkey.domain. */
    public String recordName() {
        return selector + "._domainkey." + domain;
    }

    /** The message with a DKIM-Signature header field of this key on top. */
    public String sign(String message) {
        return sign(message, "");
    }

    /** Signs with the body length limit l= set to the whole body (which RFC 8460 section 3 forbids). */
    public String signWithBodyLengthLimit(String message) {
        int bodyStart = message.indexOf("\r\n\r\n") + 4;
        int bodyLength = message.length() - bodyStart;
        return sign(message, " l=" + bodyLength + ";");
    }

    private String sign(String message, String extraTags) {
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector + ";" + extraTags
                + " h=" + SIGNED_HEADERS + "; bh=; b=;";
        try {
            PrivateKey privateKey = keys.getPrivate();
            String signature = new DKIMSigner(template, privateKey)
                    .sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)));
            return signature + "\r\n" + message;
        } catch (Exception e) {
            throw new IllegalStateException("jDKIM could not sign a mail for " + domain, e);
        }
    }
}
