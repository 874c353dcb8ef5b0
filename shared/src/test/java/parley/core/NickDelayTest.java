package parley.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NickDelayTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    private final NickDelay delay = new NickDelay(Duration.ofSeconds(10), clock);

    @Test
    void anotherAddressWaitsTheSameAddressDoesNot() {
        delay.released("alice", "10.0.0.1:4000");
        clock.advance(Duration.ofSeconds(4));

        assertThat(delay.wait("alice", "10.0.0.2:5000")).hasValue(Duration.ofSeconds(6));
        assertThat(delay.wait("alice", "10.0.0.1:4001")).isEmpty();
        clock.advance(Duration.ofSeconds(6));
        assertThat(delay.wait("alice", "10.0.0.2:5000")).isEmpty();
    }

    @Test
    void releasesAloneForgetTheExpiredOnes() {
        // Guests coming and going: nicks are released, and nobody ever asks to take one.
        for (int i = 0; i < 1000; i++) {
            delay.released("guest" + i, "10.0.0.1:" + (4000 + i));
        }
        assertThat(delay.remembered()).isEqualTo(1000);

        clock.advance(Duration.ofSeconds(11));
        delay.released("guest1000", "10.0.0.1:5000");

        assertThat(delay.remembered()).isEqualTo(1);
        assertThat(delay.wait("guest1000", "10.0.0.2:6000")).isPresent();
    }

    @Test
    void noDelayRemembersNothing() {
        NickDelay none = new NickDelay(Duration.ZERO, clock);
        none.released("alice", "10.0.0.1:4000");

        assertThat(none.remembered()).isZero();
        assertThat(none.wait("alice", "10.0.0.2:5000")).isEmpty();
    }
}
