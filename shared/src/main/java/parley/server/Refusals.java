package parley.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connections refused at the door, counted by reason since the server started. A storm is thousands of
 * refusals a second, so none is logged on its own: {@link #summary()} gives one line per interval with the
 * counts, and the totals are there for whoever reports metrics. Any thread.
 */
public final class Refusals {

    /** How often at most a summary is logged while refusals go on. */
    public static final Duration SUMMARY_INTERVAL = Duration.ofSeconds(10);

    private final AtomicLong tooFast = new AtomicLong();
    private final AtomicLong serverFull = new AtomicLong();
    private final AtomicLong tooManyFromAddress = new AtomicLong();
    private final Clock clock;
    // Read and written by the one thread that asks for summaries.
    private long reported;
    private long reportedTooFast;
    private long reportedFull;
    private Instant lastSummary;

    public Refusals(Clock clock) {
        this.clock = clock;
        this.lastSummary = clock.instant();
    }

    /** Counts one refusal for {@code reason}, one of the refusal lines of {@link Admission} and {@link ConnectRate}. */
    void count(String reason) {
        switch (reason) {
            case ConnectRate.TOO_FAST -> tooFast.incrementAndGet();
            case Admission.SERVER_FULL -> serverFull.incrementAndGet();
            default -> tooManyFromAddress.incrementAndGet();
        }
    }

    /** Refused for arriving faster than {@code --max-connect-rate} and its per-address and per-network rates. */
    public long tooFast() {
        return tooFast.get();
    }

    /** Refused at {@code --max-clients}. */
    public long serverFull() {
        return serverFull.get();
    }

    /** Refused at {@code --max-per-ip}. */
    public long tooManyFromAddress() {
        return tooManyFromAddress.get();
    }

    public long total() {
        return tooFast() + serverFull() + tooManyFromAddress();
    }

    /**
     * The line to log for the refusals since the last summary, once {@link #SUMMARY_INTERVAL} has passed since
     * then; empty when there were none or it is too soon. One caller thread (the server's ticker).
     */
    public synchronized Optional<String> summary() {
        Instant now = clock.instant();
        long total = total();
        if (total == reported || Duration.between(lastSummary, now).compareTo(SUMMARY_INTERVAL) < 0) {
            return Optional.empty();
        }
        long fast = tooFast() - reportedTooFast;
        long full = serverFull() - reportedFull;
        long perAddress = total - reported - fast - full;
        long refused = total - reported;
        String line = "refused " + refused + (refused == 1 ? " connection" : " connections") + " in the last "
                + Duration.between(lastSummary, now).toSeconds() + " s: " + fast + " too fast, " + full
                + " server full, " + perAddress + " too many from one address";
        reported = total;
        reportedTooFast += fast;
        reportedFull += full;
        lastSummary = now;
        return Optional.of(line);
    }
}
