package io.github.jamestlsrpt.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReporterDomainsTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NONE",
            value = {
                "mailto:tlsrpt@Example.COM|example.com",
                "MAILTO:tlsrpt@example.com?subject=TLS%20report|example.com",
                "mailto:nobody|NONE",
                "smtp-tls-reporting@google.com|google.com",
                "https://Reports.Example.ORG/tlsrpt?x=1|reports.example.org",
                "https://|NONE",
                "http://exa mple.com/|NONE",
                "reports.example.net.|reports.example.net",
                "Mail.ru|mail.ru",
                "Microsoft Corporation|NONE",
                "localhost|NONE",
                "' '|NONE",
                "NONE|NONE",
                "tlsrpt@|NONE",
                "tlsrpt@.example.com|NONE",
                "tlsrpt@example..com|NONE",
            })
    void shouldFindTheDomainOfAContactInfo(String contactInfo, String domain) {
        assertThat(ReporterDomains.ofContactInfo(contactInfo)).isEqualTo(Optional.ofNullable(domain));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NONE",
            value = {
                "google.com|google.com",
                " Microsoft.COM. |microsoft.com",
                "noreply@mail.ru|mail.ru",
                "not a domain|NONE",
                "NONE|NONE",
            })
    void shouldTakeTheSubmitterAsADomain(String submitter, String domain) {
        assertThat(ReporterDomains.ofSubmitter(submitter)).isEqualTo(Optional.ofNullable(domain));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NONE",
            value = {
                "noreply-smtp-tls-reporting@google.com|noreply-smtp-tls-reporting@google.com",
                "Google <noreply-smtp-tls-reporting@google.com>|noreply-smtp-tls-reporting@google.com",
                "<tlsrpt-noreply@microsoft.com>|tlsrpt-noreply@microsoft.com",
                "\"Reports, Inc.\" <a@example.com>, b@example.org|a@example.com",
                "Broken \"quote <x@example.net>|x@example.net",
                "no address here|NONE",
                "''|NONE",
                "NONE|NONE",
            })
    void shouldReadTheFirstAddressOfAFromHeader(String from, String first) {
        assertThat(ReporterDomains.addresses(from).stream().findFirst()).isEqualTo(Optional.ofNullable(first));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(
            delimiter = '|',
            value = {"\"Reports, Inc.\" <a@example.com>, b@example.org|2"})
    void shouldReadEveryAddressOfAFromHeader(String from, int count) {
        assertThat(ReporterDomains.addresses(from)).hasSize(count);
    }
}
