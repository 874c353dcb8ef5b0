package parley.client.net;

import java.time.Duration;
import java.util.Optional;

/** How long to wait before each reconnect attempt; injectable so tests need not wait for real. */
@FunctionalInterface
public interface Backoff {

    /** The wait before attempt {@code attempt} (1 = the first retry after a loss), or empty to give up. */
    Optional<Duration> delay(int attempt);

    /** Doubling from {@code first} up to {@code max}, forever: a chat client should come back when the server does. */
    static Backoff exponential(Duration first, Duration max) {
        return attempt -> {
            long millis = first.toMillis() << Math.min(20, Math.max(0, attempt - 1));
            return Optional.of(Duration.ofMillis(Math.min(millis, max.toMillis())));
        };
    }

    /** The client's default: 0.5 s, 1 s, 2 s ... at most 30 s. */
    static Backoff standard() {
        return exponential(Duration.ofMillis(500), Duration.ofSeconds(30));
    }
}
