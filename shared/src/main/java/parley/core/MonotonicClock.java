package parley.core;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock for measuring intervals (rate limits, grace periods) that never jumps: it counts
 * {@link System#nanoTime()} from the moment it was made. The wall clock can be stepped back or forward by
 * NTP or by hand; a rate limit on it would then freeze every client, or a grace period end early.
 * Timestamps people read come from the wall clock, never from this one.
 */
public final class MonotonicClock extends Clock {

    private final Instant origin;
    private final long originNanos;

    private MonotonicClock(Instant origin, long originNanos) {
        this.origin = origin;
        this.originNanos = originNanos;
    }

    public static MonotonicClock start() {
        return new MonotonicClock(Instant.now(), System.nanoTime());
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(System.nanoTime() - originNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this; // intervals have no zone
    }
}
