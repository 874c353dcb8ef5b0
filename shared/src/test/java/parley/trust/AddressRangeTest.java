package parley.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Addresses and CIDR ranges, IPv4 and IPv6, read from literals only. */
class AddressRangeTest {

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    private static AddressRange range(String text) {
        return AddressRange.parse(text).orElseThrow(() -> new AssertionError(text + " did not parse"));
    }

    @Test
    void ipv4AddressesAndRanges() throws UnknownHostException {
        assertThat(range("203.0.113.7").contains(ip("203.0.113.7"))).isTrue();
        assertThat(range("203.0.113.7").contains(ip("203.0.113.8"))).isFalse();
        assertThat(range("10.0.0.0/8").contains(ip("10.255.1.2"))).isTrue();
        assertThat(range("10.0.0.0/8").contains(ip("11.0.0.1"))).isFalse();
        assertThat(range("127.0.0.4/30").contains(ip("127.0.0.7"))).isTrue();
        assertThat(range("127.0.0.4/30").contains(ip("127.0.0.8"))).isFalse();
        assertThat(range("10.1.2.3/8").contains(ip("10.9.9.9"))).as("host bits are ignored").isTrue();
        assertThat(range("0.0.0.0/0").contains(ip("192.0.2.1"))).isTrue();
    }

    @Test
    void ipv6AddressesAndRangesNeverMatchTheOtherFamily() throws UnknownHostException {
        assertThat(range("2001:db8::/32").contains(ip("2001:db8:1::5"))).isTrue();
        assertThat(range("2001:db8::/32").contains(ip("2001:db9::5"))).isFalse();
        assertThat(range("::1").contains(ip("::1"))).isTrue();
        assertThat(range("2001:db8::/33").contains(ip("2001:db8:8000::1"))).isFalse();
        assertThat(range("0.0.0.0/0").contains(ip("::1"))).isFalse();
        assertThat(range("::/0").contains(ip("127.0.0.1"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "ada", "10.0.0.0/33", "10.0.0.256", "1.2.3", "10.0.0.0/", "10.0.0.0/x",
            "::1/129", "2001:db8::g", "localhost", "1.2.3.4.example.org"})
    void anythingButALiteralIsRefusedWithoutAskingDns(String text) {
        assertThat(AddressRange.parse(text)).isEmpty();
    }

    @Test
    void theIpOfAnAddressAsTheCoreShowsIt() throws UnknownHostException {
        assertThat(AddressRange.ipOf("127.0.0.1:50312")).contains(ip("127.0.0.1"));
        assertThat(AddressRange.ipOf("[2001:db8::1]:50312")).contains(ip("2001:db8::1"));
        assertThat(AddressRange.looksLikeAddress("ada")).isFalse();
        assertThat(AddressRange.looksLikeAddress("::1")).isTrue();
    }
}
