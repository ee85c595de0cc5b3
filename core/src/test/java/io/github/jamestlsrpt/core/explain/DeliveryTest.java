package io.github.jamestlsrpt.core.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.core.model.PolicyType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What probably became of the mail in failed sessions, by policy type and MTA-STS mode. */
class DeliveryTest {

    @ParameterizedTest(name = "{0} mode {1}: {2}")
    @CsvSource(
            nullValues = "null",
            value = {
                "sts, enforce, HELD, held back",
                "tlsa, null, HELD, held back",
                "sts, testing, CLEARTEXT, unencrypted",
                "sts, none, CLEARTEXT, unencrypted",
                "no-policy-found, null, CLEARTEXT, unencrypted",
                "sts, null, UNKNOWN, does not say the MTA-STS mode",
                "sts, strict, UNKNOWN, \"strict\" is not one RFC 8461 defines",
                "x-custom, null, UNKNOWN, \"x-custom\" is not one RFC 8460 defines",
                "null, null, UNKNOWN, does not name the policy type"
            })
    void shouldTellHeldFromCleartextByPolicyTypeAndMode(String type, String mode, Delivery expected, String wording) {
        PolicyType policyType = type == null ? null : PolicyType.of(type);

        assertThat(Delivery.of(policyType, mode)).isEqualTo(expected);
        assertThat(Delivery.consequence(policyType, mode)).contains(wording);
    }

    @ParameterizedTest
    @CsvSource({"sts, enforce", "tlsa, ''", "sts, testing", "no-policy-found, ''"})
    void shouldSayProbablyAndNeverClaimCertainty(String type, String mode) {
        String consequence = Delivery.consequence(PolicyType.of(type), mode.isEmpty() ? null : mode);

        assertThat(consequence).contains("probably");
    }

    @ParameterizedTest
    @CsvSource({"'x-evil\nBcc: a@b'"})
    void shouldShowAnUnknownTypeAsSafeText(String type) {
        String consequence = Delivery.consequence(PolicyType.of(type), null);

        assertThat(consequence).contains("x-evil\\u000aBcc: a@b").doesNotContain("\n");
    }
}
