package parley.core;

import java.time.Clock;
import java.time.Instant;

/** A {@link Clock}'s time in nanoseconds, for the limits that measure intervals on an injected clock. */
public final class Nanos {

    private Nanos() {
    }

    public static long of(Clock clock) {
        Instant t = clock.instant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
