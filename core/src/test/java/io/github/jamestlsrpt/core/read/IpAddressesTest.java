package io.github.jamestlsrpt.core.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "192.0.2.1",
                "0.0.0.0",
                "255.255.255.255",
                "2001:db8::1",
                "::1",
                "::",
                "1::",
                "2001:db8:0:0:0:0:0:1",
                "fe80::1%eth0",
                "::ffff:192.0.2.1",
                "64:ff9b::192.0.2.33",
                "1:2:3:4:5:6:192.0.2.1",
                "2001:DB8::A"
            })
    void shouldAcceptAddressesInTheirTextForms(String address) {
        boolean valid = IpAddresses.isValid(address);

        assertThat(valid).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "x.x.x.x",
                "256.0.0.1",
                "192.0.2",
                "192.0.2.1.5",
                "01.2.3.4",
                "192.0.2.1 ",
                "mx.example.com",
                "2001:db8::1::2",
                ":1",
                "1:",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7",
                "12345::1",
                "2001:db8::g",
                "1:2:3:4:5:6:7:192.0.2.1",
                "::192.0.2.256",
                ":::",
                "١٢٣.0.0.1"
            })
    void shouldRejectWhatIsNotAnAddress(String text) {
        boolean valid = IpAddresses.isValid(text);

        assertThat(valid).isFalse();
    }
}
