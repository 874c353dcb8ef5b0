package parley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-26T12:00:00Z"), java.time.ZoneOffset.UTC);

    private static void takeAll(TokenBucket bucket, int lines) {
        for (int i = 0; i < lines; i++) {
            assertThat(bucket.tryTake()).as("token %d", i).isTrue();
        }
    }

    @Test
    void aBurstIsAcceptedWithoutWaiting() {
        TokenBucket bucket = new TokenBucket(new RateLimit(20, 40), clock);
        takeAll(bucket, 40);
        assertThat(bucket.tryTake()).isFalse();
    }

    @Test
    void afterTheBurstLinesWaitForTokensAtTheRate() {
        TokenBucket bucket = new TokenBucket(new RateLimit(20, 40), clock);
        takeAll(bucket, 40);
        assertThat(bucket.untilNextToken()).isEqualTo(Duration.ofMillis(50));
        clock.advance(Duration.ofMillis(30));
        assertThat(bucket.tryTake()).isFalse();
        assertThat(bucket.untilNextToken()).isEqualTo(Duration.ofMillis(20));
        clock.advance(Duration.ofMillis(20));
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isFalse();
    }

    @Test
    void tokensNeverPileUpBeyondTheBurst() {
        TokenBucket bucket = new TokenBucket(new RateLimit(20, 40), clock);
        clock.advance(Duration.ofHours(1));
        takeAll(bucket, 40);
        assertThat(bucket.tryTake()).isFalse();
    }

    @Test
    void aClockThatGoesBackwardsTakesNoTokensAway() {
        TokenBucket bucket = new TokenBucket(new RateLimit(20, 40), clock);
        clock.advance(Duration.ofSeconds(-10));
        takeAll(bucket, 40);
    }

    @Test
    void anOffLimitNeedsNoBucket() {
        assertThatThrownBy(() -> new TokenBucket(RateLimit.OFF, clock)).isInstanceOf(IllegalArgumentException.class);
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
