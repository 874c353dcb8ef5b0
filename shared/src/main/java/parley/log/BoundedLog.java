package parley.log;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The log's last step, on its one writer thread: repeats held back by the {@link LogThrottle}, addresses shown
 * by the {@link AddressPolicy}, each event made one line by the {@link LogFormat} and handed to {@code out}.
 *
 * <pre>
 *  write(time, event) --> throttle.admit? --yes--> format.line(time, event, addresses) --> out
 *                                         --no---> counted
 *  tick() every second -> throttle.expired(clock) --> one summary line per key with repeats --> out
 * </pre>
 */
public final class BoundedLog {

    private final LogThrottle throttle;
    private final AddressPolicy addresses;
    private final LogFormat format;
    private final Clock clock;
    private final Consumer<String> out;

    public BoundedLog(LogThrottle throttle, AddressPolicy addresses, LogFormat format, Clock clock,
                      Consumer<String> out) {
        this.throttle = throttle;
        this.addresses = addresses;
        this.format = format;
        this.clock = clock;
        this.out = out;
    }

    /** Writes {@code event}, which happened {@code at}, unless it is a repeat past the burst. */
    public void write(Instant at, LogEvent event) {
        if (throttle.admit(event, at)) {
            out.accept(format.line(at, event, addresses));
        }
    }

    /** Writes the summaries of the intervals that are over; the writer calls it about once a second. */
    public void tick() {
        Instant now = clock.instant();
        for (LogEvent summary : throttle.expired(now)) {
            out.accept(format.line(now, summary, addresses));
        }
    }

    /** Writes the summaries of every interval still counting, over or not: the log is closing. */
    public void flushAll() {
        Instant now = clock.instant();
        for (LogEvent summary : throttle.expired(Instant.MAX)) {
            out.accept(format.line(now, summary, addresses));
        }
    }
}
