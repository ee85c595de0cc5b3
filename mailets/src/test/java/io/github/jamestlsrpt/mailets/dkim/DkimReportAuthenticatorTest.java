package io.github.jamestlsrpt.mailets.dkim;

import static io.github.jamestlsrpt.mailets.dkim.TestDkim.CRLF;
import static io.github.jamestlsrpt.mailets.dkim.TestDkim.keyRecord;
import static io.github.jamestlsrpt.mailets.dkim.TestDkim.replace;
import static io.github.jamestlsrpt.mailets.dkim.TestDkim.reportMail;
import static io.github.jamestlsrpt.mailets.dkim.TestDkim.rsa;
import static io.github.jamestlsrpt.mailets.dkim.TestDkim.signature;
import static io.github.jamestlsrpt.mailets.dkim.TestDkim.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.DkimVerdict.Result;
import io.github.jamestlsrpt.mailets.dkim.TestDkim.MapKeyLookup;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DkimReportAuthenticatorTest {

    private static final KeyPair KEYS = rsa(2048);

    private final MapKeyLookup dns = new MapKeyLookup();
    private final DkimReportAuthenticator authenticator = new DkimReportAuthenticator(dns);

    private DkimVerdict authenticate(byte[] message, String... reporterDomains) throws TemporaryDkimFailure {
        return authenticator.authenticate(message, Set.of(reporterDomains));
    }

    @Nested
    class Passes {

        @Test
        void shouldPassWhenTheSigningDomainIsTheFromDomain() throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, ""));
            byte[] mail = signature("example.com", "sel", KEYS).applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.PASS);
            assertThat(verdict.domain()).isEqualTo("example.com");
            assertThat(verdict.reason())
                    .isEqualTo("the DKIM signature d=example.com (s=sel) verifies and speaks for the reporter domain"
                            + " example.com (key service type s=*)");
        }

        @Test
        void shouldPassWhenTheSigningDomainIsAParentOfTheSubmitterDomain() throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, ""));
            byte[] mail = signature("example.com", "sel", KEYS).applyTo(reportMail("mail.example.com"));

            DkimVerdict verdict = authenticate(mail, "mail.example.com", "reports.example.org");

            assertThat(verdict.result()).isEqualTo(Result.PASS);
            assertThat(verdict.domain()).isEqualTo("example.com");
            assertThat(verdict.reason()).contains("speaks for the reporter domain mail.example.com");
        }

        @ParameterizedTest
        @ValueSource(strings = {"s=tlsrpt; ", "s=*; ", "s=email:tlsrpt; ", "s=TLSRPT; ", "s = email : tlsrpt ; "})
        void shouldPassWhenTheKeyAllowsTheTlsrptServiceType(String serviceType) throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, serviceType));
            byte[] mail = signature("example.com", "sel", KEYS).applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.PASS);
            assertThat(verdict.domain()).isEqualTo("example.com");
        }

        @Test
        void shouldUseTheKeyRecordForTlsrptWhenTheNameHoldsSeveral() throws Exception {
            dns.publish(
                    "sel", "example.com", "v=DKIM1; p=", keyRecord(KEYS, "s=email; "), keyRecord(KEYS, "s=tlsrpt; "));
            byte[] mail = signature("example.com", "sel", KEYS).applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.PASS);
            assertThat(verdict.reason()).endsWith("(key service type s=tlsrpt)");
        }

        @Test
        void shouldCompareDomainsWithoutRegardToCaseOrATrailingDot() throws Exception {
            dns.publish("sel", "Example.COM", keyRecord(KEYS, ""));
            byte[] mail = signature("Example.COM", "sel", KEYS).applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "MAIL.example.com.");

            assertThat(verdict.result()).isEqualTo(Result.PASS);
            assertThat(verdict.domain()).isEqualTo("example.com");
        }

        @Test
        void shouldPassWhenAHeaderIsFoldedAgainUnderRelaxedCanonicalisation() throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, ""));
            byte[] signed = signature("example.com", "sel", KEYS).applyTo(reportMail("example.com"));
            byte[] refolded = replace(
                    signed,
                    "Submitter: example.com" + CRLF + " Report-ID:",
                    "Submitter:" + CRLF + "\t  example.com Report-ID:");

            DkimVerdict verdict = authenticate(refolded, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.PASS);
        }

        @Test
        void shouldPassWhenTheMailArrivesWithLoneLineFeeds() throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, ""));
            byte[] signed = signature("example.com", "sel", KEYS)
                    .canonicalization("simple/simple")
                    .applyTo(reportMail("example.com"));
            byte[] lineFeeds = text(signed).replace(CRLF, "\n").getBytes(StandardCharsets.ISO_8859_1);

            DkimVerdict verdict = authenticate(lineFeeds, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.PASS);
        }

        @Test
        void shouldPassWhenTheBodyHasALineLongerThanMimeLimitsAllow() throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, ""));
            byte[] mail = replace(
                    reportMail("example.com"),
                    "This is an aggregate TLS report",
                    "x".repeat(50_000) + " This is an aggregate TLS report");
            byte[] signed = signature("example.com", "sel", KEYS).applyTo(mail);

            DkimVerdict verdict = authenticate(signed, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.PASS);
        }
    }

    @Nested
    class Fails {

        @Test
        void shouldFailWhenAnUnrelatedDomainSignsValidly() throws Exception {
            dns.publish("sel", "other.example", keyRecord(KEYS, ""));
            byte[] mail = signature("other.example", "sel", KEYS).applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "example.com", "mail.example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.domain()).isNull();
            assertThat(verdict.reason())
                    .isEqualTo("the DKIM signature d=other.example (s=sel) does not authenticate the report:"
                            + " verifies, but d=other.example is neither the reporter's domain nor a parent of it"
                            + " (reporter: example.com, mail.example.com)");
        }

        @Test
        void shouldFailWhenTheSigningDomainMatchesOnlyPartOfALabel() throws Exception {
            dns.publish("sel", "ample.com", keyRecord(KEYS, ""));
            byte[] mail = signature("ample.com", "sel", KEYS).applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason()).contains("d=ample.com is neither the reporter's domain nor a parent of it");
        }

        @Test
        void shouldFailWhenTheSigningDomainIsBelowTheReporterDomain() throws Exception {
            dns.publish("sel", "mail.example.com", keyRecord(KEYS, ""));
            byte[] mail = signature("mail.example.com", "sel", KEYS).applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason()).contains("d=mail.example.com is neither the reporter's domain");
        }

        @Test
        void shouldFailWhenTheSigningDomainIsAPublicSuffix() throws Exception {
            dns.publish("sel", "co.uk", keyRecord(KEYS, ""));
            byte[] mail = signature("co.uk", "sel", KEYS).applyTo(reportMail("mail.example.co.uk"));

            DkimVerdict verdict = authenticate(mail, "mail.example.co.uk");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason())
                    .contains("d=co.uk is a public suffix, which no one organisation owns, so it cannot speak for"
                            + " mail.example.co.uk");
        }

        @Test
        void shouldFailWhenTheSigningDomainIsAPrivatePublicSuffix() throws Exception {
            dns.publish("sel", "github.io", keyRecord(KEYS, ""));
            byte[] mail = signature("github.io", "sel", KEYS).applyTo(reportMail("reporter.github.io"));

            DkimVerdict verdict = authenticate(mail, "reporter.github.io");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason()).contains("d=github.io is a public suffix");
        }

        @Test
        void shouldFailWhenTheBodyChangedAfterSigning() throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, ""));
            byte[] signed = signature("example.com", "sel", KEYS).applyTo(reportMail("example.com"));
            byte[] changed = replace(signed, "This is an aggregate TLS report", "This is an aggregated TLS report");

            DkimVerdict verdict = authenticate(changed, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason())
                    .isEqualTo("the DKIM signature d=example.com (s=sel) does not authenticate the report: the body"
                            + " was changed after signing (its hash does not match bh=)");
        }

        @Test
        void shouldFailWhenASignedHeaderChangedAfterSigning() throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, ""));
            byte[] signed = signature("example.com", "sel", KEYS).applyTo(reportMail("example.com"));
            byte[] changed = replace(signed, "TLS-Report-Domain: example.net", "TLS-Report-Domain: example.org");

            DkimVerdict verdict = authenticate(changed, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason()).contains("the signature does not match the signed header fields");
        }

        @Test
        void shouldFailWhenAHeaderIsFoldedAgainUnderSimpleCanonicalisation() throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, ""));
            byte[] signed = signature("example.com", "sel", KEYS)
                    .canonicalization("simple/simple")
                    .applyTo(reportMail("example.com"));
            byte[] refolded = replace(
                    signed,
                    "Submitter: example.com" + CRLF + " Report-ID:",
                    "Submitter:" + CRLF + " example.com Report-ID:");

            DkimVerdict verdict = authenticate(refolded, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason()).contains("the signature does not match the signed header fields");
        }

        @Test
        void shouldFailWhenTheSignatureCoversOnlyPartOfTheBodyEvenThoughItVerifies() throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, ""));
            byte[] mail = signature("example.com", "sel", KEYS).tag("l=40").applyTo(reportMail("example.com"));
            byte[] appended = replace(mail, "--000000000000b0undary--", "--000000000000b0undary--" + CRLF + "spam");

            DkimVerdict verdict = authenticate(appended, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason())
                    .isEqualTo("the DKIM signature d=example.com (s=sel) does not authenticate the report: verifies,"
                            + " but it signs only the first 40 bytes of the body (l=), which RFC 8460 section 3"
                            + " forbids for reports");
        }

        @ParameterizedTest
        @ValueSource(strings = {"s=email; ", "s=email:other; "})
        void shouldFailWhenTheKeyIsForAnotherServiceType(String serviceType) throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, serviceType));
            byte[] mail = signature("example.com", "sel", KEYS).applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason())
                    .contains("verifies, but its key at sel._domainkey.example.com is for service type s=email")
                    .contains("which does not include tlsrpt");
        }

        @Test
        void shouldFailWhenNoKeyIsPublished() throws Exception {
            byte[] mail = signature("example.com", "sel", KEYS).applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason())
                    .isEqualTo("the DKIM signature d=example.com (s=sel) does not authenticate the report: no DKIM"
                            + " key is published at sel._domainkey.example.com");
        }

        @Test
        void shouldFailWhenTheSignatureAsksForAnotherKeyQueryMethod() throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, ""));
            byte[] mail = signature("example.com", "sel", KEYS)
                    .tag("q=https/well-known")
                    .applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason()).endsWith("its key query method q=https/well-known is unknown (only dns/txt)");
        }

        @Test
        void shouldFailWithTheFirstKeyRecordWhenNoneOfSeveralIsForTlsrpt() throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, "s=email; "), "not a key record");
            byte[] mail = signature("example.com", "sel", KEYS).applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason()).contains("is for service type s=email");
        }

        @Test
        void shouldFailWhenTheKeyIsRevoked() throws Exception {
            dns.publish("sel", "example.com", "v=DKIM1; k=rsa; p=");
            byte[] mail = signature("example.com", "sel", KEYS).applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason()).endsWith("its key is revoked (empty p=)");
        }

        @Test
        void shouldFailWhenThePublishedKeyIsNotTheOneThatSigned() throws Exception {
            dns.publish("sel", "example.com", keyRecord(TestDkim.otherRsa(), ""));
            byte[] mail = signature("example.com", "sel", KEYS).applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason()).contains("the published key is not the one that signed");
        }

        @Test
        void shouldFailWhenTheSignatureHasExpired() throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, ""));
            byte[] mail = signature("example.com", "sel", KEYS)
                    .tag("t=1600000000")
                    .tag("x=1600086400")
                    .withoutSignerChecks()
                    .applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason())
                    .startsWith("the DKIM signature d=example.com (s=sel) does not authenticate the report: the"
                            + " signature has expired (its x= time passed ")
                    .endsWith(" ago)");
        }

        @Test
        void shouldFailWhenTheSignatureUsesRsaSha1() throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, ""));
            byte[] mail =
                    signature("example.com", "sel", KEYS).algorithm("rsa-sha1").applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason())
                    .endsWith("verifies, but it uses rsa-sha1, which RFC 8301 section 3.1 no" + " longer accepts");
        }

        @Test
        void shouldFailWhenTheKeyIsShorterThan1024Bits() throws Exception {
            KeyPair weak = rsa(512);
            dns.publish("sel", "example.com", keyRecord(weak, ""));
            byte[] mail = signature("example.com", "sel", weak).applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason())
                    .endsWith("verifies, but its key has 512 bits, under the 1024 RFC 8301" + " section 3.2 requires");
        }

        @Test
        void shouldFailWhenNoReporterDomainIsKnown() throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, ""));
            byte[] mail = signature("example.com", "sel", KEYS).applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail);

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason())
                    .contains("no reporter domain is known (From, TLS-Report-Submitter, contact-info)");
        }

        @Test
        void shouldFailAndNameTheDomainWhenTheSignatureFieldCannotBeRead() throws Exception {
            byte[] mail = TestDkim.bytes("DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel; h=from;"
                    + " bh=AAAA; b=AAAA; x=notanumber" + CRLF + text(reportMail("example.com")));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason())
                    .isEqualTo("the DKIM signature d=example.com (s=sel) does not authenticate the report: a tag of"
                            + " its DKIM-Signature field holds a value that cannot be processed");
        }

        @Test
        void shouldFailWhenTheSignatureIsDatedInTheFuture() throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, ""));
            // an hour past ten days, so that jDKIM's whole days stay 10 however long the test takes
            long inTenDays = System.currentTimeMillis() / 1000 + 10 * 86_400 + 3_600;
            byte[] mail =
                    signature("example.com", "sel", KEYS).tag("t=" + inTenDays).applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason())
                    .endsWith("its signing time t= lies in the future (Signature date is more than 10 days in the"
                            + " future)");
        }

        @Test
        void shouldFailWhenTheSignatureDoesNotSignTheFromField() throws Exception {
            dns.publish("sel", "example.com", keyRecord(KEYS, ""));
            byte[] mail = signature("example.com", "sel", KEYS)
                    .headers("to:subject:date")
                    .withoutSignerChecks()
                    .applyTo(reportMail("example.com"));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason()).endsWith("it does not sign the From field, as DKIM requires");
        }

        @Test
        void shouldFailWhenTheSignatureFieldNamesNoDomain() throws Exception {
            byte[] mail = TestDkim.bytes("DKIM-Signature: v=1; garbage" + CRLF + text(reportMail("example.com")));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason())
                    .isEqualTo("a DKIM signature without a readable d= does not authenticate the report: its"
                            + " DKIM-Signature field cannot be read: Unexpected termination at position 5: v=1;"
                            + " garbage | [ garbage]");
        }
    }

    @Nested
    class NoSignature {

        @Test
        void shouldSayNoneWhenTheMailCarriesNoDkimSignature() throws Exception {
            DkimVerdict verdict = authenticate(reportMail("example.com"), "example.com");

            assertThat(verdict).isEqualTo(DkimVerdict.none());
        }

        @Test
        void shouldSayNoneForAnEmptyMessage() throws Exception {
            DkimVerdict verdict = authenticate(new byte[0], "example.com");

            assertThat(verdict.result()).isEqualTo(Result.NONE);
        }
    }

    @Nested
    class SeveralSignatures {

        @Test
        void shouldPassWhenOneOfTwoSignaturesAuthenticates() throws Exception {
            dns.publish("good", "example.com", keyRecord(KEYS, "s=tlsrpt; "));
            dns.publish("bad", "example.com", keyRecord(TestDkim.otherRsa(), ""));
            byte[] mail = signature("example.com", "good", KEYS)
                    .applyTo(signature("example.com", "bad", KEYS).applyTo(reportMail("example.com")));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.PASS);
            assertThat(verdict.domain()).isEqualTo("example.com");
            assertThat(verdict.reason()).contains("d=example.com (s=good) verifies");
        }

        @Test
        void shouldNameTheSignatureClosestToAuthenticatingFirst() throws Exception {
            dns.publish("sel", "other.example", keyRecord(KEYS, ""));
            dns.publish("sel", "example.com", keyRecord(KEYS, "s=email; "));
            byte[] mail = signature("other.example", "sel", KEYS)
                    .applyTo(signature("example.com", "sel", KEYS).applyTo(reportMail("example.com")));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason())
                    .startsWith("none of the 2 DKIM signatures authenticates the report: d=example.com (s=sel):"
                            + " verifies, but its key at sel._domainkey.example.com is for service type s=email")
                    .contains("; d=other.example (s=sel): verifies, but d=other.example is neither");
        }

        @Test
        void shouldRankAnAlignedBrokenSignatureBeforeAnUnalignedOne() throws Exception {
            byte[] mail = signature("other.example", "sel", KEYS)
                    .applyTo(signature("example.com", "sel", KEYS).applyTo(reportMail("example.com")));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.reason())
                    .startsWith("none of the 2 DKIM signatures authenticates the report: d=example.com (s=sel): no"
                            + " DKIM key is published at sel._domainkey.example.com; d=other.example (s=sel):"
                            + " d=other.example is neither the reporter's domain nor a parent of it (reporter:"
                            + " example.com); nor does it verify: no DKIM key is published at"
                            + " sel._domainkey.other.example");
        }

        @Test
        void shouldListThreeSignaturesAndCountTheRest() throws Exception {
            byte[] mail = reportMail("example.com");
            for (String selector : new String[] {"s1", "s2", "s3", "s4", "s5"}) {
                mail = signature("example.com", selector, KEYS).applyTo(mail);
            }

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason())
                    .startsWith("none of the 5 DKIM signatures authenticates the report: ")
                    .endsWith("; and 2 more");
        }
    }

    @Nested
    class DnsFailures {

        @Test
        void shouldThrowATemporaryFailureWhenTheKeyCannotBeLookedUp() {
            dns.failTemporarily("sel", "example.com");
            byte[] mail = signature("example.com", "sel", KEYS).applyTo(reportMail("example.com"));

            assertThatThrownBy(() -> authenticate(mail, "example.com"))
                    .isInstanceOf(TemporaryDkimFailure.class)
                    .hasMessage("the DKIM signature d=example.com (s=sel) cannot be checked now: its key at"
                            + " sel._domainkey.example.com could not be looked up: SERVFAIL for"
                            + " sel._domainkey.example.com; retry later")
                    .cause()
                    .isInstanceOf(DkimKeyLookupException.class)
                    .hasMessage("SERVFAIL for sel._domainkey.example.com");
        }

        @Test
        void shouldPassWhenAnotherSignatureAuthenticatesDespiteTheDnsFailure() throws Exception {
            dns.failTemporarily("down", "example.com");
            dns.publish("up", "example.com", keyRecord(KEYS, ""));
            byte[] mail = signature("example.com", "up", KEYS)
                    .applyTo(signature("example.com", "down", KEYS).applyTo(reportMail("example.com")));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.PASS);
            assertThat(verdict.reason()).contains("(s=up)");
        }

        @Test
        void shouldFailRatherThanRetryWhenTheUnreachableKeyCouldNotAuthenticateAnyway() throws Exception {
            dns.failTemporarily("sel", "other.example");
            byte[] mail = signature("other.example", "sel", KEYS)
                    .applyTo(signature("example.com", "sel", KEYS).tag("l=10").applyTo(reportMail("example.com")));
            dns.failTemporarily("sel", "example.com");

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason())
                    .contains("d=example.com (s=sel): its key at sel._domainkey.example.com could not be looked up")
                    .contains("d=other.example (s=sel): d=other.example is neither");
        }
    }

    @Nested
    class UnreadableMail {

        @Test
        void shouldFailWithoutThrowingWhenTheHeaderIsTooLongForJdkim() throws Exception {
            byte[] mail = TestDkim.bytes("DKIM-Signature: v=1; d=example.com; s=sel; z="
                    + "a".repeat(40_000)
                    + CRLF
                    + text(reportMail("example.com")));

            DkimVerdict verdict = authenticate(mail, "example.com");

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason()).startsWith("the message could not be read for DKIM: ");
        }
    }
}
