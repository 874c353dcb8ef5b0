package parley.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    private static final byte[] KEY = "a key for this test only, 32 b..".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Test
    void fullShowsTheAddressAndNoneShowsNothing() {
        assertThat(AddressPolicy.full().show("10.0.0.1:5000")).isEqualTo("10.0.0.1:5000");
        assertThat(AddressPolicy.none().show("10.0.0.1:5000")).isEqualTo("-");
        assertThat(AddressPolicy.none().show("[::1]:5000")).isEqualTo("-");
    }

    @Test
    void hashedIsTheSameForOneIpWithinARunKeepsThePortAndHidesTheIp() {
        AddressPolicy hashed = AddressPolicy.hashed(KEY);
        String a = hashed.show("10.0.0.1:5000");
        assertThat(a).matches("#[0-9a-f]{12}:5000").doesNotContain("10.0.0.1");
        assertThat(hashed.show("10.0.0.1:6000")).isEqualTo(a.replace(":5000", ":6000"));
        assertThat(hashed.show("10.0.0.1")).isEqualTo(a.substring(0, 13));
        assertThat(hashed.show("10.0.0.2:5000")).isNotEqualTo(a);
        assertThat(hashed.show("[2001:db8::1]:5000")).matches("#[0-9a-f]{12}:5000");
    }

    @Test
    void anotherRunHashesTheSameIpDifferently() {
        assertThat(AddressPolicy.hashed().show("10.0.0.1")).isNotEqualTo(AddressPolicy.hashed().show("10.0.0.1"));
    }

    @Test
    void theHostIsTheAddressWithoutItsPort() {
        assertThat(AddressPolicy.host("10.0.0.1:5000")).isEqualTo("10.0.0.1");
        assertThat(AddressPolicy.host("10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(AddressPolicy.host("[::1]:5000")).isEqualTo("[::1]");
        assertThat(AddressPolicy.host("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0:0:0:0:1");
    }

    @Test
    void modesAreParsedAndAnUnknownOneIsNamed() {
        assertThat(AddressPolicy.Mode.parse("Hashed")).isEqualTo(AddressPolicy.Mode.HASHED);
        assertThatThrownBy(() -> AddressPolicy.Mode.parse("some")).hasMessage("'some' is not one of none, hashed, full");
    }
}
