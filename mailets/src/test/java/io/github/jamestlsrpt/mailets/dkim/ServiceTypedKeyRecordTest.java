package io.github.jamestlsrpt.mailets.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class ServiceTypedKeyRecordTest {

    private static final KeyPair KEYS = TestDkim.rsa(2048);

    @Test
    void shouldDecodeTheKeyOfItsRecord() {
        ServiceTypedKeyRecord record = new ServiceTypedKeyRecord(TestDkim.keyRecord(KEYS, "s=tlsrpt; "));

        assertThat(record.getPublicKey()).isEqualTo(KEYS.getPublic());
        assertThat(record.allowsTlsrpt()).isTrue();
    }

    @Test
    void shouldDecodeAKeyTextOnceForEveryRecordThatCarriesIt() {
        ServiceTypedKeyRecord first = new ServiceTypedKeyRecord(TestDkim.keyRecord(KEYS, ""));
        ServiceTypedKeyRecord second = new ServiceTypedKeyRecord(TestDkim.keyRecord(KEYS, "s=email; "));

        assertThat(second.getPublicKey()).isSameAs(first.getPublicKey()).isEqualTo(KEYS.getPublic());
    }

    @Test
    void shouldTellKeysApart() {
        KeyPair other = TestDkim.otherRsa();

        assertThat(new ServiceTypedKeyRecord(TestDkim.keyRecord(other, "")).getPublicKey())
                .isEqualTo(other.getPublic())
                .isNotEqualTo(new ServiceTypedKeyRecord(TestDkim.keyRecord(KEYS, "")).getPublicKey());
    }

    @Test
    void shouldRefuseAKeyThatDoesNotDecodeEveryTimeItIsAsked() {
        ServiceTypedKeyRecord broken = new ServiceTypedKeyRecord("v=DKIM1; k=rsa; p=AAAAAAAA");

        assertThatThrownBy(broken::getPublicKey).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(broken::getPublicKey).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldStillDecodeCorrectlyAfterMoreKeysThanItRemembers() {
        String p = TestDkim.p(KEYS);
        for (int i = 0; i <= ServiceTypedKeyRecord.REMEMBERED_KEYS; i++) {
            // the same key under as many texts (base64 ignores the spaces): each one a new entry
            int at = 1 + i % (p.length() - 1);
            String spaced = p.substring(0, at) + " ".repeat(1 + i / (p.length() - 1)) + p.substring(at);
            assertThat(new ServiceTypedKeyRecord("v=DKIM1; k=rsa; p=" + spaced).getPublicKey())
                    .isEqualTo(KEYS.getPublic());
        }

        assertThat(new ServiceTypedKeyRecord(TestDkim.keyRecord(KEYS, "")).getPublicKey())
                .isEqualTo(KEYS.getPublic());
    }
}
