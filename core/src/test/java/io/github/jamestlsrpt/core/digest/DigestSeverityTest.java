package io.github.jamestlsrpt.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestSeverityTest {

    @ParameterizedTest(name = "{0} successful, {1} failed, silent reporters {2}: {3}")
    @CsvSource({
        "1000, 0, false, OK",
        "0, 0, false, OK",
        "0, 0, true, NOTICE",
        "1000, 0, true, OK",
        "999999, 1, false, NOTICE",
        "9001, 999, false, NOTICE",
        "9000, 1000, false, WARNING",
        "5001, 4999, false, WARNING",
        "5000, 5000, false, CRITICAL",
        "0, 7, false, CRITICAL"
    })
    void shouldBandTheFailureRate(long successful, long failed, boolean silent, DigestSeverity expected) {
        assertThat(DigestSeverity.of(successful, failed, silent)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"OK, ok", "NOTICE, notice", "WARNING, warning", "CRITICAL, critical"})
    void shouldNameBandsInLowerCase(DigestSeverity severity, String name) {
        assertThat(severity.wireName()).isEqualTo(name);
    }
}
