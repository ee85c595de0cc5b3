package io.github.jamestlsrpt.mailets.dkim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.tagvalue.SignatureRecordTemplate;

/**
 * DKIM fixtures made in code: RSA keys generated here, mails signed with jDKIM's own {@link DKIMSigner}, keys
 * published in a map. Every line ends in CRLF.
 */
final class TestDkim {

    static final String CRLF = "\r\n";
    static final String SIGNED_HEADERS = "from:to:subject:date:message-id:tls-report-domain:tls-report-submitter";

    private static final Map<Integer, KeyPair> KEYS = new HashMap<>();

    private TestDkim() {}

    // ------------------------------------------------------------------------------------------ keys

    /** An RSA key pair of the given size; one per size for the whole run, as generating them is slow. */
    static synchronized KeyPair rsa(int bits) {
        return KEYS.computeIfAbsent(bits, TestDkim::generate);
    }

    /** A further 2048-bit key pair, different from {@link #rsa}'s. */
    static KeyPair otherRsa() {
        return generate(2048);
    }

    private static KeyPair generate(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as a base64 SubjectPublicKeyInfo, the p= of a DKIM key record. */
    static String p(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** A DKIM key record, with any further tags (for example "s=tlsrpt; ") before p=. */
    static String keyRecord(KeyPair keys, String moreTags) {
        return "v=DKIM1; k=rsa; " + moreTags + "p=" + p(keys);
    }

    // ------------------------------------------------------------------------------------------ mails

    /**
     * A Google-shaped report mail (multipart/report, report-type=tlsrpt, application/tlsrpt+gzip part) from
     * {@code reporter}; its Subject is folded once.
     */
    static byte[] reportMail(String reporter) {
        String json = "{\"organization-name\":\"" + reporter + "\",\"report-id\":\"r1@" + reporter + "\"}";
        String boundary = "000000000000b0undary";
        String text = String.join(
                CRLF,
                "MIME-Version: 1.0",
                "Date: Wed, 15 Nov 2023 04:17:13 -0800",
                "Message-ID: <000000000000a1b2c3d4e5f6@" + reporter + ">",
                "Subject: Report Domain: example.net Submitter: " + reporter,
                " Report-ID: <2023.11.14T00.00.00Z+example.net@" + reporter + ">",
                "From: noreply-smtp-tls-reporting@" + reporter,
                "To: tlsrpt@example.net",
                "TLS-Report-Domain: example.net",
                "TLS-Report-Submitter: " + reporter,
                "Content-Type: multipart/report; boundary=\"" + boundary + "\"; report-type=tlsrpt",
                "",
                "--" + boundary,
                "Content-Type: text/plain; charset=\"UTF-8\"",
                "",
                "This is an aggregate TLS report from " + reporter,
                "",
                "--" + boundary,
                "Content-Type: application/tlsrpt+gzip; name=\"report.json.gz\"",
                "Content-Disposition: attachment; filename=\"report.json.gz\"",
                "Content-Transfer-Encoding: base64",
                "",
                base64Lines(gzip(json)),
                "--" + boundary + "--",
                "");
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static String text(byte[] message) {
        return new String(message, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(String message) {
        return message.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The message with {@code from} replaced by {@code to} once; fails the test when {@code from} is absent. */
    static byte[] replace(byte[] message, String from, String to) {
        String text = text(message);
        if (!text.contains(from)) {
            throw new IllegalArgumentException("not in the message: " + from);
        }
        return bytes(
                text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }

    private static byte[] gzip(String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String base64Lines(byte[] content) {
        return Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII))
                .encodeToString(content);
    }

    // ------------------------------------------------------------------------------------------ signing

    static Signature signature(String domain, String selector, KeyPair keys) {
        return new Signature(domain, selector, keys.getPrivate());
    }

    /** A DKIM signature to add on top of a message, relaxed/relaxed and rsa-sha256 unless told otherwise. */
    static final class Signature {

        private final String domain;
        private final String selector;
        private final PrivateKey key;
        private String algorithm = "rsa-sha256";
        private String canonicalization = "relaxed/relaxed";
        private String headers = SIGNED_HEADERS;
        private final List<String> moreTags = new ArrayList<>();
        private boolean unchecked;

        private Signature(String domain, String selector, PrivateKey key) {
            this.domain = domain;
            this.selector = selector;
            this.key = key;
        }

        Signature canonicalization(String value) {
            this.canonicalization = value;
            return this;
        }

        Signature algorithm(String value) {
            this.algorithm = value;
            return this;
        }

        Signature headers(String value) {
            this.headers = value;
            return this;
        }

        /** A further tag such as "l=20" or "x=1600000000". */
        Signature tag(String tag) {
            moreTags.add(tag);
            return this;
        }

        /** Signs even what jDKIM's signer refuses to (an x= in the past), as a sender did long ago. */
        Signature withoutSignerChecks() {
            this.unchecked = true;
            return this;
        }

        String template() {
            StringBuilder template = new StringBuilder("v=1; a=" + algorithm + "; c=" + canonicalization + "; d="
                    + domain + "; s=" + selector + "; h=" + headers + ";");
            moreTags.forEach(tag -> template.append(' ').append(tag).append(';'));
            return template.append(" bh=; b=;").toString();
        }

        /** The message with this signature's DKIM-Signature field added at the top. */
        byte[] applyTo(byte[] message) {
            DKIMSigner signer = unchecked ? new UncheckedSigner(template(), key) : new DKIMSigner(template(), key);
            try {
                String field = signer.sign(new ByteArrayInputStream(message));
                return bytes(field + CRLF + text(message));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (FailException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final class UncheckedSigner extends DKIMSigner {

        UncheckedSigner(String template, PrivateKey key) {
            super(template, key);
        }

        @Override
        public SignatureRecord newSignatureRecordTemplate(String record) {
            return new SignatureRecordTemplate(record) {
                @Override
                public void validate() {
                    // the signer's own checks refuse an expired x=; the verifier must see it
                }
            };
        }
    }

    // ------------------------------------------------------------------------------------------ DNS

    /** Keys in a map, by {@code selector._domainkey.domain}; names that fail as a DNS outage does. */
    static final class MapKeyLookup implements DkimKeyLookup {

        private final Map<String, List<String>> records = new HashMap<>();
        private final Set<String> failing = new HashSet<>();

        MapKeyLookup publish(String selector, String domain, String... keyRecords) {
            records.put(selector + "._domainkey." + domain, List.of(keyRecords));
            return this;
        }

        MapKeyLookup failTemporarily(String selector, String domain) {
            failing.add(selector + "._domainkey." + domain);
            return this;
        }

        @Override
        public List<String> keyRecords(String selector, String domain) throws DkimKeyLookupException {
            String name = selector + "._domainkey." + domain;
            if (failing.contains(name)) {
                throw new DkimKeyLookupException("SERVFAIL for " + name, new IOException("SERVFAIL"));
            }
            return records.getOrDefault(name, List.of());
        }
    }
}
