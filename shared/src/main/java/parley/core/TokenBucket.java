package parley.core;

import java.time.Clock;
import java.time.Duration;

/**
 * Flood control by back-pressure: a token bucket per connection that never drops a line.
 *
 * <p>Each line a connection sends takes one token; tokens come back at {@code linesPerSecond} up to
 * {@code burst}. Lines already read are always accepted, even if that leaves the bucket in debt; the backend
 * then simply does not read from that connection again until {@link #delayBeforeNextRead()} is zero (the
 * selector backend takes the connection out of {@code OP_READ}, the threaded one waits before its next
 * read). So a flooder is slowed down by TCP itself, nothing it sent is lost, and nobody else waits.
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
        this.linesPerNano = limit.linesPerSecond() / 1e9;
        this.burst = limit.burst();
        this.clock = clock;
        this.tokens = burst;
        this.updatedNanos = nanos();
    }

    /** Records that {@code lines} lines were accepted. */
    public void take(int lines) {
        refill();
        tokens -= lines;
    }

    /** Zero when reading may go on; otherwise how long to wait until the bucket is out of debt. */
    public Duration delayBeforeNextRead() {
        refill();
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-tokens / linesPerNano));
    }

    private void refill() {
        long now = nanos();
        tokens = Math.min(burst, tokens + (now - updatedNanos) * linesPerNano);
        updatedNanos = now;
    }

    private long nanos() {
        java.time.Instant t = clock.instant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
