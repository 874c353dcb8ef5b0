package parley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    /** A clock that moves only when the test says so. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void aBurstIsAcceptedWithoutWaiting() {
        TokenBucket bucket = new TokenBucket(new RateLimit(20, 40), clock);
        bucket.take(40);
        assertThat(bucket.delayBeforeNextRead()).isZero();
    }

    @Test
    void debtBeyondTheBurstIsPaidBackAtTheRate() {
        TokenBucket bucket = new TokenBucket(new RateLimit(20, 40), clock);
        bucket.take(50); // 10 lines of debt at 20 lines/s: half a second
        assertThat(bucket.delayBeforeNextRead()).isEqualTo(Duration.ofMillis(500));
        clock.advance(Duration.ofMillis(300));
        assertThat(bucket.delayBeforeNextRead()).isEqualTo(Duration.ofMillis(200));
        clock.advance(Duration.ofMillis(200));
        assertThat(bucket.delayBeforeNextRead()).isZero();
    }

    @Test
    void tokensNeverPileUpBeyondTheBurst() {
        TokenBucket bucket = new TokenBucket(new RateLimit(20, 40), clock);
        clock.advance(Duration.ofHours(1));
        bucket.take(41);
        assertThat(bucket.delayBeforeNextRead()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void ratesParseFromTheCommandLine() {
        assertThat(RateLimit.parse("off").isOff()).isTrue();
        assertThat(RateLimit.parse("20")).isEqualTo(new RateLimit(20, 40));
        assertThat(RateLimit.parse("5/7")).isEqualTo(new RateLimit(5, 7));
        assertThat(RateLimit.parse("20/40")).hasToString("20/40");
        assertThatThrownBy(() -> RateLimit.parse("fast")).hasMessageContaining("not a rate such as 20");
        assertThatThrownBy(() -> RateLimit.parse("-3")).isInstanceOf(IllegalArgumentException.class);
    }
}
