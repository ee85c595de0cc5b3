package io.github.jamestlsrpt.mailets.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReporterAlignmentTest {

    @ParameterizedTest(name = "d={0} for {1}")
    @CsvSource({
        "example.com, example.com",
        "example.com, mail.example.com",
        "example.com, a.b.mail.example.com",
        "EXAMPLE.com., Mail.Example.COM",
        "example.co.uk, mail.example.co.uk",
        "xn--bcher-kva.example, mail.bücher.example",
        "bücher.example, mail.xn--bcher-kva.example",
        "james.local, james.local",
    })
    void shouldLetADomainSpeakForItselfAndItsSubdomains(String signingDomain, String reporterDomain) {
        ReporterAlignment alignment = new ReporterAlignment(List.of(reporterDomain));

        assertThat(alignment.problemWith(signingDomain)).isEmpty();
    }

    @ParameterizedTest(name = "d={0} for {1}")
    @CsvSource({
        "ample.com, example.com, is neither the reporter's domain nor a parent of it",
        "mail.example.com, example.com, is neither the reporter's domain nor a parent of it",
        "example.org, example.com, is neither the reporter's domain nor a parent of it",
        "com, example.com, is a top-level domain",
        "co.uk, example.co.uk, is a public suffix",
        "github.io, someone.github.io, is a public suffix",
        "local, james.local, is a top-level domain, which no one organisation owns, so it cannot speak for",
        "-bad-.example, x.-bad-.example, is not a valid domain name, so it cannot speak for x.-bad-.example",
    })
    void shouldNotLetADomainSpeakForAnotherOrganisation(String signingDomain, String reporterDomain, String why) {
        ReporterAlignment alignment = new ReporterAlignment(List.of(reporterDomain));

        assertThat(alignment.problemWith(signingDomain)).get().asString().contains(why);
    }

    @ParameterizedTest
    @CsvSource({"'', ''", "' ', ' '"})
    void shouldIgnoreEmptyReporterDomains(String empty, String blank) {
        ReporterAlignment alignment = new ReporterAlignment(List.of(empty, blank));

        assertThat(alignment.problemWith("example.com")).get().asString().startsWith("no reporter domain is known");
    }

    @Test
    void shouldJudgeEveryDomainAlikeWhenAskedAgainAndAfterManyOthers() {
        List<String> suffixes = List.of("co.uk", "github.io", "com");
        List<String> organisations = List.of("example.co.uk", "someone.github.io", "example.com");
        for (int round = 0; round < 2; round++) {
            suffixes.forEach(suffix ->
                    assertThat(ReporterAlignment.notAnOrganisation(suffix)).isPresent());
            organisations.forEach(domain ->
                    assertThat(ReporterAlignment.notAnOrganisation(domain)).isEmpty());
            for (int i = 0; i <= ReporterAlignment.REMEMBERED_VERDICTS; i++) {
                assertThat(ReporterAlignment.notAnOrganisation("org" + i + ".example"))
                        .isEmpty();
            }
        }
        assertThat(ReporterAlignment.notAnOrganisation("co.uk"))
                .get()
                .asString()
                .contains("public suffix");
    }
}
