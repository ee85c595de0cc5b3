package io.github.jamestlsrpt.mailets.dkim;

import static io.github.jamestlsrpt.mailets.dkim.TestDkim.p;
import static io.github.jamestlsrpt.mailets.dkim.TestDkim.reportMail;
import static io.github.jamestlsrpt.mailets.dkim.TestDkim.rsa;
import static io.github.jamestlsrpt.mailets.dkim.TestDkim.signature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.DkimVerdict.Result;
import java.security.KeyPair;
import java.util.Set;
import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DnsServiceKeyLookupTest {

    private static final String NAME = "sel._domainkey.example.com";

    private final FakeDnsService dns = new FakeDnsService();
    private final DnsServiceKeyLookup lookup = new DnsServiceKeyLookup(dns);

    @Nested
    class Records {

        @Test
        void shouldJoinTheQuotedStringsOfDnsjavasPresentationForm() throws Exception {
            dns.txt(NAME, "\"v=DKIM1; k=rsa; \" \"p=MIIBIjAN\" \"BgkqhkiG9w0\"");

            assertThat(lookup.keyRecords("sel", "example.com"))
                    .containsExactly("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0");
        }

        @Test
        void shouldUndoTheEscapesOfThePresentationForm() throws Exception {
            dns.txt(NAME, "\"a=\\\"quoted\\\" b=back\\\\slash c=semi\\059colon d=\\255\"");

            assertThat(lookup.keyRecords("sel", "example.com"))
                    .containsExactly("a=\"quoted\" b=back\\slash c=semi;colon d=\u00ff");
        }

        @Test
        void shouldKeepWhatAnUnterminatedStringHolds() throws Exception {
            dns.txt(NAME, "\"v=DKIM1; \" \"p=MIIB");

            assertThat(lookup.keyRecords("sel", "example.com")).containsExactly("v=DKIM1; p=MIIB");
        }

        @Test
        void shouldTakeAnUnquotedRecordAsItIs() throws Exception {
            dns.txt(NAME, "v=DKIM1; k=rsa; p=MIIBIjAN", "  v=DKIM1; p=other  ");

            assertThat(lookup.keyRecords("sel", "example.com"))
                    .containsExactly("v=DKIM1; k=rsa; p=MIIBIjAN", "v=DKIM1; p=other");
        }

        @Test
        void shouldAskForTheKeyNameOfSelectorAndDomain() throws Exception {
            dns.txt(NAME, "v=DKIM1; p=x");

            lookup.keyRecords("sel", "example.com");

            assertThat(dns.queries()).containsExactly("TXT " + NAME);
        }
    }

    @Nested
    class MissingKeys {

        @Test
        void shouldAnswerNothingWhenTheNameHasNoTxtRecordAndTheDomainAnswers() throws Exception {
            dns.txt(NAME).mx("example.com", "mx.example.com.");

            assertThat(lookup.keyRecords("sel", "example.com")).isEmpty();
            assertThat(dns.queries()).containsExactly("TXT " + NAME, "MX example.com");
        }

        @Test
        void shouldAnswerNothingWhenTheInMemoryDnsDoesNotKnowTheName() throws Exception {
            assertThat(lookup.keyRecords("sel", "example.com")).isEmpty();
            assertThat(dns.queries()).containsExactly("TXT " + NAME);
        }

        @Test
        void shouldAnswerNothingWhenTheDomainItselfDoesNotExist() throws Exception {
            dns.txt(NAME);

            assertThat(lookup.keyRecords("sel", "example.com")).isEmpty();
        }
    }

    @Nested
    class DnsFailures {

        @Test
        void shouldFailTemporarilyWhenTheDnsCannotBeReached() {
            dns.down();

            assertThatThrownBy(() -> lookup.keyRecords("sel", "example.com"))
                    .isInstanceOf(DkimKeyLookupException.class)
                    .hasMessage("the DNS gave no TXT record for " + NAME + " and could not be reached for example.com")
                    .hasCauseInstanceOf(TemporaryResolutionException.class);
        }

        @Test
        void shouldFailTemporarilyWhenTheTxtLookupThrows() {
            IllegalStateException failure = new IllegalStateException("resolver closed");
            dns.txtThrows(NAME, failure);

            assertThatThrownBy(() -> lookup.keyRecords("sel", "example.com"))
                    .isInstanceOf(DkimKeyLookupException.class)
                    .hasMessageStartingWith("the DNS lookup of TXT " + NAME + " failed: ")
                    .hasCause(failure);
        }

        @Test
        void shouldFailTemporarilyWhenTheProbeThrowsSomethingElseThanNoSuchName() {
            IllegalStateException failure = new IllegalStateException("resolver closed");
            dns.txt(NAME).mxThrows("example.com", failure);

            assertThatThrownBy(() -> lookup.keyRecords("sel", "example.com"))
                    .isInstanceOf(DkimKeyLookupException.class)
                    .hasMessageStartingWith("the DNS gave no TXT record for " + NAME + " and failed for example.com")
                    .hasCause(failure);
        }
    }

    @Nested
    class WithTheAuthenticator {

        private static final KeyPair KEYS = rsa(2048);

        @Test
        void shouldAuthenticateWithA2048BitKeySplitIntoSeveralStrings() throws Exception {
            String record = "v=DKIM1; k=rsa; s=tlsrpt; p=" + p(KEYS);
            dns.txt(NAME, presentationForm(record));
            byte[] mail = signature("example.com", "sel", KEYS).applyTo(reportMail("example.com"));

            DkimVerdict verdict = DkimReportAuthenticator.overDns(dns).authenticate(mail, Set.of("example.com"));

            assertThat(verdict.result()).isEqualTo(Result.PASS);
            assertThat(verdict.domain()).isEqualTo("example.com");
            assertThat(verdict.reason()).endsWith("(key service type s=tlsrpt)");
        }

        @Test
        void shouldFailWhenTheInMemoryDnsHasNoKey() throws Exception {
            byte[] mail = signature("example.com", "sel", KEYS).applyTo(reportMail("example.com"));

            DkimVerdict verdict = DkimReportAuthenticator.overDns(dns).authenticate(mail, Set.of("example.com"));

            assertThat(verdict.result()).isEqualTo(Result.FAIL);
            assertThat(verdict.reason()).endsWith("no DKIM key is published at " + NAME);
        }

        @Test
        void shouldThrowATemporaryFailureWhenTheDnsIsDown() {
            dns.down();
            byte[] mail = signature("example.com", "sel", KEYS).applyTo(reportMail("example.com"));

            assertThatThrownBy(() -> DkimReportAuthenticator.overDns(dns).authenticate(mail, Set.of("example.com")))
                    .isInstanceOf(TemporaryDkimFailure.class)
                    .hasMessageContaining("could not be reached for example.com")
                    .hasCauseInstanceOf(DkimKeyLookupException.class)
                    .hasRootCauseInstanceOf(TemporaryResolutionException.class);
        }

        /** As dnsjava's TXTRecord.rdataToString: strings of at most 255 characters, quoted, space-separated. */
        private static String presentationForm(String record) {
            StringBuilder text = new StringBuilder();
            for (int start = 0; start < record.length(); start += 255) {
                if (start > 0) {
                    text.append(' ');
                }
                text.append('"')
                        .append(record, start, Math.min(record.length(), start + 255))
                        .append('"');
            }
            return text.toString();
        }
    }
}
