package parley.cluster;

import java.time.Duration;

/** How long to wait before the next attempt to reach Redis: 50 ms doubling to 2 s, back to 50 ms once it works. */
final class Backoff {

    static final Duration FIRST = Duration.ofMillis(50);
    static final Duration MOST = Duration.ofSeconds(2);

    private Duration next = FIRST;

    /** Waits the current delay (interruptibly) and doubles the next one. */
    void pause() throws InterruptedException {
        Thread.sleep(next().toMillis()); // pacing retries against an unreachable server, not synchronisation
    }

    /** The current delay, for a caller that waits on something else meanwhile; the next one doubles. */
    Duration next() {
        Duration now = next;
        next = next.multipliedBy(2).compareTo(MOST) > 0 ? MOST : next.multipliedBy(2);
        return now;
    }

    void reset() {
        next = FIRST;
    }
}
