package parley.core;

import java.time.Clock;
import java.time.Duration;

/**
 * Flood control by back-pressure: a token bucket per connection that never drops a line.
 *
 * <p>Each line a connection sends needs one token; tokens come back at {@code linesPerSecond}, up to
 * {@code burst}. A line that finds no token is not dropped: it waits, and the backend stops reading from that
 * connection until {@link #untilNextToken()} has passed (the selector backend takes the connection out of
 * {@code OP_READ}; the threaded one waits before handling the line and so before its next read). A flooder
 * is slowed down by TCP itself, nothing it sent is lost, and nobody else waits.
 *
 * <p>Time comes from the injected clock. Not thread-safe: one bucket belongs to one connection's reader.
 */
public final class TokenBucket {

    private final double linesPerNano;
    private final double burst;
    private final Clock clock;
    private double tokens;
    private long updatedNanos;

    public TokenBucket(RateLimit limit, Clock clock) {
        if (limit.isOff()) {
            throw new IllegalArgumentException("no bucket is needed when the rate limit is off");
        }
        this.linesPerNano = limit.linesPerSecond() / 1e9;
        this.burst = limit.burst();
        this.clock = clock;
        this.tokens = burst;
        this.updatedNanos = Nanos.of(clock);
    }

    /** Takes a token for one line if there is one. */
    public boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /**
     * Takes {@code amount} tokens (bytes, say, rather than lines) if the bucket holds them, or is full: an
     * amount bigger than the burst then leaves the bucket in debt, repaid before the next take succeeds.
     */
    public boolean tryTake(double amount) {
        refill();
        if (tokens >= Math.min(amount, burst)) {
            tokens -= amount;
            return true;
        }
        return false;
    }

    /** How long until {@link #tryTake()} will succeed (zero if it would now). */
    public Duration untilNextToken() {
        refill();
        return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / linesPerNano));
    }

    private void refill() {
        long now = Nanos.of(clock);
        // A clock that went backwards must not take tokens away (that would freeze the client).
        tokens = Math.min(burst, tokens + Math.max(0, now - updatedNanos) * linesPerNano);
        updatedNanos = now;
    }
}
