package parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import parley.core.MutableClock;
import parley.core.RateLimit;

class ConnectRateTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T07:00:00Z"), ZoneOffset.UTC);

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text); // literals only: no lookup
    }

    private ConnectRate rate(RateLimit server, RateLimit perAddress, RateLimit perNetwork) {
        return new ConnectRate(new ConnectRate.Limits(server, perAddress, perNetwork), clock);
    }

    @Test
    void oneAddressGetsItsBurstThenItsRate() throws Exception {
        ConnectRate rate = rate(RateLimit.OFF, new RateLimit(2, 3), RateLimit.OFF);
        for (int i = 0; i < 3; i++) {
            assertThat(rate.admit(ip("10.0.0.1"))).isEmpty();
        }
        assertThat(rate.admit(ip("10.0.0.1"))).contains(ConnectRate.TOO_FAST);
        assertThat(rate.admit(ip("10.0.0.2"))).as("another address has its own bucket").isEmpty();
        clock.advance(Duration.ofMillis(500));
        assertThat(rate.admit(ip("10.0.0.1"))).isEmpty();
        assertThat(rate.admit(ip("10.0.0.1"))).contains(ConnectRate.TOO_FAST);
    }

    @Test
    void manyAddressesOfOneSlash24ShareItsBucketAndAnotherNetworkIsUntouched() throws Exception {
        ConnectRate rate = rate(RateLimit.OFF, RateLimit.OFF, new RateLimit(1, 4));
        for (int i = 1; i <= 4; i++) {
            assertThat(rate.admit(ip("192.0.2." + i))).isEmpty();
        }
        assertThat(rate.admit(ip("192.0.2.200"))).contains(ConnectRate.TOO_FAST);
        assertThat(rate.admit(ip("192.0.3.1"))).isEmpty();
    }

    @Test
    void anIpv6Slash64IsOneNetwork() throws Exception {
        ConnectRate rate = rate(RateLimit.OFF, RateLimit.OFF, new RateLimit(1, 1));
        assertThat(rate.admit(ip("2001:db8:1:2::1"))).isEmpty();
        assertThat(rate.admit(ip("2001:db8:1:2:ffff::9"))).contains(ConnectRate.TOO_FAST);
        assertThat(rate.admit(ip("2001:db8:1:3::1"))).isEmpty();
    }

    @Test
    void theServerBucketHoldsAStormFromEverywhere() throws Exception {
        ConnectRate rate = rate(new RateLimit(10, 5), new RateLimit(10, 20), new RateLimit(10, 20));
        for (int i = 0; i < 5; i++) {
            assertThat(rate.admit(ip("10." + i + ".0.1"))).isEmpty();
        }
        assertThat(rate.admit(ip("10.99.0.1"))).contains(ConnectRate.TOO_FAST);
    }

    @Test
    void aConnectionRefusedByItsNetworkSpendsNothingOfTheServersBucket() throws Exception {
        ConnectRate rate = rate(new RateLimit(1, 2), RateLimit.OFF, new RateLimit(1, 1));
        assertThat(rate.admit(ip("192.0.2.1"))).isEmpty();
        for (int i = 0; i < 10; i++) {
            assertThat(rate.admit(ip("192.0.2.2"))).contains(ConnectRate.TOO_FAST);
        }
        assertThat(rate.admit(ip("198.51.100.1"))).as("the server's second token is still there").isEmpty();
    }

    @Test
    void theMapsForgetTheLeastRecentlySeenKeysPastTheirBound() throws Exception {
        ConnectRate rate = rate(RateLimit.OFF, new RateLimit(1, 1), new RateLimit(1000, 1000));
        for (int i = 0; i < ConnectRate.MAX_KEYS + 100; i++) {
            rate.admit(InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}));
        }
        assertThat(rate.keys()).isLessThanOrEqualTo(2 * ConnectRate.MAX_KEYS);
    }

    @Test
    void offAdmitsEverything() throws Exception {
        ConnectRate rate = new ConnectRate(ConnectRate.Limits.OFF, clock);
        for (int i = 0; i < 1000; i++) {
            assertThat(rate.admit(ip("10.0.0.1"))).isEmpty();
        }
        assertThat(rate.keys()).isZero();
    }
}
